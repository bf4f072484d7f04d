"""Drop boilerplate, markup and repeats from a decoded article, keeping raw offsets.

Rule kinds (configs/cleaning.toml, see pipeline.cleaning_rules), applied in this order:
- inline: each match is cut out of its line (markup tags and entities, "Die ganze Story >>").
  Rules apply in file order; a match overlapping an earlier one is skipped. With `unescape`
  the match's HTML-unescaped value stays in the text ("&amp;" reads "&"); the raw span is
  still reported as dropped.
- tail: the first line that fully matches starts trailing boilerplate (a link list): that
  line and everything after it are dropped.
- paragraph: a paragraph (lines between blank lines; each line when the text has no blank
  line between lines) in which the pattern is found is dropped.
- line: a line that fully matches, after stripping and collapsing whitespace, is dropped.
- repeats: a line equal (ignoring case and whitespace) to an earlier kept line is dropped,
  as a title copy when it equals the title, else as a duplicate when at least `min_chars` long.
Dropped spans are offsets into `raw`, trimmed of surrounding whitespace; whitespace itself is
never reported. Kept lines have their whitespace collapsed to single spaces.
"""
from __future__ import annotations

import bisect
import html
from dataclasses import dataclass

from pipeline.cleaning_rules import CleaningRule, CleaningRules


@dataclass(frozen=True)
class Dropped:
    """A span of the raw input that was not analysed, and why (`language` for reason "language")."""

    start: int
    end: int
    reason: str
    language: str | None = None


@dataclass(frozen=True)
class Piece:
    """A kept part of a line: raw[start:end], or the unescaped value of a markup span."""

    start: int
    end: int
    text: str
    from_raw: bool = True


@dataclass(frozen=True)
class Line:
    """A line of the input after inline cleaning."""

    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        """The line's kept text with whitespace collapsed."""
        return " ".join("".join(piece.text for piece in self.pieces).split())


Paragraph = tuple[Line, ...]


@dataclass(frozen=True)
class CleanedText:
    """The kept paragraphs (non-empty, in order) and every dropped span."""

    paragraphs: tuple[Paragraph, ...]
    dropped: tuple[Dropped, ...]


def clean_text(raw: str, *, title: str | None, rules: CleaningRules) -> CleanedText:
    """Apply all cleaning rules to `raw` and return what is kept and what was dropped."""
    pieces, dropped = cut_inline(raw, rules=rules.inline)
    lines = split_lines(pieces)
    lines = cut_tail(lines, rules=rules.tail, dropped=dropped)
    paragraphs = drop_paragraphs(group_paragraphs(lines), rules=rules.paragraph, dropped=dropped)
    paragraphs = drop_lines(paragraphs, rules=rules.line, dropped=dropped)
    paragraphs = drop_repeats(paragraphs, title=title, rules=rules, dropped=dropped)
    return CleanedText(paragraphs=tuple(paragraphs), dropped=tuple(dropped))


def cut_inline(raw: str, *, rules: tuple[CleaningRule, ...]) -> tuple[list[Piece], list[Dropped]]:
    """Cut inline matches out of `raw`; return the kept pieces and the cut spans."""
    starts: list[int] = []
    accepted: list[tuple[int, int, CleaningRule]] = []
    for rule in rules:
        for match in rule.pattern.finditer(raw):
            start, end = match.span()
            index = bisect.bisect_left(starts, start)
            clashes_before = index > 0 and accepted[index - 1][1] > start
            clashes_after = index < len(accepted) and accepted[index][0] < end
            if start == end or clashes_before or clashes_after:
                continue
            starts.insert(index, start)
            accepted.insert(index, (start, end, rule))
    pieces, dropped, position = [], [], 0
    for start, end, rule in accepted:
        pieces.append(Piece(position, start, raw[position:start]))
        if rule.unescape:
            pieces.append(Piece(start, end, html.unescape(raw[start:end]).replace("\n", " "), from_raw=False))
        dropped.append(Dropped(start, end, rule.reason))
        position = end
    pieces.append(Piece(position, len(raw), raw[position:]))
    return pieces, dropped


def split_lines(pieces: list[Piece]) -> list[Line]:
    """Split pieces at the raw line breaks into lines (blank lines included)."""
    lines: list[list[Piece]] = [[]]
    for piece in pieces:
        if not piece.from_raw:
            lines[-1].append(piece)
            continue
        offset = piece.start
        for index, part in enumerate(piece.text.split("\n")):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Piece(offset, offset + len(part), part))
            offset += len(part) + 1
    return [Line(tuple(line)) for line in lines]


