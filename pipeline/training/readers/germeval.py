"""GermEval 2014 (NoSta-D) NER: outer tags, OTH and *deriv → MISC, *part → O."""
from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.training.sentences import OUTSIDE, LabelledSentence, group_sentences, map_bio_tag

# GermEval outer classes → project labels. Derived adjectives ("deutschen" = LOCderiv) are
# MISC as in the calibration run (+2–4 F1 over dropping them); "part" compounds
# ("EU-Budget" = ORGpart) are not names and become O.
GERMEVAL_LABELS = {
    "PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC",
    "PERderiv": "MISC", "LOCderiv": "MISC", "ORGderiv": "MISC", "OTHderiv": "MISC",
}
# Characters in the official files that are not text: soft hyphen and the C1 control U+0096.
JUNK_CHARACTERS = {"\u00ad": "", "\u0096": "–"}


def clean_token(token: str) -> str:
    """Remove soft hyphens and repair the U+0096 mojibake dash."""
    for junk, replacement in JUNK_CHARACTERS.items():
        token = token.replace(junk, replacement)
    return token or "-"


def parse_germeval_lines(lines: Iterable[str]) -> Iterator[LabelledSentence]:
    """Yield sentences from GermEval TSV lines (`index TAB token TAB outer TAB embedded`)."""
    return group_sentences(read_germeval_row(line) for line in lines)


def read_germeval_row(line: str) -> tuple[str, str] | None:
    """(word, outer tag) of one line; None at a comment or blank line."""
    line = line.rstrip("\r\n")
    if line.startswith("#\t") or not line.strip():
        return None
    fields = line.split("\t")
    return clean_token(fields[1]), (map_bio_tag(fields[2], label_of=GERMEVAL_LABELS) if len(fields) > 2 else OUTSIDE)


def read_germeval(path: Path) -> list[LabelledSentence]:
    """Read one gzipped GermEval TSV file into sentences, in file order."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return list(parse_germeval_lines(lines))
