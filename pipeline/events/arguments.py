"""Filling an event's roles from the words around its trigger.

Two paths give the same kind of result, a list of ``ArgumentMatch``:
- with a dependency parse, the trigger's subject, objects, genitive and prepositional
  dependents (TIGER or UD labels, see ``syntax``);
- without one, clause-level patterns over tags and entities: the noun phrase before the finite
  verb (or right after it when something else stands first) is the subject, the next bare noun
  phrase the object, and "mit X", "nach X", "gegen X" ... fill roles by preposition.
A noun trigger also takes the subject of the verb that governs it ("Putin plant einen Besuch").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Span, Token

from .rules import PLACE_ROLES, Frame
from .syntax import (
    APPOSITION_DEPS,
    APPROXIMATORS,
    CASE_DEPS,
    CHUNKS_KEY,
    COORDINATORS,
    DATIVE_DEPS,
    INDEFINITE_PRONOUN_TAGS,
    OBJECT_DEPS,
    PASSIVE_AGENT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    POSSESSOR_DEPS,
    PP_NOUN_DEPS,
    PREPOSITIONAL_DEPS,
    PRONOUN_TAGS,
    ROAD_NOUNS,
    SUBJECT_DEPS,
    SUBORDINATOR_TAGS,
    UNAMBIGUOUS_GENITIVES,
    VERB_COMPLEMENT_DEPS,
    argument_text_span,
    clause_of,
    conjuncts_of,
    entities_in,
    entity_at,
    in_noun_phrase,
    is_finite,
    is_noun,
    is_preposition,
    is_verb,
    noun_phrase_at,
    remark_end,
    sentence_of,
    sentence_range,
    time_token_indices,
    tokens_of,
    trigger_indices,
    words_of,
)

# Only a phrase with a place or organisation name fills a place role (``PLACE_ROLES``):
# "in China", not "in einem Telefonat".
PLACE_LABELS = {"LOC", "GPE", "ORG"}
GEOGRAPHIC_LABELS = {"LOC", "GPE"}
# A passive is "werden" + past participle: its subject is the patient, its "von" phrase the agent.
PASSIVE_AUXILIARY = "werden"
PAST_PARTICIPLE_TAGS = {"VVPP"}
# The agent of a passive: "von der Polizei festgenommen", "durch Truppen angegriffen".
PASSIVE_AGENT_PREPOSITIONS = {"von", "durch"}
# An adverb or adverbial in front of the finite verb pushes the subject behind it
# ("Erneut stellte Faymann ...", "Im März gratulierte Xi ...").
# (PAV is the older STTS name of PROAV, which the bundled model's UD GSD tags use.)
PREFIELD_ADVERBIAL_TAGS = {"ADV", "PROAV", "PAV", "ADJD", "PWAV"}
# Focus particles go with the noun phrase after them ("Auch die Lehrer wollen ...").
FOCUS_PARTICLES = {"auch", "nur", "selbst", "sogar", "allein", "gerade", "besonders"}
# Determiners that open a genitive attribute after a noun ("die Folgen der Sanktionen").
GENITIVE_DETERMINERS = {"des", "der", "eines", "einer"}
# What opens a genitive right after a noun trigger: also possessives ("die Unterstützung ihrer
# Versicherer"), not the indefinite "einer", which as often starts a dative object.
GENITIVE_OPENERS = {"des", "der", "eines", "ihrer", "seiner", "unserer"}
# Possessive determiners ("seiner Amtseinführung") and the entities they can refer to.
POSSESSIVE_TAG = "PPOSAT"
OWNER_LABELS = {"PER", "PERSON", "ORG"}
# Train lines and roads written as one code name places: "A3", "RE7", "S1".
ROUTE_CODE = re.compile(r"^(?:A|B|L|K|RE|RB|IC|ICE|S|U)\d{1,4}$")
# Personal pronouns, and the entity labels a third-person one can refer back to.
PERSONAL_PRONOUN_TAGS = {"PPER"}
ANTECEDENT_LABELS = {
    "er": {"PER", "PERSON"}, "ihm": {"PER", "PERSON"}, "ihn": {"PER", "PERSON"},
    "sie": {"PER", "PERSON", "ORG"}, "ihr": {"PER", "PERSON", "ORG"}, "ihnen": {"PER", "PERSON", "ORG"},
}
# Comparison particles: the phrase after "wie", "als" compares or exemplifies ("Konzerne wie
# Apple", "Putin als Präsident"); it is no subject or object of the clause.
COMPARISON_TAGS = {"KOKOM"}
# Relative pronouns: "der"/"welcher" open a relative clause as its subject; "die", "das",
# "welche(s)" are subject or object, and the object when a nominative phrase follows. Determiners
# that cannot start a nominative phrase tell which ("die den Streik ausgerufen hat").
RELATIVE_PRONOUN_TAG = "PRELS"
NOMINATIVE_RELATIVES = {"der", "welcher"}
AMBIGUOUS_RELATIVES = {"die", "das", "welche", "welches"}
# Determiners of a masculine accusative only: a phrase they open is no subject.
ACCUSATIVE_DETERMINERS = {"den", "einen", "diesen", "jenen", "keinen", "meinen", "seinen", "ihren", "unseren"}
NOMINATIVE_PRONOUNS = {"ich", "du", "er", "sie", "wir", "ihr", "man"}
OBLIQUE_DETERMINERS = {"den", "dem", "einen", "einem", "ihren", "ihrem", "seinen", "seinem", "unseren", "diesen", "diesem", "keinen", "keinem"}
# Adjectives of towns end in "-er" and keep their capital ("die Bonner Konzernzentrale").
ATTRIBUTIVE_ADJECTIVE_TAGS = {"ADJA"}
# What stands between an attributive participle's phrase and its noun ("im Februar ausgehandelte Minsker Abkommen").
PRENOMINAL_TAGS = {"ADJA", "ADJD", "ADV", "CARD"}
TOWN_ADJECTIVE_ENDING = "er"
# Common nouns, which prepositional phrases modify ("Briefkastenfirmen in Panama").
COMMON_NOUN_TAGS = {"NN"}
# Prepositions whose phrase after a noun belongs to that noun, not to the verb.
NOUN_MODIFYING_PREPOSITIONS = {"von"}


@dataclass(frozen=True)
class ArgumentMatch:
    role: str
    span: Span
    why: str


def find_arguments(
    trigger: Token, *, frame: Frame, parsed: bool, noun: Token | None = None, exclude: Span | None = None
) -> list[ArgumentMatch]:
    """The arguments of the event evoked by ``trigger`` (and, for light verbs, by ``noun``),
    from the dependency parse when ``parsed``, else from clause-level patterns."""
    def functions_of(word: Token) -> list[tuple[str, Span | None, str]]:
        if not parsed:
            return list(shallow_functions(word))
        # A place phrase often hangs on the clause's verb rather than on a noun trigger, where
        # the parse path does not look: the clause patterns still supply the place roles.
        places = [f for f in shallow_functions(word) if frame.role_of(f[0]) in PLACE_ROLES]
        return list(parse_functions(word)) + places

    functions = functions_of(trigger) + (functions_of(noun) if noun is not None else [])
    if noun is not None and frame.light_noun is not None:
        functions.append(("light_noun", noun_phrase_at(noun), f"noun of the light verb {trigger.text!r}"))
    arguments: list[ArgumentMatch] = []
    taken: set[tuple[int, int]] = set()
    for function, phrase, why in functions:
        role = frame.role_of(function)
        if role is None or phrase is None:
            continue
        span = argument_text_span(phrase)
        if span.text.isspace() or (len(span) == 1 and span[0].tag_ in INDEFINITE_PRONOUN_TAGS and not span[0].ent_type_):
            continue
        if len(span) == 1 and span[0].tag_ in PERSONAL_PRONOUN_TAGS and not span[0].ent_type_:
            antecedent = antecedent_of(span[0])
            if antecedent is None:
                continue  # "Er sprengte sich ...": a bare pronoun names no one in the graph
            span, why = antecedent, f"{why} (pronoun {span.text!r} → {antecedent.text!r})"
        if span.start <= trigger.i < span.end or (
            noun is not None and span.start <= noun.i < span.end and function != "light_noun"
        ):
            continue
        if exclude is not None and span.start < exclude.end and exclude.start < span.end:
            continue
        if not time_token_indices(trigger.doc).isdisjoint(range(span.start, span.end)):
            continue  # "im Mai" is the event's time, not its place
        if role in PLACE_ROLES and not names_place(span):
            continue
        if (span.start, span.end) in taken:
            continue
        taken.add((span.start, span.end))
        arguments.append(ArgumentMatch(role, span, f"{why} → {role}"))
    return arguments


def antecedent_of(pronoun: Token) -> Span | None:
    """The name a third-person pronoun refers back to: the nearest person (for "er", "ihm",
    "ihn") or person or organisation (for "sie", "ihr", "ihnen") named before it in its own
    or the previous sentence. Other pronouns ("wir", "es") get none."""
    labels = ANTECEDENT_LABELS.get(pronoun.text.lower())
    if labels is None:
        return None
    sentence_start = sentence_range(pronoun)[0]
    reach = sentence_range(pronoun.doc[sentence_start - 1])[0] if sentence_start > 0 else 0
    before = [ent for ent in entities_in(pronoun.doc[reach : pronoun.i]) if ent.label_ in labels]
    return before[-1] if before else None


# ---- with a dependency parse


def parse_functions(trigger: Token) -> Iterator[tuple[str, Span | None, str]]:
    """(function, phrase, why) for the dependents of a trigger in a parse."""
    if is_noun(trigger):
        yield from noun_dependents(trigger)
        governor = governing_verb(trigger)
        if governor is not None:
            for function, phrase, why in verb_dependents(governor):
                if function == "subject":
                    yield "governor_subject", phrase, f"subject of the governing verb {governor.text!r}: {why}"
        return
    yield from verb_dependents(trigger)


def verb_dependents(verb: Token) -> Iterator[tuple[str, Span | None, str]]:
    passive = is_passive(verb)
    for head in verbal_complex(verb):
        for child in head.children:
            dep = child.dep_
            if dep in SUBJECT_DEPS:
                function = "object" if passive else "subject"
            elif dep in PASSIVE_SUBJECT_DEPS:
                function = "object"
            elif dep in OBJECT_DEPS:
                function = "object"
            elif dep in DATIVE_DEPS:
                function = "dative"
            elif dep in PASSIVE_AGENT_DEPS:
                noun = pp_noun(child)
                for token in with_conjuncts(noun):
                    yield "passive_agent", phrase_from_head(token), f"{dep} {token.text!r}"
                continue
            elif dep in PREPOSITIONAL_DEPS:
                yield from prepositional(child)
                continue
            else:
                continue
            for token in with_conjuncts(child):
                yield function, phrase_from_head(token), f"{dep} {token.text!r}"


def noun_dependents(noun: Token) -> Iterator[tuple[str, Span | None, str]]:
    for child in noun.children:
        if child.dep_ in POSSESSOR_DEPS or (child.dep_ == "nmod" and case_of(child) is None):
            for token in with_conjuncts(child):
                yield "possessor", phrase_from_head(token), f"{child.dep_} {token.text!r}"
        elif child.dep_ in PREPOSITIONAL_DEPS:
            yield from prepositional(child)


def prepositional(child: Token) -> Iterator[tuple[str, Span | None, str]]:
    """A prepositional dependent: TIGER hangs the noun on the preposition, UD the reverse."""
    if is_preposition(child):
        preposition, noun = child, pp_noun(child)
    else:
        preposition, noun = case_of(child), child
    if preposition is None or noun is None:
        return
    for token in with_conjuncts(noun):
        yield preposition.text.lower(), phrase_from_head(token), f"{child.dep_} {preposition.text} {token.text!r}"


def pp_noun(preposition: Token) -> Token | None:
    if not is_preposition(preposition):
        return preposition
    nouns = [child for child in preposition.children if child.dep_ in PP_NOUN_DEPS and (is_noun(child) or child.tag_ in PRONOUN_TAGS)]
    return nouns[-1] if nouns else None


def case_of(noun: Token) -> Token | None:
    return next((child for child in noun.children if child.dep_ in CASE_DEPS), None)


def with_conjuncts(token: Token | None) -> list[Token]:
    return [] if token is None else [token, *conjuncts_of(token)]


def verbal_complex(verb: Token) -> list[Token]:
    """The verb and the auxiliaries/modals it is the complement of (where TIGER hangs the subject)."""
    chain = [verb]
    while chain[-1].dep_ in VERB_COMPLEMENT_DEPS and chain[-1].head is not chain[-1] and is_verb(chain[-1].head):
        chain.append(chain[-1].head)
    return chain


def is_passive(verb: Token) -> bool:
    if any(child.dep_ in PASSIVE_SUBJECT_DEPS for child in verb.children):
        return True
    return verb.tag_ in PAST_PARTICIPLE_TAGS and any(
        head.lemma_ == PASSIVE_AUXILIARY for head in verbal_complex(verb)[1:]
    )


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun trigger depends on, through at most two prepositions or nouns."""
    token = noun
    for _ in range(3):
        if token.head is token:
            return None
        token = token.head
        if is_verb(token):
            return token
    return None


