"""Long documents are analysed in windows and joined; a failing component costs one record.

A document of the full 1.1 million characters is timed by benchmarks/bench_long_document.py.
"""
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.util import minibatch

from pipeline.batch import Analyzer
from pipeline.document import SourceDocument, hash_bytes
from pipeline.settings import load_settings
from pipeline.windows import window_bounds

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from bench_long_document import long_article  # noqa: E402


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load(load_settings(reference_date="2024-05-10"))


def source(text: str, name: str = "a.txt") -> SourceDocument:
    return SourceDocument(doc_id=hash_bytes(text.encode("utf8")), source=name, fmt="txt", text=text)


@pytest.mark.parametrize(
    "text, max_chars, expected",
    [
        ("Erster Absatz.\n\nZweiter Absatz.", 100, ["Erster Absatz.\n\nZweiter Absatz."]),
        ("Erster Absatz.\n\nZweiter Absatz.", 20, ["Erster Absatz.\n\n", "Zweiter Absatz."]),
        ("Eine Zeile.\nNoch eine Zeile.", 20, ["Eine Zeile.\n", "Noch eine Zeile."]),
        ("Ein Satz. Noch ein Satz.", 15, ["Ein Satz. ", "Noch ein Satz."]),
        ("Bundesverfassungsgericht", 10, ["Bundesverf", "assungsger", "icht"]),
    ],
)
def test_windows_cut_between_paragraphs_lines_sentences(text, max_chars, expected):
    windows = [text[start:end] for start, end in window_bounds(text, max_chars=max_chars)]
    assert windows == expected
    assert "".join(windows) == text


def test_windows_long_document_keeps_its_events_and_offsets(analyzer):
    text = long_article(60)  # about 7,000 characters
    whole = next(analyzer.analyse([source(text)]))
    analyzer.pipeline.nlp.max_length = 1000  # spaCy's limit, lowered: a longer text raised E088 and stopped the run
    try:
        windowed = next(analyzer.analyse([source(text)]))
    finally:
        analyzer.pipeline.nlp.max_length = 1_000_000
    assert windowed.status == "ok" and windowed.text == whole.text == text
    assert len(windowed.events) == len(whole.events) > 0
    assert [event.trigger for event in windowed.events] == [event.trigger for event in whole.events]
    assert [event.time.value for event in windowed.events] == [event.time.value for event in whole.events]
    assert len({event.id for event in windowed.events}) == len(windowed.events)


class FailsOnMarker(Pipe):
    """A component that fails on a whole batch when one of its texts says KAPUTT, as spaCy's
    trainable components do when prediction raises."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, doc):
        if "KAPUTT" in doc.text:
            raise RuntimeError("cannot analyse this text")
        return doc

    def pipe(self, docs, *, batch_size=32):
        error_handler = self.get_error_handler()
        for batch in minibatch(docs, batch_size):
            try:
                yield from [self(doc) for doc in batch]
            except Exception as error:
                error_handler(self.name, self, batch, error)


@Language.factory("test_fails_on_marker")
def make_fails_on_marker(nlp, name):
    return FailsOnMarker(name)


def test_windows_component_failure_costs_only_its_document():
    analyzer = Analyzer.load(load_settings())
    analyzer.pipeline.nlp.add_pipe("test_fails_on_marker")
    texts = ["Der Kanzler reist nach Paris.", "Die Ministerin sagt KAPUTT.", "Der Streik in Berlin beginnt morgen."]
    records = list(analyzer.analyse([source(text, f"{i}.txt") for i, text in enumerate(texts)]))
    assert [record.source for record in records] == ["0.txt", "1.txt", "2.txt"]
    assert [record.status for record in records] == ["ok", "error", "ok"]
    assert records[1].errors == ["analysis failed: test_fails_on_marker: RuntimeError: cannot analyse this text"]
