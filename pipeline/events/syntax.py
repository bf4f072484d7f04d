"""Small functions over spaCy tokens that both German label sets share.

``de_core_news_lg`` tags with STTS and parses with TIGER labels (sb, oa, da, mo, ...); a parser
trained on UD treebanks uses UD labels (nsubj, obj, obl, ...). Each constant below lists the
labels of both schemes for one grammatical function, so the rules never name a scheme.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterable, Iterator

import numpy
from spacy.attrs import ENT_TYPE, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

# TIGER labels: the scheme of de_core_news_lg, whose parses the parse path is built for.
TIGER_LABELS = {"sb", "oa", "da", "mo", "nk", "oc"}
# Subject: TIGER sb, UD nsubj (and the passive subject, which is the patient).
SUBJECT_DEPS = {"sb", "nsubj"}
PASSIVE_SUBJECT_DEPS = {"nsubj:pass"}
# Accusative object: TIGER oa, UD obj.
OBJECT_DEPS = {"oa", "obj"}
# Dative object: TIGER da, UD iobj.
DATIVE_DEPS = {"da", "iobj"}
# Agent of a passive ("von X"): TIGER sbp, UD obl:agent.
PASSIVE_AGENT_DEPS = {"sbp", "obl:agent"}
# Genitive attribute or possessor ("Reise Putins", "Putins Reise"): TIGER ag, UD nmod:poss / nmod.
POSSESSOR_DEPS = {"ag", "nmod:poss"}
# Modifiers that can be prepositional phrases: TIGER mo, op, mnr, pg; UD obl, nmod.
PREPOSITIONAL_DEPS = {"mo", "op", "mnr", "pg", "obl", "nmod", "obl:arg"}
# The noun inside a TIGER prepositional phrase hangs on the preposition as nk.
PP_NOUN_DEPS = {"nk"}
# UD attaches the preposition to its noun as case.
CASE_DEPS = {"case"}
# Coordination: TIGER cd (conjunction) + cj (conjunct), UD conj.
CONJUNCT_DEPS = {"cj", "conj"}
COORDINATOR_DEPS = {"cd", "cc"}
# Separable verb particle ("sagten ... zu"): TIGER svp, UD compound:prt.
PARTICLE_DEPS = {"svp", "compound:prt"}
# Clausal complement of a modal or auxiliary (the lexical verb): TIGER oc, UD xcomp.
VERB_COMPLEMENT_DEPS = {"oc", "xcomp"}
# Apposition and name parts: "Staatschef Xi Jinping" (TIGER app/pnc/nk, UD appos/flat).
APPOSITION_DEPS = {"app", "pnc", "appos", "flat", "flat:name"}

# STTS finite verbs (full, auxiliary, modal).
FINITE_VERB_TAGS = {"VVFIN", "VAFIN", "VMFIN"}
VERB_TAGS = {"VVFIN", "VVINF", "VVIZU", "VVPP", "VAFIN", "VAINF", "VAPP", "VMFIN", "VMINF", "VMPP", "VVIMP", "VAIMP"}
VERB_POS = {"VERB", "AUX"}
INFINITIVE_TAGS = {"VVINF", "VAINF", "VMINF", "VVIZU"}
PARTICLE_TAGS = {"PTKVZ"}
# Prepositions, also fused with an article ("im", "zum") and postpositions ("zufolge").
PREPOSITION_TAGS = {"APPR", "APPRART", "APPO", "APZR"}
# Subordinating conjunctions and relative pronouns open a verb-final clause.
SUBORDINATOR_TAGS = {"KOUS", "PRELS", "PRELAT", "PWAV"}
# Words that may stand inside a noun phrase, by STTS tag and by universal POS.
NOUN_PHRASE_TAGS = {"ART", "PDAT", "PIAT", "PPOSAT", "ADJA", "CARD", "NN", "NE", "FM", "TRUNC", "PIDAT"}
NOUN_PHRASE_POS = {"DET", "ADJ", "NUM", "NOUN", "PROPN"}
NOUN_TAGS = {"NN", "NE", "FM"}
# Numbered roads name places: "Autobahn 33", "B 312"; the number belongs to the road's phrase.
ROAD_NOUNS = {"autobahn", "bundesstraße", "landstraße", "kreisstraße", "staatsstraße", "a", "b", "l", "k", "st"}
# Adverbs before a number that taggers read as nouns when capitalised at a sentence start
# ("Rund 2000 Beschäftigte"): they open a noun phrase, they do not head one.
APPROXIMATORS = {"rund", "etwa", "knapp", "circa", "ca.", "fast", "annähernd", "mindestens", "höchstens"}
# Words that open a noun phrase: after a noun they start the next one.
PHRASE_OPENING_TAGS = {"ART", "PDAT", "PIAT", "PPOSAT", "PIDAT", "ADJA", "CARD"}
NOUN_POS = {"NOUN", "PROPN"}
# Personal and demonstrative pronouns stand for a participant; indefinite ones ("viele") do not.
PRONOUN_TAGS = {"PPER", "PDS"}
# Indefinite pronouns ("man", "jemand") fill the subject slot but name no participant.
INDEFINITE_PRONOUN_TAGS = {"PIS"}
# Determiners dropped from an argument's text ("die russische Armee" → "russische Armee").
DETERMINER_TAGS = {"ART", "PDAT"}
# Determiners that only open a genitive ("die Regierung des Landes").
UNAMBIGUOUS_GENITIVES = {"des", "eines"}
# Words that join conjuncts of a noun phrase ("Xi und Putin", "Russland sowie China").
COORDINATORS = {"und", "sowie", "oder", "&"}


def string_ids(strings: Iterable[str]) -> frozenset[int]:
    """The string-store ids of ``strings`` (hashes; symbol ids for POS names), the same in every
    vocabulary: the word-class tests below compare a token's ``tag``/``pos``/``lower`` id, which
    is cheaper than decoding its ``tag_``/``pos_``/``lower_`` string."""
    return frozenset(map(get_string_id, strings))


NOUN_TAG_IDS, NOUN_POS_IDS, APPROXIMATOR_IDS = string_ids(NOUN_TAGS), string_ids(NOUN_POS), string_ids(APPROXIMATORS)
VERB_TAG_IDS, VERB_POS_IDS, FINITE_VERB_TAG_IDS = string_ids(VERB_TAGS), string_ids(VERB_POS), string_ids(FINITE_VERB_TAGS)
PREPOSITION_TAG_IDS, ADPOSITION_ID = string_ids(PREPOSITION_TAGS), get_string_id("ADP")
NOUN_PHRASE_TAG_IDS, NOUN_PHRASE_POS_IDS = string_ids(NOUN_PHRASE_TAGS), string_ids(NOUN_PHRASE_POS)
# Token.ent_iob inside an entity: 3 is "B", 1 is "I" (2 is "O", 0 unset).
IN_ENTITY_IOB = {1, 3}
# Where the clause and sentence bounds of a Doc are kept while the extractor runs.
BOUNDS_KEY = "newsevents_bounds"
ENTITIES_KEY = "newsevents_entities"
TIMES_KEY = "newsevents_time_extents"
CHUNKS_KEY = "newsevents_chunks"
CUES_KEY = "newsevents_attribution_cues"
PHRASES_KEY = "newsevents_noun_phrases"
WORDS_KEY = "newsevents_words"
TRIGGERS_KEY = "newsevents_trigger_indices"
# What the event extractor keeps in doc.user_data while it runs (removed by `forget_bounds`).
CACHE_KEYS = (BOUNDS_KEY, ENTITIES_KEY, TIMES_KEY, CHUNKS_KEY, CUES_KEY, PHRASES_KEY, WORDS_KEY, TRIGGERS_KEY)
# Punctuation that ends a clause in the shallow analysis.
# Parentheses only insert a remark ("am Donnerstag (06.00 Uhr) in den Warnstreik gehen").
CLAUSE_BREAKS = {",", ";", ":", "–", "—", "-", "»", "«", '"', "„", "“"}
CLAUSE_BREAK_IDS = tuple(sorted(string_ids(CLAUSE_BREAKS)))


def tagged_words(doc: Doc, *, tags: set[str], pos: set[str]) -> list[tuple[int, int, int, int]]:
    """(index, LOWER, LEMMA, ENT_TYPE) string ids of the tokens whose STTS tag (or, where no tag
    is set, universal POS) is in ``tags``/``pos``, read from the Doc's arrays: cheaper than
    making a Token object for every word. A LEMMA of 0 means the model sets none."""
    tag_ids = numpy.array(sorted(string_ids(tags)), dtype="uint64")
    pos_ids = numpy.array(sorted(string_ids(pos)), dtype="uint64")
    array = doc.to_array([TAG, POS, LOWER, LEMMA, ENT_TYPE])
    # a handful of tags: comparing against each beats numpy.isin's sorting
    hits = (array[:, :1] == tag_ids).any(axis=1) | ((array[:, 0] == 0) & (array[:, 1:2] == pos_ids).any(axis=1))
    return [(index, *row[2:]) for index, row in zip(numpy.flatnonzero(hits).tolist(), array[hits].tolist())]


def is_noun(token: Token) -> bool:
    return (token.tag in NOUN_TAG_IDS or token.pos in NOUN_POS_IDS) and token.lower not in APPROXIMATOR_IDS


def is_verb(token: Token) -> bool:
    """A verb by its tag; a word the NER took for a name is none ("Lufthansa-Flugbegleiter" tagged VMFIN)."""
    return (token.tag in VERB_TAG_IDS or token.pos in VERB_POS_IDS) and not token.ent_type


def is_finite(token: Token) -> bool:
    return (token.tag in FINITE_VERB_TAG_IDS or "VerbForm=Fin" in str(token.morph)) and not token.ent_type


def is_preposition(token: Token) -> bool:
    return token.tag in PREPOSITION_TAG_IDS or token.pos == ADPOSITION_ID


def in_noun_phrase(token: Token) -> bool:
    return (
        token.tag in NOUN_PHRASE_TAG_IDS
        or (not token.tag and token.pos in NOUN_PHRASE_POS_IDS)
        or token.ent_iob in IN_ENTITY_IOB
    )


def lemma_of(token: Token) -> str:
    """The lower-cased lemma, or the form when the model has no lemmatizer."""
    return (token.lemma_ or token.text).lower()


def words_of(doc: Doc) -> list[Token]:
    """The Doc's tokens as a list, made once per Doc: ``doc[i]`` builds a new Token every time."""
    words = doc.user_data.get(WORDS_KEY)
    if words is None:
        words = doc.user_data[WORDS_KEY] = list(doc)
    return words


