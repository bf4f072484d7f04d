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


@dataclass(frozen=True)
class TriggerLexicon:
    """Trigger words → event types, built once from the rules."""

    verbs: dict[str, tuple[str, ...]]
    light_verbs: dict[str, tuple[str, ...]]
    nouns: dict[str, tuple[str, ...]]
    not_nouns: dict[str, frozenset[str]]  # event type → nouns that only look like its triggers

    def noun_types(self, token: Token) -> Iterator[tuple[str, str]]:
        """(event type, trigger noun) for a noun that is, or ends in, a trigger noun."""
        for form in {token.text.lower(), lemma_of(token)}:
            for ending in NOUN_ENDINGS:
                if ending and not form.endswith(ending):
                    continue
                stem = form[: len(form) - len(ending)]
                for start in range(0, max(len(stem) - 2, 1)):
                    if start and start < MIN_COMPOUND_MODIFIER:
                        continue
                    head = stem[start:]
                    for event_type in self.nouns.get(head, ()):
                        excluded = self.not_nouns.get(event_type, frozenset())
                        if stem not in excluded and form not in excluded:
                            yield event_type, head


def build_lexicon(rules: EventRules) -> TriggerLexicon:
    verbs: dict[str, list[str]] = {}
    light: dict[str, list[str]] = {}
    nouns: dict[str, list[str]] = {}
    for event_type, definition in rules.types.items():
        for table, words in ((verbs, definition.verbs), (light, definition.light_verbs), (nouns, definition.nouns)):
            for word in words:
                table.setdefault(word, []).append(event_type)
    return TriggerLexicon(
        verbs={word: tuple(types) for word, types in verbs.items()},
        light_verbs={word: tuple(types) for word, types in light.items()},
        nouns={word: tuple(types) for word, types in nouns.items()},
        not_nouns={name: frozenset(d.not_nouns) for name, d in rules.types.items() if d.not_nouns},
    )


def find_triggers(doc: Doc, *, lexicon: TriggerLexicon) -> list[TriggerMatch]:
    """Every trigger of ``doc`` in text order.

    A noun whose clause holds one of its type's light verbs hands the event to that verb, and a
    verb and a noun of one type in one clause ("trafen sich zu Gesprächen") give one trigger.
    """
    matches = [*match_verbs(doc, lexicon=lexicon), *match_nouns(doc, lexicon=lexicon)]
    return sorted(drop_duplicates(matches), key=lambda match: match.token.i)


def drop_duplicates(matches: list[TriggerMatch]) -> Iterator[TriggerMatch]:
    """Drop a noun trigger when a verb trigger of the same type stands in the same clause."""
    verb_clauses = {(m.type, clause_of(m.token).start) for m in matches if not is_noun(m.token)}
    used_nouns = {m.noun.i for m in matches if m.noun is not None}
    taken: set[tuple[str, int]] = set()
    for match in matches:
        if is_noun(match.token):
            if (match.type, clause_of(match.token).start) in verb_clauses or match.token.i in used_nouns:
                continue
        key = (match.type, match.token.i)
        if key not in taken:
            taken.add(key)
            yield match


def match_verbs(doc: Doc, *, lexicon: TriggerLexicon) -> Iterator[TriggerMatch]:
    """Verbs whose lemma (with a separated particle put back in front) is a verb trigger."""
    for token in doc:
        if not is_verb(token):
            continue
        particle = particle_of(token)
        lemma = (particle.text.lower() if particle is not None else "") + lemma_of(token)
        for event_type in lexicon.verbs.get(lemma, ()):
            yield TriggerMatch(event_type, token, f"{event_type}/verb:{lemma}", particle=particle)
        for event_type in lexicon.light_verbs.get(lemma, ()):
            found = light_verb_noun(token, event_type=event_type, lexicon=lexicon)
            if found is not None:
                noun, head = found
                yield TriggerMatch(event_type, token, f"{event_type}/light:{lemma}+{head}", noun=noun, particle=particle)


def match_nouns(doc: Doc, *, lexicon: TriggerLexicon) -> Iterator[TriggerMatch]:
    """Nouns whose form or lemma ends in a noun trigger of a type (compounds by their head)."""
    for token in doc:
        if not is_noun(token):
            continue
        seen: set[str] = set()
        for event_type, head in lexicon.noun_types(token):
            if event_type not in seen:
                seen.add(event_type)
                yield TriggerMatch(event_type, token, f"{event_type}/noun:{head}")


def light_verb_noun(verb: Token, *, event_type: str, lexicon: TriggerLexicon) -> tuple[Token, str] | None:
    """The trigger noun of ``event_type`` in the verb's clause, for a light-verb construction."""
    for token in clause_of(verb):
        if is_noun(token):
            for found_type, head in lexicon.noun_types(token):
                if found_type == event_type:
                    return token, head
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
