"""The event extractor as a spaCy component: ``nlp.add_pipe("newsevents_events")``.

Like spaCy's span ruler, it loads its rules as data, finds matches in ``__call__`` and then
sets annotations, and stores its rules with the pipeline (``to_disk``/``from_disk``). Events
go to ``doc._.events`` as plain dicts with character offsets, so Docs survive
``nlp.pipe(n_process=...)``; ``pipeline.conversion`` turns them into validated records.
"""
from __future__ import annotations

import tomllib
from bisect import bisect_left
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path

from .arguments import find_arguments
from .modality import attribution_of, is_negated, status_of
from .rules import RulesError, parse_rules
from .syntax import (
    TIGER_LABELS,
    TRIGGERS_KEY,
    clause_range,
    forget_bounds,
    is_noun,
    remember_entities,
    sentence_of,
    sentence_range,
    time_extents,
    time_spans,
    trim_space,
)
from .triggers import TriggerMatch, build_lexicon, find_triggers

DEFAULT_RULES = Path(__file__).resolve().parents[2] / "configs" / "events.toml"
RULES_FILE = "events.toml"
# Entity labels of persons (bundled model and de_core_news_lg, and English-style models).
PERSON_LABELS = {"PER", "PERSON"}
# "auto": the parse path for TIGER parses (de_core_news_lg) and for models whose meta says
# ``"events_syntax": "parse"`` (the encoder tier), the shallow path otherwise.
SYNTAX_MODES = ("auto", "parse", "shallow")
# Key of a model's meta.json naming the path its parse is good for.
MODEL_SYNTAX_KEY = "events_syntax"
# How many tokens are looked at to tell TIGER labels from UD ones.
LABEL_PROBE = 64
# Base confidence by how the trigger was found and whether a parse placed the arguments.
CONFIDENCE = {"verb": 0.8, "light": 0.8, "noun": 0.7}
PARSE_BONUS = 0.1
NO_ARGUMENT_PENALTY = 0.2


def register_extensions() -> None:
    """``doc._.events``: the events of the document, as dicts (idempotent)."""
    if not Doc.has_extension("events"):
        Doc.set_extension("events", default=None)


class EventExtractor:
    """Find event triggers, fill their roles, status, negation, attribution and time."""

    def __init__(
        self, nlp: Language, name: str = "newsevents_events", *, rules_path: str | None = None, syntax: str = "auto"
    ) -> None:
        if syntax not in SYNTAX_MODES:
            raise ValueError(f"syntax must be one of {', '.join(SYNTAX_MODES)}, not {syntax!r}")
        self.name = name
        self.syntax = syntax
        self.model_syntax = nlp.meta.get(MODEL_SYNTAX_KEY)
        path = Path(rules_path or DEFAULT_RULES)
        # A pipeline loaded from disk brings its own rules (from_disk); the file named in its
        # config need not exist any more. Otherwise the rules are read and validated now.
        self.rules_path = path
        self.rules_text: str | None = None
        if path.is_file() or rules_path is None:
            self.load_rules_text(path.read_text(encoding="utf8"), origin=str(path))

    def load_rules_text(self, text: str, *, origin: str) -> None:
        """Validate and index rules given as TOML text."""
        self.rules = parse_rules(tomllib.loads(text), origin=origin)
        self.rules_text = text
        self.lexicon = build_lexicon(self.rules)

    def check_rules(self) -> None:
        if self.rules_text is None:
            raise RulesError(f"event rules not found: {self.rules_path}")

    @property
    def needs(self) -> dict[str, tuple[str, ...]]:
        """Per event type, the roles one of which an event must have after merging."""
        self.check_rules()
        return {name: definition.needs for name, definition in self.rules.types.items()}

    def uses_parse(self, doc: Doc) -> bool:
        """Whether arguments come from the dependency parse: always with ``syntax="parse"``;
        with "auto" for TIGER parses and for models whose meta asks for it. The CNN's UD parser
        placed arguments worse than the shallow patterns (dev argument F1 0.33 against 0.46);
        the encoder tier's parse placed them better on the held-out set (0.353 against 0.305)."""
        if self.syntax == "shallow" or not doc.has_annotation("DEP"):
            return False
        if self.syntax == "parse" or self.model_syntax == "parse":
            return True
        return any(token.dep_ in TIGER_LABELS for token in doc[:LABEL_PROBE])

    def __call__(self, doc: Doc) -> Doc:
        self.check_rules()
        split_fused_names(doc)
        parsed = self.uses_parse(doc)
        matches = find_triggers(doc, lexicon=self.lexicon, parsed=parsed)
        triggers = [match.token for match in matches]
        doc.user_data[TRIGGERS_KEY] = {token.i for token in triggers}
        noun_triggers = sorted(token.i for token in triggers if is_noun(token))
        doc._.events = [
            self.describe(match, index=index, noun_triggers=noun_triggers, parsed=parsed)
            for index, match in enumerate(matches, 1)
        ]
        forget_bounds(doc)
        return doc

    def describe(self, match: TriggerMatch, *, index: int, noun_triggers: list[int], parsed: bool) -> dict[str, Any]:
        """The event dict of one trigger (roles a type ``needs`` are checked after merging)."""
        doc = match.token.doc
        own = [token for token in (match.noun, match.particle) if token is not None]
        source, source_why = attribution_of(match.token, attribution=self.rules.attribution, parsed=parsed, exclude=own)
        arguments = [
            argument
            for argument in find_arguments(
                match.token, frame=self.rules.frame_of(match.type), parsed=parsed, noun=match.noun, exclude=source
            )
            if not self.names_event(argument.span, match.type)
        ]
        time = time_of(match.token, noun_triggers=noun_triggers)
        status, status_why = status_of(match.token, modality=self.rules.modality, own=own, time=time)
        negated, negation_why = is_negated(match.token, modality=self.rules.modality)
        confidence = CONFIDENCE[match.kind] + (PARSE_BONUS if parsed else 0.0)
        if not arguments:
            confidence -= NO_ARGUMENT_PENALTY
        sentence = sentence_of(match.token)
        return {
            "id": f"V{index}",
            "type": match.type,
            "rule": match.rule,
            "trigger": offsets(doc[match.token.i : match.token.i + 1]),
            "sentence": offsets(trim_space(sentence)),
            "status": status,
            "negated": negated,
            "reported_by": offsets(source) if source is not None else None,
            "arguments": [{"role": a.role, **offsets(a.span)} for a in arguments],
            "time": offsets(time) if time is not None else None,
            "confidence": round(min(confidence, 1.0), 2),
            "explanation": [
                f"trigger {match.token.text!r} by rule {match.rule}",
                *(a.why for a in arguments),
                status_why,
                negation_why,
                source_why,
                f"time {time.text!r}" if time is not None else "no time expression in the clause or sentence",
            ],
        }

    def names_event(self, span: Span, event_type: str) -> bool:
        """An argument that is itself a mention of the event ("die Reise" of "Auslandsreise")."""
        return any(found == event_type for found, _ in self.lexicon.noun_types(span[-1]))

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / RULES_FILE).write_text(self.rules_text, encoding="utf8")

    def from_disk(self, path, *, exclude=tuple()) -> "EventExtractor":
        rules = ensure_path(path) / RULES_FILE
        self.load_rules_text(rules.read_text(encoding="utf8"), origin=str(rules))
        return self