def tokens_of(span: Span) -> list[Token]:
    """The tokens of a span, from the Doc's token list (iterating a Span builds each Token anew)."""
    return words_of(span.doc)[span.start : span.end]


def clause_tokens(token: Token) -> list[Token]:
    """The tokens of ``clause_of(token)``, from the Doc's token list."""
    start, end = clause_range(token)
    return words_of(token.doc)[start:end]


def clause_range(token: Token) -> tuple[int, int]:
    """(start, end) of ``clause_of(token)`` without making the Span."""
    starts, ends = bounds(token.doc)[:2]
    return starts[token.i], ends[token.i]


def sentence_range(token: Token) -> tuple[int, int]:
    """(start, end) of ``sentence_of(token)`` without making the Span."""
    starts, ends = bounds(token.doc)[2:]
    return starts[token.i], ends[token.i]


def clause_of(token: Token) -> Span:
    """The stretch of the sentence between clause punctuation around ``token``.

    A shallow clause: commas also separate appositions and coordinated clauses; only the commas
    of an enumeration of noun phrases ("Frankfurt, Düsseldorf und München") stay inside it.
    """
    starts, ends = bounds(token.doc)[:2]
    return token.doc[starts[token.i] : ends[token.i]]


def sentence_of(token: Token) -> Span:
    """The sentence of ``token`` (``token.sent``, read from precomputed bounds)."""
    starts, ends = bounds(token.doc)[2:]
    return token.doc[starts[token.i] : ends[token.i]]