def cut_tail(lines: list[Line], *, rules: tuple[CleaningRule, ...], dropped: list[Dropped]) -> list[Line]:
    """Drop everything from the first line that fully matches a tail rule."""
    for index, line in enumerate(lines):
        rule = find_full_match(line.text, rules)
        if rule is not None:
            for tail_line in lines[index:]:
                record_line(tail_line, reason=rule.reason, dropped=dropped)
            return lines[:index]
    return lines


def group_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Group non-blank lines into paragraphs separated by blank lines.

    A text without any blank line between its lines (trafilatura output, many JSON texts)
    has one paragraph per line, so that a paragraph rule never swallows a whole article.
    """
    filled = [index for index, line in enumerate(lines) if line.text]
    if not filled:
        return []
    inner = lines[filled[0]:filled[-1] + 1]
    if all(line.text for line in inner):
        return [(line,) for line in inner]
    paragraphs: list[list[Line]] = [[]]
    for line in lines:
        if line.text:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [tuple(paragraph) for paragraph in paragraphs if paragraph]


def drop_paragraphs(paragraphs: list[Paragraph], *, rules: tuple[CleaningRule, ...],
                    dropped: list[Dropped]) -> list[Paragraph]:
    """Drop each paragraph in which a paragraph rule's pattern is found."""
    kept = []
    for paragraph in paragraphs:
        text = "\n".join(line.text for line in paragraph)
        rule = next((rule for rule in rules if rule.pattern.search(text)), None)
        if rule is None:
            kept.append(paragraph)
        else:
            for line in paragraph:
                record_line(line, reason=rule.reason, dropped=dropped)
    return kept


def drop_lines(paragraphs: list[Paragraph], *, rules: tuple[CleaningRule, ...],
               dropped: list[Dropped]) -> list[Paragraph]:
    """Drop the lines that fully match a line rule, and paragraphs left empty."""
    kept = []
    for paragraph in paragraphs:
        lines = []
        for line in paragraph:
            rule = find_full_match(line.text, rules)
            if rule is None:
                lines.append(line)
            else:
                record_line(line, reason=rule.reason, dropped=dropped)
        if lines:
            kept.append(tuple(lines))
    return kept


def drop_repeats(paragraphs: list[Paragraph], *, title: str | None, rules: CleaningRules,
                 dropped: list[Dropped]) -> list[Paragraph]:
    """Drop lines repeating an earlier kept line: title copies and long enough duplicates."""
    settings = rules.repeats
    title_key = compare_key(title) if title else None
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        lines = []
        for line in paragraph:
            key = compare_key(line.text)
            if key in seen and key == title_key:
                record_line(line, reason=settings.title_copy_reason, dropped=dropped)
            elif key in seen and len(key) >= settings.min_chars:
                record_line(line, reason=settings.duplicate_reason, dropped=dropped)
            else:
                seen.add(key)
                lines.append(line)
        if lines:
            kept.append(tuple(lines))
    return kept


def compare_key(text: str) -> str:
    """Return `text` case-folded with whitespace collapsed, for comparing lines."""
    return " ".join(text.casefold().split())


def find_full_match(text: str, rules: tuple[CleaningRule, ...]) -> CleaningRule | None:
    """Return the first rule whose pattern matches all of `text`, or None (never for blank text)."""
    if not text:
        return None
    return next((rule for rule in rules if rule.pattern.fullmatch(text)), None)


def record_line(line: Line, *, reason: str, language: str | None = None, dropped: list[Dropped]) -> None:
    """Record the raw pieces of `line` as dropped, trimmed of surrounding whitespace."""
    for piece in line.pieces:
        stripped = piece.text.lstrip()
        start = piece.start + len(piece.text) - len(stripped)
        end = start + len(stripped.rstrip())
        if piece.from_raw and end > start:
            dropped.append(Dropped(start, end, reason, language))


def merge_dropped(raw: str, dropped: list[Dropped]) -> tuple[Dropped, ...]:
    """Sort spans and merge neighbours with the same reason and language across whitespace."""
    merged: list[Dropped] = []
    for span in sorted(dropped, key=lambda span: (span.start, span.end)):
        previous = merged[-1] if merged else None
        if (previous is not None and (previous.reason, previous.language) == (span.reason, span.language)
                and not raw[previous.end:span.start].strip()):
            merged[-1] = Dropped(previous.start, max(previous.end, span.end), span.reason, span.language)
        else:
            merged.append(span)
    return tuple(merged)
