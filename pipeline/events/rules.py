"""Event rules as data: ``configs/events.toml`` read into validated, frozen objects.

A bad rule (unknown frame, unknown role, a type with no triggers, a misspelt key) fails at
load time with a message naming the table and key, never later in the middle of a batch.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Role = Literal["agent", "participant", "target", "destination", "location", "topic", "office"]
# Roles that name a place.
PLACE_ROLES = {"location", "destination"}


class RulesError(ValueError):
    """The event rules file cannot be read or does not validate."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Frame(_Frozen):
    """Which role each grammatical function around a trigger fills."""

    subject: Role | None = None
    object: Role | None = None
    dative: Role | None = None
    possessor: Role | None = None
    passive_agent: Role | None = None
    # The role of the noun in a light-verb construction: "übernimmt die EU-Präsidentschaft" →
    # office; by default the noun is part of the trigger and fills no role.
    light_noun: Role | None = None
    preps: dict[str, Role] = Field(default_factory=dict)
    # Whether a noun trigger takes the subject of the verb that governs it ("Putin plant einen
    # Besuch"); not for elections ("X gratuliert zur Wiederwahl": X is not elected).
    governor_subject: bool = True

    def role_of(self, function: str) -> Role | None:
        """The role of a grammatical function ("subject", ...) or of a preposition ("mit");
        "governor_subject" is the subject of the verb that governs a noun trigger; "place in" a
        place named elsewhere in a noun trigger's clause, which fills only a place role."""
        if function == "governor_subject":
            return self.subject if self.governor_subject else None
        if function.startswith("place "):
            role = self.preps.get(function.removeprefix("place "))
            return role if role in PLACE_ROLES else None
        if function in {"subject", "object", "dative", "possessor", "passive_agent", "light_noun"}:
            return getattr(self, function)
        return self.preps.get(function)


class EventType(_Frozen):
    """The triggers of one event type and the frame that fills its roles."""

    frame: str
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    not_nouns: tuple[str, ...] = ()
    light_verbs: tuple[str, ...] = ()
    light_nouns: tuple[str, ...] = ()
    needs: tuple[Role, ...] = ()

    @model_validator(mode="after")
    def _has_triggers(self) -> "EventType":
        if not self.verbs and not self.nouns:
            raise ValueError("an event type needs at least one verb or noun trigger")
        return self


class Modality(_Frozen):
    planned: frozenset[str]
    promised: frozenset[str] = frozenset()
    postponed: frozenset[str]
    possible: frozenset[str]
    cancelled: frozenset[str]
    negation: frozenset[str]
    past_forms: frozenset[str] = frozenset()


class Attribution(_Frozen):
    speech_verbs: frozenset[str]
    prepositions: frozenset[str]
    postpositions: frozenset[str]


class EventRules(_Frozen):
    """Everything the event extractor knows, as loaded from one TOML file."""

    frames: dict[str, Frame]
    types: dict[str, EventType]
    modality: Modality
    attribution: Attribution

    @model_validator(mode="after")
    def _frames_exist(self) -> "EventRules":
        for name, event_type in self.types.items():
            if event_type.frame not in self.frames:
                raise ValueError(f"types.{name}: unknown frame {event_type.frame!r} (known: {', '.join(self.frames)})")
        return self

    def frame_of(self, event_type: str) -> Frame:
        return self.frames[self.types[event_type].frame]


def load_rules(path: Path) -> EventRules:
    """Read and validate the event rules at ``path``."""
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RulesError(f"cannot read event rules {path}: {error}") from error
    return parse_rules(data, origin=str(path))


def parse_rules(data: dict, *, origin: str = "<rules>") -> EventRules:
    """Validate rules given as a dict (the parsed TOML)."""
    try:
        return EventRules.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in issue['loc'])}: {issue['msg']}" for issue in error.errors()
        )
        raise RulesError(f"invalid event rules in {origin}: {problems}") from error
