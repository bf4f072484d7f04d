"""German temporal tagger as a spaCy component ("newsevents_times").

Rules and lexicons are data (configs/times.toml): each rule is a regular expression over
the document text whose placeholders expand to lexicon words.  The component finds all
rule matches, keeps the longest non-overlapping ones, normalises them in text order
(pipeline/timex.py) and writes them to `doc.spans[spans_key]` with labels DATE, TIME,
DURATION, SET; `span._.timex` returns the `Timex`.  Relative expressions are resolved
against `doc._.reference_date` (a `datetime.date`, or None for underspecified values).
"""
from __future__ import annotations

import datetime as dt
import re
import re._constants as sre
import re._parser as sre_parse
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from spacy.attrs import IDX, LOWER, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from pipeline.time_context import DAY_VALUE, Anchor, PastTenseEndings, SentenceTense
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
# A match may not start inside a word or a compound ("Mai-Kundgebung"), nor end inside one.
WORD_START = r"(?<!\w)(?<![^\W\d]-)"
WORD_END = r"(?!\w|-\w)"
WORD_STARTS = re.compile(WORD_START)
# Documents resolved against the last date mentioned (HeidelTime's "narratives").
MODES = ("news", "narrative")
# Characters before and after a trigger word that rules are run on (longer than any match reaches).
CONTEXT_BEFORE = 30
CONTEXT_AFTER = 60
# Upper- to lower-case German letters, one character for one, so offsets in the lowered text hold.
LOWER_GERMAN = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ", "abcdefghijklmnopqrstuvwxyzäöü")


@dataclass(frozen=True)
class Rule:
    """A compiled rule of configs/times.toml."""

    name: str
    regex: re.Pattern
    normalizer: str
    type: str
    sets_anchor: bool = True
    # Which trigger regions the rule can match in: "digit" (every match has a digit), "word"
    # (no match has one, so it holds a trigger word), "any".
    regions: str = "any"
    # Entity labels a match may not contain ("ein Jahr nach Syrien" is no date anchored to an event).
    reject_entities: frozenset[str] = frozenset()
    # The characters a match can start with, read off the parsed regex; None: any character.
    first: frozenset[str] | None = None


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
    """Regex of lexicon words (a prefix tree, so matching is fast), first letter in either case."""
    return build_trie_pattern(words, first_letter_cased=True) + (STEM_INFLECTION if stem else "")


