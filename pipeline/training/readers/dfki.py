"""DFKI MobIE (CoNLL) and SmartData (JSON, character spans): person/location*/organization* only."""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from pipeline.training.sentences import LabelledSentence, group_sentences, map_bio_tag

# DFKI concept types kept: every location subtype (city, street, stop, route) is LOC, every
# organisation subtype (company) ORG. Dates, times, numbers, distances, triggers, disaster
# types and positions are not names and become O.
DFKI_LABELS = {
    "person": "PER",
    "location": "LOC", "location-city": "LOC", "location-street": "LOC",
    "location-stop": "LOC", "location-route": "LOC",
    "organization": "ORG", "organization-company": "ORG",
}
# MobIE marks the start of each document with this token line.
DOCUMENT_START = "-DOCSTART-"


def parse_mobie_lines(lines: Iterable[str]) -> Iterator[LabelledSentence]:
    """Yield sentences from MobIE CoNLL-2003 lines (`token TAB pos TAB chunk TAB ner`)."""
    return group_sentences(read_mobie_row(line) for line in lines)


def read_mobie_row(line: str) -> tuple[str, str] | None:
    """(word, tag) of one MobIE line; None at a blank line or a document start."""
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) < 4 or fields[0].startswith(DOCUMENT_START):
        return None
    return fields[0], map_bio_tag(fields[3], label_of=DFKI_LABELS)


def read_mobie(path: Path) -> list[LabelledSentence]:
    """Read one gzipped MobIE NER CoNLL file into sentences."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return list(parse_mobie_lines(lines))


def unwrap_avro(value):
    """Unwrap Avro's JSON encoding of nullable fields ({"string": x}, {"array": [...]})."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in {"string", "array", "map"}:
        return next(iter(value.values()))
    return value


def convert_smartdata_document(record: dict, *, nlp: Language) -> Doc:
    """Tokenise one SmartData document and set its kept concept mentions as entities."""
    text = unwrap_avro(record["text"])
    doc = nlp.make_doc(text)
    spans = []
    for mention in unwrap_avro(record.get("conceptMentions")) or []:
        label = DFKI_LABELS.get(mention["type"].lower().replace("_", "-"))
        span = doc.char_span(mention["span"]["start"], mention["span"]["end"],
                             label=label, alignment_mode="expand") if label else None
        if span is not None:
            spans.append(span)
    doc.set_ents(filter_spans(spans), default="outside")
    return doc


def read_smartdata(path: Path, *, nlp: Language, sources: frozenset[str] | None = None) -> list[Doc]:
    """Read SmartData JSON lines into Docs, keeping only the given sources (news, rss, tweet)."""
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            source = (unwrap_avro(record.get("refids")) or {}).get("source")
            if sources is None or source in sources:
                docs.append(convert_smartdata_document(record, nlp=nlp))
    return docs
