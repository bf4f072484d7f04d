"""Gold event annotations: the models, the reader of our JSONL format and the DFKI converters.

A gold file holds one JSON object per sentence. A record either carries its ``text``
(``{"id", "text", "date", "events"}``) or, where the corpus licence forbids copying the text,
a ``source`` pointer into a corpus below ``data_dir`` plus the sha1 of the sentence text
(``{"id", "source": {"corpus", "row", "start", "end"}, "text_sha1", "date", "events"}``).
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field

from pipeline.schema import Role, Status

# The default event types of the spec (event-schema.md, "Default event types").
SPEC_EVENT_TYPES = frozenset({
    "MEETING", "VISIT", "CALL", "AGREEMENT", "COOPERATION", "SUPPORT", "CRITICISM", "DEMAND",
    "THREAT", "CONGRATULATION", "ELECTION", "TAKE_OFFICE", "RESIGNATION", "APPOINTMENT", "SANCTION",
    "ATTACK", "MILITARY_EXERCISE", "PROTEST", "ARREST", "TRIAL",
    "ACQUISITION", "MERGER", "INSOLVENCY", "LAYOFFS", "STRIKE",
    "ACCIDENT", "TRAFFIC_JAM", "DELAY", "CANCELLATION", "OBSTRUCTION", "DISASTER",
})

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # the date part of a DFKI timestamp

# Where each corpus named in a pointer lives below data_dir.
CORPUS_FILES = {
    "gnad10k": "gnad10k/test.csv.gz",
    "smartdata_v3_dev": "dfki_smartdata/v3_dev.jsonl.gz",
    "mobie_dev": "dfki_mobie/dev.jsonl.gz",
}

# DFKI relation name -> our event type; relations not listed (OrganizationLeadership, SpinOff,
# RailReplacementService) have no counterpart and are dropped.
DFKI_EVENT_TYPES = {
    "Acquisition": "ACQUISITION", "Merger": "MERGER", "Insolvency": "INSOLVENCY",
    "Layoffs": "LAYOFFS", "Strike": "STRIKE", "Accident": "ACCIDENT",
    "TrafficJam": "TRAFFIC_JAM", "Delay": "DELAY", "CanceledRoute": "CANCELLATION",
    "CanceledStop": "CANCELLATION", "Obstruction": "OBSTRUCTION", "Disaster": "DISASTER",
}

# DFKI argument role -> our role. The buyer acts on what it acquires; the merging companies
# ("old") are symmetric parties; the company is the one that goes bankrupt or lays off; in a
# strike the union and the strikers act against the company (DFKI_STRIKE_ROLES). Route ends
# and the affected route or place of a traffic event are all where it happens. The pseudo-roles "trigger",
# "type" (the trigger of a Disaster) and the dates are handled apart; the rest (price,
# num_laid_off, victims, cause, delay, jam_length, direction, end_date, the new company of a
# merger) has no role of ours and is dropped.
DFKI_ROLES = {
    "buyer": "agent", "acquired": "target", "old": "participant",
    "company": "agent", "union": "agent", "striker": "agent",
    "location": "location", "start_loc": "location", "end_loc": "location", "route": "location",
}
# In a Strike the DFKI "company" is the employer struck against: our target, not the agent.
DFKI_STRIKE_ROLES = {**DFKI_ROLES, "company": "target"}
DFKI_TRIGGER_ROLES = ("trigger", "type")  # "type" names a disaster ("Erdbeben"): its trigger
DFKI_TIME_ROLES = ("date", "start_date")  # the time an event starts, when annotated


class GoldArgument(BaseModel):
    """An argument as the annotator wrote it: its role and its shortest full name."""

    model_config = ConfigDict(extra="forbid")
    role: Role
    text: str


class GoldTime(BaseModel):
    """The time of an event: its words and TIMEX3 value (None when not resolvable).

    A range ("15. und 16. Mai") also gives its ``begin`` and ``end_value``; its ``value`` is the begin.
    """

    model_config = ConfigDict(extra="forbid")
    text: str
    value: str | None = None
    begin: str | None = None
    end_value: str | None = None


class GoldEvent(BaseModel):
    """One annotated event; ``trigger`` is None only where a DFKI relation marks none."""

    model_config = ConfigDict(extra="forbid")
    type: str
    trigger: str | None
    status: Status = "occurred"
    negated: bool = False
    reported_by: str | None = None
    arguments: list[GoldArgument] = Field(default_factory=list)
    time: GoldTime | None = None


class GoldSource(BaseModel):
    """Where a sentence lives in a corpus: the row (or document id) and character offsets."""

    model_config = ConfigDict(extra="forbid")
    corpus: Literal["gnad10k", "smartdata_v3_dev", "mobie_dev"]
    row: int | str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class GoldSentence(BaseModel):
    """A sentence with all events of our types it mentions (possibly none)."""

    model_config = ConfigDict(extra="forbid")
    id: str
    text: str
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    events: list[GoldEvent] = Field(default_factory=list)
    source: GoldSource | None = None


class GoldTextError(ValueError):
    """A pointer record whose text cannot be resolved or no longer matches its sha1."""


def compute_text_sha1(text: str) -> str:
    """Return the hex sha1 of a sentence's UTF-8 bytes, as stored in ``text_sha1``."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def read_gold(path: Path, *, data_dir: Path | None) -> list[GoldSentence]:
    """Read a gold JSONL file; records without ``text`` are resolved against ``data_dir``."""
    sentences = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        if "text" not in record:
            record["text"] = resolve_pointer(record, data_dir=data_dir, where=f"{path}:{number}")
        record.pop("text_sha1", None)
        sentences.append(GoldSentence.model_validate(record))
    return sentences