def build_trie_pattern(words, *, first_letter_cased: bool) -> str:
    """Regex matching exactly `words`, their shared prefixes factored out ("mo(?:n(?:at|tag)|rgen)")."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return emit_trie(tree, first_letter_cased=first_letter_cased)


def emit_trie(node: dict, *, first_letter_cased: bool) -> str:
    """Regex of a prefix-tree node; the empty key marks the end of a word."""
    branches = []
    for char, child in sorted(node.items()):
        if char:
            head = f"[{char.upper()}{char.lower()}]" if first_letter_cased and char.upper() != char.lower() else re.escape(char)
            branches.append(head + emit_trie(child, first_letter_cased=False))
    if not branches:
        return ""
    alternation = "(?:" + "|".join(branches) + ")"
    return alternation + "?" if "" in node else alternation


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
        parsed = sre_parse.parse(body)
        regions = "digit" if requires_digit(parsed) else "any" if admits_digit(parsed) else "word"
        rules.append(Rule(entry["name"], regex, entry["normalizer"], entry["type"], entry.get("sets_anchor", True), regions,
                          frozenset(entry.get("reject_entities", ())), first_characters(parsed)))
    return rules


# Node kinds of a parsed regex (re._parser) that `requires_digit` and `admits_digit` read:
# repetitions, and the character categories that always or never hold a digit.
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_DIGIT_CATEGORIES = {sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT}
_NON_DIGIT_CATEGORIES = {sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE, sre.CATEGORY_NOT_DIGIT, sre.CATEGORY_UNI_NOT_DIGIT,
                         sre.CATEGORY_LINEBREAK, sre.CATEGORY_UNI_LINEBREAK}


def requires_digit(parsed) -> bool:
    """Whether every string the parsed regex matches contains a digit."""
    for op, av in parsed:
        if op is sre.LITERAL and chr(av).isdigit():
            return True
        if op is sre.IN and all(
            (kind is sre.CATEGORY and value in _DIGIT_CATEGORIES)
            or (kind is sre.LITERAL and chr(value).isdigit())
            or (kind is sre.RANGE and "0" <= chr(value[0]) and chr(value[1]) <= "9")
            for kind, value in av
        ):
            return True
        if op is sre.SUBPATTERN and requires_digit(av[3]):
            return True
        if op is sre.BRANCH and all(requires_digit(branch) for branch in av[1]):
            return True
        if op in _REPEATS and av[0] >= 1 and requires_digit(av[2]):
            return True
    return False


def admits_digit(parsed) -> bool:
    """Whether some string the parsed regex matches may contain a digit (erring towards yes)."""
    for op, av in parsed:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        if op is sre.LITERAL:
            if chr(av).isdigit():
                return True
        elif op is sre.IN:
            if any(
                kind is sre.NEGATE
                or (kind is sre.CATEGORY and value not in _NON_DIGIT_CATEGORIES)
                or (kind is sre.LITERAL and chr(value).isdigit())
                or (kind is sre.RANGE and chr(value[0]) <= "9" and chr(value[1]) >= "0")
                for kind, value in av
            ):
                return True
        elif op is sre.SUBPATTERN:
            if admits_digit(av[3]):
                return True
        elif op is sre.BRANCH:
            if any(admits_digit(branch) for branch in av[1]):
                return True
        elif op in _REPEATS:
            if admits_digit(av[2]):
                return True
        else:  # any character, a back reference, a conditional: may hold anything
            return True
    return False


def first_characters(parsed) -> frozenset[str] | None:
    """The characters every match of the parsed regex starts with, or None when that is not
    known (a category such as \\d, a negated set, a pattern that can match empty)."""
    chars: set[str] = set()
    for op, av in parsed:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # zero width
        if op is sre.LITERAL:
            return frozenset(chars | {chr(av)})
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] < 256:
                    chars.update(chr(code) for code in range(value[0], value[1] + 1))
                else:
                    return None
            return frozenset(chars)
        if op is sre.SUBPATTERN:
            if av[1] or av[2]:  # inline flags (case) change what a character matches
                return None
            parts, optional = [av[3]], can_be_empty(av[3])
        elif op is sre.BRANCH:
            parts, optional = av[1], any(can_be_empty(branch) for branch in av[1])
        elif op in _REPEATS:
            parts, optional = [av[2]], av[0] == 0 or can_be_empty(av[2])
        else:
            return None
        for part in parts:
            found = first_characters(part)
            if found is None:
                return None
            chars |= found
        if not optional:
            return frozenset(chars)
    return None  # the whole pattern can match the empty string


def can_be_empty(parsed) -> bool:
    """Whether the parsed regex can match the empty string (erring towards yes)."""
    for op, av in parsed:
        if op in (sre.LITERAL, sre.IN, sre.NOT_LITERAL, sre.ANY):
            return False
        if op is sre.SUBPATTERN and not can_be_empty(av[3]):
            return False
        if op is sre.BRANCH and not any(can_be_empty(branch) for branch in av[1]):
            return False
        if op in _REPEATS and av[0] >= 1 and not can_be_empty(av[2]):
            return False
    return True


def compile_trigger(config: dict) -> re.Pattern:
    """Regex of what every match contains: a digit, a word starting with a trigger table's entry,
    or a trigger infix; case-sensitive, for text lowered with `LOWER_GERMAN` (faster than (?i))."""
    prefixes = {longest_word(entry) for table in config["trigger_tables"] for entry in config["tables"][table]}
    words = {longest_word(entry) for table in config["trigger_word_tables"] for entry in config["tables"][table]}
    words.update(longest_word(entry) for entry in config["trigger_words"])
    infixes = {word.lower() for word in config["trigger_infixes"]}
    return re.compile(
        rf"\d+|\b(?:{build_trie_pattern(prefixes, first_letter_cased=False)})"
        rf"|\b(?:{build_trie_pattern(words, first_letter_cased=False)})\b"
        rf"|(?:{build_trie_pattern(infixes, first_letter_cased=False)})"
    )


def longest_word(entry: str) -> str:
    """The longest word of a lexicon entry, lower-cased ("vor kurzem" → "kurzem"): triggers are
    looked up word by word, and any word of an entry marks where it can match."""
    return max(entry.lower().split(), key=len)


def find_text_triggers(text: str, trigger: re.Pattern) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is a number) of every trigger in `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is two characters ("İ")
        lowered = text.translate(LOWER_GERMAN)
    for found in trigger.finditer(lowered):
        yield found.start(), found.end(), lowered[found.start()].isdigit()


def text_of(doc: Doc) -> str:
    """``doc.text`` from the Doc's arrays: the property builds a Token for every word, which
    cost this component about a tenth of its time."""
    strings = doc.vocab.strings
    return "".join([strings[orth] + " " if space else strings[orth] for orth, space in doc.to_array([ORTH, SPACY]).tolist()])


def find_doc_triggers(doc: Doc, trigger: re.Pattern, memo: dict[int, tuple]) -> Iterator[tuple[int, int, bool]]:
    """`find_text_triggers` word by word, memoised by the word's lower-case string id: the same
    words recur across a corpus, so most words cost one dictionary lookup. (A trigger is never
    longer than a word; words split without space between them may add a trigger, never lose one.)"""
    strings = doc.vocab.strings
    for lower, offset in doc.to_array([LOWER, IDX]).tolist():
        found = memo.get(lower)
        if found is None:
            found = memo[lower] = tuple(find_text_triggers(strings[lower], trigger))
        for start, end, is_number in found:
            yield offset + start, offset + end, is_number


@dataclass
class Region:
    """A stretch of text around triggers where rules can match, and the stretches in it where a
    match can start (``openings``): every match holds a trigger, so it starts at most
    CONTEXT_BEFORE characters before one."""

    start: int
    end: int
    openings: list[list[int]]


def find_regions(triggers: Iterable[tuple[int, int, bool]], length: int) -> dict[str, list[Region]]:
    """Disjoint regions of a text of `length` characters around its triggers (in text order),
    where rules can match: around numbers ("digit"), around trigger words ("word"), around both ("any")."""
    found: dict[str, list[Region]] = {kind: [] for kind in REGION_KINDS}
    for trigger_start, trigger_end, is_number in triggers:
        start, end = max(0, trigger_start - CONTEXT_BEFORE), min(length, trigger_end + CONTEXT_AFTER)
        for kind in ("digit" if is_number else "word", "any"):
            regions = found[kind]
            if not regions or start > regions[-1].end:
                regions.append(Region(start, end, [[start, trigger_start]]))
                continue
            region = regions[-1]
            region.end = max(region.end, end)
            if start <= region.openings[-1][1]:
                region.openings[-1][1] = max(region.openings[-1][1], trigger_start)
            else:
                region.openings.append([start, trigger_start])
    return found


# A named group "(?P<name>", made plain when rules are joined into one pattern (names repeat across rules).
NAMED_GROUP = re.compile(r"\(\?P<\w+>")
# The kinds of trigger regions a rule can be restricted to.
REGION_KINDS = ("digit", "word", "any")


@dataclass(frozen=True)
class RuleSet:
    """The compiled rules, the trigger regex and, per region kind, one lookahead pattern that
    tells whether some rule of that kind matches at a position: one check per word start in a
    region's openings instead of one per rule."""

    rules: list[Rule]
    trigger: re.Pattern
    starts: dict[str, re.Pattern]
    # Per kind and first character of a match: the rules (with their priority, the index in
    # `rules`) that can start with it, in priority order; `any_first`: those whose first
    # character is not known, for every other character.
    by_first: dict[str, dict[str, list[tuple[int, Rule]]]]
    any_first: dict[str, list[tuple[int, Rule]]]

    @classmethod
    def compile(cls, config: dict) -> "RuleSet":
        rules = compile_rules(config)
        starts, by_first, any_first = {}, {}, {}
        for kind in REGION_KINDS:
            ranked = [(priority, rule) for priority, rule in enumerate(rules) if rule.regions == kind]
            bodies = [NAMED_GROUP.sub("(?:", rule.regex.pattern[len(WORD_START):]) for _, rule in ranked]
            # tried only at word starts (`match_starts`), so without the rules' own WORD_START check
            starts[kind] = re.compile("(?=" + "|".join(bodies) + ")") if bodies else re.compile(r"(?!)")
            characters = set().union(*(rule.first for _, rule in ranked if rule.first is not None))
            by_first[kind] = {
                character: [(p, rule) for p, rule in ranked if rule.first is None or character in rule.first]
                for character in characters
            }
            any_first[kind] = [(p, rule) for p, rule in ranked if rule.first is None]
        return cls(rules, compile_trigger(config), starts, by_first, any_first)

    def rules_starting_with(self, kind: str, character: str) -> list[tuple[int, Rule]]:
        """The rules of a region kind that can match from a position holding ``character``."""
        return self.by_first[kind].get(character, self.any_first[kind])

    def match_starts(self, text: str, *, kind: str, region: Region) -> Iterator[int]:
        """The word starts in the region's openings where some rule of ``kind`` matches (its end
        within the region). Trying the joined pattern only there, not at every character of the
        region, saves about 40% of the scan."""
        joined = self.starts[kind]
        for opening_start, opening_end in region.openings:
            for word in WORD_STARTS.finditer(text, opening_start, opening_end + 1):
                if joined.match(text, word.start(), region.end) is not None:
                    yield word.start()

    def find_matches(
        self, text: str, *, triggers: Iterable[tuple[int, int, bool]] | None = None, entities: Iterable[tuple[int, int, str]] = ()
    ) -> list[Match]:
        """The longest non-overlapping rule matches in text order (see `choose_longest`).

        Every match holds a trigger, so a rule is only tried near the triggers it can contain
        (`triggers`, else found in `text`), and only where the joined pattern of its kind says
        some rule matches (`match_starts`). A rule's match may not overlap an entity (start, end,
        label) of its `reject_entities`.
        """
        entities = list(entities)
        candidates = []
        if triggers is None:
            triggers = find_text_triggers(text, self.trigger)
        regions = find_regions(triggers, len(text))
        for kind in REGION_KINDS:
            for region in regions[kind]:
                for start in self.match_starts(text, kind=kind, region=region):
                    for priority, rule in self.rules_starting_with(kind, text[start]):
                        found = rule.regex.match(text, start, region.end)
                        if found is not None and not (rule.reject_entities and any(
                            label in rule.reject_entities and begin < found.end() and found.start() < end
                            for begin, end, label in entities
                        )):
                            candidates.append((priority, rule, found))
        return choose_longest(candidates, length=len(text))


