"""Finding the words that evoke an event: verbs by lemma, nouns by head, light-verb pairs."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from .rules import EventRules
from .syntax import (
    NOUN_POS,
    NOUN_TAGS,
    PARTICLE_DEPS,
    PARTICLE_TAGS,
    VERB_POS,
    VERB_TAGS,
    clause_range,
    clause_tokens,
    is_finite,
    is_noun,
    lemma_of,
    tagged_words,
    words_of,
)

# Inflection endings a noun trigger may carry ("Besuchs", "Reisen", "Wahlen", "Gespräche"); not
# "-er", which makes agent nouns ("Besucher", "Dealer"), not events.
NOUN_ENDINGS = ("", "s", "es", "n", "en", "e")
# Organisations are no triggers, also when named after an event ("Bischofskonferenz",
# "Organisation für wirtschaftliche Zusammenarbeit"), nor is a word inside a place name of
# several words; a one-word place that is a trigger noun is the model's mistake ("Rückstau",
# "Iran-Deal" tagged LOC), as are person and MISC tags ("Militärmanöver" tagged PER).
NAME_LABELS = {"ORG", "LOC", "GPE"}
ORGANISATION_LABELS = {"ORG"}
# The shortest modifier that makes a compound ("Staatsbesuch" = "Staats" + "besuch").
MIN_COMPOUND_MODIFIER = 3


@dataclass(frozen=True)
class TriggerMatch:
    """A trigger found in a document: the word, its type, and the rule that matched."""

    type: str
    token: Token
    kind: str  # "verb", "light" (light verb + noun) or "noun"
    entry: str  # the lexicon entry that matched ("zusagen+unterstützung", "besuch")
    noun: Token | None = None  # the noun of a light-verb construction ("Unterstützung")
    particle: Token | None = None  # the separated particle ("zu" of "sagten ... zu")

    @property
    def rule(self) -> str:
        """The rule id reported with the event: ``VISIT/noun:besuch``."""
        return f"{self.type}/{self.kind}:{self.entry}"


@dataclass(frozen=True)
class TriggerLexicon:
    """Trigger words → event types, built once from the rules."""

    verbs: dict[str, tuple[str, ...]]
    light_verbs: dict[str, tuple[str, ...]]
    nouns: dict[str, tuple[str, ...]]
    light_nouns: dict[str, tuple[str, ...]]  # nouns that evoke an event only with a light verb
    not_nouns: dict[str, tuple[str, ...]]  # event type → nouns (and their compounds) that only look like its triggers

    # Every ending of a verb trigger: the lemma a finite verb can have when its particle stands
    # apart ("sagen" of "zusagen"); other verbs need no particle search.
    verb_tails: frozenset[str] = frozenset()
    # Memo of form → matches; trigger lookups repeat the same words across a corpus.
    memo: dict[tuple[str, bool], tuple[tuple[str, str], ...]] = field(default_factory=dict, compare=False, repr=False)
    id_memo: dict[tuple[int, int], tuple[tuple[str, str], ...]] = field(default_factory=dict, compare=False, repr=False)
    tail_memo: dict[int, bool] = field(default_factory=dict, compare=False, repr=False)

    def noun_types(self, token: Token, *, light: bool = False) -> Iterator[tuple[str, str]]:
        """(event type, trigger noun) for a noun that is, or ends in, a trigger noun; with
        ``light``, also the nouns that need a light verb ("Stellen" of "Stellen streichen")."""
        yield from self.word_types(token.text.lower(), lemma_of(token), light=light)

    def word_types(self, form: str, lemma: str, *, light: bool = False) -> tuple[tuple[str, str], ...]:
        """`noun_types` of a lower-cased form and lemma."""
        found: tuple[tuple[str, str], ...] = ()
        for word in dict.fromkeys((form, lemma)):  # fixed order: sets vary by hash seed
            key = (word, light)
            if key not in self.memo:
                self.memo[key] = tuple(self.form_types(word, light=light))
            found += self.memo[key]
        return found

    def noun_types_of_ids(self, lower: int, lemma: int, strings: StringStore) -> tuple[tuple[str, str], ...]:
        """`noun_types` of a word given by its LOWER and LEMMA string ids (memoised by id)."""
        key = (lower, lemma)
        if key not in self.id_memo:
            form = strings[lower]
            self.id_memo[key] = self.word_types(form, strings[lemma].lower() if lemma else form)
        return self.id_memo[key]

    def is_verb_tail(self, lower: int, lemma: int, strings: StringStore) -> bool:
        """Whether a verb's lemma (its form without one) ends some verb trigger, by string ids."""
        key = lemma or lower
        if key not in self.tail_memo:
            self.tail_memo[key] = strings[key].lower() in self.verb_tails
        return self.tail_memo[key]

    def form_types(self, form: str, *, light: bool) -> Iterator[tuple[str, str]]:
        tables = (self.nouns, self.light_nouns) if light else (self.nouns,)
        for ending in NOUN_ENDINGS:
            if ending and not form.endswith(ending):
                continue
            stem = form[: len(form) - len(ending)]
            for start in range(0, max(len(stem) - 2, 1)):
                if start and start < MIN_COMPOUND_MODIFIER:
                    continue
                head = stem[start:]
                for table in tables:
                    for event_type in table.get(head, ()):
                        excluded = self.not_nouns.get(event_type, ())
                        if not any(stem.endswith(word) or form.endswith(word) for word in excluded):
                            yield event_type, head


