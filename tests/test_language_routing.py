"""Language routing: paragraph detection, neighbours for short paragraphs, offline model."""
import dataclasses
import socket

import pytest

from pipeline import language
from pipeline.cleaning_rules import load_cleaning_rules
from pipeline.language import LanguageGuess, LanguageSettings, assign_languages, detect_language
from pipeline.text import prepare_text

SETTINGS = LanguageSettings()
GERMAN = ("Angesichts der internationalen Verurteilung der russischen Offensive in der Ukraine "
          "will Putin seine Beziehungen zu Peking verstärken.")
GERMAN_WITH_ENGLISH_QUOTE = ('"We will never give up", sagte der ukrainische Präsident am Dienstag in Kiew '
                             "vor Journalisten und Vertretern der Regierung.")
ENGLISH = "Incoming Taiwan president Lai will pledge steady approach to relationship with China"
VIETNAMESE = "Kênh khám phá trải nghiệm của giới trẻ, thế giới du lịch"
FRENCH = "Le président russe a annoncé une visite officielle en Chine au mois de mai prochain."


@pytest.fixture(scope="module")
def rules(repo_root):
    return load_cleaning_rules(repo_root / "configs" / "cleaning.toml")


@pytest.fixture(scope="module")
def rules_without_tail(rules):
    """The shipped rules minus the link-list header rule: language routing alone must cope."""
    return dataclasses.replace(rules, tail=())


@pytest.mark.parametrize("text, expected", [
    (GERMAN, "de"),
    (GERMAN_WITH_ENGLISH_QUOTE, "de"),
    (ENGLISH, "en"),
    (VIETNAMESE, "vi"),
    (FRENCH, "fr"),
])
def test_detect_language(text, expected):
    guess = detect_language(text)
    assert guess.language == expected and 0 < guess.score <= 1


@pytest.mark.parametrize("texts, expected", [
    ([GERMAN, "Dem Westen entgegenstellen", GERMAN], ["de", "de", "de"]),          # short heading inherits
    (["Gemeinsame Militärmanöver", GERMAN], ["de", "de"]),                          # from the next one
    ([GERMAN, "OTHER NEWS", "22 minutes ago", ENGLISH], ["de", "en", "en", "en"]),  # run detected as one
    ([GERMAN, "Milan Ring – Mangos", ENGLISH], ["de", "en", "en"]),                 # between de and en
    (["Xi Jinping", "Peking"], None),                                               # nothing sure: own guesses
])
def test_short_paragraphs_take_their_neighbours_language(texts, expected):
    guesses = assign_languages(texts, settings=SETTINGS)
    assert len(guesses) == len(texts)
    if expected is not None:
        assert [guess.language for guess in guesses] == expected


def test_threshold_makes_unsure_paragraph_inherit(monkeypatch):
    unsure = {GERMAN: LanguageGuess("de", 0.99), ENGLISH: LanguageGuess("en", 0.3)}
    monkeypatch.setattr(language, "detect_language", lambda text: unsure[text])
    guesses = assign_languages([GERMAN, ENGLISH], settings=LanguageSettings(min_chars=10, threshold=0.5))
    assert [guess.language for guess in guesses] == ["de", "de"]


def test_seed_link_list_and_vietnamese_line_are_routed_out(repo_root, rules_without_tail):
    raw = (repo_root / "seeds" / "000_37ef3cac3b47f0ac.txt").read_text(encoding="utf-8")
    result = prepare_text(raw, title=None, rules=rules_without_tail, languages=SETTINGS)
    by_language = {(raw[span.start:span.end], span.language) for span in result.dropped
                   if span.reason == "language"}
    assert (VIETNAMESE, "vi") in by_language
    assert ("OTHER NEWS", "en") in by_language
    assert ("Putin visits China’s ‘Little Moscow’ as allies seek to cement economic ties – live", "en") in by_language
    assert "Wladimir Putin plant eine Woche nach Beginn" in result.text
    assert "OTHER NEWS" not in result.text and "Mangos" not in result.text and "Kênh" not in result.text
    assert result.language == "de"


@pytest.mark.parametrize("raw, kept, dropped_language", [
    (f"{GERMAN}\n\n{GERMAN_WITH_ENGLISH_QUOTE}", GERMAN_WITH_ENGLISH_QUOTE, None),
    (f"{GERMAN}\n\n{FRENCH}", GERMAN, "fr"),
    (f"{VIETNAMESE}\n\n{GERMAN}", GERMAN, "vi"),
])
def test_paragraph_routing(rules, raw, kept, dropped_language):
    result = prepare_text(raw, title=None, rules=rules, languages=SETTINGS)
    assert kept in result.text and result.language == "de"
    assert [span.language for span in result.dropped] == ([dropped_language] if dropped_language else [])


def test_non_german_document_keeps_nothing(rules):
    raw = f"{ENGLISH}\n\n{FRENCH}\n\nThe president said on Friday that the talks would continue next week in Beijing."
    result = prepare_text(raw, title=None, rules=rules, languages=SETTINGS)
    assert result.text == ""
    assert result.language == "en" and 0 < result.language_score <= 1
    assert {span.language for span in result.dropped} == {"en", "fr"}
    assert all(span.reason == "language" for span in result.dropped)


def test_other_languages_can_be_kept(rules):
    raw = f"{GERMAN}\n\n{FRENCH}"
    result = prepare_text(raw, title=None, rules=rules, languages=LanguageSettings(keep=("de", "fr")))
    assert result.text == f"{GERMAN}\n\n{FRENCH}" and not result.dropped


def test_boilerplate_only_document_has_no_language(rules):
    result = prepare_text("AFP\n\n1/50", title=None, rules=rules, languages=SETTINGS)
    assert (result.text, result.language, result.language_score) == ("", None, 0.0)


def test_detection_works_offline(monkeypatch):
    """The bundled lite model is loaded from the package: no socket may connect."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    language.load_detector.cache_clear()
    try:
        assert detect_language(GERMAN).language == "de"
        assert assign_languages([VIETNAMESE, "OTHER NEWS"], settings=SETTINGS)[0].language == "vi"
    finally:
        language.load_detector.cache_clear()


@pytest.mark.parametrize("options", [{"keep": ()}, {"min_chars": -1}, {"threshold": 1.5}])
def test_bad_language_settings_are_rejected(options):
    with pytest.raises(ValueError):
        LanguageSettings(**options)
