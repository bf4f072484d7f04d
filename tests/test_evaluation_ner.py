"""Exact-span NER scoring and the report format of pipeline.evaluation.ner."""
import pytest
import spacy
from spacy.tokens import Doc

from pipeline.evaluation.ner import format_ner_report, score_docs

# Shared vocabulary for the inline docs.
VOCAB = spacy.blank("de").vocab
WORDS = ["Putin", "trifft", "Xi", "Jinping", "in", "Peking"]


def make_doc(tags):
    return Doc(VOCAB, words=WORDS, ents=tags)


@pytest.mark.parametrize(("predicted", "expected"), [
    (["B-PER", "O", "B-PER", "I-PER", "O", "B-LOC"], {"p": 1.0, "r": 1.0, "f": 1.0}),
    (["B-PER", "O", "B-PER", "O", "O", "B-LOC"], {"p": 0.6667, "r": 0.6667, "f": 0.6667}),
    (["B-PER", "O", "O", "O", "O", "B-ORG"], {"p": 0.5, "r": 0.3333, "f": 0.4}),
])
def test_ner_score_docs_counts_exact_spans(predicted, expected):
    gold = make_doc(["B-PER", "O", "B-PER", "I-PER", "O", "B-LOC"])
    result = score_docs([make_doc(predicted)], [gold], labels=("PER", "LOC", "ORG"))
    assert {key: result[key] for key in ("p", "r", "f")} == expected


def test_ner_score_docs_ignores_unscored_labels():
    gold = make_doc(["B-PER", "O", "O", "O", "O", "B-LOC"])
    predicted = make_doc(["B-PER", "O", "B-MISC", "I-MISC", "O", "B-LOC"])
    assert score_docs([predicted], [gold], labels=("PER", "LOC", "ORG"))["p"] == 1.0


def test_ner_format_report_has_a_row_per_label():
    gold = make_doc(["B-PER", "O", "O", "O", "O", "B-LOC"])
    result = {"unseen_news": score_docs([gold], [gold], labels=("PER", "LOC", "ORG"))}
    rows = format_ner_report(result).splitlines()
    assert [row.split()[1] for row in rows[1:]] == ["ALL", "PER", "LOC", "ORG"]
