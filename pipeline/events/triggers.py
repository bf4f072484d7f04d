"""Finding the words that evoke an event: verbs by lemma, nouns by head, light-verb pairs."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Token

from .rules import EventRules
from .syntax import PARTICLE_DEPS, PARTICLE_TAGS, clause_of, is_noun, is_verb, lemma_of

# Inflection endings a noun trigger may carry ("Besuchs", "Reisen", "Wahlen", "Gespräche").
NOUN_ENDINGS = ("", "s", "es", "n", "en", "e", "er", "ern")
# The shortest modifier that makes a compound ("Staatsbesuch" = "Staats" + "besuch").
MIN_COMPOUND_MODIFIER = 3


@dataclass(frozen=True)
class TriggerMatch:
    """A trigger found in a document: the word, its type, and the rule that matched."""

    type: str
    token: Token
    rule: str
    noun: Token | None = None  # the noun of a light-verb construction ("Unterstützung")
    particle: Token | None = None  # the separated particle ("zu" of "sagten ... zu")


def find_triggers(doc: Doc, *, rules: EventRules, lexicon: "VerbLexicon") -> list[TriggerMatch]:
    """Every trigger of ``doc`` in text order.

    A noun whose clause holds one of its type's light verbs hands the event to that verb, and a
    verb and a noun of one type in one clause ("trafen sich zu Gesprächen") give one trigger.
    """
    matches = [*match_verbs(doc, rules=rules, lexicon=lexicon), *match_nouns(doc, rules=rules)]
    return sorted(_dedupe(matches), key=lambda match: match.token.i)


def _dedupe(matches: list[TriggerMatch]) -> Iterator[TriggerMatch]:
    """Drop a noun trigger when a verb trigger of the same type stands in the same clause."""
    verb_clauses = {(m.type, clause_of(m.token).start) for m in matches if not is_noun(m.token)}
    used_nouns = {m.noun.i for m in matches if m.noun is not None}
    taken: set[tuple[str, int]] = set()
    for match in matches:
        if is_noun(match.token):
            if (match.type, clause_of(match.token).start) in verb_clauses or match.token.i in used_nouns:
                continue
            yield match
            continue
        key = (match.type, match.token.i)
        if key not in taken:
            taken.add(key)
            yield match


def match_verbs(doc: Doc, *, rules: EventRules, lexicon: "VerbLexicon") -> Iterator[TriggerMatch]:
    """Verbs whose lemma (with a separated particle put back in front) is a verb trigger."""
    for token in doc:
        if not is_verb(token):
            continue
        particle = particle_of(token)
        lemma = (particle.text.lower() if particle is not None else "") + lemma_of(token)
        for event_type in lexicon.verbs.get(lemma, ()):
            yield TriggerMatch(event_type, token, f"{event_type}/verb:{lemma}", particle=particle)
        for event_type in lexicon.light_verbs.get(lemma, ()):
            noun = light_verb_noun(token, event_type=event_type, rules=rules)
            if noun is not None:
                yield TriggerMatch(event_type, token, f"{event_type}/light:{lemma}+{noun_lemma(noun, rules, event_type)}", noun=noun, particle=particle)


def match_nouns(doc: Doc, *, rules: EventRules) -> Iterator[TriggerMatch]:
    """Nouns whose form or lemma ends in a noun trigger of a type (compounds by their head)."""
    for token in doc:
        if not is_noun(token):
            continue
        for event_type, definition in rules.types.items():
            head = noun_head(token, nouns=definition.nouns, excluded=definition.not_nouns)
            if head is not None:
                yield TriggerMatch(event_type, token, f"{event_type}/noun:{head}")


def noun_head(token: Token, *, nouns: tuple[str, ...], excluded: tuple[str, ...]) -> str | None:
    """The trigger noun that ``token`` is or ends in (compound head), or None."""
    for form in {token.text.lower(), lemma_of(token)}:
        for ending in NOUN_ENDINGS:
            if ending and not form.endswith(ending):
                continue
            stem = form[: len(form) - len(ending)] if ending else form
            if stem in excluded or form in excluded:
                return None
            for noun in nouns:
                if stem == noun or (stem.endswith(noun) and len(stem) - len(noun) >= MIN_COMPOUND_MODIFIER):
                    return noun
    return None


def noun_lemma(token: Token, rules: EventRules, event_type: str) -> str:
    definition = rules.types[event_type]
    return noun_head(token, nouns=definition.nouns, excluded=definition.not_nouns) or lemma_of(token)


def light_verb_noun(verb: Token, *, event_type: str, rules: EventRules) -> Token | None:
    """The trigger noun of ``event_type`` in the verb's clause, for a light-verb construction."""
    definition = rules.types[event_type]
    for token in clause_of(verb):
        if is_noun(token) and noun_head(token, nouns=definition.nouns, excluded=definition.not_nouns):
            return token
    return None


def particle_of(verb: Token) -> Token | None:
    """The separated verb particle of a finite verb ("zu" of "sagten ... zu"), if any."""
    for child in verb.children:
        if child.dep_ in PARTICLE_DEPS:
            return child
    if verb.doc.has_annotation("DEP"):
        return None
    for token in clause_of(verb):
        if token.i > verb.i and token.tag_ in PARTICLE_TAGS:
            return token
    return None


@dataclass(frozen=True)
class VerbLexicon:
    """Verb lemmas → event types, built once from the rules."""

    verbs: dict[str, tuple[str, ...]]
    light_verbs: dict[str, tuple[str, ...]]


def build_verb_lexicon(rules: EventRules) -> VerbLexicon:
    verbs: dict[str, list[str]] = {}
    light: dict[str, list[str]] = {}
    for event_type, definition in rules.types.items():
        for verb in definition.verbs:
            verbs.setdefault(verb, []).append(event_type)
        for verb in definition.light_verbs:
            light.setdefault(verb, []).append(event_type)
    return VerbLexicon(
        verbs={lemma: tuple(types) for lemma, types in verbs.items()},
        light_verbs={lemma: tuple(types) for lemma, types in light.items()},
    )
