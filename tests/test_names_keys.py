"""Name keys: inflected forms of one name meet, different names stay apart."""
import pytest

from pipeline.names import is_title, name_key


@pytest.mark.parametrize("first, second, label", [
    ("Putin", "Putins", "PER"),
    ("Wladimir Putin", "Wladimir Putins", "PER"),
    ("Europäische Union", "Europäischen Union", "ORG"),
    ("Europäisches Parlament", "Europäischen Parlaments", "ORG"),
    ("Internationaler Währungsfonds", "Internationalen Währungsfonds", "ORG"),
    ("Vereinte Nationen", "Vereinten Nationen", "ORG"),
    ("Weißes Haus", "Weißen Hauses", "ORG"),
    ("Deutscher Bundestag", "Deutschen Bundestages", "ORG"),
    ("Kreml", "Kremls", "ORG"),
    ("Macron", "Macron's", "PER"),
])
def test_names_inflected_forms_share_a_key(first, second, label):
    assert name_key(first, label=label) == name_key(second, label=label)


@pytest.mark.parametrize("first, second, label", [
    ("Hans Meier", "Hans Meyer", "PER"),
    ("USA", "US", "LOC"),                     # too short to carry an ending
    ("Nordkorea", "Südkorea", "LOC"),
    ("Frank-Walter Steinmeier", "Frank Steinmeier", "PER"),
])
def test_names_different_names_keep_apart(first, second, label):
    assert name_key(first, label=label) != name_key(second, label=label)


@pytest.mark.parametrize("word, expected", [
    ("Premier", True), ("Kremlchef", True), ("Außenministerin", True), ("Regierungssprecher", True),
    ("Bundeskanzler", True), ("Dr.", True), ("Wladimir", False), ("Xi", False), ("Merz", False),
])
def test_names_titles_are_recognised(word, expected):
    titles = {"premier", "dr."}
    endings = ("chef", "ministerin", "sprecher", "kanzler")
    assert is_title(word, titles=titles, title_endings=endings) is expected
