"""German Legal NER (LER): the 19 fine classes mapped to PER/LOC/ORG; norms, decisions, literature dropped."""
from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.training.sentences import LabelledSentence, group_sentences, map_bio_tag

# Fine LER classes kept (coarse mapping of Leitner et al. 2019): persons, judges and lawyers
# are PER; countries, cities, streets and landscapes LOC; organisations, companies,
# institutions, courts and brands ORG. Laws, ordinances, regulations, contracts, court
# decisions and legal literature (GS, VO, EUN, VS, VT, RS, LIT) are not names and become O.
LEGAL_LABELS = {
    "PER": "PER", "RR": "PER", "AN": "PER",
    "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
    "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "ORG",
}


def parse_legal_lines(lines: Iterable[str]) -> Iterator[LabelledSentence]:
    """Yield sentences from CoNLL lines `token SPACE tag` with blank (or bare CR) separators."""
    return group_sentences(read_legal_row(line) for line in lines)


def read_legal_row(line: str) -> tuple[str, str] | None:
    """(word, tag) of one line; None at a separator."""
    fields = line.strip().split(" ")
    return (fields[0], map_bio_tag(fields[1], label_of=LEGAL_LABELS)) if len(fields) == 2 else None


def read_legal(path: Path) -> list[LabelledSentence]:
    """Read one gzipped LER CoNLL file into sentences."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as lines:
        return list(parse_legal_lines(lines))
