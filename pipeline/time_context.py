"""Document context of the temporal tagger: the tense around an expression and the last date mentioned.

`SentenceTense` reads the tense of a clause or sentence from the tense lexicon (and from
morphology when a trained pipeline set it); `Anchor` follows the dates a text mentions, which
anaphoric expressions ("am Tag darauf") and, in narratives, all relative ones count from.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from pipeline.timex import Timex

# Fallback sentence boundary without a parser: a newline, or . ! ? not after a digit, before a capital.
SENTENCE_BOUNDARY = re.compile(r"\n+|(?<![\d\s])[.!?][\"»“”']?\s+(?=[\"„»(]?[A-ZÄÖÜ])")
# Words of a sentence, lower-cased, for the tense lexicon.
WORD = re.compile(r"\w+")
# Clause boundaries inside a sentence: the tense of the clause is tried before the sentence's.
CLAUSE_BOUNDARY = re.compile(r"[,;:–]|\s-\s")
# TIMEX3 values naming a calendar day (also with a time), a month, a year.
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
MONTH_VALUE = re.compile(r"\d{4}-\d\d$")
YEAR_VALUE = re.compile(r"\d{4}$")
# A heading: a short line between blank lines, without final punctuation.
HEADING = re.compile(r"(?:\A|(?<=\n\n))[^\n]{1,80}(?<![.!?:;,\s])(?=\n[^\S\n]*\n|\s*\Z)")
# How far back an opening bracket may be for a date to count as an aside "(1890-1970)".
PARENTHESIS_REACH = 80


@dataclass(frozen=True)
class PastTenseEndings:
    """Lower-case words with these endings read as weak past-tense verbs ("forderten"), bar the exceptions."""

    endings: tuple[str, ...]
    not_endings: tuple[str, ...]
    not_words: frozenset[str]

    def is_past(self, word: str) -> bool:
        """Whether `word` looks like a weak past-tense verb form."""
        return (
            len(word) > 4
            and word.islower()
            and word.endswith(self.endings)
            and not word.endswith(self.not_endings)
            and word not in self.not_words
        )


class SentenceTense:
    """Tense of the sentence around a character offset, from the tense lexicon (and morphology if tagged)."""

    def __init__(self, doc: Doc, *, text: str, markers: dict, past_form: PastTenseEndings):
        self.doc = doc
        self.text = text  # doc.text, computed once by the caller: building it walks every token
        self.markers = markers
        self.past_form = past_form
        self.has_morphology = doc.has_annotation("MORPH")
        if doc.has_annotation("SENT_START"):  # read from arrays: iterating doc.sents is slow
            flags, offsets = doc.to_array(SENT_START), doc.to_array(IDX)
            self.starts = [0] + offsets[1:][flags[1:] == 1].tolist()
        else:
            self.starts = [0] + [found.end() for found in SENTENCE_BOUNDARY.finditer(self.text)]
        self.cache: dict[tuple[int, int], str | None] = {}

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing `offset`."""
        return bisect.bisect_right(self.starts, offset) - 1

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        """Character offsets of sentence `index`."""
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end

    def at(self, offset: int) -> str | None:
        """"future", "past" or None: the tense of the clause containing `offset`, else of its sentence."""
        start, end = self.sentence_bounds(self.sentence_index(offset))
        clause_start, clause_end = start, end
        for boundary in CLAUSE_BOUNDARY.finditer(self.text, start, end):
            if boundary.end() <= offset:
                clause_start = boundary.end()
            else:
                clause_end = boundary.start()
                break
        return self.detect_tense(clause_start, clause_end) or self.detect_tense(start, end)

    def detect_tense(self, start: int, end: int) -> str | None:
        """Future if a future marker occurs, else past if a past marker or a finite past verb does."""
        if (start, end) in self.cache:
            return self.cache[(start, end)]
        words = WORD.findall(self.text, start, end)
        found = {self.markers.get(word.lower()) for word in words}
        tense = "future" if "future" in found else "past" if "past" in found else None
        if tense is None and any(self.past_form.is_past(word) for word in words):
            tense = "past"
        if tense is None and self.has_morphology:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and any("Tense=Past" in str(token.morph) for token in span):
                tense = "past"
        self.cache[(start, end)] = tense
        return tense


def update_anchor(anchor: dt.date | None, timex: Timex, *, max_year_jump: int | None) -> dt.date | None:
    """The last date mentioned after `timex`: days replace it, months and years set its coarser parts.

    A bare year further than `max_year_jump` years from the anchor is taken for an aside
    ("der Vertrag von 1856") and leaves the anchor (None: no limit).
    """
    value = timex.begin or timex.value
    if timex.type not in {"DATE", "TIME"} or not value or not value[:4].isdigit():
        return anchor
    year = int(value[:4])
    if year < 1:
        return anchor
    if DAY_VALUE.match(value):
        return dt.date(year, int(value[5:7]), int(value[8:10]))
    if MONTH_VALUE.match(value):
        same_month = anchor is not None and (anchor.year, anchor.month) == (year, int(value[5:7]))
        return anchor if same_month else dt.date(year, int(value[5:7]), 1)
    if YEAR_VALUE.match(value) and timex.granularity == "year":
        if anchor is not None and (anchor.year == year or (max_year_jump is not None and abs(anchor.year - year) > max_year_jump)):
            return anchor
        return dt.date(year, 1, 1)
    return anchor


def is_parenthetical(text: str, offset: int) -> bool:
    """Whether `offset` is inside round brackets opened in the last PARENTHESIS_REACH characters."""
    window_start = max(0, offset - PARENTHESIS_REACH)
    return text.rfind("(", window_start, offset) > text.rfind(")", window_start, offset)


class Anchor:
    """The last date mentioned, which anaphoric expressions (and in narratives all relative ones) count from.

    With `sections`, a date in a heading ("1862", "Die Lage im Jahr 1939") anchors its
    section, and every later heading sends the anchor back to it: subsections restart there.
    """

    def __init__(self, text: str, reference: dt.date | None, *, max_year_jump: int, sections: bool):
        self.text = text
        self.date = reference
        self.set_by_text = False
        self.max_year_jump = max_year_jump
        headings = list(HEADING.finditer(text)) if sections else []
        self.heading_starts = [heading.start() for heading in headings]
        self.heading_ends = [heading.end() for heading in headings]
        self.headings_passed = 0
        self.section_date: dt.date | None = None
        self.section_heading = -1

    def advance(self, offset: int) -> None:
        """Go back to the section's date when a heading starts between the last match and `offset`."""
        passed = bisect.bisect_right(self.heading_starts, offset)
        if passed > self.headings_passed and self.section_date is not None:
            self.date = self.section_date
        self.headings_passed = passed

    def record(self, timex: Timex, *, offset: int, sets_anchor: bool) -> None:
        """Make `timex` (at `offset`) the last date mentioned, unless its rule, a bracket or a far jump says it is an aside."""
        if not sets_anchor or is_parenthetical(self.text, offset):
            return
        heading = self.headings_passed - 1
        if heading >= 0 and offset < self.heading_ends[heading] and heading != self.section_heading:
            self.date = update_anchor(self.date, timex, max_year_jump=None)
            self.section_date, self.section_heading, self.set_by_text = self.date, heading, True
            return
        previous = self.date
        self.date = update_anchor(self.date, timex, max_year_jump=self.max_year_jump if self.set_by_text else None)
        self.set_by_text = self.set_by_text or self.date != previous
