"""Europeana Newspapers NER (CC0, German lft/onb/sbb): OCR'd historical news cut into pseudo-sentences.

Lines are `token SPACE tag`. PER, LOC and ORG are kept, with case typos repaired (`B-PEr` →
`B-PER`); any other label (3 MISC, typos such as `B-BER`, `B-LOCer`) becomes O. Lines that do
not have exactly two fields or whose tag is not `O` or `B-`/`I-` + letters (`B_PER`, `B.PER`,
`v`) are skipped, and so are sbb's `# file:` / `# sbb url:` / `# tel url:` page headers,
which also end the current sentence.

The files have no sentence boundaries, so a pseudo-sentence ends after a `.`, `!` or `?` token
or once it has MAX_SENTENCE_TOKENS tokens, but never before a token that continues an entity
(the cut then waits until the entity ends).
"""
from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.training.sentences import LabelledSentence, map_bio_tag

# The three German files of the corpus.
EUROPEANA_FILES = ("enp_DE.lft.bio.gz", "enp_DE.onb.bio.gz", "enp_DE.sbb.bio.gz")
# Upper-cased labels kept; everything else becomes O.
EUROPEANA_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
# A well-formed tag (any letter case); other lines are OCR or annotation debris.
VALID_TAG = re.compile(r"O|[BI]-[A-Za-z]+")
# sbb page headers.
COMMENT = re.compile(r"# (file|sbb url|tel url):")
# Tokens that end a pseudo-sentence.
SENTENCE_ENDS = frozenset({".", "!", "?"})
# Hard cut for runs without end punctuation.
MAX_SENTENCE_TOKENS = 60


def parse_europeana_lines(lines: Iterable[str]) -> Iterator[LabelledSentence]:
    """Yield pseudo-sentences from Europeana BIO lines."""
    words: list[str] = []
    tags: list[str] = []
    cut_due = False
    for line in lines:
        if COMMENT.match(line):
            if words:
                yield LabelledSentence(words, tags)
            words, tags, cut_due = [], [], False
            continue
        fields = line.split()
        if len(fields) != 2 or not VALID_TAG.fullmatch(fields[1]):
            continue
        tag = map_bio_tag(fields[1].upper(), label_of=EUROPEANA_LABELS)
        continues_entity = tag.startswith("I-") and bool(tags) and tags[-1][2:] == tag[2:]
        if cut_due and not continues_entity:
            yield LabelledSentence(words, tags)
            words, tags = [], []
        words.append(fields[0])
        tags.append(tag)
        cut_due = fields[0] in SENTENCE_ENDS or len(words) >= MAX_SENTENCE_TOKENS
    if words:
        yield LabelledSentence(words, tags)


def read_europeana(path: Path) -> list[LabelledSentence]:
    """Read one gzipped Europeana BIO file into pseudo-sentences."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return list(parse_europeana_lines(lines))
