"""Read input documents from directories, files and stdin.

Inputs: a directory is walked recursively in sorted order of relative path; hidden files and
directories (name starting with ".") and files with an unknown extension are skipped there,
since folders hold READMEs and tool files. A file named explicitly is always read, as text
when its extension is unknown. "-" reads stdin (as `stdin_format`, text by default).
`source` is the path relative to the root the file was found under: the directory for files
inside a directory, the parent for a file named explicitly (so just its name), "<stdin>" for stdin.

Formats by extension: .txt (title: first non-empty line), .html/.htm (main text, title and
date by trafilatura, no network), .json and .jsonl (see pipeline.records).

Bad input never stops the batch: it yields a SourceDocument with `error` set (missing or
unreadable path, file over `max_bytes`, empty file, binary or undecodable bytes, malformed JSON,
a record without text, HTML without main text). Its doc_id hashes the bytes that were read;
for a path that could not be read at all, the path.
"""
from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

import trafilatura

from pipeline.decode import DecodeError, decode_bytes, normalize_text
from pipeline.document import SourceDocument, hash_bytes, make_error_document
from pipeline.records import parse_json_file, parse_jsonl_file

# The input name that means standard input, and the source name its documents get.
STDIN_INPUT = "-"
STDIN_SOURCE = "<stdin>"
# Reader for each known file extension (lower case).
FORMAT_BY_EXTENSION = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
# Reader for a file named explicitly whose extension is unknown.
DEFAULT_FORMAT = "txt"
# Format name a document reports for each reader (JSONL records are JSON records).
FMT_BY_READER = {"txt": "txt", "html": "html", "json": "json", "jsonl": "json"}
# Bytes read from a stream per step while hashing and measuring it.
READ_CHUNK_BYTES = 1 << 16
# trafilatura date search: the original publication date, from metadata only (no guessing in text).
DATE_EXTRACTION_PARAMS = {"extensive_search": False, "original_date": True}


def read_documents(
    inputs: Sequence[str | Path], *, max_bytes: int, stdin_format: str = DEFAULT_FORMAT
) -> Iterator[SourceDocument]:
    """Yield the documents of all inputs in order: directories, files and "-" for stdin."""
    if stdin_format not in FMT_BY_READER:
        raise ValueError(f"unknown stdin format {stdin_format!r}; use one of {', '.join(FMT_BY_READER)}")
    for item in inputs:
        if str(item) == STDIN_INPUT:
            yield from read_stream(sys.stdin.buffer, source=STDIN_SOURCE, reader=stdin_format,
                                   max_bytes=max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            for relative in list_directory(path):
                yield from read_file(path / relative, source=relative.as_posix(), max_bytes=max_bytes,
                                     reader=FORMAT_BY_EXTENSION[relative.suffix.lower()])
        else:
            yield from read_file(path, source=path.name, max_bytes=max_bytes,
                                 reader=FORMAT_BY_EXTENSION.get(path.suffix.lower(), DEFAULT_FORMAT))


def list_directory(root: Path) -> list[Path]:
    """Return the readable files under `root` as relative paths, sorted, hidden ones left out."""
    found = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in FORMAT_BY_EXTENSION:
                found.append(Path(directory, name).relative_to(root))
    return sorted(found, key=lambda relative: relative.parts)


def read_file(path: Path, *, source: str, reader: str, max_bytes: int) -> Iterator[SourceDocument]:
    """Yield the documents of one file; an unreadable file gives one error document."""
    try:
        with path.open("rb") as stream:
            yield from read_stream(stream, source=source, reader=reader, max_bytes=max_bytes)
    except OSError as error:
        yield make_error_document(hash_bytes(str(path).encode("utf-8")), source=source,
                                  fmt=FMT_BY_READER[reader],
                                  error=f"cannot read {path}: {error.strerror or error}")


def read_stream(stream: BinaryIO, *, source: str, reader: str, max_bytes: int) -> Iterator[SourceDocument]:
    """Yield the documents of one byte stream, checking size, emptiness and encoding first."""
    fmt = FMT_BY_READER[reader]
    data, doc_id, size = read_limited(stream, max_bytes=max_bytes)
    if data is None:
        yield make_error_document(doc_id, source=source, fmt=fmt,
                                  error=f"input too large: {size} bytes, limit {max_bytes}")
        return
    if not data.strip():
        yield make_error_document(doc_id, source=source, fmt=fmt, error="empty input")
        return
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        yield make_error_document(doc_id, source=source, fmt=fmt, error=f"not text: {error}")
        return
    for document in parse_text(decoded.text, source=source, doc_id=doc_id, reader=reader):
        yield replace(document, warnings=(decoded.warning, *document.warnings)) if decoded.warning else document


def parse_text(text: str, *, source: str, doc_id: str, reader: str) -> Iterator[SourceDocument]:
    """The documents of one decoded input, by its reader."""
    if reader == "json":
        yield from parse_json_file(text, path=source, file_id=doc_id)
    elif reader == "jsonl":
        yield from parse_jsonl_file(text, path=source)
    elif reader == "html":
        yield parse_html(text, source=source, doc_id=doc_id)
    else:
        yield parse_plain_text(text, source=source, doc_id=doc_id)


def read_limited(stream: BinaryIO, *, max_bytes: int) -> tuple[bytes | None, str, int]:
    """Read `stream` to its end: (its bytes, or None when over `max_bytes`; doc id; size)."""
    digest = hashlib.sha256()
    chunks: list[bytes] | None = []
    size = 0
    while chunk := stream.read(READ_CHUNK_BYTES):
        digest.update(chunk)
        size += len(chunk)
        if chunks is not None and size <= max_bytes:
            chunks.append(chunk)
        else:
            chunks = None
    data = b"".join(chunks) if chunks is not None else None
    return data, "sha256:" + digest.hexdigest(), size


def parse_plain_text(text: str, *, source: str, doc_id: str) -> SourceDocument:
    """Return a text document whose title is its first non-empty line."""
    title = next((line.strip() for line in text.split("\n") if line.strip()), None)
    return SourceDocument(doc_id=doc_id, source=source, fmt="txt", text=text, title=title)


def parse_html(html: str, *, source: str, doc_id: str) -> SourceDocument:
    """Return the main text of an HTML page with title, date and URL from its metadata."""
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=DATE_EXTRACTION_PARAMS,
    )
    if extracted is None or not (extracted.text or "").strip():
        return make_error_document(doc_id, source=source, fmt="html", error="no main text found in HTML")
    return SourceDocument(doc_id=doc_id, source=source, fmt="html", text=normalize_text(extracted.text),
                          title=extracted.title or None, published=extracted.date or None,
                          url=extracted.url or None)
