"""The timeline of a run: dated events counted per day (or month) and type, drawn as an SVG.

An event is on the timeline when its normalised time is a calendar day (``2024-05-15``) or a
month (``2024-05``). Days are the bins while the days span at most ``DAY_BINS_UP_TO`` days;
beyond that, or with no day at all, months are, and days count in their month. Underspecified
values (``XXXX-05``, ``2024-W20``, durations) are never placed: they are counted as undated.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# Longest stretch of days drawn day by day; longer runs are drawn by month.
DAY_BINS_UP_TO = 92
# Fill colours of the event types, in order of their first appearance in the legend.
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf"]
# Drawing sizes in pixels.
BAR_AREA_HEIGHT, LEFT_MARGIN, BOTTOM_MARGIN, TOP_MARGIN, MIN_BAR_WIDTH = 180, 36, 70, 10, 14


@dataclass(frozen=True)
class Timeline:
    """Event counts per bin and type; ``granularity`` is "day" or "month"; ``undated`` counts the rest."""
    granularity: str
    counts: dict[str, Counter]     # bin label ("2024-05-15" or "2024-05") → type → events
    undated: int

    @property
    def types(self) -> list[str]:
        return sorted({event_type for by_type in self.counts.values() for event_type in by_type})


def calendar_value(value: str | None) -> tuple[str, date] | None:
    """("day" | "month", the date) for a TIMEX3 value that names a day or a month, else None."""
    if value is None:
        return None
    try:
        if match := DAY.match(value):
            return "day", date(*map(int, match.groups()))
        if match := MONTH.match(value):
            return "month", date(int(match[1]), int(match[2]), 1)
    except ValueError:  # "2024-02-30"
        return None
    return None


def count_events(events: Iterable[tuple[str, str | None]]) -> Timeline:
    """Bin the (type, TIMEX3 value) pair of every event whose time is a day or a month."""
    dated, undated = [], 0
    for event_type, value in events:
        found = calendar_value(value)
        if found is None:
            undated += 1
        else:
            dated.append((found, event_type))
    days = [when for (precision, when), _ in dated if precision == "day"]
    by_day = bool(days) and (max(days) - min(days)).days < DAY_BINS_UP_TO
    counts: dict[str, Counter] = {}
    for (precision, when), event_type in dated:
        if by_day and precision == "month":
            undated += 1                   # a month has no place among days
            continue
        counts.setdefault(bin_label(when, by_day=by_day), Counter())[event_type] += 1
    if not counts:
        return Timeline("month", {}, undated)
    first, last = min(when for (_, when), _ in dated), max(when for (_, when), _ in dated)
    if by_day:
        first, last = min(days), max(days)
    every_bin = {bin_label(when, by_day=by_day): Counter() for when in calendar_steps(first, last, by_day=by_day)}
    return Timeline("day" if by_day else "month", every_bin | counts, undated)


def bin_label(when: date, *, by_day: bool) -> str:
    return when.isoformat() if by_day else when.isoformat()[:7]


def calendar_steps(first: date, last: date, *, by_day: bool) -> Iterator[date]:
    """Every day (or the first of every month) from first to last: empty bins keep the time scale."""
    when = first if by_day else first.replace(day=1)
    while when <= last:
        yield when
        when = when + timedelta(days=1) if by_day else (when.replace(day=28) + timedelta(days=4)).replace(day=1)


def type_colours(types: list[str]) -> dict[str, str]:
    return {event_type: PALETTE[index % len(PALETTE)] for index, event_type in enumerate(types)}


def draw_timeline(timeline: Timeline) -> str:
    """An inline SVG of stacked bars, one per bin, with axis labels and a legend; empty string
    when nothing is dated."""
    if not timeline.counts:
        return ""
    colours = type_colours(timeline.types)
    bins = list(timeline.counts)
    tallest = max(sum(by_type.values()) for by_type in timeline.counts.values())
    bar_width = max(MIN_BAR_WIDTH, 640 // len(bins))
    width = LEFT_MARGIN + bar_width * len(bins) + 10
    height = TOP_MARGIN + BAR_AREA_HEIGHT + BOTTOM_MARGIN
    scale = BAR_AREA_HEIGHT / tallest
    baseline = TOP_MARGIN + BAR_AREA_HEIGHT
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" class="timeline">',
             f"<title>Events per {timeline.granularity} and type</title>",
             f'<line x1="{LEFT_MARGIN}" y1="{baseline}" x2="{width}" y2="{baseline}" stroke="#555"/>',
             f'<text x="{LEFT_MARGIN - 6}" y="{TOP_MARGIN + 10}" text-anchor="end" font-size="11">{tallest}</text>',
             f'<text x="{LEFT_MARGIN - 6}" y="{baseline}" text-anchor="end" font-size="11">0</text>']
    for index, (label, by_type) in enumerate(timeline.counts.items()):
        x, top = LEFT_MARGIN + index * bar_width, baseline
        for event_type in sorted(by_type):
            size = by_type[event_type] * scale
            top -= size
            parts.append(f'<rect x="{x + 1}" y="{top:.1f}" width="{bar_width - 2}" height="{size:.1f}" '
                         f'fill="{colours[event_type]}"><title>{escape(label)}: {by_type[event_type]} '
                         f'{escape(event_type)}</title></rect>')
        parts.append(f'<text transform="translate({x + bar_width / 2 + 4},{baseline + 6}) rotate(60)" '
                     f'font-size="10">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def draw_legend(timeline: Timeline) -> str:
    """The event types with their colours, as an HTML list."""
    items = "".join(f'<li><span class="swatch" style="background:{colour}"></span>{escape(event_type)}</li>'
                    for event_type, colour in type_colours(timeline.types).items())
    return f'<ul class="legend">{items}</ul>' if items else ""
