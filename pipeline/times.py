"""German temporal tagger as a spaCy component ("newsevents_times").

Rules and lexicons are data (configs/times.toml): each rule is a regular expression over
the document text whose placeholders expand to lexicon words.  The component finds all
rule matches, keeps the longest non-overlapping ones, normalises them in text order
(pipeline/timex.py) and writes them to `doc.spans[spans_key]` with labels DATE, TIME,
DURATION, SET; `span._.timex` returns the `Timex`.  Relative expressions are resolved
against `doc._.reference_date` (a `datetime.date`, or None for underspecified values).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from pipeline.timex import NORMALIZERS, Lexicon, Resolution, Timex

# The lexicon shipped with the repository.
DEFAULT_LEXICON_PATH = Path(__file__).resolve().parents[1] / "configs" / "times.toml"
# File name of the lexicon inside a serialised pipeline.
LEXICON_FILE = "times.toml"
# Key of the normalised values in doc.user_data (plain dicts, so Doc/DocBin serialisation works).
USER_DATA_KEY = "newsevents_times"
# Key of the reference date in doc.user_data.
REFERENCE_DATE_KEY = "newsevents_reference_date"
# Placeholders in rule patterns: "{name}" with a lower-case identifier.
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Word endings a stem-table entry may take in a pattern.
STEM_INFLECTION = r"(?:e|en|er|es|em)?"
# Fallback sentence boundary without a parser: a newline, or . ! ? not after a digit, before a capital.
SENTENCE_BOUNDARY = re.compile(r"\n+|(?<![\d\s])[.!?][\"»“”']?\s+(?=[\"„»(]?[A-ZÄÖÜ])")
# Words of a sentence, lower-cased, for the tense lexicon.
WORD = re.compile(r"\w+")
# Clause boundaries inside a sentence: the tense of the clause is tried before the sentence's.
CLAUSE_BOUNDARY = re.compile(r"[,;:–]|\s-\s")
# A match may not start inside a word or a compound ("Mai-Kundgebung"), nor end inside one.
WORD_START = r"(?<!\w)(?<![^\W\d]-)"
WORD_END = r"(?!\w|-\w)"
# TIMEX3 values naming a calendar day (also with a time), a month, a year.
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
MONTH_VALUE = re.compile(r"\d{4}-\d\d$")
YEAR_VALUE = re.compile(r"\d{4}$")
# How far back an opening bracket may be for a date to count as an aside "(1890-1970)".
PARENTHESIS_REACH = 80
# Documents resolved against the last date mentioned (HeidelTime's "narratives").
MODES = ("news", "narrative")
# Characters before and after a trigger word that rules are run on (longer than any match reaches).
CONTEXT_BEFORE = 40
CONTEXT_AFTER = 90


@dataclass(frozen=True)
class Rule:
    """A compiled rule of configs/times.toml."""

    name: str
    regex: re.Pattern
    normalizer: str
    type: str
    sets_anchor: bool = True


@dataclass(frozen=True)
class Match:
    """A rule match: the extent in characters and its named groups."""

    start: int
    end: int
    rule: Rule
    groups: dict


def register_extensions() -> None:
    """Register `doc._.reference_date` and `span._.timex` (idempotent)."""
    if not Doc.has_extension("reference_date"):
        Doc.set_extension("reference_date", getter=get_reference_date, setter=set_reference_date)
    if not Span.has_extension("timex"):
        Span.set_extension("timex", getter=get_span_timex)


def coerce_date(value: dt.date | str | None) -> dt.date | None:
    """A `datetime.date` from a date, a datetime (its date) or an ISO string ("2024-05-10")."""
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def get_reference_date(doc: Doc) -> dt.date | None:
    """The date relative expressions of `doc` are resolved against."""
    return coerce_date(doc.user_data.get(REFERENCE_DATE_KEY))


def set_reference_date(doc: Doc, value: dt.date | str | None) -> None:
    """Set `doc._.reference_date` (a date, datetime or ISO string; stored as ISO text so Doc/DocBin serialisation keeps it)."""
    date = coerce_date(value)
    doc.user_data[REFERENCE_DATE_KEY] = date.isoformat() if date is not None else None


def get_span_timex(span: Span) -> Timex | None:
    """The `Timex` the tagger stored for this span's character offsets, if any."""
    stored = span.doc.user_data.get((USER_DATA_KEY, span.start_char, span.end_char))
    return Timex(**stored) if stored is not None else None


