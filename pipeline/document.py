"""The source document: one input text, decoded and normalised, before cleaning."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceDocument:
    """One document read from the inputs; `text` is None exactly when `error` is set.

    doc_id: "sha256:" + hex digest of the raw input bytes (of the record for JSON/JSONL).
    source: path relative to the input root ("sub/a.html"), "path:id" for a JSON record.
    fmt: "txt", "html" or "json" (also for JSONL).
    published: ISO date YYYY-MM-DD when known.
    warnings: problems that did not stop the document (an unreadable date).
    """

    doc_id: str
    source: str
    fmt: str
    text: str | None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()


def hash_bytes(data: bytes) -> str:
    """Return the document id for `data`: "sha256:" and the hex digest."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def make_error_document(doc_id: str, *, source: str, fmt: str, error: str) -> SourceDocument:
    """Return a document that carries only its id, origin and a one-line error."""
    return SourceDocument(doc_id=doc_id, source=source, fmt=fmt, text=None,
                          error=" ".join(error.split()))
