"""Cleaning rules: the loader's validation and each rule kind on small German texts."""
import pytest

from pipeline.clean import clean_text
from pipeline.cleaning_rules import CleaningRulesError, load_cleaning_rules
from pipeline.ingest import read_documents
from pipeline.language import LanguageSettings
from pipeline.text import prepare_text

BODY = "Der russische Präsident Wladimir Putin hat in einem Videotelefonat mit Xi Jinping gesprochen."


@pytest.fixture(scope="module")
def rules(repo_root):
    return load_cleaning_rules(repo_root / "configs" / "cleaning.toml")


def write_rules(tmp_path, text):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("toml, message", [
    ('[[line]]\nreason = "credit"\npattern = "(AFP"\n', "invalid pattern"),
    ('[[line]]\nreason = "credit"\n', "'pattern' must be"),
    ('[[line]]\nreason = "Credit Line"\npattern = "AFP"\n', "snake_case"),
    ('[[line]]\nreason = "credit"\npattern = "AFP"\ncolour = "red"\n', "unknown key"),
    ('[[inline]]\nreason = "markup"\npattern = "<*"\n', "matches the empty string"),
    ('[[block]]\nreason = "x"\npattern = "y"\n', "unknown section"),
    ('[[line]]\nreason = "credit"\npattern = "AFP"\nunescape = true\n', "unknown key"),
    ('[repeats]\nmin_chars = 0\n', "min_chars"),
    ('[[line]\n', "cannot read"),
])
def test_bad_rules_file_gives_clear_error(tmp_path, toml, message):
    with pytest.raises(CleaningRulesError, match=message):
        load_cleaning_rules(write_rules(tmp_path, toml))


def test_missing_rules_file(tmp_path):
    with pytest.raises(CleaningRulesError, match="cannot read"):
        load_cleaning_rules(tmp_path / "fehlt.toml")


def test_shipped_rules_load(rules):
    assert rules.inline and rules.tail and rules.paragraph and rules.line
    assert rules.repeats.title_copy_reason == "title_copy"


@pytest.mark.parametrize("noise, reason", [
    ("AFP", "photo_credit"),
    ("Foto: Michael Kappeler/dpa", "photo_credit"),
    ("REUTERS/Evgenia Novozhenina", "photo_credit"),
    ("20 Minuten", "source_line"),
    ("DER SPIEGEL", "source_line"),
    ("1/50", "gallery"),
    ("Gehe zur Galerie", "gallery"),
    ("22 minutes ago", "link_list"),
    ("vor 5 Minuten", "link_list"),
    ("Leserreporter", "widget"),
])
def test_noise_line_is_dropped_with_reason(rules, noise, reason):
    raw = f"{BODY}\n{noise}\n\n{BODY} Danach sprach er mit Journalisten."
    result = clean_text(raw, title=None, rules=rules)
    [span] = result.dropped
    assert (raw[span.start:span.end], span.reason) == (noise, reason)


@pytest.mark.parametrize("sentence", [
    "Die Agentur AFP berichtete am Freitag über das Telefonat.",
    "Heute trifft Putin den chinesischen Staatschef.",
    "Die Welt schaut auf das Treffen in Peking.",
])
def test_noise_words_inside_sentences_stay(rules, sentence):
    result = clean_text(f"{BODY}\n\n{sentence}", title=None, rules=rules)
    assert not result.dropped


@pytest.mark.parametrize("raw, expected_text, expected_drops", [
    ("Putin sprach mit <strong>Xi Jinping</strong>.", "Putin sprach mit Xi Jinping.",
     [("<strong>", "markup"), ("</strong>", "markup")]),
    ('Mehr: <a href="https://example.org/x">Bericht</a> lesen', "Mehr: Bericht lesen",
     [('<a href="https://example.org/x">', "markup"), ("</a>", "markup")]),
    ("Gewinn &gt; Verlust bei AT&amp;T", "Gewinn > Verlust bei AT&T", [("&gt;", "markup"), ("&amp;", "markup")]),
    ("Wladimir&nbsp;Putin", "Wladimir Putin", [("&nbsp;", "markup")]),
    ("Ein Lokal verlangt Geld. <strong>Die ganze Story &gt;&gt;</strong>", "Ein Lokal verlangt Geld.",
     [("<strong>", "markup"), ("Die ganze Story &gt;&gt;", "teaser_link"), ("</strong>", "markup")]),
    ("Putin sagte, a < b und c > d.", "Putin sagte, a < b und c > d.", []),
])
def test_inline_markup_is_cut_and_recorded(rules, raw, expected_text, expected_drops):
    result = clean_text(raw, title=None, rules=rules)
    assert [line.text for paragraph in result.paragraphs for line in paragraph] == [expected_text]
    assert [(raw[span.start:span.end], span.reason) for span in result.dropped] == expected_drops


@pytest.mark.parametrize("title, reason", [
    ("Putin reist im Mai nach China", "title_copy"),
    (None, "duplicate"),
])
def test_repeated_title_copy(rules, title, reason):
    raw = f"Putin reist im Mai nach China\n\n{BODY}\n\nputin reist im mai nach china\n\n{BODY} Ende."
    result = clean_text(raw, title=title, rules=rules)
    [span] = result.dropped
    assert (raw[span.start:span.end], span.reason) == ("putin reist im mai nach china", reason)


def test_short_repeated_lines_stay(rules):
    raw = f"Video\n{BODY}\n\nVideo\n{BODY} Ende."
    assert not clean_text(raw, title=None, rules=rules).dropped


def test_custom_rules_file_is_used(tmp_path):
    rules = load_cleaning_rules(write_rules(tmp_path, '[[line]]\nreason = "agency"\npattern = "(?i)dpa"\n'))
    raw = f"{BODY}\nDPA"
    result = prepare_text(raw, title=None, rules=rules, languages=LanguageSettings())
    assert result.text == BODY
    assert [(raw[span.start:span.end], span.reason) for span in result.dropped] == [("DPA", "agency")]


def test_text_without_blank_lines_has_one_paragraph_per_line(rules):
    promo = "Jetzt den Newsletter abonnieren und nichts verpassen."
    raw = f"{BODY}\n{promo}\nIm Dezember hielten Russland und China gemeinsame Militärmanöver ab."
    result = prepare_text(raw, title=None, rules=rules, languages=LanguageSettings())
    assert result.text == f"{BODY}\n\nIm Dezember hielten Russland und China gemeinsame Militärmanöver ab."
    assert [(raw[span.start:span.end], span.reason) for span in result.dropped] == [(promo, "newsletter_promo")]


def test_html_extract_is_prepared_per_line(rules, tmp_path):
    page = (f"<html><head><title>Putin in China</title></head><body><article><h1>Putin in China</h1>"
            f"<p>{BODY}</p><p>Im Dezember hielten Russland und China gemeinsame Militärmanöver ab.</p>"
            f"</article></body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    [doc] = read_documents([tmp_path], max_bytes=100_000)
    result = prepare_text(doc.text, title=doc.title, rules=rules, languages=LanguageSettings())
    assert result.text.split("\n\n") == [
        "Putin in China", BODY, "Im Dezember hielten Russland und China gemeinsame Militärmanöver ab."]
    assert result.language == "de" and not result.dropped
