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
unreadable path or folder, a FIFO, socket or device in a folder, a symbolic link out of the
folder unless `follow_links`, file over `max_bytes`, empty file, binary or undecodable bytes,
malformed or too deeply nested JSON, a record without text, HTML without main text). Its doc_id
hashes the bytes that were read; for a path that could not be read at all, the path.
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

import trafilatura

from pipeline.decode import DecodeError, decode_bytes, normalize_text, replace_lone_surrogates
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
# The byte order mark some editors put at the start of UTF-8 files.
UTF8_BOM = b"\xef\xbb\xbf"
# trafilatura date search: the original publication date, from metadata only (no guessing in text).
DATE_EXTRACTION_PARAMS = {"extensive_search": False, "original_date": True}


def read_documents(
    inputs: Sequence[str | Path], *, max_bytes: int, stdin_format: str = DEFAULT_FORMAT, follow_links: bool = False
) -> Iterator[SourceDocument]:
    """Yield the documents of all inputs in order: directories, files and "-" for stdin.

    In a directory, what cannot be read as a file (a FIFO, a socket, a device, an unreadable
    folder, a symbolic link out of the directory unless ``follow_links``) gives an error document.
    """
    if stdin_format not in FMT_BY_READER:
        raise ValueError(f"unknown stdin format {stdin_format!r}; use one of {', '.join(FMT_BY_READER)}")
    for item in inputs:
        if str(item) == STDIN_INPUT:
            yield from read_stream(sys.stdin.buffer, source=STDIN_SOURCE, reader=stdin_format,
                                   max_bytes=max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            for relative, problem in list_directory(path, follow_links=follow_links):
                reader = FORMAT_BY_EXTENSION.get(relative.suffix.lower(), DEFAULT_FORMAT)
                source = replace_lone_surrogates(relative.as_posix())
                if problem is not None:
                    yield path_error(path / relative, source=source, reader=reader, error=problem)
                else:
                    yield from read_file(path / relative, source=source, max_bytes=max_bytes, reader=reader)
        else:  # a file named explicitly is read whatever it is (a FIFO from "<(zcat a.txt.gz)" too)
            yield from read_file(path, source=replace_lone_surrogates(path.name), max_bytes=max_bytes,
                                 reader=FORMAT_BY_EXTENSION.get(path.suffix.lower(), DEFAULT_FORMAT))


def count_documents(inputs: Sequence[str | Path], *, max_bytes: int, follow_links: bool = False) -> int | None:
    """How many documents ``read_documents`` will yield, counted without decoding, for a progress
    bar: one per file, one per non-blank line of a JSONL file. None when that cannot be known
    cheaply: stdin, or a JSON file holding a list."""
    total = 0
    for item in inputs:
        if str(item) == STDIN_INPUT:
            return None
        path = Path(item)
        files = ([path / relative for relative, _ in list_directory(path, follow_links=follow_links)]
                 if path.is_dir() else [path])
        for file in files:
            count = count_file_documents(file, max_bytes=max_bytes)
            if count is None:
                return None
            total += count
    return total


def count_file_documents(path: Path, *, max_bytes: int) -> int | None:
    """The documents of one file as count_documents counts them (an unreadable file is one error)."""
    reader = FORMAT_BY_EXTENSION.get(path.suffix.lower(), DEFAULT_FORMAT)
    if reader not in ("json", "jsonl") or not path.is_file():
        return 1
    try:
        if path.stat().st_size > max_bytes:
            return 1
        with path.open("rb") as stream:
            if reader == "json":
                start = stream.read(READ_CHUNK_BYTES).lstrip().removeprefix(UTF8_BOM).lstrip()
                return None if start.startswith(b"[") else 1
            return max(1, sum(1 for line in stream if line.strip()))
    except OSError:
        return 1


def list_directory(root: Path, *, follow_links: bool = False) -> list[tuple[Path, str | None]]:
    """The files under `root` to read, as relative paths sorted, hidden ones left out, each with
    the problem that keeps it from being read (None for a readable regular file); a folder that
    cannot be listed is listed with its problem."""
    found: list[tuple[Path, str | None]] = []
    real_root = root.resolve()

    def record_unlistable(error: OSError) -> None:
        found.append((Path(error.filename).relative_to(root), f"cannot read folder: {error.strerror or error}"))

    for directory, subdirectories, files in os.walk(root, onerror=record_unlistable, followlinks=follow_links):
        subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
        for name in files:
            path = Path(directory, name)
            if not name.startswith(".") and path.suffix.lower() in FORMAT_BY_EXTENSION:
                problem = special_file_problem(path)
                if problem is None and not follow_links and path.is_symlink() and not path.resolve().is_relative_to(real_root):
                    problem = "symbolic link to a file outside the input folder (not followed; see --follow-links)"
                found.append((path.relative_to(root), problem))
    return sorted(found, key=lambda entry: entry[0].parts)


def special_file_problem(path: Path) -> str | None:
    """Why `path` is not a regular file to read (reading a FIFO would wait forever), else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # reading it reports the error
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return f"not a regular file: {kind}"
    return None


def path_error(path: Path, *, source: str, reader: str, error: str) -> SourceDocument:
    """The error document of a path that could not be read; its id hashes the path."""
    return make_error_document(hash_bytes(str(path).encode("utf-8", "surrogateescape")), source=source,
                               fmt=FMT_BY_READER[reader], error=error)


def read_file(path: Path, *, source: str, reader: str, max_bytes: int) -> Iterator[SourceDocument]:
    """Yield the documents of one file; an unreadable file gives one error document."""
    try:
        with path.open("rb") as stream:
            yield from read_stream(stream, source=source, reader=reader, max_bytes=max_bytes)
    except OSError as error:
        yield path_error(path, source=source, reader=reader, error=f"cannot read {path}: {error.strerror or error}")


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
        yield from parse_jsonl_file(text, path=source, file_id=doc_id)
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
