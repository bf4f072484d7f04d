"""The parse-based path of the event extractor on hand-built Docs.

The Docs carry what ``de_core_news_lg`` would give (STTS tags, lemmas, TIGER dependency labels
and heads, PER/LOC/ORG entities), and one carries UD labels, so the rules are tested on both
label sets without the model. Each token is written ``word TAG lemma head dep ent`` with the
head as the token's index in the sentence.
"""
import pytest
import spacy
from spacy.tokens import Doc

import pipeline.events  # noqa: F401  (registers the factory)
from tests.docbuilder import build_doc as build_tokens_doc


def build_doc(nlp, rows: str) -> Doc:
    return build_tokens_doc(nlp, rows, columns=COLUMNS)


COLUMNS = ("word", "tag", "lemma", "head", "dep", "ent")


VISIT_PLANNED = """
Wladimir NE Wladimir 1 pnc PER
Putin NE Putin 2 sb PER
plant VVFIN planen 2 ROOT O
eine ART ein 4 nk O
Woche NN Woche 2 mo O
nach APPR nach 4 mnr O
Beginn NN Beginn 5 nk O
seiner PPOSAT sein 9 nk O
neuen ADJA neu 9 nk O
Amtszeit NN Amtszeit 6 ag O
einen ART ein 11 nk O
Besuch NN Besuch 2 oa O
in APPR in 11 mnr O
China NE China 12 nk LOC
. $. . 2 punct O
"""

CONGRATULATION_BY_PHONE = """
Im APPRART in 2 mo O
März NN März 0 nk O
gratulierte VVFIN gratulieren 2 ROOT O
Xi NE Xi 2 sb PER
Putin NE Putin 2 da B-PER
am APPRART an 2 mo O
Telefon NN Telefon 5 nk O
zu APPR zu 2 op O
seinem PPOSAT sein 9 nk O
Sieg NN Sieg 7 nk O
. $. . 2 punct O
"""

SUPPORT_PARTICLE_VERB = """
In APPR in 6 mo O
einem ART ein 2 nk O
Telefonat NN Telefonat 0 nk O
im APPRART in 2 mnr O
Februar NN Februar 3 nk O
sagten VVFIN sagen 5 ROOT O
sich PRF sich 5 da O
Xi NE Xi 5 sb PER
und KON und 7 cd O
Putin NE Putin 8 cj PER
wechselseitig ADJD wechselseitig 5 mo O
Unterstützung NN Unterstützung 5 oa O
zu PTKVZ zu 5 svp O
. $. . 5 punct O
"""

EXERCISE = """
Im APPRART in 2 mo O
Dezember NN Dezember 0 nk O
hielten VVFIN halten 2 ROOT O
Russland NE Russland 2 sb LOC
und KON und 3 cd O
China NE China 4 cj LOC
gemeinsame ADJA gemeinsam 7 nk O
Militärmanöver NN Militärmanöver 2 oa O
ab PTKVZ ab 2 svp O
. $. . 2 punct O
"""

VIDEO_CALL = """
Der ART der 2 nk O
russische ADJA russisch 2 nk O
Präsident NN Präsident 5 sb O
Wladimir NE Wladimir 4 pnc PER
Putin NE Putin 2 nk PER
hat VAFIN haben 5 ROOT O
in APPR in 15 mo O
einem ART ein 8 nk O
Videotelefonat NN Videotelefonat 6 nk O
mit APPR mit 8 mnr O
dem ART der 12 nk O
chinesischen ADJA chinesisch 12 nk O
Staatschef NN Staatschef 9 nk O
Xi NE Xi 14 pnc PER
Jinping NE Jinping 12 nk PER
bekundet VVPP bekunden 5 oc O
. $. . 5 punct O
"""

NEGATED_ATTACK = """
Die ART der 1 nk O
Armee NN Armee 2 sb O
griff VVFIN greifen 2 ROOT O
die ART der 4 nk O
Stadt NN Stadt 2 oa O
nicht PTKNEG nicht 2 ng O
an PTKVZ an 2 svp O
. $. . 2 punct O
"""

PASSIVE_ARREST = """
Der ART der 1 nk O
Mann NN Mann 2 sb O
wurde VAFIN werden 2 ROOT O
von APPR von 6 sbp O
der ART der 5 nk O
Polizei NN Polizei 3 nk ORG
festgenommen VVPP festnehmen 2 oc O
. $. . 2 punct O
"""

# Universal Dependencies labels (with STTS tags), as a parser trained on UD German-GSD gives them.
UD_MEETING = """
Scholz NE Scholz 1 nsubj PER
traf VVFIN treffen 1 ROOT O
Macron NE Macron 1 obj PER
in APPR in 4 case O
Paris NE Paris 1 obl LOC
. $. . 1 punct O
"""

