"""Status, negation and attribution of an event, from the words of its clause and sentence."""
from __future__ import annotations

import re
from typing import Iterable

from spacy.tokens import Span, Token

from .rules import Attribution, Modality
from .syntax import (
    CUES_KEY,
    DETERMINER_TAGS,
    FINITE_VERB_TAGS,
    INFINITIVE_TAGS,
    SUBJECT_DEPS,
    argument_text_span,
    clause_tokens,
    entities_in,
    is_noun,
    is_preposition,
    is_verb,
    lemma_of,
    noun_phrase_at,
    sentence_of,
    sentence_range,
    time_token_indices,
    words_of,
)
from .triggers import particle_of, particle_verb_lemma

# Future tense: finite "werden" with an infinitive in the clause ("werde ... sein").
FUTURE_AUXILIARY = "werden"
# TIMEX3 values of a calendar day and of a month.
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
# A past participle: with "werden" a passive, not a future.
PAST_PARTICIPLE_TAGS = {"VVPP"}
# Participles of any verb: a clause with one is perfect or passive, not plain present.
PARTICIPLE_TAGS = {"VVPP", "VAPP", "VMPP"}
# TIMEX3 values of a day named without its year: "am 1. Juli" (XXXX-07-01), "am Dienstag" (XXXX-WXX-2).
UNDERSPECIFIED_DAY = re.compile(r"^XXXX-(?:\d{2}-\d{2}|WXX-\d)$")
# Weak past-tense endings of finite verbs ("streikten", "setzte"); a form equal to its lemma is present.
WEAK_PAST_ENDINGS = ("te", "ten", "test", "tet")
# "um ... zu": a purpose clause names what someone means to do ("um den Zeitpunkt für einen Anschlag zu bestimmen").
# Taggers often read that "um" as a preposition, so the clause's "zu"-infinitive confirms it.
PURPOSE_CONJUNCTIONS = {"um"}
ZU_INFINITIVE_TAGS = {"PTKZU", "VVIZU"}
# "vor der Wahl": what follows temporal "vor" lies ahead.
BEFORE_PREPOSITIONS = {"vor"}
# "nicht nur ... sondern auch" does not negate.
NOT_NEGATING_AFTER = {"nur"}
# Attributive adjectives and participles that may precede the noun of a source phrase
# ("eine mit den Plänen vertraute Person").
ATTRIBUTIVE_TAGS = {"ADJA"}
# What may stand between an attributive adjective and its noun.
NOUN_PHRASE_INNER_TAGS = {"ADJA", "ADJD", "ADV", "CARD", "KON", "$,", "TRUNC"}
# An expletive subject before the source: "hieß es von X".
EXPLETIVES = {"es"}
# Prepositions that introduce the source after an expletive ("hieß es von X", "aus X").
SOURCE_PREPOSITIONS = {"von", "aus", "bei"}
# "so X" at the start of a clause attributes the preceding statement to X.
CLAUSE_INITIAL_SOURCE_MARKERS = {"so"}


def status_of(trigger: Token, *, modality: Modality, own: Iterable[Token] = (), time: Span | None = None) -> tuple[str, str]:
    """(status, why) from the clause of the trigger: cancelled > possible > planned > occurred.

    ``own`` are the trigger's other words (light noun, particle), which are no modality words
    ("Stellen streichen" is not cancelled); an event dated after the reference date is planned
    even in the present tense ("streiken am Dienstag").
    """
    if trigger.i in time_token_indices(trigger.doc) and not follows_before(trigger):
        # "Eine Woche nach dem Zugunglück wollen die Ermittler ...": the clause's modal words
        # speak of its verb, not of the event that anchors its time
        return "occurred", "occurred: the event anchors a time expression"
    words = clause_words(trigger, skip={trigger.i, *(token.i for token in own)})
    for status, lexicon in (("cancelled", modality.cancelled), ("possible", modality.possible)):
        found = words & lexicon
        if found:
            return status, f"{status}: {', '.join(sorted(found))}"
    found = words & (modality.planned | modality.postponed)
    if found:
        return "planned", f"planned: {', '.join(sorted(found))}"
    found = words & modality.promised
    if found and is_noun(trigger) and not in_prepositional_phrase(trigger):
        return "planned", f"planned: promised or threatened ({', '.join(sorted(found))})"
    if is_future(trigger):
        return "planned", "planned: future tense (werden + infinitive)"
    if in_purpose_clause(trigger):
        return "planned", "planned: purpose clause (um ... zu)"
    if follows_before(trigger):
        return "planned", "planned: the text speaks of the time before it (\"vor der Wahl\")"
    if time is not None and lies_ahead(time):
        return "planned", f"planned: {time.text!r} lies after the reference date"
    if time is not None and names_day_in_present(trigger, time, past_forms=modality.past_forms):
        return "planned", f"planned: a day ({time.text!r}) named in the present tense"
    return "occurred", "occurred: no modal, future or cancelling word in the clause"


