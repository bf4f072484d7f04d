"""JSON and JSONL records as source documents.

A record is an object with `text` and optionally `id`, `title`, `published` (or `date`)
and `url`. Its `doc_id` hashes the record's canonical serialisation (sorted keys, compact,
UTF-8), so the same record has the same id in a .json list, a .jsonl line or alone; a JSONL
line that does not parse is hashed as written. Its `source` is `path:id`, or `path:n` without
an id, n being the line number (JSONL) or the 1-based position in the file (JSON); an id that
repeats in a file gets its count ("path:id#2").
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from pipeline.decode import normalize_text, replace_lone_surrogates
from pipeline.document import SourceDocument, hash_bytes, make_error_document

# Format name every JSON or JSONL record reports.
JSON_FORMAT = "json"
# Date fields in order of preference.
DATE_FIELDS = ("published", "date")
# An ISO date at the start of a date or timestamp string ("2024-05-17", "2024-05-17T10:00Z").
ISO_DATE_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# A German numeric date ("17.05.2024").
GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_json_file(text: str, *, path: str, file_id: str) -> Iterator[SourceDocument]:
    """Yield one document per record of a JSON file holding one object or a list of them.

    `file_id` is the id of the whole file, given to the error document when it does not parse.
    """
    try:
        payload = load_json(text)
    except ValueError as error:
        yield make_error_document(file_id, source=path, fmt=JSON_FORMAT, error=f"malformed JSON: {error}")
        return
    if isinstance(payload, dict):
        yield record_to_document(payload, path=path, position=1)
    elif isinstance(payload, list) and payload:
        yield from unique_sources(record_to_document(record, path=path, position=position)
                                  for position, record in enumerate(payload, start=1))
    else:
        yield make_error_document(file_id, source=path, fmt=JSON_FORMAT,
                                  error="JSON file holds neither an object nor a non-empty list of objects")


def parse_jsonl_file(text: str, *, path: str, file_id: str) -> Iterator[SourceDocument]:
    """Yield one document per non-blank line of a JSONL file; a bad line does not stop the rest.
    A file without any line of text gets an error document (`file_id`), so it never vanishes."""
    empty = True
    for document in unique_sources(parse_jsonl_lines(text, path=path)):
        empty = False
        yield document
    if empty:
        yield make_error_document(file_id, source=path, fmt=JSON_FORMAT, error="JSONL file holds no records")


def unique_sources(documents: Iterable[SourceDocument]) -> Iterator[SourceDocument]:
    """The documents of one file, a repeated record id made unique by its count ("a.jsonl:x#2"),
    so that two records never share both content and source (they would be one record)."""
    seen: Counter[str] = Counter()
    for document in documents:
        seen[document.source] += 1
        count = seen[document.source]
        yield document if count == 1 else replace(document, source=f"{document.source}#{count}")


def parse_jsonl_lines(text: str, *, path: str) -> Iterator[SourceDocument]:
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            record = load_json(line)
        except ValueError as error:
            yield make_error_document(hash_bytes(line.encode("utf-8")), source=f"{path}:{number}", fmt=JSON_FORMAT,
                                      error=f"malformed JSON on line {number}: {error}")
            continue
        yield record_to_document(record, path=path, position=number)


def load_json(text: str) -> Any:
    """The parsed JSON; ValueError also for nesting deeper than Python's recursion allows and
    for integers longer than Python converts (4,300 digits), which json.loads raises otherwise."""
    try:
        return json.loads(text)
    except RecursionError as error:
        raise ValueError("nested too deeply") from error


def record_to_document(record: Any, *, path: str, position: int) -> SourceDocument:
    """Build the document for one parsed record; a record without usable text is an error."""
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    if not isinstance(record, dict):
        return make_error_document(hash_bytes(canonical), source=f"{path}:{position}", fmt=JSON_FORMAT,
                                   error=f"record {position} is not a JSON object")
    record_id = record.get("id")
    source = replace_lone_surrogates(f"{path}:{record_id if record_id not in (None, '') else position}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return make_error_document(hash_bytes(canonical), source=source, fmt=JSON_FORMAT,
                                   error="record has no text (field 'text' missing, empty or not a string)")
    published, warnings = read_record_date(record)
    return SourceDocument(
        doc_id=hash_bytes(canonical),
        source=source,
        fmt=JSON_FORMAT,
        text=normalize_text(text),
        title=read_optional_string(record, "title"),
        published=published,
        url=read_optional_string(record, "url"),
        warnings=warnings,
    )


def read_optional_string(record: dict[str, Any], field: str) -> str | None:
    """Return the stripped string value of `field`, or None when absent, empty or not a string."""
    value = record.get(field)
    return (replace_lone_surrogates(value).strip() or None) if isinstance(value, str) else None


def read_record_date(record: dict[str, Any]) -> tuple[str | None, tuple[str, ...]]:
    """Return the record's publication date as YYYY-MM-DD and warnings for an unreadable one."""
    for field in DATE_FIELDS:
        value = record.get(field)
        if value in (None, ""):
            continue
        date = normalize_date(str(value))
        if date is None:
            return None, (f"unreadable date in field {field!r}: {value!r}",)
        return date, ()
    return None, ()


def normalize_date(value: str) -> str | None:
    """Return `value` ("2024-05-17", "2024-05-17T10:00:00Z", "17.05.2024") as YYYY-MM-DD, else None."""
    value = value.strip()
    if match := ISO_DATE_PREFIX.match(value):
        year, month, day = match.groups()
    elif match := GERMAN_DATE.fullmatch(value):
        day, month, year = match.groups()
    else:
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
