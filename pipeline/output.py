"""Writing results: atomic chunks while a run goes on, the final files at its end.

While a batch runs, records go to ``DIR/parts/part-NNNNN.jsonl``, each chunk written to a
temporary file and renamed into place, so a crash never leaves a truncated record. A rerun
reads the parts to skip what is done. At the end the parts are assembled, in input order, into
``documents.jsonl``, ``events.jsonl``, ``entities.jsonl`` and ``report.json`` (each again
written atomically). Files get the mode the user's umask gives new files.

The output folder belongs to one run at a time: ``lock_output`` holds an exclusive lock on
``DIR/.newsevents.lock`` for the run, and a second run on the same folder stops with the first
one's process id. Only what the tool made is ever deleted: ``parts/`` is ours when it holds
our ``manifest.json``, and then only our part files and manifest go.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import socket
import tempfile
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from .schema import DocumentRecord

PARTS = "parts"
MANIFEST = "manifest.json"
LOCK = ".newsevents.lock"
# The final files of a run.
DOCUMENTS_FILE, EVENTS_FILE, ENTITIES_FILE, REPORT_FILE = "documents.jsonl", "events.jsonl", "entities.jsonl", "report.json"
# A record is identified by its content hash and where it came from: two identical files
# under different names are two documents.
RecordKey = tuple[str, str]


class OutputError(OSError):
    """The output folder cannot be written."""


def record_key(record: DocumentRecord) -> RecordKey:
    return record.doc_id, record.source


@contextmanager
def lock_output(out_dir: Path) -> Iterator[None]:
    """Hold the output folder for one run; OutputError names the run that holds it already."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle = (out_dir / LOCK).open("a+", encoding="utf8")
    except OSError as error:
        raise OutputError(f"cannot write to {out_dir}: {error}") from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another run"
            raise OutputError(f"{out_dir} is in use by {holder}; wait for it or choose another --out") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"newsevents run {os.getpid()} on {socket.gethostname()}, "
                     f"started {dt.datetime.now(dt.timezone.utc).isoformat(timespec='seconds')}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)  # the lock itself goes with the process; the holder's note goes now


def new_file_mode() -> int:
    """The mode the process's umask gives a new file (temporary files are made 0600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """Write ``path`` through a temporary file in the same folder, renamed into place on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf8", dir=path.parent, prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fchmod(handle.fileno(), new_file_mode())
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
        except OutputError:
            raise
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
        try:
            with atomic_writer(self.parts / f"part-{self.next_part:05d}.jsonl") as handle:
                for record in self.pending:
                    handle.write(record.model_dump_json() + "\n")
        except OSError as error:  # a full or read-only disk: what is written stays for a rerun
            raise OutputError(f"cannot write to {self.parts}: {error.strerror or error}; the {len(self.done)} "
                              "documents written before are kept, and a rerun resumes after them") from error
        self.done.update(record_key(record) for record in self.pending)
        self.pending = []
        self.next_part += 1


def prepare_parts(parts: Path, *, fingerprint: str, force: bool) -> None:
    """Keep the parts of an earlier run with the same settings; otherwise start afresh, deleting
    only our own files (a ``parts`` folder without our manifest is not ours: OutputError)."""
    manifest = parts / MANIFEST
    if parts.exists() and not manifest.is_file() and any(parts.iterdir()):
        raise OutputError(f"{parts} exists and was not written by newsevents; move it or choose another --out")
    stale = force or not manifest.is_file() or json.loads(manifest.read_text("utf8")).get("fingerprint") != fingerprint
    if stale:
        for part in parts.glob("part-*.jsonl"):
            part.unlink()
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
    try:
        return assemble_results(out_dir, order=order, report=report)
    except OSError as error:  # a full or read-only disk: the parts stay for a rerun
        raise OutputError(f"cannot write the final files in {out_dir}: {error.strerror or error}; "
                          "the analysed documents are kept in parts/, and a rerun writes them") from error


def assemble_results(out_dir: Path, *, order: Iterable[RecordKey], report: dict) -> dict:
    """``write_results`` without the translation of disk errors."""
    index = index_parts(out_dir / PARTS)
    statuses: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    event_types: Counter[str] = Counter()
    duplicates: defaultdict[str, list[str]] = defaultdict(list)
    with (
        atomic_writer(out_dir / DOCUMENTS_FILE) as documents,
        atomic_writer(out_dir / EVENTS_FILE) as events,
        atomic_writer(out_dir / ENTITIES_FILE) as entities,
    ):
        for record in read_records(index, dict.fromkeys(order)):
            documents.write(record.model_dump_json() + "\n")
            statuses[record.status] += 1
            languages[record.language or "unknown"] += 1
            duplicates[record.doc_id].append(record.source)
            row = {"doc_id": record.doc_id, "source": record.source}  # the pair names a document
            for event in record.events:
                event_types[event.type] += 1
                events.write(json.dumps({**row, **event.model_dump()}, ensure_ascii=False) + "\n")
            for cluster in record.entities:
                entities.write(json.dumps({**row, **cluster.model_dump()}, ensure_ascii=False) + "\n")
    report = {
        **report,
        "documents": sum(statuses.values()),
        "by_status": dict(statuses),
        "languages": dict(languages),
        "events_by_type": dict(sorted(event_types.items())),
        "events": sum(event_types.values()),
        # inputs with the same content under several names: each is analysed, each keeps its rows
        "duplicate_inputs": [sources for sources in duplicates.values() if len(sources) > 1],
    }
    with atomic_writer(out_dir / REPORT_FILE) as handle:
        json.dump(report, handle, ensure_ascii=False, indent=2)
    return report


def fingerprint_of(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf8")).hexdigest()[:16]