def phrase_from_head(token: Token | None) -> Span | None:
    """The phrase a parse head stands for: its entity, an entity in apposition, or its noun phrase."""
    if token is None:
        return None
    doc = token.doc
    if token.ent_type_:
        return entity_at(token)
    for child in token.rights:
        if child.dep_ in APPOSITION_DEPS or (child.dep_ == "nk" and child.ent_type_):
            if child.ent_type_:
                return doc[token.left_edge.i : entity_at(child).end]
    return doc[token.left_edge.i : token.i + 1]


# ---- without a parse: clause-level patterns


def shallow_functions(trigger: Token) -> Iterator[tuple[str, Span | None, str]]:
    """(function, phrase, why) from word order, tags and entities alone."""
    clause = clause_of(trigger)
    bare, prepositional_phrases = chunk_clause(clause)
    if is_noun(trigger):
        yield from noun_attachments(trigger, clause)
        for preposition, group in prepositional_phrases:
            if modifies_other_noun(preposition, trigger):
                continue  # "Finanzgeschäfte mit Briefkastenfirmen in Panama": Panama places the firms
            if precedes_noun_attributively(group[-1].end, trigger):
                for phrase in group:  # "das zwischen Putin und Merkel ausgehandelte Abkommen"
                    yield preposition.text.lower(), phrase, f"preposition {preposition.text} before the noun: {phrase.text!r}"
                continue
            for phrase in group:
                if names_place(phrase) and not phrase.start <= trigger.i < phrase.end:
                    yield f"place {preposition.text.lower()}", phrase, f"place in the clause: {preposition.text} {phrase.text!r}"
        if attached_to_noun(trigger, clause):
            return
        own = next((phrase for phrase in bare if phrase.start <= trigger.i < phrase.end), None)
        for function, group, why in clause_functions(clause, bare):
            if function == "subject" and own is not None and group[0] is own:
                continue
            if function == "subject":
                for phrase in group:
                    yield "governor_subject", phrase, f"subject of the clause: {phrase.text!r} ({why})"
        return
    passive = is_shallow_passive(trigger, clause)
    for function, group, why in clause_functions(clause, bare):
        if passive and function == "subject":
            function, why = "object", f"{why}, subject of a passive"
        for phrase in group:
            yield function, phrase, f"{why}: {phrase.text!r}"
    for preposition, group in prepositional_phrases:
        function = preposition.text.lower()
        if modifies_noun(preposition):
            continue
        if passive and function in PASSIVE_AGENT_PREPOSITIONS:
            if any(ent.label_ in PLACE_LABELS - {"ORG"} for phrase in group for ent in entities_in(phrase)):
                continue  # "in der Nähe von Casablanca": a place, not the agent
            function = "passive_agent"
        for phrase in group:
            yield function, phrase, f"preposition {preposition.text} {phrase.text!r}"