def resolve_pointer(record: dict, *, data_dir: Path | None, where: str) -> str:
    """Return the sentence a pointer record points to, checked against its ``text_sha1``."""
    if "source" not in record:
        raise GoldTextError(f"{where}: record {record.get('id')} has neither text nor source")
    source = GoldSource.model_validate(record["source"])
    if data_dir is None:
        raise GoldTextError(f"{where}: record {record['id']} points into {source.corpus}; pass data_dir")
    corpus_file = Path(data_dir) / CORPUS_FILES[source.corpus]
    if not corpus_file.is_file():
        raise GoldTextError(f"{where}: corpus file {corpus_file} is missing")
    document = load_corpus_texts(corpus_file, corpus=source.corpus).get(source.row)
    if document is None:
        raise GoldTextError(f"{where}: {source.corpus} has no row {source.row!r}")
    text = document[source.start:source.end]
    if compute_text_sha1(text) != record.get("text_sha1"):
        raise GoldTextError(
            f"{where}: text of {record['id']} changed or offsets are wrong "
            f"(sha1 {compute_text_sha1(text)} != {record.get('text_sha1')}): {text[:60]!r}"
        )
    return text


@cache
def load_corpus_texts(corpus_file: Path, *, corpus: str) -> dict[int | str, str]:
    """Map each row index (gnad10k) or document id (DFKI) of a corpus to its text."""
    if corpus == "gnad10k":
        with gzip.open(corpus_file, "rt", encoding="utf-8", newline="") as stream:
            return {row: fields[1] for row, fields in enumerate(csv.reader(stream, delimiter=";", quotechar="'"))}
    return {unwrap_avro(doc["id"]): unwrap_avro(doc["text"]) for doc in read_dfki_documents(corpus_file)}


def read_dfki_documents(corpus_file: Path) -> Iterator[dict]:
    """Yield the documents of a DFKI JSONL file, one JSON object per line."""
    with gzip.open(corpus_file, "rt", encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield json.loads(line)


def unwrap_avro(value: object) -> object:
    """Strip Avro's JSON union wrappers (``{"string": ...}``, ``{"array": [...]}``) from a value."""
    if isinstance(value, dict) and len(value) == 1:
        (key, inner), = value.items()
        if key in ("string", "array", "map", "float", "int", "long", "boolean"):
            return inner
    return value


def read_dfki_gold(*, data_dir: Path, corpus: Literal["smartdata", "mobie"]) -> list[GoldSentence]:
    """Convert the DFKI relation mentions of smartdata v3 dev or MobIE dev into gold sentences.

    Every sentence of every document becomes a record (most without events); a relation is
    placed in the sentence holding its trigger (else its first argument) and keeps only the
    arguments inside that sentence. Dates keep their words; their TIMEX3 value is left None.
    """
    corpus_name = {"smartdata": "smartdata_v3_dev", "mobie": "mobie_dev"}[corpus]
    sentences = []
    for doc in read_dfki_documents(Path(data_dir) / CORPUS_FILES[corpus_name]):
        doc_id, text = unwrap_avro(doc["id"]), unwrap_avro(doc["text"])
        date = read_iso_date(unwrap_avro(doc.get("date")))
        spans = [(s["span"]["start"], s["span"]["end"]) for s in unwrap_avro(doc["sentences"]) or []]
        events_by_span: dict[tuple[int, int], list[GoldEvent]] = {span: [] for span in spans}
        for relation in unwrap_avro(doc.get("relationMentions")) or []:
            placed = convert_dfki_relation(relation, text=text, sentence_spans=spans)
            if placed is not None:
                events_by_span[placed[0]].append(placed[1])
        sentences.extend(
            GoldSentence(
                id=f"{corpus_name}:{doc_id}:{start}", text=text[start:end], date=date,
                events=events_by_span[(start, end)],
                source=GoldSource(corpus=corpus_name, row=doc_id, start=start, end=end),
            )
            for start, end in spans
        )
    return sentences


def read_iso_date(value: str | None) -> str | None:
    """Return the ``YYYY-MM-DD`` part of a DFKI timestamp; None for tweet ids stored as dates."""
    return value[:10] if value and ISO_DATE.match(value) else None


def convert_dfki_relation(
    relation: dict, *, text: str, sentence_spans: list[tuple[int, int]]
) -> tuple[tuple[int, int], GoldEvent] | None:
    """Return the sentence span and our event for a DFKI relation, None for unmapped types."""
    event_type = DFKI_EVENT_TYPES.get(relation["name"])
    args = [(arg["role"], unwrap_avro(arg["conceptMention"])["span"]) for arg in unwrap_avro(relation["args"])]
    if event_type is None or not args:
        return None
    triggers = [span for role, span in args if role in DFKI_TRIGGER_ROLES]
    anchor = (triggers or [span for _, span in args])[0]["start"]
    sentence = next(((s, e) for s, e in sentence_spans if s <= anchor < e), None)
    if sentence is None:
        return None
    inside = [(role, text[span["start"]:span["end"]]) for role, span in args
              if sentence[0] <= span["start"] and span["end"] <= sentence[1]]
    times = [words for role, words in inside if role in DFKI_TIME_ROLES]
    roles = DFKI_STRIKE_ROLES if relation["name"] == "Strike" else DFKI_ROLES
    return sentence, GoldEvent(
        type=event_type,
        trigger=next((words for role, words in inside if role in DFKI_TRIGGER_ROLES), None),
        arguments=[GoldArgument(role=roles[role], text=words) for role, words in inside if role in roles],
        time=GoldTime(text=times[0]) if times else None,
    )