def clause_words(trigger: Token, *, skip: set[int]) -> set[str]:
    """Lower-cased forms and lemmas of the trigger's clause, without the words in ``skip``."""
    words: set[str] = set()
    in_times = time_token_indices(trigger.doc)
    tokens = clause_tokens(trigger)
    for token in tokens:
        if is_noun(token) and token.i > tokens[0].i and token.text[:1].isupper():
            continue  # a capitalised noun inside the clause: "Würde" is not "würde"
        if token.tag_ in ATTRIBUTIVE_TAGS and token.i not in in_times and modified_noun(token) != trigger:
            continue  # "wegen der geplanten Rentenkürzungen" says nothing about the strike; "ab nächster Woche" does
        if token.i not in skip:
            words.add(token.text.lower())
            words.add(lemma_of(token))
            particle = particle_of(token, parsed=False) if token.tag_ in FINITE_VERB_TAGS else None
            if particle is not None and particle.i not in skip:  # "sagt ... zu" is "zusagen"
                words.add(particle_verb_lemma(token, particle))
    return words


def modified_noun(adjective: Token) -> Token | None:
    """The noun an attributive adjective belongs to: the next noun after adjectives, adverbs,
    numbers and coordinations ("die geplante und umstrittene Reform" → Reform)."""
    for token in words_of(adjective.doc)[adjective.i + 1 : sentence_range(adjective)[1]]:
        if is_noun(token):
            return token
        if token.tag_ not in NOUN_PHRASE_INNER_TAGS:
            return None
    return None


def lies_ahead(time: Span) -> bool:
    """True when a time expression's value is a day or month after the document's date."""
    reference = time.doc._.reference_date
    timex = time._.timex
    if not reference or timex is None or not timex.value:
        return False
    value = timex.begin or timex.value
    reference = str(reference)
    if ISO_DAY.match(value):
        return value > reference[:10]
    if ISO_MONTH.match(value):
        return value > reference[:7]
    return False


def names_day_in_present(trigger: Token, time: Span, *, past_forms: frozenset[str]) -> bool:
    """A day without a year ("am Dienstag", "am 1. Juli") in a present-tense clause: news report
    what is over in the past tense, so "Die Slowakei übernimmt am 1. Juli den Vorsitz" lies ahead.
    Only for values the tagger could not anchor (no reference date); with one, `lies_ahead` decides."""
    timex = time._.timex
    if timex is None or not timex.value or not UNDERSPECIFIED_DAY.match(timex.value):
        return False
    clause = clause_tokens(trigger)
    finite = [token for token in clause if token.tag_ in FINITE_VERB_TAGS]
    return bool(finite) and not any(
        token.tag_ in PARTICIPLE_TAGS or "Tense=Past" in str(token.morph) for token in clause
    ) and not any(is_past_form(token, past_forms=past_forms) for token in finite)


def is_past_form(token: Token, *, past_forms: frozenset[str]) -> bool:
    """A finite verb in the past tense: a listed strong form ("traf", "war") or a weak one ("streikten")."""
    form = token.text.lower()
    return form in past_forms or (form.endswith(WEAK_PAST_ENDINGS) and form != lemma_of(token))