def expand_table(words, *, stem: bool) -> str:
    """Regex alternation of lexicon words, longest first, first letter in either case."""
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word[1:])
        alternatives.append(f"[{word[0].upper()}{word[0].lower()}]{escaped}")
    return "(?:" + "|".join(alternatives) + ")" + (STEM_INFLECTION if stem else "")


def expand_pattern(pattern: str, *, tables: dict, fragments: dict, stem_tables: set) -> str:
    """Replace `{table}` and `{fragment}` placeholders (fragments may contain placeholders)."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in fragments:
            return expand_pattern(fragments[name], tables=tables, fragments=fragments, stem_tables=stem_tables)
        if name in tables:
            return expand_table(tables[name], stem=name in stem_tables)
        raise ValueError(f"unknown placeholder {{{name}}} in times lexicon")

    return PLACEHOLDER.sub(replace, pattern)


def compile_rules(config: dict) -> list[Rule]:
    """Compile the [[rules]] of a lexicon config, bounded so they do not start or end inside a word."""
    tables, fragments = config["tables"], config.get("fragments", {})
    stem_tables = set(config.get("stem_tables", []))
    rules = []
    for entry in config["rules"]:
        body = expand_pattern(entry["pattern"], tables=tables, fragments=fragments, stem_tables=stem_tables)
        try:
            regex = re.compile(rf"{WORD_START}(?:{body}){WORD_END}")
        except re.error as error:
            raise ValueError(f"rule {entry['name']}: {error}") from error
        if entry["normalizer"] not in NORMALIZERS:
            raise ValueError(f"rule {entry['name']}: unknown normalizer {entry['normalizer']}")
        rules.append(Rule(entry["name"], regex, entry["normalizer"], entry["type"], entry.get("sets_anchor", True)))
    return rules


def compile_trigger(config: dict) -> re.Pattern:
    """Regex of what every match contains: a digit, a word starting with a trigger table's entry, or a trigger infix."""
    prefixes = {word for table in config["trigger_tables"] for word in config["tables"][table]}
    words = {word for table in config["trigger_word_tables"] for word in config["tables"][table]}
    words.update(config["trigger_words"])
    return re.compile(
        rf"\d+|\b(?i:{expand_alternation(prefixes)})|\b(?i:{expand_alternation(words)})\b"
        rf"|(?i:{expand_alternation(config['trigger_infixes'])})"
    )


def expand_alternation(words) -> str:
    """Regex alternation of literal words, longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def find_regions(text: str, trigger: re.Pattern) -> list[tuple[int, int]]:
    """Disjoint stretches of `text` around trigger words, where rules can match."""
    regions: list[list[int]] = []
    for found in trigger.finditer(text):
        start, end = max(0, found.start() - CONTEXT_BEFORE), min(len(text), found.end() + CONTEXT_AFTER)
        if regions and start <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], end)
        else:
            regions.append([start, end])
    return [(start, end) for start, end in regions]


def find_matches(text: str, rules: list[Rule], *, trigger: re.Pattern) -> list[Match]:
    """All rule matches, then the longest non-overlapping ones (earlier rule first on ties), in text order."""
    candidates = []
    regions = find_regions(text, trigger)
    for priority, rule in enumerate(rules):
        has_extent_group = "t" in rule.regex.groupindex
        for region_start, region_end in regions:
            for found in rule.regex.finditer(text, region_start, region_end):
                start, end = found.span("t") if has_extent_group and found.group("t") is not None else found.span()
                if end > start:
                    candidates.append((start - end, priority, start, end, rule, found))
    candidates.sort(key=lambda candidate: candidate[:3])
    taken = bytearray(len(text))
    chosen = []
    for _, _, start, end, rule, found in candidates:
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            groups = {name: value for name, value in found.groupdict().items() if value is not None}
            chosen.append(Match(start, end, rule, groups))
    return sorted(chosen, key=lambda match: match.start)


class SentenceTense:
    """Tense of the sentence around a character offset, from the tense lexicon (and morphology if tagged)."""

    def __init__(self, doc: Doc, *, markers: dict):
        self.doc = doc
        self.text = doc.text
        self.markers = markers
        self.has_morphology = doc.has_annotation("MORPH")
        if doc.has_annotation("SENT_START"):
            self.starts = [sentence.start_char for sentence in doc.sents]
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
        found = {self.markers.get(word.lower()) for word in WORD.findall(self.text, start, end)}
        tense = "future" if "future" in found else "past" if "past" in found else None
        if tense is None and self.has_morphology:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and any("Tense=Past" in str(token.morph) for token in span):
                tense = "past"
        self.cache[(start, end)] = tense
        return tense


def update_anchor(anchor: dt.date | None, timex: Timex, *, max_year_jump: int | None) -> dt.date | None:
    """The last date mentioned after `timex`: days replace it, months and years set its coarser parts.

    A bare year further than `max_year_jump` years from the anchor is taken for an aside
    ("die Deklaration von 1856") and leaves the anchor (None: no limit).
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