def bounds(doc: Doc) -> tuple[list[int], list[int], list[int], list[int]]:
    """Per token: start and end of its clause, start and end of its sentence.

    Computed once per Doc from arrays (``token.sent`` and scanning token by token are slow) and
    kept in ``doc.user_data`` until ``forget_bounds`` while the event extractor runs.
    """
    cached = doc.user_data.get(BOUNDS_KEY)
    if cached is not None:
        return cached
    size = len(doc)
    if not size:
        doc.user_data[BOUNDS_KEY] = ([], [], [], [])
        return doc.user_data[BOUNDS_KEY]
    orth, sentence_flags = doc.to_array(ORTH), doc.to_array(SENT_START)
    is_break = (orth[:, None] == numpy.array(CLAUSE_BREAK_IDS, dtype="uint64")).any(axis=1)  # a dozen ids: cheaper than numpy.isin's sorting
    index = numpy.arange(size)
    opens = (sentence_flags == 1) | (index == 0)
    sentence_starts = numpy.maximum.accumulate(numpy.where(opens, index, 0))
    sentence_ends = following(opens, size)
    words = words_of(doc)
    # a comma inside an enumeration of noun phrases joins them; it does not end a clause
    for comma in numpy.flatnonzero(orth == get_string_id(",")).tolist():
        if joins_enumeration(words, comma, start=int(sentence_starts[comma]), end=int(sentence_ends[comma])):
            is_break[comma] = False
    # A clause starts at a sentence start or after a break; it ends before the next sentence
    # start or break token.
    clause_opens = opens | numpy.concatenate(([False], is_break[:-1]))
    clause_starts = numpy.maximum.accumulate(numpy.where(clause_opens, index, 0))
    clause_ends = following(opens | is_break, size)
    clause_starts, clause_ends = clause_starts.tolist(), clause_ends.tolist()
    sentence_starts, sentence_ends = sentence_starts.tolist(), sentence_ends.tolist()
    doc.user_data[BOUNDS_KEY] = (clause_starts, clause_ends, sentence_starts, sentence_ends)
    return doc.user_data[BOUNDS_KEY]