def is_future(trigger: Token) -> bool:
    """Finite "werden" with a bare infinitive in the clause, and no passive participle trigger
    ("wird kritisiert" is a passive, "wird ... reisen" a future)."""
    if trigger.tag_ in PAST_PARTICIPLE_TAGS:
        return False
    clause = clause_tokens(trigger)
    has_werden = any(lemma_of(token) == FUTURE_AUXILIARY and token.tag_.endswith("FIN") for token in clause)
    words = words_of(trigger.doc)
    return has_werden and any(
        token.tag_ in INFINITIVE_TAGS and words[token.i - 1].text.lower() != "zu" for token in clause
    )


def in_prepositional_phrase(trigger: Token) -> bool:
    """A noun trigger governed by a preposition ("in einem Telefonat sagten sie sich Hilfe zu":
    what is promised is the help, not the call)."""
    words = words_of(trigger.doc)
    i = trigger.i - 1
    while i >= 0 and words[i].tag_ in NOUN_PHRASE_INNER_TAGS | DETERMINER_TAGS | {"PPOSAT", "PIAT"}:
        i -= 1
    return is_noun(trigger) and i >= 0 and is_preposition(words[i])


def in_purpose_clause(trigger: Token) -> bool:
    """The trigger's clause opens with purpose "um" ("..., um einen Anschlag zu planen")."""
    clause = clause_tokens(trigger)
    return clause[0].text.lower() in PURPOSE_CONJUNCTIONS and any(token.tag_ in ZU_INFINITIVE_TAGS for token in clause)


def follows_before(trigger: Token) -> bool:
    """A noun trigger after temporal "vor" ("vier Tage vor der Neuwahl", "kurz vor der Übernahme")."""
    words = words_of(trigger.doc)
    start = sentence_range(trigger)[0]
    i = trigger.i - 1
    while i >= start and words[i].tag_ in {"ART", "ADJA", "PPOSAT"}:
        i -= 1
    return is_noun(trigger) and i >= start and words[i].text.lower() in BEFORE_PREPOSITIONS


def is_negated(trigger: Token, *, modality: Modality) -> tuple[bool, str]:
    """True when a negation word stands in the trigger's clause ("nicht", "kein", "nie")."""
    words = words_of(trigger.doc)
    for token in clause_tokens(trigger):
        if token.text.lower() in modality.negation:
            following = words[token.i + 1] if token.i + 1 < len(words) else None
            if following is not None and following.text.lower() in NOT_NEGATING_AFTER:
                continue
            return True, f"negated by {token.text!r}"
    return False, "no negation in the clause"


def attribution_of(
    trigger: Token, *, attribution: Attribution, parsed: bool, exclude: Iterable[Token] = ()
) -> tuple[Span | None, str]:
    """The source the sentence attributes the event to, and how it was found.

    Patterns: a verb of saying with its subject ("sagte Xi", "Xi sagte", "teilte X mit"),
    "hieß es von X", "laut X", "X zufolge", and "so X" at the start of a clause. A speech verb
    that is the trigger itself, or part of a separable verb ("sagten ... zu"), is no source.
    """
    excluded = {token.i for token in exclude} | {trigger.i}
    sent = sentence_of(trigger)
    for token, cue in attribution_cues(sent, attribution=attribution, parsed=parsed):
        if token.i in excluded:
            continue
        if cue == "preposition":
            source = phrase_after(token)
            if source is not None:
                return source, f"{token.text!r} + source"
        elif cue == "postposition":
            source = noun_phrase_at(sent.doc[token.i - 1])
            if source is not None:
                return argument_text_span(source), f"source + {token.text!r}"
        elif cue == "marker":
            source = phrase_after(token)
            if source is not None and ends_clause(source):
                return source, f"{token.text!r} + source at the start of a clause"
        else:
            source = speaker_of(token, parsed=parsed)
            if source is not None and not (source.start <= trigger.i < source.end):
                return source, f"speech verb {token.text!r} with its subject"
    return None, "no attribution in the sentence"


