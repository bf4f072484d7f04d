"""UD treebanks (CoNLL-U) for the tagger and parser: XPOS is STTS, DEPREL is UD v2."""
from __future__ import annotations

import gzip
from pathlib import Path

from spacy.tokens import Doc
from spacy.training.converters import conllu_to_docs

# Sentences per training document, so that the parser also learns sentence boundaries.
SENTENCES_PER_DOC = 10
# STTS tag of a preposition fused with an article ("im", "zum"); the converter joins the
# subtoken tags of a multiword token with "_" (APPR_ART), which STTS writes as APPRART.
FUSED_PREPOSITION_TAG = "APPRART"


def tag_multiword_token(tag: str) -> str:
    """Return the STTS tag for a merged multiword token tag such as APPR_ART."""
    if "_" not in tag:
        return tag
    first, *rest = tag.split("_")
    return FUSED_PREPOSITION_TAG if rest == ["ART"] else first


def read_conllu_docs(path: Path) -> list[Doc]:
    """Read a gzipped CoNLL-U file into Docs of SENTENCES_PER_DOC sentences with STTS tags and UD arcs."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        docs = list(conllu_to_docs(handle.read(), n_sents=SENTENCES_PER_DOC, merge_subtokens=True, no_print=True))
    for doc in docs:
        for token in doc:
            token.tag_ = tag_multiword_token(token.tag_)
    return docs
