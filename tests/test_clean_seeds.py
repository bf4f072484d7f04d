"""prepare_text on both sample articles: what is kept, what is dropped and why, exact offsets."""
import pytest

from pipeline.cleaning_rules import load_cleaning_rules
from pipeline.language import LanguageSettings
from pipeline.text import prepare_text

SPIEGEL = "000_37ef3cac3b47f0ac.txt"
MINUTEN = "003_b1ca4df553a7e89d.txt"
SPIEGEL_TITLE = "Russland: Wladimir Putin plant Treffen mit Xi Jinping in China noch im Mai"


@pytest.fixture(scope="module")
def prepared(repo_root):
    """Each seed's raw text and its PreparedText."""
    rules = load_cleaning_rules(repo_root / "configs" / "cleaning.toml")
    results = {}
    for name in (SPIEGEL, MINUTEN):
        raw = (repo_root / "seeds" / name).read_text(encoding="utf-8")
        title = next(line.strip() for line in raw.split("\n") if line.strip())
        results[name] = raw, prepare_text(raw, title=title, rules=rules, languages=LanguageSettings())
    return results


def dropped_texts(raw, result, reason):
    return [raw[span.start:span.end] for span in result.dropped if span.reason == reason]


@pytest.mark.parametrize("seed, kept", [
    (SPIEGEL, SPIEGEL_TITLE),
    (SPIEGEL, "Wladimir Putin plant eine Woche nach Beginn seiner neuen Amtszeit einen Besuch in China."),
    (SPIEGEL, "Im März gratulierte Xi Putin am Telefon zu seinem Sieg bei den Pseudowahlen in Russland."),
    (SPIEGEL, "die Folgen der westlichen Sanktionen abzumildern."),
    (MINUTEN, "Putin bemüht sich um chinesische Armee im Ukraine-Krieg"),
    (MINUTEN, "Russland will die Zusammenarbeiten mit der chinesischen Armee verstärken."),
    (MINUTEN, "Im Dezember hielten Russland und China gemeinsame Militärmanöver ab"),
    (MINUTEN, '"Wir wollen die Zusammenarbeit zwischen den Streitkräften Russlands und Chinas stärken"'),
])
def test_german_body_is_kept(prepared, seed, kept):
    assert kept in prepared[seed][1].text


@pytest.mark.parametrize("seed, absent", [
    (SPIEGEL, "russland: wladimir putin"),
    (SPIEGEL, "Newsletter"),
    (SPIEGEL, "OTHER NEWS"),
    (SPIEGEL, "minutes ago"),
    (SPIEGEL, "Kênh khám phá"),
    (MINUTEN, "Welt\n"),
    (MINUTEN, "20 Minuten"),
    (MINUTEN, "AFP"),
    (MINUTEN, "1/50"),
    (MINUTEN, "Galerie"),
    (MINUTEN, "<strong>"),
    (MINUTEN, "&gt;"),
    (MINUTEN, "Wiener Lokal"),
    (MINUTEN, "Die ganze Story"),
    (MINUTEN, "Leserreporter"),
])
def test_noise_is_not_in_text(prepared, seed, absent):
    assert absent not in prepared[seed][1].text


@pytest.mark.parametrize("seed, reason, raw_text", [
    (SPIEGEL, "title_copy", "russland: wladimir putin plant treffen mit xi jinping in china noch im mai"),
    (SPIEGEL, "newsletter_promo", "DER SPIEGEL fasst die wichtigsten News des Tages für Sie zusammen: Was heute "
                                  "wirklich wichtig war – und was es bedeutet. Ihr tägliches Newsletter-Update um "
                                  "18 Uhr. Jetzt kostenfrei abonnieren."),
    (MINUTEN, "source_line", "Welt"),
    (MINUTEN, "source_line", "20 Minuten"),
    (MINUTEN, "photo_credit", "AFP"),
    (MINUTEN, "duplicate", "Russland will die Zusammenarbeiten mit der chinesischen Armee verstärken."),
    (MINUTEN, "gallery", "1/50\nGehe zur Galerie"),
    (MINUTEN, "gallery", "Leserreporter"),
    (MINUTEN, "markup", "<strong>"),
    (MINUTEN, "markup", "</a></strong>"),
    (MINUTEN, "teaser_link", "Die ganze Story &gt;&gt;"),
    (MINUTEN, "teaser_link", "Die ganze Story >>"),
])
def test_dropped_spans_point_at_exactly_that_raw_text(prepared, seed, reason, raw_text):
    raw, result = prepared[seed]
    assert raw_text in dropped_texts(raw, result, reason)


def test_link_list_is_dropped_to_the_end(prepared):
    raw, result = prepared[SPIEGEL]
    [link_list] = [span for span in result.dropped if span.reason == "link_list"]
    assert raw[link_list.start:].startswith("OTHER NEWS\n\n22 minutes ago")
    assert link_list.end == len(raw.rstrip())


def test_markup_tag_with_link_is_one_span(prepared):
    raw, result = prepared[MINUTEN]
    assert any(text.startswith('<strong><a data-li-document-ref="120035388" href="https://www.heute.at/')
               and text.endswith('">') for text in dropped_texts(raw, result, "markup"))


@pytest.mark.parametrize("seed", [SPIEGEL, MINUTEN])
def test_spans_are_ordered_disjoint_and_trimmed(prepared, seed):
    raw, result = prepared[seed]
    ends = [0] + [span.end for span in result.dropped]
    for previous_end, span in zip(ends, result.dropped):
        assert previous_end <= span.start < span.end <= len(raw)
        assert raw[span.start:span.end] == raw[span.start:span.end].strip()


@pytest.mark.parametrize("seed", [SPIEGEL, MINUTEN])
def test_document_is_german_with_paragraphs(prepared, seed):
    result = prepared[seed][1]
    assert result.language == "de" and result.language_score > 0.9
    assert "\n\n" in result.text and result.text == result.text.strip()