def split_fused_names(doc: Doc) -> None:
    """Split a person entity that fuses two names the document names apart: "gratulierte Xi
    Putin" tagged as one PER, where "Xi" and "Putin" are persons elsewhere in the text."""
    original = doc.ents
    remember_entities(doc)  # the extractor's entity list, made once per Doc
    persons = {ent.text for ent in original if ent.label_ in PERSON_LABELS}
    pairs = [ent for ent in original if ent.label_ in PERSON_LABELS and len(ent) == 2 and ent[0].text in persons]
    if not pairs:
        return
    surnames = {name.split()[-1] for name in persons}
    entities = []
    for ent in original:
        if ent in pairs and ent[1].text in surnames:
            entities += [Span(doc, ent.start, ent.start + 1, label=ent.label), Span(doc, ent.start + 1, ent.end, label=ent.label)]
        else:
            entities.append(ent)
    if len(entities) != len(original):
        doc.ents = entities
        remember_entities(doc)


def offsets(span: Span) -> dict[str, Any]:
    return {"start": span.start_char, "end": span.end_char}


def time_of(trigger: Token, *, noun_triggers: list[int]) -> Span | None:
    """The time expression of the trigger: the nearest one in its clause, else in its sentence,
    skipping those that another noun trigger stands closer to ("die Reise ... nach seiner
    Amtseinführung am 7. Mai": the date belongs to the inauguration). ``noun_triggers``: the
    token indices of the Doc's noun triggers, in order."""
    times = time_spans(trigger.doc)
    if not times:
        return None
    extents = time_extents(trigger.doc)
    for scope_start, scope_end in (clause_range(trigger), sentence_range(trigger)):
        in_scope = slice(bisect_left(noun_triggers, scope_start), bisect_left(noun_triggers, scope_end))
        nouns = [noun for noun in noun_triggers[in_scope] if noun != trigger.i]
        inside = [
            (start, end, span)
            for start, end, span in times[bisect_left(extents, (scope_start,)) : bisect_left(extents, (scope_end,))]
            if end <= scope_end
            and not any(distance(start, end, noun) < distance(start, end, trigger.i) for noun in nouns)
        ]
        if inside:
            return min(inside, key=lambda time: distance(time[0], time[1], trigger.i))[2]
    return None


def distance(start: int, end: int, index: int) -> int:
    """Tokens between a span [start, end) and a token index (0 when the token is inside or next to it)."""
    return max(start - index - 1, index - end, 0)


@Language.factory(
    "newsevents_events",
    default_config={"rules_path": None, "syntax": "auto"},
    assigns=["doc._.events"],
)
def make_event_extractor(nlp: Language, name: str, rules_path: str | None, syntax: str) -> EventExtractor:
    """Create the event extractor (``rules_path`` None: the project's ``configs/events.toml``;
    ``syntax`` "auto", "parse" or "shallow": where arguments come from)."""
    return EventExtractor(nlp, name, rules_path=rules_path, syntax=syntax)


register_extensions()
