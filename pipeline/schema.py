"""The output contract (``../shared/spec/event-schema.md``) as pydantic models.

These models are the single source of truth for what leaves the pipeline: every record is
validated against them before it is written, and ``document_json_schema`` exports them as
JSON Schema. Offsets always point into ``DocumentRecord.text``; a record whose offsets do not
match its text fails validation. Offsets count Unicode code points (Python string indices), not
UTF-8 bytes and not UTF-16 code units (JavaScript's string indices differ beyond U+FFFF).
"""
from __future__ import annotations

from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

CODE_POINT_OFFSET = "character offset in Unicode code points (not UTF-8 bytes, not UTF-16 code units)"

SCHEMA_VERSION = "1"

EntityLabel = Literal["PER", "LOC", "ORG", "MISC"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Status = Literal["occurred", "planned", "possible", "cancelled"]
Role = Literal["agent", "participant", "target", "destination", "location", "topic", "office"]


class Record(BaseModel):
    """Base of every output model: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")


class Mention(Record):
    """A stretch of the analysed text."""

    text: str
    start: int = Field(ge=0, description=CODE_POINT_OFFSET)
    end: int = Field(ge=0, description=CODE_POINT_OFFSET)

    @model_validator(mode="after")
    def _check_order(self) -> "Mention":
        if self.end < self.start:
            raise ValueError(f"end {self.end} before start {self.start}")
        return self


class Dropped(Record):
    """An input segment that was not analysed, with offsets into the raw decoded input."""

    start: int = Field(ge=0, description=CODE_POINT_OFFSET)
    end: int = Field(ge=0, description=CODE_POINT_OFFSET)
    reason: str
    language: str | None = None
    text: str | None = Field(None, description="the dropped segment as it stands in the raw decoded input")


class EntityLink(Record):
    """How an entity got its identity: the rule that linked it and how sure that is."""

    rule: str = Field(description="name / alias (a KB name), country / demonym (the gazetteer), city, city-ambiguous, "
                                  "city-other-spelling (GeoNames), partial-name (a given name alone joined a full name), "
                                  "name-key (not linked: the key is the label and the canonical form)")
    confidence: float | None = Field(None, ge=0.0, le=1.0)


class EntityCluster(Record):
    """All mentions of one entity in a document; ``name`` is its canonical name (the KB's name, else
    the fullest mention without titles), ``key`` the same in every document and run with the same KB."""

    id: str
    label: EntityLabel
    name: str
    mentions: list[Mention]
    normalized: dict[str, str] | None = None
    key: str | None = Field(None, description="corpus-wide key: a Wikidata QID (Q7747), geonames:ID, iso3166:XX, "
                                              "or for an entity the KB does not know LABEL:canonical form (PER:jan müller); null for "
                                              "one that is not identified across documents (a lower-case word, an inhabitant noun such as Wiener)")
    kb: dict[str, str] | None = Field(None, description="ids in knowledge bases: wikidata, geonames, iso3166")
    link: EntityLink | None = None
    country: str | None = Field(None, description="ISO 3166-1 code of the country of a place or person, where the KB has it")
    coordinates: list[float] | None = Field(None, min_length=2, max_length=2, description="latitude, longitude (WGS 84)")


class TimeExpression(Mention):
    """A time expression with its TIMEX3 value (None when it cannot be resolved)."""

    type: TimeType
    value: str | None
    begin: str | None = None
    end_value: str | None = None
    granularity: str | None = None


class EventTime(Mention):
    """The time of an event: a time expression of its clause or sentence."""

    value: str | None
    begin: str | None = None
    end_value: str | None = None
    granularity: str | None = None


class Argument(Mention):
    """A participant of an event in one of the spec's roles."""

    role: Role
    entity_id: str | None = None
    label: EntityLabel | None = None
    key: str | None = Field(None, description="the key of the entity cluster it points at")


class Attribution(Record):
    """The source the text attributes an event to ("sagte eine mit den Plänen vertraute Person")."""

    text: str
    entity_id: str | None = None


class Event(Record):
    """One event; ``type`` must be one of the configured event types (validation context)."""

    id: str
    type: str
    trigger: Mention
    mentions: list[Mention] = Field(default_factory=list, description="every trigger mention merged into this event")
    sentence: Mention
    status: Status
    negated: bool = False
    reported_by: Attribution | None = None
    arguments: list[Argument] = Field(default_factory=list)
    time: EventTime | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str

    @field_validator("type")
    @classmethod
    def _check_type(cls, value: str, info: ValidationInfo) -> str:
        allowed = (info.context or {}).get("event_types")
        if allowed is not None and value not in allowed:
            raise ValueError(f"event type {value!r} is not configured ({', '.join(sorted(allowed))})")
        return value


class ModelInfo(Record):
    """Which spaCy pipeline ran, and which version of this pipeline."""

    name: str
    version: str
    pipeline_version: str
    components: list[str] = Field(default_factory=list)
    fallback: bool = Field(False, description="true when the configured model was absent and another ran")


class DocumentRecord(Record):
    """One input document and everything found in it: one line of ``documents.jsonl``."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    doc_id: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    source: str
    status: Literal["ok", "error"] = "ok"
    title: str | None = None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    language: str | None = None
    language_score: float | None = Field(None, ge=0.0, le=1.0)
    text: str = ""
    dropped: list[Dropped] = Field(default_factory=list)
    entities: list[EntityCluster] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    model: ModelInfo | None = None
    errors: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_offsets(self) -> "DocumentRecord":
        for where, mention in self._mentions():
            if mention.end > len(self.text) or self.text[mention.start : mention.end] != mention.text:
                raise ValueError(
                    f"{where}: {mention.text!r} does not stand at {mention.start}..{mention.end} of the text"
                )
        if self.status == "error" and not self.errors:
            raise ValueError("a record with status 'error' must say its error")
        return self

    def _mentions(self) -> Iterator[tuple[str, Mention]]:
        for cluster in self.entities:
            for mention in cluster.mentions:
                yield f"entity {cluster.id}", mention
        for time in self.times:
            yield "time", time
        for event in self.events:
            yield f"event {event.id} trigger", event.trigger
            yield f"event {event.id} sentence", event.sentence
            for mention in event.mentions:
                yield f"event {event.id} mention", mention
            for argument in event.arguments:
                yield f"event {event.id} {argument.role}", argument
            if event.time is not None:
                yield f"event {event.id} time", event.time


def document_json_schema(*, event_types: list[str]) -> dict:
    """The JSON Schema of a document record, with the configured event types as an enum."""
    schema = DocumentRecord.model_json_schema()
    schema["$defs"]["Event"]["properties"]["type"]["enum"] = sorted(event_types)
    schema["$id"] = f"https://newsevents.invalid/schemas/document-v{SCHEMA_VERSION}.json"
    return schema
