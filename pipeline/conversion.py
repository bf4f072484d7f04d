"""The one boundary where spaCy objects become pydantic records.

Upstream of this module everything is a ``Doc``; downstream everything is a validated
``DocumentRecord``. Entity clusters are built here, arguments and sources are linked to them,
and mentions of one event are merged (``pipeline.merge``).
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Mapping

from spacy.tokens import Doc

from .document import SourceDocument
from .entities import cluster_entities
from .gazetteer import Gazetteer
from .kb import KnowledgeBase
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
    kb: KnowledgeBase | None = None,
    needs: Mapping[str, tuple[str, ...]],
) -> DocumentRecord:
    """The document record of an analysed (or, with ``doc`` None, unanalysed) document.

    ``needs`` maps each configured event type to the roles one of which its events must have.
    """
    entities = cluster_entities(doc, gazetteer=gazetteer, kb=kb) if doc is not None else []
    times = [time_expression(span) for span in doc.spans.get("times", [])] if doc is not None else []
    events = []
    if doc is not None:
        text, times_at = doc.text, {(time.start, time.end): time for time in times}  # doc.text joins every token
        mentions = MentionIndex(entities)
        events = [to_event(raw, text=text, times_at=times_at, mentions=mentions) for raw in doc._.events or []]
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
            "dropped": [Dropped(start=d.start, end=d.end, reason=d.reason, language=d.language, text=source.text[d.start:d.end])
                        for d in prepared.dropped],
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


def to_event(raw: dict, *, text: str, times_at: Mapping[tuple[int, int], TimeExpression],
             mentions: MentionIndex) -> Event:
    """One event dict of the extractor as a pydantic event, linked to the entity clusters and
    to the time expressions (``times_at``: by their character offsets)."""
    trigger = mention(text, raw["trigger"])
    source = raw["reported_by"]
    time = None
    if raw["time"] is not None:
        expression = times_at[raw["time"]["start"], raw["time"]["end"]]
        time = EventTime(**expression.model_dump(exclude={"type"}))
    return Event(
        id=raw["id"],
        type=raw["type"],
        trigger=trigger,
        mentions=[trigger],
        sentence=mention(text, raw["sentence"]),
        status=raw["status"],
        negated=raw["negated"],
        reported_by=Attribution(text=text[source["start"] : source["end"]], entity_id=id_of(mentions.cluster_at(source))) if source else None,
        arguments=[argument_of(text, raw_argument, mentions.cluster_at(raw_argument)) for raw_argument in raw["arguments"]],
        time=time,
        confidence=raw["confidence"],
        rule=raw["rule"],
    )


def argument_of(text: str, raw: dict, cluster: EntityCluster | None) -> Argument:
    return Argument(role=raw["role"], **mention(text, raw).model_dump(), entity_id=id_of(cluster),
                    label=cluster.label if cluster is not None else None, key=cluster.key if cluster is not None else None)


def id_of(cluster: EntityCluster | None) -> str | None:
    return cluster.id if cluster is not None else None


def mention(text: str, offsets: dict) -> Mention:
    return Mention(text=text[offsets["start"] : offsets["end"]], start=offsets["start"], end=offsets["end"])


class MentionIndex:
    """The entity clusters' mentions in text order, to find the cluster at an offset by bisection
    (a long document has thousands of mentions and arguments)."""

    def __init__(self, entities: list[EntityCluster]):
        self.mentions = sorted(((item.start, item.end, cluster) for cluster in entities for item in cluster.mentions),
                               key=lambda found: found[:2])
        self.starts = [start for start, _, _ in self.mentions]

    def cluster_at(self, offsets: dict) -> EntityCluster | None:
        """The cluster with a mention covering the last word of ``offsets`` (the head of a German
        noun phrase: "Russlands Präsident" is not Russland, "Staatschef Xi Jinping" is Xi)."""
        end = offsets["end"]
        index = bisect_left(self.starts, end) - 1
        while index >= 0 and self.starts[index] >= offsets["start"]:
            start, mention_end, cluster = self.mentions[index]
            if end <= mention_end:
                return cluster
            index -= 1
        return None
