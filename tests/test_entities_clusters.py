"""Entity clustering: full names, surnames, genitives and demonyms become one cluster."""
import spacy

from pipeline.entities import cluster_entities
from pipeline.gazetteer import load_gazetteer
from pipeline.settings import load_settings
from tests.docbuilder import build_doc

ROWS = """
Wladimir NE Wladimir PER
Putin NE Putin PER
traf VVFIN treffen O
den ART der O
chinesischen ADJA chinesisch MISC
Staatschef NN Staatschef O
Xi NE Xi PER
Jinping NE Jinping PER
in APPR in O
Moskau NE Moskau LOC
. $. . O
Putins NE Putin PER
Gast NN Gast O
lobte VVFIN loben O
Moskaus NE Moskau LOC
Rolle NN Rolle O
und KON und O
China NE China LOC
. $. . O
"""


def test_entities_cluster_names_genitives_and_demonyms():
    doc = build_doc(spacy.blank("de"), ROWS, columns=("word", "tag", "lemma", "ent"))
    gazetteer = load_gazetteer(load_settings().events.gazetteer)
    clusters = {cluster.name: cluster for cluster in cluster_entities(doc, gazetteer=gazetteer)}
    assert set(clusters) == {"Wladimir Putin", "China", "Xi Jinping", "Moskau"}
    assert [m.text for m in clusters["Wladimir Putin"].mentions] == ["Wladimir Putin", "Putins"]
    assert [m.text for m in clusters["Moskau"].mentions] == ["Moskau", "Moskaus"]
    china = clusters["China"]
    assert china.label == "LOC" and china.normalized == {"iso3166": "CN"}
    assert [m.text for m in china.mentions] == ["chinesischen", "China"]
    assert clusters["Xi Jinping"].label == "PER"


def test_entities_punctuation_only_entity_does_not_break_clustering():
    rows = """
Polizei NN Polizei ORG
meldet VVFIN melden O
« $( « ORG
Stau NN Stau O
"""
    doc = build_doc(spacy.blank("de"), rows, columns=("word", "tag", "lemma", "ent"))
    clusters = cluster_entities(doc, gazetteer=load_gazetteer(load_settings().events.gazetteer))
    assert [c.name for c in clusters] == ["Polizei", "«"]