def choose_longest(candidates: list[tuple[int, Rule, re.Match]], *, length: int) -> list[Match]:
    """From (rule priority, rule, regex match) candidates, the longest non-overlapping matches
    (the earlier rule first on ties) in text order; a rule's group "t" marks its extent."""
    extents = []
    for priority, rule, found in candidates:
        start, end = found.span("t") if "t" in rule.regex.groupindex and found.group("t") is not None else found.span()
        if end > start:
            extents.append((start - end, priority, start, end, rule, found))
    extents.sort(key=lambda extent: extent[:3])
    taken = bytearray(length)
    chosen = []
    for _, _, start, end, rule, found in extents:
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            groups = {name: value for name, value in found.groupdict().items() if value is not None}
            chosen.append(Match(start, end, rule, groups))
    return sorted(chosen, key=lambda match: match.start)


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
        self.rule_set = RuleSet.compile(config)
        self.trigger_memo: dict[int, tuple] = {}  # lower-case string id → triggers in the word
        self.max_year_jump = config["anchoring"]["max_year_jump"]
        endings = config["past_tense_endings"]
        self.past_form = PastTenseEndings(
            tuple(endings["endings"]), tuple(endings["not_endings"]), frozenset(endings["not_words"])
        )

    def __call__(self, doc: Doc) -> Doc:
        """Find, normalise and store the temporal expressions of `doc`."""
        spans = []
        for span, timex in self.annotate(doc):
            doc.user_data[(USER_DATA_KEY, span.start_char, span.end_char)] = dict(vars(timex))  # flat fields: a shallow copy is a full one
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def annotate(self, doc: Doc) -> Iterator[tuple[Span, Timex]]:
        """Yield each expression's token span and `Timex`, in text order."""
        reference = coerce_date(doc._.reference_date)  # also when another module registered the extension
        text = text_of(doc)
        anchor = Anchor(text, reference, max_year_jump=self.max_year_jump, sections=self.mode == "narrative")
        sentence_day, sentence_day_index = None, -1
        tense = None
        triggers = find_doc_triggers(doc, self.rule_set.trigger, self.trigger_memo)
        entities = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        for match in self.rule_set.find_matches(text, triggers=triggers, entities=entities):
            span = doc.char_span(match.start, match.end, label=match.rule.type)
            if span is None:
                span = doc.char_span(match.start, match.end, label=match.rule.type, alignment_mode="expand")
            if span is None:
                continue
            if tense is None:
                tense = SentenceTense(
                    doc, text=text, markers=self.lexicon.tables["tense_marker"], past_form=self.past_form
                )
            sentence_index = tense.sentence_index(match.start)
            anchor.advance(match.start)
            resolution = Resolution(
                reference,
                anchor.date,
                tense.at(match.start),
                narrative=self.mode == "narrative",
                sentence_day=sentence_day if sentence_day_index == sentence_index else None,
            )
            timex = self.normalize_match(match, resolution)
            if timex is None:
                continue
            timex = replace(timex, rule=match.rule.name)
            if timex.type != span.label_:
                span = Span(doc, span.start, span.end, label=timex.type)
            anchor.record(timex, offset=match.start, sets_anchor=match.rule.sets_anchor)
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
