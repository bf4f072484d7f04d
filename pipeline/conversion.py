"""The one boundary where spaCy objects become pydantic records.

Upstream of this module everything is a ``Doc``; downstream everything is a validated
``DocumentRecord``. Entity clusters are built here, arguments and sources are linked to them,
and mentions of one event are merged (``pipeline.merge``).
"""
from __future__ import annotations

from typing import Mapping

from spacy.tokens import Doc

from .document import SourceDocument
from .entities import cluster_entities
from .gazetteer import Gazetteer
from .merge import merge_events
from .schema import (
    Argument,
    Attribution,
    DocumentRecord,
    Dropped,
    EntityCluster,
    Event,
    EventTime,
    Mention,
    ModelInfo,
    TimeExpression,
)
from .text import PreparedText


def build_record(
    doc: Doc | None,
    *,
    source: SourceDocument,
    prepared: PreparedText,
    model: ModelInfo,
    gazetteer: Gazetteer | None,
    needs: Mapping[str, tuple[str, ...]],
) -> DocumentRecord:
    """The document record of an analysed (or, with ``doc`` None, unanalysed) document.

    ``needs`` maps each configured event type to the roles one of which its events must have.
    """
    entities = cluster_entities(doc, gazetteer=gazetteer) if doc is not None else []
    times = [time_expression(span) for span in doc.spans.get("times", [])] if doc is not None else []
    events = [to_event(raw, doc=doc, entities=entities) for raw in (doc._.events or [])] if doc is not None else []
    warnings = list(source.warnings)
    if doc is None and prepared.language not in (None, "de"):
        warnings.append(f"no German text: the document is {prepared.language}")
    return DocumentRecord.model_validate(
        {
            "doc_id": source.doc_id,
            "source": source.source,
            "title": source.title,
            "published": source.published,
            "language": prepared.language,
            "language_score": round(prepared.language_score, 4),
            "text": prepared.text,
            "dropped": [Dropped(start=d.start, end=d.end, reason=d.reason, language=d.language) for d in prepared.dropped],
            "entities": entities,
            "times": times,
            "events": merge_events(events, needs=needs),
            "model": model,
            "warnings": warnings,
        },
        context={"event_types": list(needs)},
    )


def error_record(source: SourceDocument, *, error: str, model: ModelInfo | None) -> DocumentRecord:
    """The record of a document that could not be read or analysed: it never vanishes."""
    return DocumentRecord(
        doc_id=source.doc_id,
        source=source.source,
        status="error",
        title=source.title,
        published=source.published,
        model=model,
        errors=[error],
        warnings=list(source.warnings),
    )


def time_expression(span) -> TimeExpression:
    timex = span._.timex
    return TimeExpression(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        type=span.label_,
        value=timex.value if timex else None,
        begin=timex.begin if timex else None,
        end_value=timex.end_value if timex else None,
        granularity=timex.granularity if timex else None,
    )


def to_event(raw: dict, *, doc: Doc, entities: list[EntityCluster]) -> Event:
    """One event dict of the extractor as a pydantic event, linked to the entity clusters."""
    text = doc.text
    trigger = mention(text, raw["trigger"])
    source = raw["reported_by"]
    time = None
    if raw["time"] is not None:
        start, end = raw["time"]["start"], raw["time"]["end"]
        span = next(s for s in doc.spans["times"] if s.start_char == start and s.end_char == end)
        expression = time_expression(span)
        time = EventTime(**expression.model_dump(exclude={"type"}))
    return Event(
        id=raw["id"],
        type=raw["type"],
        trigger=trigger,
        mentions=[trigger],
        sentence=mention(text, raw["sentence"]),
        status=raw["status"],
        negated=raw["negated"],
        reported_by=Attribution(text=text[source["start"] : source["end"]], entity_id=entity_at(entities, source)) if source else None,
        arguments=[
            Argument(
                role=argument["role"],
                **mention(text, argument).model_dump(),
                entity_id=entity_at(entities, argument),
                label=label_of(entities, entity_at(entities, argument)),
            )
            for argument in raw["arguments"]
        ],
        time=time,
        confidence=raw["confidence"],
        rule=raw["rule"],
    )


def mention(text: str, offsets: dict) -> Mention:
    return Mention(text=text[offsets["start"] : offsets["end"]], start=offsets["start"], end=offsets["end"])


def entity_at(entities: list[EntityCluster], offsets: dict) -> str | None:
    """The cluster with a mention covering the last word of ``offsets`` (the head of a German
    noun phrase: "Russlands Präsident" is not Russland, "Staatschef Xi Jinping" is Xi)."""
    end = offsets["end"]
    for cluster in entities:
        for item in cluster.mentions:
            if item.start < end <= item.end and item.start >= offsets["start"]:
                return cluster.id
    return None


def label_of(entities: list[EntityCluster], entity_id: str | None):
    return next((cluster.label for cluster in entities if cluster.id == entity_id), None)
