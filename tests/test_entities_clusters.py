"""Entity clustering: full names, surnames, genitives and demonyms become one cluster."""
import pytest
import spacy

from pipeline.entities import cluster_entities
from pipeline.gazetteer import load_gazetteer
from pipeline.kb import load_kb
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


def clusters_of(rows: str):
    settings = load_settings()
    doc = build_doc(spacy.blank("de"), rows, columns=("word", "tag", "lemma", "ent"))
    kb = load_kb(settings.entities.kb, titles=settings.entities.titles)
    return cluster_entities(doc, gazetteer=load_gazetteer(settings.events.gazetteer), kb=kb)


def test_entities_places_link_to_geonames_with_country_and_coordinates():
    rows = """
Merz NE Merz PER
reist VVFIN reisen O
nach APPR nach O
Wien NE Wien LOC
und KON und O
Mailand NE Mailand LOC
. $. . O
"""
    places = {cluster.name: cluster for cluster in clusters_of(rows) if cluster.label == "LOC"}
    assert places["Wien"].key == "geonames:2761369" and places["Wien"].country == "AT"
    assert places["Wien"].coordinates == pytest.approx([48.21, 16.37], abs=0.05)
    assert places["Mailand"].country == "IT" and places["Mailand"].link.rule == "city"


def test_entities_countries_carry_wikidata_and_demonyms_join_them():
    rows = """
Die ART der O
russische ADJA russisch LOC
Armee NN Armee O
verließ VVFIN verlassen O
Russlands NE Russland LOC
Grenze NN Grenze O
. $. . O
"""
    (russia,) = clusters_of(rows)
    assert russia.key == "Q159" and russia.kb["iso3166"] == "RU" and russia.name == "Russland"
    assert [m.text for m in russia.mentions] == ["russische", "Russlands"]
    assert russia.link.rule == "demonym"


def test_entities_titles_are_not_part_of_the_name_and_unknown_persons_get_a_name_key():
    rows = """
Premier NN Premier PER
Jan NE Jan PER
Kowalski NE Kowalski PER
sprach VVFIN sprechen O
. $. . O
Kowalskis NE Kowalski PER
Partei NN Partei O
jubelte VVFIN jubeln O
. $. . O
Jan NE Jan PER
lachte VVFIN lachen O
. $. . O
"""
    (person,) = clusters_of(rows)
    assert person.name == "Jan Kowalski" and person.key == "PER:jan kowalski" and person.kb is None
    assert [m.text for m in person.mentions] == ["Jan Kowalski", "Kowalskis", "Jan"]
    assert person.link.rule == "partial-name"


def test_entities_a_given_name_shared_by_two_persons_joins_neither():
    rows = """
Jan NE Jan PER
Kowalski NE Kowalski PER
und KON und O
Jan NE Jan B-PER
Nowak NE Nowak PER
kamen VVFIN kommen O
. $. . O
Jan NE Jan PER
blieb VVFIN bleiben O
. $. . O
"""
    assert [c.name for c in clusters_of(rows)] == ["Jan Kowalski", "Jan Nowak", "Jan"]


@pytest.mark.parametrize("rows, role", [
    # the KB knows Putin as Russia's president; the model tagged nothing in the role phrase
    ("""
Wladimir NE Wladimir PER
Putin NE Putin PER
reist VVFIN reisen O
. $. . O
Russlands NE Russland O
Präsident NN Präsident O
will VMFIN wollen O
Gespräche NN Gespräch O
. $. . O
""", "Russlands Präsident"),
    # the model tagged the role phrase as a place
    ("""
Putin NE Putin PER
reist VVFIN reisen O
. $. . O
Der ART der O
russische ADJA russisch LOC
Präsident NN Präsident LOC
lächelt VVFIN lächeln O
. $. . O
""", "russische Präsident"),
])
def test_entities_role_phrases_join_the_person_who_holds_the_role(rows, role):
    clusters = {cluster.name: cluster for cluster in clusters_of(rows)}
    assert role in [m.text for m in clusters["Wladimir Putin"].mentions]
    assert all(role not in [m.text for m in c.mentions] for name, c in clusters.items() if name != "Wladimir Putin")


def test_entities_a_role_two_persons_hold_joins_neither():
    rows = """
Joe NE Joe PER
Biden NE Biden PER
und KON und O
Donald NE Donald B-PER
Trump NE Trump PER
streiten VVFIN streiten O
. $. . O
Amerikas NE Amerika O
Präsident NN Präsident O
schweigt VVFIN schweigen O
. $. . O
"""
    assert all("Amerikas Präsident" not in [m.text for m in c.mentions] for c in clusters_of(rows))
    biden_alone = rows.replace("Donald NE Donald B-PER\nTrump NE Trump PER\n", "")
    biden = next(c for c in clusters_of(biden_alone) if c.name == "Joe Biden")
    assert "Amerikas Präsident" in [m.text for m in biden.mentions]


@pytest.mark.parametrize("word, tag, label, shared", [
    ("Wiener", "ADJA", "MISC", False),       # inhabitants (or a team) of Vienna: not one entity across articles
    ("Londoner", "NN", "MISC", False),
    ("ähnlicher", "ADJA", "LOC", False),     # a common word the model took for a name
    ("dpa", "NE", "ORG", True),              # agencies write themselves in lower case
    ("Kowalski", "NE", "PER", True),
])
def test_entities_only_names_get_a_key_shared_across_documents(word, tag, label, shared):
    rows = f"""
{word} {tag} {word} {label}
sprach VVFIN sprechen O
. $. . O
"""
    (cluster,) = clusters_of(rows)
    assert (cluster.key is not None) is shared