def attached_to_noun(noun: Token, clause: Span) -> bool:
    """True when the noun's phrase depends on another noun, as a genitive ("die Folgen der
    Sanktionen") or a prepositional phrase ("zu seinem Sieg bei den Wahlen"): the clause's
    subject is then not its argument."""
    phrase = noun_phrase_at(noun)
    start = phrase.start if phrase is not None else noun.i
    if start <= clause.start:
        return False
    words = words_of(noun.doc)
    if follows_noun_as_genitive(words, start):
        return True
    if not (is_preposition(words[start - 1]) and start - 2 >= clause.start and is_noun(words[start - 2])):
        return False
    # "am Donnerstag in den Warnstreik": a time noun governs no phrase
    return start - 2 not in time_token_indices(noun.doc)


def follows_noun_as_genitive(words: list[Token], determiner: int) -> bool:
    """The word at ``determiner`` is a genitive determiner right after a noun: what it opens
    belongs to that noun ("die Folgen der Sanktionen", "die Flugbegleiter der Lufthansa")."""
    return determiner >= 1 and words[determiner].text.lower() in GENITIVE_DETERMINERS and is_noun(words[determiner - 1])


def is_plain_common_noun(token: Token) -> bool:
    """A common noun that is no name and no time ("Stellenabbau", not "Lufthansa" or "Februar"):
    a prepositional phrase after it can belong to it."""
    return token.tag_ in COMMON_NOUN_TAGS and not token.ent_type_ and token.i not in time_token_indices(token.doc)