def joins_enumeration(words: list[Token], comma: int, *, start: int, end: int) -> bool:
    """True when the comma separates noun phrases of one enumeration that a coordinator closes
    ("an den Standorten Frankfurt, Düsseldorf und München", "In Köln (10.00 Uhr), Dortmund
    (10.30 Uhr) und Bad Oeynhausen"): such a comma joins like "und" and ends no clause.
    ``start`` and ``end`` bound the sentence.

    Not when a finite verb stands before the comma in its clause and another follows the last
    conjunct: "Die Regierung kritisierte die Pläne, Experten und Verbände warnten" is two clauses.
    """
    before = comma - 1
    if before >= 0 and words[before].text == ")":
        before = remark_start(words, before) - 1
    if before < 0 or not is_noun(words[before]):
        return False
    has_noun, i = False, comma + 1
    while i < end:
        word = words[i]
        if word.text == "(":
            i = remark_end(words, i, end)
            continue
        if word.lower_ in COORDINATORS:
            return has_noun and not (follows_finite(words, comma, start) and verb_after_conjunct(words, i + 1, end))
        if word.text == ",":
            if not has_noun:
                return False
            has_noun = False
        elif word.tag_ in SUBORDINATOR_TAGS or not in_noun_phrase(word):
            return False
        else:
            has_noun = has_noun or is_noun(word)
        i += 1
    return False


def follows_finite(words: list[Token], comma: int, start: int) -> bool:
    """A finite verb between the sentence start ``start`` (or the previous break) and the comma."""
    for word in reversed(words[start:comma]):
        if word.text in CLAUSE_BREAKS:
            return False
        if is_finite(word):
            return True
    return False


