"""Name substitution, tokenizer rule and gazetteer generation used by the training build."""
import random

import pytest
import spacy

from pipeline.training.augment import list_entity_spans, substitute_names
from pipeline.training.gazetteer import generate_countries, read_gazetteer_names
from pipeline.training.sentences import LabelledSentence
from pipeline.training.tokenizer import split_full_stop_after_year


def test_augment_substitute_names_keeps_tags_aligned():
    sentence = LabelledSentence(["Merkel", "reist", "nach", "Paris", "."], ["B-PER", "O", "O", "B-LOC", "O"])
    names = {"PER": [("Olaf", "Scholz")], "LOC": [("Buenos", "Aires")], "ORG": []}
    variant = substitute_names(sentence, names=names, rng=random.Random(0))
    assert variant.words == ["Olaf", "Scholz", "reist", "nach", "Buenos", "Aires", "."]
    assert list_entity_spans(variant.tags) == [("PER", 0, 2), ("LOC", 4, 6)]


def test_augment_substitute_names_skips_sentences_without_names():
    sentence = LabelledSentence(["Es", "regnet", "."], ["O", "O", "O"])
    assert substitute_names(sentence, names={"PER": [("Anna",)]}, rng=random.Random(0)) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Er kommt am 15. Mai.", ["Er", "kommt", "am", "15.", "Mai", "."]),
    ("Am 3. Juni war Nr. 5 dran.", ["Am", "3.", "Juni", "war", "Nr.", "5", "dran", "."]),
    ("Das war 2014. Danach", ["Das", "war", "2014", ".", "Danach"]),
])
def test_tokenizer_splits_full_stop_after_year_only(text, expected):
    nlp = spacy.blank("de")
    split_full_stop_after_year(nlp)
    assert [token.text for token in nlp(text)] == expected


@pytest.mark.parametrize(("iso", "name", "capital", "adjective"), [
    ("RU", "Russland", "Moskau", "russisch"), ("CN", "China", "Peking", "chinesisch"),
    ("US", "USA", "Washington", "amerikanisch"), ("FR", "Frankreich", "Paris", "französisch"),
])
def test_gazetteer_countries_merge_pycountry_and_facts(iso, name, capital, adjective):
    facts = {"RU": {"aliases": ["Russland"], "capital": "Moskau", "adjectives": ["russisch"]},
             "CN": {"capital": "Peking", "adjectives": ["chinesisch"]},
             "US": {"aliases": ["USA"], "capital": "Washington", "adjectives": ["amerikanisch"]},
             "FR": {"capital": "Paris", "adjectives": ["französisch"]}}
    country = {entry["iso"]: entry for entry in generate_countries(facts=facts)}[iso]
    assert (country["name"], country["capital"], country["adjectives"]) == (name, capital, [adjective])


def test_gazetteer_committed_files_name_places_and_organisations(repo_root):
    names = read_gazetteer_names(repo_root / "configs" / "gazetteer")
    assert {"Russland", "Peking", "Bayern", "Hamburg"} <= set(names["LOC"])
    assert {"NATO", "Kreml", "Vereinte Nationen"} <= set(names["ORG"])
    assert {"Xi Jinping", "Olaf Scholz"} <= set(names["PER"])