def precedes_noun_attributively(end: int, noun: Token) -> bool:
    """True when a prepositional phrase ending at ``end`` belongs to an attributive participle
    of ``noun``: only adjectives, adverbs and remarks in parentheses stand between them ("die von
    Finanzminister Schelling (ÖVP) erhobene Forderung")."""
    words = words_of(noun.doc)
    i, participle = end, False
    while i < noun.i:
        if words[i].text == "(":
            i = remark_end(words, i, noun.i)
            continue
        if words[i].tag_ not in PRENOMINAL_TAGS:
            return False
        participle = participle or words[i].tag_ in ATTRIBUTIVE_ADJECTIVE_TAGS
        i += 1
    return participle


def modifies_other_noun(preposition: Token, trigger: Token) -> bool:
    """A prepositional phrase right after a common noun other than the trigger belongs to that
    noun, unless it is a time noun ("am Sonntag in Frankfurt") or the trigger's genitive
    ("des Zusammenstoßes zweier Personenzüge in Oberbayern"), or another event, whose place is
    this one's ("Unfall auf der A45 führt zu Verkehrsbehinderungen"). After a name it does not
    ("A46 Richtung Wuppertal zwischen Bilk und Hilden 10 km Stau"), nor when capitalised, where
    it opens a sentence or headline. (The chain of phrases after the trigger itself, "Streik bei
    der Lufthansa in Frankfurt", comes from ``noun_attachments``.)"""
    i = preposition.i - 1
    if i < 0 or i == trigger.i or preposition.text[:1].isupper():
        return False
    words = words_of(trigger.doc)
    if not is_plain_common_noun(words[i]) or i in trigger_indices(trigger.doc):
        return False
    return not (trigger.i < i and all(in_noun_phrase(word) for word in words[trigger.i + 1 : preposition.i]))