# A noun trigger whose place hangs on the clause's verb (UD obl), not on the noun.
UD_STRIKE_PLACE_ON_VERB = """
In APPR in 1 case O
Paris NE Paris 2 obl LOC
begann VVFIN beginnen 2 ROOT O
der ART der 4 det O
Streik NN Streik 2 nsubj O
. $. . 2 punct O
"""


@pytest.fixture(scope="module")
def extractor():
    nlp = spacy.blank("de")
    return nlp, nlp.add_pipe("newsevents_events", config={"syntax": "parse"})


def summarise(doc: Doc) -> list[tuple]:
    summary = []
    for event in doc._.events:
        roles: dict[str, list[str]] = {}
        for argument in event["arguments"]:
            roles.setdefault(argument["role"], []).append(doc.text[argument["start"] : argument["end"]])
        trigger = doc.text[event["trigger"]["start"] : event["trigger"]["end"]]
        summary.append((event["type"], trigger, event["status"], event["negated"], roles))
    return summary


@pytest.mark.parametrize(
    "rows, expected",
    [
        (VISIT_PLANNED, [("VISIT", "Besuch", "planned", False, {"destination": ["China"], "agent": ["Wladimir Putin"]})]),
        (CONGRATULATION_BY_PHONE, [("CONGRATULATION", "gratulierte", "occurred", False, {"agent": ["Xi"], "target": ["Putin"], "topic": ["seinem Sieg"]})]),
        (
            SUPPORT_PARTICLE_VERB,
            [
                ("CALL", "Telefonat", "occurred", False, {"participant": ["Xi", "Putin"]}),
                ("SUPPORT", "sagten", "occurred", False, {"agent": ["Xi", "Putin"]}),
            ],
        ),
        (EXERCISE, [("MILITARY_EXERCISE", "Militärmanöver", "occurred", False, {"participant": ["Russland", "China"]})]),
        (VIDEO_CALL, [("CALL", "Videotelefonat", "occurred", False, {"participant": ["Xi Jinping", "Wladimir Putin"]})]),
        (NEGATED_ATTACK, [("ATTACK", "griff", "occurred", True, {"agent": ["Armee"], "target": ["Stadt"]})]),
        (PASSIVE_ARREST, [("ARREST", "festgenommen", "occurred", False, {"target": ["Mann"], "agent": ["Polizei"]})]),
        (UD_MEETING, [("MEETING", "traf", "occurred", False, {"participant": ["Scholz", "Macron"], "location": ["Paris"]})]),
        (UD_STRIKE_PLACE_ON_VERB, [("STRIKE", "Streik", "occurred", False, {"location": ["Paris"]})]),
    ],
    ids=["visit", "congratulation", "support-particle-verb", "exercise", "video-call", "negated-attack", "passive-arrest",
         "ud-meeting", "ud-place-on-verb"],
)
def test_events_parsed_docs(extractor, rows, expected):
    nlp, component = extractor
    doc = component(build_doc(nlp, rows))
    assert summarise(doc) == expected


@pytest.mark.parametrize(
    "syntax, rows, uses_parse",
    [("auto", VISIT_PLANNED, True), ("auto", UD_MEETING, False), ("parse", UD_MEETING, True), ("shallow", VISIT_PLANNED, False)],
)
def test_events_parsed_syntax_mode_picks_the_path(syntax, rows, uses_parse):
    """"auto" trusts TIGER parses (de_core_news_lg) and falls back to patterns for UD ones."""
    nlp = spacy.blank("de")
    component = nlp.add_pipe("newsevents_events", config={"syntax": syntax})
    assert component.uses_parse(build_doc(nlp, rows)) is uses_parse


@pytest.mark.parametrize("meta, uses_parse", [({"events_syntax": "parse"}, True), ({}, False)])
def test_events_parsed_auto_follows_the_model_meta(meta, uses_parse):
    """A model whose meta asks for the parse path (the encoder tier) gets it for UD labels too."""
    nlp = spacy.blank("de")
    nlp.meta.update(meta)
    component = nlp.add_pipe("newsevents_events")
    assert component.uses_parse(build_doc(nlp, UD_MEETING)) is uses_parse


def test_events_parsed_attribution_names_the_source(extractor):
    nlp, component = extractor
    rows = """
Die ART der 1 nk O
Reise NN Reise 2 sb O
ist VAFIN sein 9 oc O
für APPR für 7 mo O
den ART der 6 nk O
15. ADJA 15. 6 nk O
Mai NN Mai 3 nk O
geplant VVPP planen 2 oc O
, $, , 9 punct O
sagte VVFIN sagen 9 ROOT O
eine ART ein 14 nk O
mit APPR mit 13 mo O
Plänen NN Plan 11 nk O
vertraute ADJA vertraut 14 nk O
Person NN Person 9 sb O
. $. . 9 punct O
"""
    doc = build_doc(nlp, rows)
    doc = component(doc)
    (event,) = doc._.events
    source = event["reported_by"]
    assert event["type"] == "VISIT" and event["status"] == "planned"
    assert doc.text[source["start"] : source["end"]] == "eine mit Plänen vertraute Person"
