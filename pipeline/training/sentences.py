"""The common shape every NER reader produces: tokens with BIO tags in the project's label set."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from spacy.tokens import Doc
from spacy.vocab import Vocab

# The four entity types of the shipped model (GermEval 2014 outer classes, OTH renamed MISC).
ENTITY_LABELS = ("PER", "LOC", "ORG", "MISC")
# Tag for tokens outside any entity.
OUTSIDE = "O"


class LabelledSentence(NamedTuple):
    """One sentence (or short document) as words and BIO tags over ENTITY_LABELS."""

    words: list[str]
    tags: list[str]


def group_sentences(rows: Iterable[tuple[str, str] | None]) -> Iterator[LabelledSentence]:
    """Sentences from (word, tag) rows of a CoNLL-like file, where None marks a boundary (a blank
    line, a comment, a document start); empty sentences are skipped."""
    words: list[str] = []
    tags: list[str] = []
    for row in rows:
        if row is None:
            if words:
                yield LabelledSentence(words, tags)
            words, tags = [], []
        else:
            words.append(row[0])
            tags.append(row[1])
    if words:
        yield LabelledSentence(words, tags)


def repair_bio(tags: list[str]) -> list[str]:
    """Turn an I- tag that does not continue an entity of the same label into a B- tag."""
    repaired: list[str] = []
    previous = OUTSIDE
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        repaired.append(tag)
        previous = tag
    return repaired


def map_bio_tag(tag: str, *, label_of: dict[str, str]) -> str:
    """Map one BIO tag through a source-label → project-label table; unknown labels become O."""
    if tag == OUTSIDE or "-" not in tag:
        return OUTSIDE
    prefix, source_label = tag.split("-", 1)
    label = label_of.get(source_label)
    return f"{prefix}-{label}" if label else OUTSIDE


def convert_sentence_to_doc(sentence: LabelledSentence, *, vocab: Vocab) -> Doc:
    """Build a spaCy Doc whose entities are the sentence's BIO tags."""
    return Doc(vocab, words=sentence.words, ents=repair_bio(sentence.tags))