def names_place(span: Span, *, labels: set[str] = PLACE_LABELS) -> bool:
    """A place, organisation or other proper name, a numbered road or line ("auf der
    Autobahn 33", "auf der B 312", "beim RE7"), or a building of a named town ("vor der Bonner
    Konzernzentrale"): what can fill a location or destination. ``labels``: the entity labels
    that count (``GEOGRAPHIC_LABELS`` for places proper)."""
    return (
        any(ent.label_ in labels for ent in entities_in(span))
        or (span[-1].tag_ == "NE" and not span[-1].ent_type_)
        or any(is_town_adjective(word) for word in span)
        or bool(ROUTE_CODE.match(span[-1].text))
        or (len(span) > 1 and span[-1].like_num and span[-2].text.lower() in ROAD_NOUNS)
    )


def is_town_adjective(word: Token) -> bool:
    """A capitalised adjective in "-er" inside a sentence: the indeclinable adjective of a town
    ("Bonner", "Leipziger", "Wiener"); at a sentence start any adjective is capitalised."""
    return (
        word.tag_ in ATTRIBUTIVE_ADJECTIVE_TAGS
        and word.text[:1].isupper()
        and word.text.endswith(TOWN_ADJECTIVE_ENDING)
        and word.i > sentence_range(word)[0]
    )


