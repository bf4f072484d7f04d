"""Training examples of the encoder tier: words with whatever annotation their corpus has.

NER corpora bring BIO tags and nothing else; UD German GSD brings STTS, UPOS, morphology and
a dependency tree and no entities. A missing layer is ``None`` and costs no loss.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.tokens import Doc

from pipeline.training.corpus import SYNTAX_DEV_DOCS
from pipeline.training.readers.ud import read_conllu_docs
from pipeline.training.sentences import ENTITY_LABELS, LabelledSentence, repair_bio
from pipeline.training.splits import read_ner_dev, read_ner_heldout, read_ner_training

# The morphological features the encoder predicts, one classifier each ("" = the feature is
# absent, as Case on a verb). Case, Number and Gender drive agreement (who is subject, which
# noun a genitive belongs to); Mood tells the Konjunktiv of reported speech; Tense, VerbForm and
# Person the shape of the verbal complex.
MORPH_FEATURES = ("Case", "Number", "Gender", "Person", "Tense", "Mood", "VerbForm")
# BIO labels of the NER head.
NER_TAGS = ("O", *(f"{prefix}-{label}" for label in ENTITY_LABELS for prefix in ("B", "I")))


@dataclass
class Example:
    words: list[str]
    ner: list[str] | None = None
    tags: list[str] | None = None
    pos: list[str] | None = None
    morph: dict[str, list[str]] | None = None
    heads: list[int] | None = None     # 0 = root, else the 1-based position of the head word
    deps: list[str] | None = None


def from_labelled_sentence(sentence: LabelledSentence) -> Example:
    return Example(words=list(sentence.words), ner=repair_bio(list(sentence.tags)))


def from_parsed_sentences(doc: Doc) -> list[Example]:
    """One example per sentence of a UD Doc, heads renumbered within the sentence."""
    examples = []
    for sentence in doc.sents:
        words = [token for token in sentence if not token.is_space]
        position = {token.i: index + 1 for index, token in enumerate(words)}
        examples.append(Example(
            words=[token.text for token in words],
            tags=[token.tag_ for token in words],
            pos=[token.pos_ for token in words],
            morph={feature: [",".join(token.morph.get(feature)) for token in words] for feature in MORPH_FEATURES},
            heads=[0 if token.head.i == token.i else position.get(token.head.i, 0) for token in words],
            deps=[token.dep_ if token.head.i != token.i else "root" for token in words],
        ))
    return examples


def read_ud_examples(path: Path) -> list[list[Example]]:
    """The sentences of a CoNLL-U file, grouped by the reader's documents."""
    return [from_parsed_sentences(doc) for doc in read_conllu_docs(path)]


@dataclass
class Corpora:
    train_ner: list[Example]
    train_syntax: list[Example]
    dev_ner: list[Example]
    dev_syntax: list[Example]
    heldout_ner: list[Example]


def read_corpora(data_dir: Path, *, with_legal: bool = False, with_europeana: bool = False) -> Corpora:
    """The fixed splits of the model card: GermEval 3101–5100 is never trained on."""
    nlp = spacy.blank("de")
    sources = read_ner_training(data_dir, nlp=nlp, with_legal=with_legal, with_europeana=with_europeana)
    gsd = data_dir / "ud_german_gsd"
    dev_docs = read_ud_examples(gsd / "de_gsd-ud-dev.conllu.gz")
    test_docs = read_ud_examples(gsd / "de_gsd-ud-test.conllu.gz")
    flatten = lambda docs: [example for doc in docs for example in doc]  # noqa: E731
    return Corpora(
        train_ner=[from_labelled_sentence(s) for sentences in sources.values() for s in sentences],
        train_syntax=flatten(dev_docs + test_docs[:-SYNTAX_DEV_DOCS]),
        dev_ner=[from_labelled_sentence(s) for s in read_ner_dev(data_dir)],
        dev_syntax=flatten(test_docs[-SYNTAX_DEV_DOCS:]),
        heldout_ner=[from_labelled_sentence(s) for s in read_ner_heldout(data_dir)],
    )