def attribution_cues(sent: Span, *, attribution: Attribution, parsed: bool) -> list[tuple[Token, str]]:
    """The words of a sentence that can introduce a source, in order, each with its kind
    ("preposition", "postposition", "marker", "speech"); found once per sentence."""
    cache = sent.doc.user_data.setdefault(CUES_KEY, {})
    if sent.start not in cache:
        cues = []
        words = words_of(sent.doc)
        for token in words[sent.start : sent.end]:
            lower = token.text.lower()
            if lower in attribution.prepositions:
                cues.append((token, "preposition"))
            if lower in attribution.postpositions and token.i > sent.start:
                cues.append((token, "postposition"))
            if lower in CLAUSE_INITIAL_SOURCE_MARKERS and token.i > sent.start and words[token.i - 1].text == ",":
                cues.append((token, "marker"))
            if is_verb(token) and particle_verb_lemma(token, particle_of(token, parsed=parsed)) in attribution.speech_verbs:
                cues.append((token, "speech"))
        cache[sent.start] = cues
    return cache[sent.start]


def ends_clause(span: Span) -> bool:
    """Only adverbs ("weiter") stand between the span and the next punctuation or the end."""
    for token in span.doc[span.end : sentence_range(span[0])[1]]:
        if token.is_punct:
            return True
        if token.tag_ != "ADV":
            return False
    return True


def speaker_of(verb: Token, *, parsed: bool) -> Span | None:
    """The subject of a verb of saying: from the parse, or the phrase after/before it."""
    if parsed:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return source_text_span(verb.doc[child.left_edge.i : child.i + 1])
    after = phrase_after(verb)
    if after is not None:
        return after
    sent = sentence_of(verb)
    if verb.i > sent.start:
        before = noun_phrase_at(verb.doc[verb.i - 1])
        if before is not None and before.start == sent.start:
            return argument_text_span(before)
    return None


def source_text_span(phrase: Span) -> Span:
    """A source as written ("eine mit den Plänen vertraute Person"), or the name that ends it
    ("der neue Sprecher Lin Jian" → "Lin Jian")."""
    named = [ent for ent in entities_in(phrase) if ent.end == phrase.end]
    return named[-1] if named else phrase


def phrase_after(token: Token) -> Span | None:
    """The noun phrase that follows ``token``, skipping adverbs and an expletive "es".

    A determiner may open a pre-nominal participle phrase ("eine mit den Plänen des Kreml
    vertraute Person"): then the phrase runs to the first noun after its last attributive
    adjective.
    """
    doc = token.doc
    sent = sentence_of(token)
    i = token.i + 1
    while i < sent.end and doc[i].tag_ in {"ADV", "ADJD"}:
        i += 1
    if i < sent.end and doc[i].text.lower() in EXPLETIVES:
        i += 1
        if i < sent.end and doc[i].text.lower() in SOURCE_PREPOSITIONS:
            i += 1
    if i >= sent.end:
        return None
    start = doc[i]
    if start.tag_ in DETERMINER_TAGS | {"PIAT", "PPOSAT"}:
        window_end = i + 1
        while window_end < sent.end and not doc[window_end].is_punct and not is_verb(doc[window_end]):
            window_end += 1
        adjectives = [t.i for t in doc[i:window_end] if t.tag_ in ATTRIBUTIVE_TAGS]
        search_from = adjectives[-1] + 1 if adjectives else i + 1
        head = next((t for t in doc[search_from:window_end] if is_noun(t)), None)
        if head is None:
            return None
        phrase = noun_phrase_at(head)
        end = phrase.end if phrase is not None else head.i + 1
        return source_text_span(doc[i:end])
    if is_preposition(start):
        return None
    phrase = noun_phrase_at(start)
    if phrase is None or phrase.start != i:
        return None
    return argument_text_span(phrase)
