"""The shallow path of the event extractor: tags and entities, no parse (the bundled model).

Each token is written ``word TAG lemma ent``; the tags are STTS as the bundled tagger gives them.
"""
import pytest
import spacy
from spacy.tokens import Doc

import pipeline.events  # noqa: F401  (registers the factory)
from tests.docbuilder import build_doc as build_tokens_doc
from tests.test_events_parsed import summarise


def build_doc(nlp, rows: str) -> Doc:
    return build_tokens_doc(nlp, rows, columns=COLUMNS)


COLUMNS = ("word", "tag", "lemma", "ent")


CASES = {
    "visit-planned": (
        """
Wladimir NE Wladimir PER
Putin NE Putin PER
plant VVFIN planen O
eine ART ein O
Woche NN Woche O
nach APPR nach O
Beginn NN Beginn O
seiner PPOSAT sein O
neuen ADJA neu O
Amtszeit NN Amtszeit O
einen ART ein O
Besuch NN Besuch O
in APPR in O
China NE China LOC
. $. . O
""",
        [("VISIT", "Besuch", "planned", False, {"destination": ["China"], "agent": ["Wladimir Putin"]})],
    ),
    "congratulation-inverted": (
        """
Im APPRART in O
März NN März O
gratulierte VVFIN gratulieren O
Xi NE Xi PER
Putin NE Putin B-PER
am APPRART an O
Telefon NN Telefon O
zu APPR zu O
seinem PPOSAT sein O
Sieg NN Sieg O
. $. . O
""",
        [("CONGRATULATION", "gratulierte", "occurred", False, {"agent": ["Xi"], "target": ["Putin"], "topic": ["seinem Sieg"]})],
    ),
    "exercise-particle-verb": (
        """
Im APPRART in O
Dezember NN Dezember O
hielten VVFIN halten O
Russland NE Russland LOC
und KON und O
China NE China LOC
gemeinsame ADJA gemeinsam O
Militärmanöver NN Militärmanöver O
ab PTKVZ ab O
. $. . O
""",
        [("MILITARY_EXERCISE", "Militärmanöver", "occurred", False, {"participant": ["Russland", "China"]})],
    ),
    "meeting-planned-in-pp": (
        """
Russlands NE Russland LOC
Präsident NN Präsident O
will VMFIN wollen O
zu APPR zu O
Gesprächen NN Gespräch O
mit APPR mit O
Xi NE Xi PER
nach APPR nach O
China NE China LOC
. $. . O
""",
        [("MEETING", "Gesprächen", "planned", False, {"participant": ["Xi", "Russlands Präsident"]})],
    ),
    "meeting-possible-negated": (
        """
Xi NE Xi PER
und KON und O
Putin NE Putin PER
würden VAFIN werden O
sich PRF sich O
nicht PTKNEG nicht O
treffen VVINF treffen O
. $. . O
""",
        [("MEETING", "treffen", "possible", True, {"participant": ["Xi", "Putin"]})],
    ),
    "arrest-passive": (
        """
Ein ART ein O
Mann NN Mann O
wurde VAFIN werden O
von APPR von O
der ART der O
Polizei NN Polizei ORG
festgenommen VVPP festnehmen O
. $. . O
""",
        [("ARREST", "festgenommen", "occurred", False, {"target": ["Mann"], "agent": ["Polizei"]})],
    ),
    # a trigger noun the NER took for a one-word place is still a trigger ...
    "trigger-tagged-as-place": (
        """
Der ART der O
Bus NN Bus O
sorgte VVFIN sorgen O
auf APPR auf O
der ART der O
B33 NE B33 LOC
für APPR für O
einen ART ein O
langen ADJA lang O
Rückstau NN Rückstau LOC
. $. . O
""",
        [("TRAFFIC_JAM", "Rückstau", "occurred", False, {"location": ["B33"]})],
    ),
    # ... but a word inside an organisation's name is not
    "trigger-inside-organisation": (
        """
Die ART die O
Organisation NN Organisation ORG
für APPR für ORG
wirtschaftliche ADJA wirtschaftlich ORG
Zusammenarbeit NN Zusammenarbeit ORG
warnt VVFIN warnen O
. $. . O
""",
        [],
    ),
    "no-event": (
        """
Er PPER er O
vertraue VVFIN vertrauen O
darauf PROAV darauf O
. $. . O
""",
        [],
    ),
}