def modifies_noun(preposition: Token) -> bool:
    """A "von" phrase right after a noun modifies that noun ("Pläne von Innenminister Sobotka")."""
    return (
        preposition.text.lower() in NOUN_MODIFYING_PREPOSITIONS
        and preposition.i > 0
        and is_noun(preposition.doc[preposition.i - 1])
    )


def is_shallow_passive(verb: Token, clause: Span) -> bool:
    """A past participle in a clause with a form of "werden" ("wurde", "ist ... worden")."""
    return verb.tag_ in PAST_PARTICIPLE_TAGS and any(token.lemma_ == PASSIVE_AUXILIARY for token in tokens_of(clause))


def noun_attachments(noun: Token, clause: Span) -> Iterator[tuple[str, Span | None, str]]:
    """The chain of prepositional phrases and genitives right after a noun trigger, and a
    genitive name right before it ("Putins Besuch", "Besuch Putins in China")."""
    doc = noun.doc
    before = doc[noun.i - 1] if noun.i > clause.start else None
    if before is not None and before.ent_type_ and before.text.endswith("s"):
        yield "possessor", noun_phrase_at(before), f"genitive before the noun {before.text!r}"
    owner = possessive_owner(noun)
    if owner is not None:
        yield "possessor", owner, f"possessive pronoun before the noun, resolved to {owner.text!r}"
    i = noun.i + 1
    after_common_noun = False  # the last phrase was a prepositional one ending in a common noun
    while i < clause.end:
        token = doc[i]
        if is_preposition(token):
            group = coordinated_phrases(doc, i + 1, clause.end)
            if not group or (after_common_noun and not any(names_place(phrase, labels=GEOGRAPHIC_LABELS) for phrase in group)):
                break  # "Proteste gegen Stellenabbau bei Bombardier": Bombardier's job cuts, not its protest
            for phrase in group:
                yield token.text.lower(), phrase, f"preposition {token.text} after the noun: {phrase.text!r}"
            i = group[-1].end
            # not a time ("beim EU-Gipfel im Februar von den Regierungschefs")
            after_common_noun = is_plain_common_noun(doc[i - 1])
        elif i == noun.i + 1 and (token.ent_type_ or token.text.lower() in GENITIVE_OPENERS):
            group = coordinated_phrases(doc, i, clause.end)  # "der Konkurrenten Dupont und Dow Chemical"
            if not group:
                break
            for phrase in group:
                yield "possessor", phrase, f"genitive after the noun {phrase.text!r}"
            i = group[-1].end
            after_common_noun = False  # "die Forderung der Gewerkschaft nach mehr Lohn"
        else:
            break


