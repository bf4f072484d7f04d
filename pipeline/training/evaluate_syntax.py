"""Score tagger, parser, sentence boundaries and lemmas on a UD treebank with gold tokenisation.

Used with UD German LIT test (CC BY-NC-SA: evaluation only, never trained on).
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

from pipeline.training.readers.ud import read_conllu_docs

# Scores reported from spaCy's Scorer.
SYNTAX_SCORES = ("tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f")


def evaluate_syntax(nlp: Language, *, conllu: Path) -> dict[str, float]:
    """Return STTS tag, UPOS, lemma accuracy, UAS/LAS and sentence F1 on a gzipped CoNLL-U file."""
    gold_docs = read_conllu_docs(conllu)
    examples = []
    for gold in gold_docs:
        words = Doc(nlp.vocab, words=[token.text for token in gold], spaces=[bool(token.whitespace_) for token in gold])
        examples.append(Example(nlp(words), gold))
    scores = Scorer(nlp).score(examples)
    return {name: round(scores[name], 4) for name in SYNTAX_SCORES if scores.get(name) is not None}
