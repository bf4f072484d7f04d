"""Writing results: atomic chunks while a run goes on, the final files at its end.

While a batch runs, records go to ``DIR/parts/part-NNNNN.jsonl``, each chunk written to a
temporary file and renamed into place, so a crash never leaves a truncated record. A rerun
reads the parts to skip what is done. At the end the parts are assembled, in input order, into
``documents.jsonl``, ``events.jsonl``, ``entities.jsonl`` and ``report.json`` (each again
written atomically).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from .schema import DocumentRecord

PARTS = "parts"
MANIFEST = "manifest.json"
# A record is identified by its content hash and where it came from: two identical files
# under different names are two documents.
RecordKey = tuple[str, str]


class OutputError(OSError):
    """The output folder cannot be written."""


def record_key(record: DocumentRecord) -> RecordKey:
    return record.doc_id, record.source


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """Write ``path`` through a temporary file in the same folder, renamed into place on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf8", dir=path.parent, prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


class ChunkWriter:
    """Appends records to the parts folder one atomic chunk at a time."""

    def __init__(self, out_dir: Path, *, fingerprint: str, force: bool) -> None:
        self.parts = out_dir / PARTS
        try:
            prepare_parts(self.parts, fingerprint=fingerprint, force=force)
        except OSError as error:
            raise OutputError(f"cannot write to {out_dir}: {error}") from error
        self.done = set(index_parts(self.parts))
        self.next_part = len(list(self.parts.glob("part-*.jsonl"))) + 1
        self.pending: list[DocumentRecord] = []

    def add(self, record: DocumentRecord, *, chunk_size: int) -> None:
        self.pending.append(record)
        if len(self.pending) >= chunk_size:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        with atomic_writer(self.parts / f"part-{self.next_part:05d}.jsonl") as handle:
            for record in self.pending:
                handle.write(record.model_dump_json() + "\n")
        self.done.update(record_key(record) for record in self.pending)
        self.pending = []
        self.next_part += 1


def prepare_parts(parts: Path, *, fingerprint: str, force: bool) -> None:
    """Keep the parts of an earlier run with the same settings; otherwise start afresh."""
    manifest = parts / MANIFEST
    stale = force or not manifest.is_file() or json.loads(manifest.read_text("utf8")).get("fingerprint") != fingerprint
    if stale and parts.exists():
        shutil.rmtree(parts)
    parts.mkdir(parents=True, exist_ok=True)
    with atomic_writer(manifest) as handle:
        json.dump({"fingerprint": fingerprint}, handle)


def index_parts(parts: Path) -> dict[RecordKey, tuple[Path, int]]:
    """Where each record lies in the parts: (part file, byte offset of its line). The last
    record of a key wins. An index, not the records: a run's memory must not grow with them."""
    index: dict[RecordKey, tuple[Path, int]] = {}
    for part in sorted(parts.glob("part-*.jsonl")):
        with part.open("rb") as handle:
            offset = 0
            for line in handle:
                data = json.loads(line)
                index[data["doc_id"], data["source"]] = (part, offset)
                offset += len(line)
    return index


def read_records(index: dict[RecordKey, tuple[Path, int]], keys: Iterable[RecordKey]) -> Iterator[DocumentRecord]:
    """The records of ``keys``, in that order, read one by one from the parts (one part open
    at a time: in a fresh run the parts already hold the input order)."""
    current: tuple[Path, IO[bytes]] | None = None
    try:
        for key in keys:
            part, offset = index[key]
            if current is None or current[0] != part:
                if current is not None:
                    current[1].close()
                current = (part, part.open("rb"))
            current[1].seek(offset)
            yield DocumentRecord.model_validate_json(current[1].readline())
    finally:
        if current is not None:
            current[1].close()


def write_results(out_dir: Path, *, order: Iterable[RecordKey], report: dict) -> dict:
    """Assemble the final files from the parts, in input order, one record in memory at a
    time; return the completed report."""
    index = index_parts(out_dir / PARTS)
    statuses: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    event_types: Counter[str] = Counter()
    with (
        atomic_writer(out_dir / "documents.jsonl") as documents,
        atomic_writer(out_dir / "events.jsonl") as events,
        atomic_writer(out_dir / "entities.jsonl") as entities,
    ):
        for record in read_records(index, dict.fromkeys(order)):
            documents.write(record.model_dump_json() + "\n")
            statuses[record.status] += 1
            languages[record.language or "unknown"] += 1
            for event in record.events:
                event_types[event.type] += 1
                events.write(json.dumps({"doc_id": record.doc_id, **event.model_dump()}, ensure_ascii=False) + "\n")
            for cluster in record.entities:
                entities.write(json.dumps({"doc_id": record.doc_id, **cluster.model_dump()}, ensure_ascii=False) + "\n")
    report = {
        **report,
        "documents": sum(statuses.values()),
        "by_status": dict(statuses),
        "languages": dict(languages),
        "events_by_type": dict(sorted(event_types.items())),
        "events": sum(event_types.values()),
    }
    with atomic_writer(out_dir / "report.json") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=2)
    return report


def fingerprint_of(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf8")).hexdigest()[:16]