def build_lexicon(rules: EventRules) -> TriggerLexicon:
    verbs: dict[str, list[str]] = {}
    light: dict[str, list[str]] = {}
    nouns: dict[str, list[str]] = {}
    light_nouns: dict[str, list[str]] = {}
    for event_type, definition in rules.types.items():
        for table, words in (
            (verbs, definition.verbs),
            (light, definition.light_verbs),
            (nouns, definition.nouns),
            (light_nouns, definition.light_nouns),
        ):
            for word in words:
                table.setdefault(word, []).append(event_type)
    return TriggerLexicon(
        verbs={word: tuple(types) for word, types in verbs.items()},
        light_verbs={word: tuple(types) for word, types in light.items()},
        nouns={word: tuple(types) for word, types in nouns.items()},
        light_nouns={word: tuple(types) for word, types in light_nouns.items()},
        not_nouns={name: d.not_nouns for name, d in rules.types.items() if d.not_nouns},
        verb_tails=frozenset(verb[start:] for verb in (*verbs, *light) for start in range(len(verb))),
    )


def find_triggers(doc: Doc, *, lexicon: TriggerLexicon, parsed: bool) -> list[TriggerMatch]:
    """Every trigger of ``doc`` in text order.

    A noun whose clause holds one of its type's light verbs hands the event to that verb, and a
    verb and a noun of one type in one clause ("trafen sich zu Gesprächen") give one trigger.
    """
    matches = [*match_verbs(doc, lexicon=lexicon, parsed=parsed), *match_nouns(doc, lexicon=lexicon)]
    return sorted(drop_duplicates(matches), key=lambda match: match.token.i)


def drop_duplicates(matches: list[TriggerMatch]) -> Iterator[TriggerMatch]:
    """Keep one reading per word and event.

    A noun trigger goes when a verb trigger of its type stands in its clause or a light verb
    took it; a plain verb reading goes when the same verb is the light verb of another type
    ("übernimmt die Präsidentschaft" is TAKE_OFFICE, not ACQUISITION).
    """
    verb_clauses = {(m.type, clause_range(m.token)[0]) for m in matches if not is_noun(m.token)}
    used_nouns = {m.noun.i for m in matches if m.noun is not None}
    light_verbs = {m.token.i for m in matches if m.noun is not None}
    taken: set[tuple[str, int]] = set()
    for match in matches:
        if is_noun(match.token):
            if (match.type, clause_range(match.token)[0]) in verb_clauses or match.token.i in used_nouns:
                continue
        elif match.noun is None and match.token.i in light_verbs:
            continue
        key = (match.type, match.token.i)
        if key not in taken:
            taken.add(key)
            yield match


def match_verbs(doc: Doc, *, lexicon: TriggerLexicon, parsed: bool) -> Iterator[TriggerMatch]:
    """Verbs whose lemma (with a separated particle put back in front) is a verb trigger."""
    strings = doc.vocab.strings
    for index, lower, lemma, label in tagged_words(doc, tags=VERB_TAGS, pos=VERB_POS):
        if not lexicon.is_verb_tail(lower, lemma, strings) or strings[label] in NAME_LABELS:
            continue
        token = doc[index]
        particle = particle_of(token, parsed=parsed)
        lemma = particle_verb_lemma(token, particle)
        for event_type in lexicon.verbs.get(lemma, ()):
            yield TriggerMatch(event_type, token, "verb", lemma, particle=particle)
        for event_type in lexicon.light_verbs.get(lemma, ()):
            found = light_verb_noun(token, event_type=event_type, lexicon=lexicon)
            if found is not None:
                noun, head = found
                yield TriggerMatch(event_type, token, "light", f"{lemma}+{head}", noun=noun, particle=particle)


def match_nouns(doc: Doc, *, lexicon: TriggerLexicon) -> Iterator[TriggerMatch]:
    """Nouns whose form or lemma ends in a noun trigger of a type (compounds by their head)."""
    strings = doc.vocab.strings
    for index, lower, lemma, label in tagged_words(doc, tags=NOUN_TAGS, pos=NOUN_POS):
        found = lexicon.noun_types_of_ids(lower, lemma, strings)
        name = strings[label]
        if not found or name in ORGANISATION_LABELS or (name in NAME_LABELS and in_longer_name(doc[index])):
            continue
        seen: set[str] = set()
        for event_type, head in found:
            if event_type not in seen:
                seen.add(event_type)
                yield TriggerMatch(event_type, doc[index], "noun", head)


def in_longer_name(token: Token) -> bool:
    """The token is one word of a name of several words."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I")


def light_verb_noun(verb: Token, *, event_type: str, lexicon: TriggerLexicon) -> tuple[Token, str] | None:
    """The trigger noun of ``event_type`` in the verb's clause, for a light-verb construction."""
    for token in clause_tokens(verb):
        if is_noun(token):
            for found_type, head in lexicon.noun_types(token, light=True):
                if found_type == event_type:
                    return token, head
    return None


def particle_verb_lemma(verb: Token, particle: Token | None) -> str:
    """The verb's lemma with its separated particle put back in front ("sagten ... zu" → "zusagen")."""
    return (particle.text.lower() if particle is not None else "") + lemma_of(verb)


def particle_of(verb: Token, *, parsed: bool) -> Token | None:
    """The separated verb particle of a finite verb ("zu" of "sagten ... zu"), if any: its
    particle dependent in a parse, else the next PTKVZ of its clause."""
    if parsed:
        return next((child for child in verb.children if child.dep_ in PARTICLE_DEPS), None)
    if not is_finite(verb):  # only a finite verb leaves its particle behind
        return None
    clause_end = clause_range(verb)[1]
    return next((token for token in words_of(verb.doc)[verb.i + 1 : clause_end] if token.tag_ in PARTICLE_TAGS), None)
