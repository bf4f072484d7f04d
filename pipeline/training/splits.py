"""The fixed data splits: what is trained on, what stops training early, what is only scored.

Sentence numbers are 1-based positions in file order, as in the issue.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.training.readers.dfki import read_mobie, read_smartdata
from pipeline.training.readers.europeana import EUROPEANA_FILES, read_europeana
from pipeline.training.readers.germeval import read_germeval
from pipeline.training.readers.legal import read_legal
from pipeline.training.sentences import LabelledSentence

# GermEval test sentences 3101–5100: the held-out slice, never trained on, never used for
# early stopping.
HELDOUT_SLICE = slice(3100, 5100)
# GermEval test sentences 1–3100: training.
GERMEVAL_TEST_TRAIN_SLICE = slice(0, 3100)
# GermEval dev sentences 1501–2200: the dev set for early stopping (not trained on).
DEV_SLICE = slice(1500, 2200)
# GermEval dev sentences 1–1500: training.
GERMEVAL_DEV_TRAIN_SLICE = slice(0, 1500)
# MobIE sentences are kept only if they name a person or organisation: its 8,000 stop, route
# and street mentions (LOC) otherwise taught the model that unknown capitalised words are
# places (GermEval PER recall 45% in the first run, unknown surnames tagged LOC).
MOBIE_KEPT_LABELS = frozenset({"PER", "ORG"})
# SmartData v1_test news documents: the unseen news set (PER/LOC/ORG), never trained on.
UNSEEN_NEWS_SOURCES = frozenset({"news"})


def split_smartdata_doc(doc: Doc) -> list[LabelledSentence]:
    """Cut a SmartData document at line breaks into labelled paragraphs without whitespace tokens."""
    paragraphs: list[LabelledSentence] = []
    words: list[str] = []
    tags: list[str] = []
    for token in list(doc) + [None]:
        if token is None or "\n" in token.text:
            if words:
                paragraphs.append(LabelledSentence(words, tags))
            words, tags = [], []
        elif not token.is_space:
            words.append(token.text)
            tags.append(f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O")
    return paragraphs


def read_ner_training(data_dir: Path, *, nlp: Language, with_legal: bool,
                      with_europeana: bool = False) -> dict[str, list[LabelledSentence]]:
    """Return the NER training sentences by source."""
    germeval = data_dir / "germeval2014"
    sources = {
        "germeval2014": read_germeval(germeval / "NER-de-dev.tsv.gz")[GERMEVAL_DEV_TRAIN_SLICE]
        + read_germeval(germeval / "NER-de-test.tsv.gz")[GERMEVAL_TEST_TRAIN_SLICE],
        "dfki_mobie": [sentence for name in ("ner_train.conll2003.gz", "ner_dev.conll2003.gz")
                       for sentence in read_mobie(data_dir / "dfki_mobie" / name)
                       if any(tag[2:] in MOBIE_KEPT_LABELS for tag in sentence.tags)],
        "dfki_smartdata": [paragraph for doc in read_smartdata(data_dir / "dfki_smartdata" / "v1_train.jsonl.gz", nlp=nlp)
                           for paragraph in split_smartdata_doc(doc)],
    }
    if with_legal:
        sources["german_legal_ner"] = [
            sentence
            for name in ("ler_dev.conll.gz", "ler_test.conll.gz")
            for sentence in read_legal(data_dir / "german_legal_ner" / name)
            if any(tag != "O" for tag in sentence.tags)
        ]
    if with_europeana:
        sources["europeana_newspapers"] = [
            sentence for name in EUROPEANA_FILES
            for sentence in read_europeana(data_dir / "europeana_newspapers_ner_de" / name)
        ]
    return sources


def read_ner_dev(data_dir: Path) -> list[LabelledSentence]:
    """Return the early-stopping dev set (GermEval dev 1501–2200)."""
    return read_germeval(data_dir / "germeval2014" / "NER-de-dev.tsv.gz")[DEV_SLICE]


def read_ner_heldout(data_dir: Path) -> list[LabelledSentence]:
    """Return the held-out GermEval slice (test 3101–5100)."""
    return read_germeval(data_dir / "germeval2014" / "NER-de-test.tsv.gz")[HELDOUT_SLICE]


def read_unseen_news(data_dir: Path, *, nlp: Language) -> list[Doc]:
    """Return the unseen news documents (SmartData v1_test, news only) with PER/LOC/ORG gold."""
    return read_smartdata(data_dir / "dfki_smartdata" / "v1_test.jsonl.gz", nlp=nlp, sources=UNSEEN_NEWS_SOURCES)