class TimeTagger:
    """spaCy component: finds German temporal expressions and normalises them to TIMEX3."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, mode: str, lexicon_path: str | None):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.mode = mode
        self.load_lexicon((Path(lexicon_path) if lexicon_path else DEFAULT_LEXICON_PATH).read_text(encoding="utf8"))

    def load_lexicon(self, source: str) -> None:
        """Parse and compile a lexicon given as TOML text."""
        config = tomllib.loads(source)
        self.source = source
        self.lexicon = Lexicon(config["tables"], stem_tables=config.get("stem_tables", []))
        self.rules = compile_rules(config)
        self.trigger = compile_trigger(config)
        self.max_year_jump = config["anchoring"]["max_year_jump"]

    def __call__(self, doc: Doc) -> Doc:
        """Find, normalise and store the temporal expressions of `doc`."""
        spans = []
        for span, timex in self.annotate(doc):
            doc.user_data[(USER_DATA_KEY, span.start_char, span.end_char)] = asdict(timex)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def annotate(self, doc: Doc) -> Iterator[tuple[Span, Timex]]:
        """Yield each expression's token span and `Timex`, in text order."""
        reference = coerce_date(doc._.reference_date)  # also when another module registered the extension
        anchor, anchored_by_text = reference, False
        text = doc.text
        sentence_day, sentence_day_index = None, -1
        tense = None
        for match in find_matches(text, self.rules, trigger=self.trigger):
            span = doc.char_span(match.start, match.end, label=match.rule.type)
            if span is None:
                span = doc.char_span(match.start, match.end, label=match.rule.type, alignment_mode="expand")
            if span is None:
                continue
            if tense is None:
                tense = SentenceTense(doc, markers=self.lexicon.tables["tense_marker"])
            sentence_index = tense.sentence_index(match.start)
            resolution = Resolution(
                reference,
                anchor,
                tense.at(match.start),
                narrative=self.mode == "narrative",
                sentence_day=sentence_day if sentence_day_index == sentence_index else None,
            )
            timex = self.normalize_match(match, resolution)
            if timex is None:
                continue
            timex = Timex(**{**asdict(timex), "rule": match.rule.name})
            if timex.type != span.label_:
                span = Span(doc, span.start, span.end, label=timex.type)
            if match.rule.sets_anchor and not is_parenthetical(text, match.start):
                jump = self.max_year_jump if anchored_by_text else None
                anchor, previous = update_anchor(anchor, timex, max_year_jump=jump), anchor
                anchored_by_text = anchored_by_text or anchor != previous
            if timex.type in {"DATE", "TIME"} and timex.value and DAY_VALUE.match(timex.value):
                sentence_day, sentence_day_index = dt.date.fromisoformat(timex.value[:10]), sentence_index
            yield span, timex

    def normalize_match(self, match: Match, resolution: Resolution) -> Timex | None:
        """The match's `Timex` (None to reject it); value None when date arithmetic leaves the calendar (years 1-9999)."""
        try:
            return NORMALIZERS[match.rule.normalizer](match.groups, self.lexicon, resolution)
        except (OverflowError, ValueError):  # a date before year 1 or after 9999
            return Timex(match.rule.type, None, None)

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Store the lexicon with the pipeline."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / LEXICON_FILE).write_text(self.source, encoding="utf8")

    def from_disk(self, path, *, exclude=tuple()) -> "TimeTagger":
        """Load the lexicon stored by `to_disk`."""
        self.load_lexicon((ensure_path(path) / LEXICON_FILE).read_text(encoding="utf8"))
        return self


@Language.factory(
    "newsevents_times",
    default_config={"spans_key": "times", "mode": "news", "lexicon_path": None},
)
def make_time_tagger(nlp: Language, name: str, spans_key: str, mode: str, lexicon_path: str | None) -> TimeTagger:
    """Create the German temporal tagger (`mode` "news" or "narrative"; `lexicon_path` None: configs/times.toml)."""
    return TimeTagger(nlp, name, spans_key=spans_key, mode=mode, lexicon_path=lexicon_path)


register_extensions()