def possessive_owner(noun: Token) -> Span | None:
    """The person or organisation a possessive determiner before the noun refers to ("Putins
    ... nach seiner Amtseinführung" → Putin, "die Gewerkschaft UFO weitet ihren Streik aus" →
    UFO): the nearest one named before it in the sentence, else None (the clause subject, found
    on its own, is then usually the owner: "die Regierung hat ihre Kooperation zugesagt"); also
    None when that name is a genitive attribute of another noun."""
    words = words_of(noun.doc)
    i = noun.i - 1
    while i >= sentence_range(noun)[0] and words[i].tag_ in {"ADJA", "ADJD"}:
        i -= 1
    if i < sentence_range(noun)[0] or words[i].tag_ != POSSESSIVE_TAG:
        return None
    sentence = sentence_of(noun)
    persons = [ent for ent in entities_in(sentence) if ent.label_ in OWNER_LABELS and ent.end <= i]
    if not persons:
        return None
    person = persons[-1]
    if follows_noun_as_genitive(words, person.start - 1):
        return None  # "Die Flugbegleiter der Lufthansa setzen ihren Streik fort": the head noun owns it
    start = person.end
    while start > person.start and words[start - 1].tag_ == "NE":
        start -= 1  # the name words only, where a model let common nouns into the entity
    return noun.doc[start : person.end] if start < person.end else person


def chunk_clause(clause: Span) -> tuple[list[Span], list[tuple[Token, list[Span]]]]:
    """Bare noun phrases (and personal pronouns) and prepositional phrases of a clause
    (once per clause: several triggers often share one)."""
    chunks = clause.doc.user_data.setdefault(CHUNKS_KEY, {})
    key = (clause.start, clause.end)
    if key not in chunks:
        chunks[key] = find_chunks(clause)
    return chunks[key]


def find_chunks(clause: Span) -> tuple[list[Span], list[tuple[Token, list[Span]]]]:
    doc = clause.doc
    words = words_of(doc)
    bare: list[Span] = []
    prepositional_phrases: list[tuple[Token, list[Span]]] = []
    i = clause.start
    while i < clause.end:
        token = words[i]
        if is_preposition(token) or token.tag_ in COMPARISON_TAGS:
            group = coordinated_phrases(doc, i + 1, clause.end)
            if group:
                if is_preposition(token):
                    prepositional_phrases.append((token, group))
                i = group[-1].end
                continue
        elif (token.tag_ in PRONOUN_TAGS | INDEFINITE_PRONOUN_TAGS) and token.text.lower() not in {"es", "das", "dies"}:
            bare.append(doc[i : i + 1])
        else:
            phrase = noun_phrase_at(token)
            if phrase is not None and phrase.start == i:
                if bare and bare[-1].end == i and token.lower_ in UNAMBIGUOUS_GENITIVES:
                    bare[-1] = doc[bare[-1].start : phrase.end]  # a genitive joins its noun: "das Syndicat des P&T"
                else:
                    bare.append(phrase)
                i = phrase.end
                continue
        i += 1
    return bare, prepositional_phrases


def coordinated_phrases(doc, start: int, end: int) -> list[Span]:
    """Noun phrases from ``start`` to the clause end ``end`` joined by "und", "sowie", or the
    commas of an enumeration, which stay inside a clause: "Xi und Putin", "in Köln (10.00 Uhr),
    Dortmund (10.30 Uhr) und Bad Oeynhausen"."""
    phrases: list[Span] = []
    words = words_of(doc)
    i = start
    while i < end:
        phrase = noun_phrase_at(words[i])
        if phrase is None or phrase.start != i:
            break
        phrases.append(phrase)
        i = phrase.end
        if i < end and words[i].text == "(":
            i = remark_end(words, i, end)
        if i < end and is_conjunction(words[i]):
            i += 1
            continue
        break
    return phrases