def verb_after_conjunct(words: list[Token], start: int, end: int) -> bool:
    """A finite verb right after the noun phrase that starts at ``start`` (a last conjunct)."""
    i = start
    while i < end and in_noun_phrase(words[i]):
        i += 1
    return i < end and is_finite(words[i])


def remark_start(words: list[Token], close: int) -> int:
    """The index of the "(" that opens the remark closed at ``close`` (``close`` + 1 if none)."""
    for i in range(close - 1, max(close - 12, -1), -1):
        if words[i].text == "(":
            return i
    return close + 1


def remark_end(words: list[Token], open_: int, end: int) -> int:
    """The index after the ")" that closes the remark opened at ``open_`` (``end`` if none)."""
    for i in range(open_ + 1, min(open_ + 12, end)):
        if words[i].text == ")":
            return i + 1
    return end


def following(flags: numpy.ndarray, size: int) -> numpy.ndarray:
    """Per index i: the first index after i where ``flags`` is set, else ``size``."""
    positions = numpy.where(flags, numpy.arange(size), size)
    nearest = numpy.minimum.accumulate(positions[::-1])[::-1]  # first flag at or after i
    return numpy.concatenate((nearest[1:], [size]))


def forget_bounds(doc: Doc) -> None:
    """Drop what the event extractor cached on the Doc (Spans cannot be serialised)."""
    for key in CACHE_KEYS:
        doc.user_data.pop(key, None)


def trigger_indices(doc: Doc) -> set[int]:
    """The indices of the Doc's event triggers, as the extractor found them (empty outside it)."""
    return doc.user_data.get(TRIGGERS_KEY, set())


def time_spans(doc: Doc) -> list[tuple[int, int, Span]]:
    """(start, end, span) of the Doc's time expressions, read once per Doc."""
    return read_times(doc)[0]