@pytest.fixture(scope="module")
def extractor():
    nlp = spacy.blank("de")
    return nlp, nlp.add_pipe("newsevents_events")


@pytest.mark.parametrize("name", CASES)
def test_events_shallow_docs(extractor, name):
    nlp, component = extractor
    rows, expected = CASES[name]
    assert summarise(component(build_doc(nlp, rows))) == expected


@pytest.mark.parametrize(
    "rows, source",
    [
        (
            """
Die ART der O
Reise NN Reise O
ist VAFIN sein O
für APPR für O
den ART der O
15. ADJA 15. O
Mai NN Mai O
geplant VVPP planen O
, $, , O
sagte VVFIN sagen O
eine ART ein O
mit APPR mit O
den ART der O
Plänen NN Plan O
des ART der O
Kreml NE Kreml ORG
vertraute ADJA vertraut O
Person NN Person O
zu APPR zu O
Bloomberg NE Bloomberg ORG
News NE News ORG
. $. . O
""",
            "eine mit den Plänen des Kreml vertraute Person",
        ),
        (
            """
Laut APPR laut O
Polizei NN Polizei ORG
wurde VAFIN werden O
ein ART ein O
Mann NN Mann O
festgenommen VVPP festnehmen O
. $. . O
""",
            "Polizei",
        ),
        (
            """
Die ART der O
Armee NN Armee O
griff VVFIN greifen O
die ART der O
Stadt NN Stadt O
an PTKVZ an O
, $, , O
teilte VVFIN teilen O
das ART der O
Ministerium NN Ministerium ORG
mit PTKVZ mit O
. $. . O
""",
            "Ministerium",
        ),
    ],
    ids=["sagte-participle-phrase", "laut", "teilte-mit"],
)
def test_events_shallow_attribution(extractor, rows, source):
    nlp, component = extractor
    doc = component(build_doc(nlp, rows))
    (event,) = doc._.events
    found = event["reported_by"]
    assert doc.text[found["start"] : found["end"]] == source


def tagged_doc(nlp, tagged: str) -> Doc:
    """A Doc from "word/TAG" pairs (no entities, one sentence)."""
    words, tags = zip(*(pair.rsplit("/", 1) for pair in tagged.split()))
    return Doc(nlp.vocab, words=list(words), tags=list(tags), sent_starts=[True] + [False] * (len(words) - 1))


@pytest.mark.parametrize(
    "tagged, word, clause",
    [
        # the commas of an enumeration of places stay inside the clause of its verb
        ("ruft/VVFIN sie/PPER an/APPR den/ART Standorten/NN Frankfurt/NE ,/$, Düsseldorf/NE und/KON München/NE "
         "zu/APPR Streiks/NN auf/PTKVZ ./$.", "Streiks",
         "ruft sie an den Standorten Frankfurt , Düsseldorf und München zu Streiks auf ."),
        # also across a remark in parentheses
        ("In/APPR Köln/NE (/$( 10.00/CARD Uhr/NN )/$( ,/$, Dortmund/NE und/KON Bonn/NE sind/VAFIN Kundgebungen/NN "
         "geplant/VVPP ./$.", "Kundgebungen",
         "In Köln ( 10.00 Uhr ) , Dortmund und Bonn sind Kundgebungen geplant ."),
        # a finite verb after the last conjunct starts a clause of its own
        ("Die/ART Regierung/NN kritisierte/VVFIN die/ART Pläne/NN ,/$, Experten/NN und/KON Verbände/NN "
         "warnten/VVFIN ./$.", "kritisierte", "Die Regierung kritisierte die Pläne"),
        # a relative clause is no conjunct
        ("Putin/NE ,/$, der/PRELS China/NE besuchte/VVFIN ,/$, und/KON Xi/NE trafen/VVFIN sich/PRF ./$.",
         "besuchte", "der China besuchte"),
    ],
)
def test_events_shallow_clause_keeps_enumerations(tagged, word, clause):
    from pipeline.events.syntax import clause_of
    doc = tagged_doc(spacy.blank("de"), tagged)
    token = next(token for token in doc if token.text == word)
    assert clause_of(token).text == clause