def is_conjunction(word: Token) -> bool:
    """A coordinator, or a comma: between two phrases of one clause only an enumeration's comma stands."""
    return word.lower_ in COORDINATORS or word.text == ","


def clause_functions(clause: Span, bare: list[Span]) -> Iterator[tuple[str, list[Span], str]]:
    """Subject and object of a clause from the position of its bare noun phrases.

    German main clauses put the finite verb second: what stands before it is the subject
    unless it is an adverbial ("Im März gratulierte Xi Putin"), and then the subject follows
    the verb. Subordinate clauses ("dass Moskau und Peking ...") put the subject first.
    """
    finite = next((token for token in tokens_of(clause) if is_finite(token)), None)
    groups = group_coordinations(bare)
    if not groups:
        return
    verb_final = clause[0].tag_ in SUBORDINATOR_TAGS or finite is None
    antecedent = relative_subject(clause, groups)
    if antecedent is not None:
        order = [[antecedent]] + groups
        why = f"antecedent of the relative pronoun {clause[0].text!r}"
    elif verb_final:
        order = groups
        why = "first noun phrase of a verb-final clause"
    elif groups[0][-1].end <= finite.i and groups[0][0][0].lower_ in ACCUSATIVE_DETERMINERS:
        # "Den Vorschlag der Arbeitgeber lehnt Verdi ab": a fronted object, the subject follows the verb
        after = [group for group in groups if group[0].start > finite.i]
        if after:
            yield "subject", after[0], "first noun phrase after the finite verb"
        yield "object", groups[0], "accusative noun phrase before the finite verb"
        return
    elif groups[0][-1].end <= finite.i and not any(
        is_preposition(t) or (t.tag_ in PREFIELD_ADVERBIAL_TAGS and t.text.lower() not in FOCUS_PARTICLES | APPROXIMATORS)
        for t in words_of(clause.doc)[clause.start : finite.i]
    ):
        order = groups
        why = "noun phrase before the finite verb"
    else:
        order = [group for group in groups if group[0].start > finite.i]
        why = "first noun phrase after the finite verb"
    if order:
        yield "subject", order[0], why
    if len(order) > 1:
        yield "object", order[1], "next noun phrase"


def relative_subject(clause: Span, groups: list[list[Span]]) -> Span | None:
    """The noun phrase a relative clause hangs on, when its relative pronoun is the subject:
    "Der General, der einen Rücktritt verweigert hatte" → "Der General". "der" and "welcher"
    are nominative here unless a nominative pronoun follows ("der sie ... vorwirft"); "die",
    "das", "welche(s)" only when the clause's first noun phrase is plainly not nominative ("die
    den Streik ausgerufen hat", not "die die Gewerkschaft ausgerufen hat")."""
    pronoun = clause[0]
    form = pronoun.text.lower()
    if pronoun.tag_ != RELATIVE_PRONOUN_TAG or form not in NOMINATIVE_RELATIVES | AMBIGUOUS_RELATIVES:
        return None
    first = groups[0][0][0].text.lower() if groups else ""
    if first in NOMINATIVE_PRONOUNS or (form in AMBIGUOUS_RELATIVES and groups and first not in OBLIQUE_DETERMINERS):
        return None  # "die Ärztekammer, der sie eine Blockadehaltung vorwirft": "sie" is the subject
    doc = clause.doc
    if clause.start < 2 or doc[clause.start - 1].text != ",":
        return None
    return noun_phrase_at(doc[clause.start - 2])


def group_coordinations(phrases: list[Span]) -> list[list[Span]]:
    """Join bare noun phrases separated only by a coordinator into one group."""
    groups: list[list[Span]] = []
    for phrase in phrases:
        if groups:
            previous = groups[-1][-1]
            between = phrase.doc[previous.end : phrase.start]
            if len(between) == 1 and is_conjunction(between[0]):
                groups[-1].append(phrase)
                continue
        groups.append([phrase])
    return groups