def time_extents(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token offsets of the Doc's time expressions."""
    return read_times(doc)[1]


def time_token_indices(doc: Doc) -> set[int]:
    """The indices of the tokens inside time expressions."""
    return read_times(doc)[2]


def read_times(doc: Doc) -> tuple[list[tuple[int, int, Span]], list[tuple[int, int]], set[int]]:
    cached = doc.user_data.get(TIMES_KEY)
    if cached is None:
        spans = sorted(((span.start, span.end, span) for span in doc.spans.get("times", [])), key=lambda item: item[:2])
        extents = [(start, end) for start, end, _ in spans]
        cached = doc.user_data[TIMES_KEY] = (spans, extents, {i for start, end in extents for i in range(start, end)})
    return cached


def entities_in(span: Span) -> list[Span]:
    """The entities inside ``span`` (``span.ents``, from a list of the Doc's entities made once;
    found by bisection, since a long Doc asks this for every argument of every trigger)."""
    entities, starts = read_entities(span.doc)
    found = []
    for index in range(bisect_left(starts, span.start), len(entities)):
        ent = entities[index]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            found.append(ent)
    return found


def entity_at(token: Token) -> Span | None:
    """The entity ``token`` is part of, if any."""
    entities, starts = read_entities(token.doc)
    index = bisect_right(starts, token.i) - 1
    return entities[index] if index >= 0 and token.i < entities[index].end else None


def remember_entities(doc: Doc) -> None:
    """Keep the Doc's entities and their start tokens while the extractor runs (after it changes them too)."""
    entities = list(doc.ents)
    doc.user_data[ENTITIES_KEY] = (entities, [ent.start for ent in entities])


def read_entities(doc: Doc) -> tuple[list[Span], list[int]]:
    if ENTITIES_KEY not in doc.user_data:
        remember_entities(doc)
    return doc.user_data[ENTITIES_KEY]


def noun_phrase_at(token: Token) -> Span | None:
    """The shallow noun phrase that ``token`` stands in (contiguous NP words), else None
    (once per token while the extractor runs: chunking asks for the same words again)."""
    phrases = token.doc.user_data.setdefault(PHRASES_KEY, {})
    if token.i not in phrases:
        phrases[token.i] = find_noun_phrase(token)
    return phrases[token.i]


def find_noun_phrase(token: Token) -> Span | None:
    if not in_noun_phrase(token):
        return None
    words = words_of(token.doc)
    sentence_start, sentence_end = sentence_range(token)
    start, end = token.i, token.i + 1
    while start > sentence_start:
        before = words[start - 1]
        if not in_noun_phrase(before) or is_preposition(before) or starts_new_name(words[start]):
            break
        start -= 1
    while end < sentence_end and in_noun_phrase(words[end]) and not starts_new_name(words[end]):
        end += 1
    if not any(is_noun(word) or word.ent_type_ for word in words[start:end]):
        return None
    return token.doc[start:end]


def starts_new_name(token: Token) -> bool:
    """True where a new noun phrase begins inside a run of noun-phrase words.

    A name right after another name ("gratulierte Xi Putin"), and a determiner or adjective
    right after a noun ("China gemeinsame Manöver", "Beginn seiner Amtszeit"): in German the
    determiner and adjectives come before their noun, so they open the next phrase.
    """
    if token.i == 0 or token.ent_iob_ == "I":  # inside a name ("Autobahn 33" tagged as one)
        return False
    previous = token.doc[token.i - 1]
    if token.like_num and previous.text.lower() in ROAD_NOUNS:  # "auf der B 312"
        return False
    if token.ent_iob_ == "B" and previous.ent_iob_ in {"B", "I"} and previous.ent_type_ != "MISC":
        return True  # but "deutsche StarCapital AG": a demonym adjective opens its noun's phrase
    if token.tag_ == "ADJA" and previous.ent_type_ and previous.text.endswith("s"):
        return False  # a genitive name before its noun: "Österreichs günstige Zinsen", "Putins neue Amtszeit"
    return token.tag_ in PHRASE_OPENING_TAGS and is_noun(previous)


def argument_text_span(phrase: Span) -> Span:
    """The words of a phrase that name the argument, as the spec wants them.

    A named entity inside the phrase is the shortest full name ("dem chinesischen Staatschef
    Xi Jinping" → "Xi Jinping") unless it only modifies the head as a genitive ("Russlands
    Präsident" stays); otherwise leading determiners go ("die russische Armee" → "russische Armee").
    """
    phrase = trim_space(phrase)
    entities = [ent for ent in entities_in(phrase) if ent.label_ in {"PER", "ORG", "LOC", "PERSON", "GPE"}]
    if entities:
        last = entities[-1]
        # a name in a genitive attribute names no argument ("Syndicat des P&T", "Regierung des Königreichs Bahrain")
        genitive = any(word.lower_ in UNAMBIGUOUS_GENITIVES for word in phrase.doc[phrase.start + 1 : last.start])
        if not genitive and (last.end == phrase.end or not any(is_noun(word) for word in phrase.doc[last.end : phrase.end])):
            return trim_space(last)
    start = phrase.start
    while start < phrase.end - 1 and phrase.doc[start].tag_ in DETERMINER_TAGS | {"APPRART", "APPR"}:
        start += 1
    return phrase.doc[start : phrase.end]


def trim_space(span: Span) -> Span:
    """The span without whitespace tokens at its edges (a model may tag "Mai\n\n" as a name).
    Reads the Doc directly, not ``words_of``: it also runs outside the extractor (entities.py),
    where the token-list cache would outlive ``forget_bounds``."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if (start, end) == (span.start, span.end):
        return span
    return span.doc[start:end] if end > start else span


def conjuncts_of(token: Token) -> Iterator[Token]:
    """Tokens coordinated with ``token`` in a parse ("Xi und Putin": Xi → Putin)."""
    for child in token.children:
        if child.dep_ in CONJUNCT_DEPS:
            yield child
            yield from conjuncts_of(child)
        elif child.dep_ in COORDINATOR_DEPS:
            for grandchild in child.children:
                if grandchild.dep_ in CONJUNCT_DEPS:
                    yield grandchild
                    yield from conjuncts_of(grandchild)
