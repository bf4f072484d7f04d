"""The timeline of a run: dated events counted per day, month or year and type, drawn as an SVG.

An event is on the timeline when its normalised time is a calendar day (``2024-05-15``), a month
(``2024-05``) or a year (``2024``). The bins are days while the days span at most
``DAY_BINS_UP_TO`` days and hold at least half of the dated values, else months on the same terms
(``MONTH_BINS_UP_TO``), else years; a coarser value than the bins (a month among days) is not placed. Every bin
between the first and the last is drawn, empty or not, so that the axis is a time scale.
Underspecified values (``XXXX-05``, ``2024-W20``, durations) are never placed: they count as undated.
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
YEAR = re.compile(r"^(\d{4})$")
# Granularities from fine to coarse, and the longest stretch each draws bin by bin.
GRANULARITIES = ("day", "month", "year")
DAY_BINS_UP_TO, MONTH_BINS_UP_TO = 92, 120
# At most this many bins get a date label under the axis (every n-th bin beyond it).
MAX_LABELS = 40
# Fill colours of the event types, in order of their first appearance in the legend.
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf"]
# Drawing sizes in pixels.
BAR_AREA_HEIGHT, LEFT_MARGIN, BOTTOM_MARGIN, TOP_MARGIN, MIN_BAR_WIDTH = 180, 36, 70, 10, 4


@dataclass(frozen=True)
class Timeline:
    """Event counts per bin and type; ``granularity`` is "day", "month" or "year"; ``undated`` counts the rest."""
    granularity: str
    counts: dict[str, Counter]     # bin label ("2024-05-15", "2024-05" or "2024") → type → events
    undated: int

    @property
    def types(self) -> list[str]:
        return sorted({event_type for by_type in self.counts.values() for event_type in by_type})


def calendar_value(value: str | None) -> tuple[str, date] | None:
    """(granularity, the date) for a TIMEX3 value that names a day, a month or a year, else None."""
    if value is None:
        return None
    try:
        if match := DAY.match(value):
            return "day", date(*map(int, match.groups()))
        if match := MONTH.match(value):
            return "month", date(int(match[1]), int(match[2]), 1)
        if match := YEAR.match(value):
            return "year", date(int(match[1]), 1, 1)
    except ValueError:  # "2024-02-30", "0000"
        return None
    return None


def choose_granularity(dated: list[tuple[str, date]]) -> str:
    """The finest granularity that places at least half of the dated values in few enough bins."""
    for granularity, most_bins in (("day", DAY_BINS_UP_TO), ("month", MONTH_BINS_UP_TO)):
        placed = [when for precision, when in dated if GRANULARITIES.index(precision) <= GRANULARITIES.index(granularity)]
        if placed and 2 * len(placed) >= len(dated) and bins_between(min(placed), max(placed), granularity) < most_bins:
            return granularity
    return "year"


def bins_between(first: date, last: date, granularity: str) -> int:
    return (last - first).days if granularity == "day" else (last.year - first.year) * 12 + last.month - first.month


def count_events(events: Iterable[tuple[str, str | None]]) -> Timeline:
    """Bin the (type, TIMEX3 value) pair of every event whose time is a day, a month or a year."""
    dated, undated = [], 0
    for event_type, value in events:
        found = calendar_value(value)
        if found is None:
            undated += 1
        else:
            dated.append((found, event_type))
    granularity = choose_granularity([found for found, _ in dated])
    placed = [(when, event_type) for (precision, when), event_type in dated
              if GRANULARITIES.index(precision) <= GRANULARITIES.index(granularity)]
    undated += len(dated) - len(placed)       # a month has no place among days, a year none among months
    if not placed:
        return Timeline(granularity, {}, undated)
    counts = {bin_label(when, granularity): Counter() for when in
              calendar_steps(min(when for when, _ in placed), max(when for when, _ in placed), granularity)}
    for when, event_type in placed:
        counts[bin_label(when, granularity)][event_type] += 1
    return Timeline(granularity, counts, undated)


def bin_label(when: date, granularity: str) -> str:
    return when.isoformat()[: {"day": 10, "month": 7, "year": 4}[granularity]]


def calendar_steps(first: date, last: date, granularity: str) -> Iterator[date]:
    """Every day, first of a month or first of a year from first to last."""
    when = {"day": first, "month": first.replace(day=1), "year": first.replace(month=1, day=1)}[granularity]
    while when <= last:
        yield when
        if granularity == "day":
            when += timedelta(days=1)
        elif granularity == "month":
            when = (when.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            when = when.replace(year=when.year + 1)


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
    label_every = -(-len(bins) // MAX_LABELS)
    for index, (label, by_type) in enumerate(timeline.counts.items()):
        x, top = LEFT_MARGIN + index * bar_width, baseline
        for event_type in sorted(by_type):
            size = by_type[event_type] * scale
            top -= size
            parts.append(f'<rect x="{x + 1}" y="{top:.1f}" width="{bar_width - 2}" height="{size:.1f}" '
                         f'fill="{colours[event_type]}"><title>{escape(label)}: {by_type[event_type]} '
                         f'{escape(event_type)}</title></rect>')
        if index % label_every == 0:
            parts.append(f'<text transform="translate({x + bar_width / 2 + 4},{baseline + 6}) rotate(60)" '
                         f'font-size="10">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def draw_legend(timeline: Timeline) -> str:
    """The event types with their colours, as an HTML list."""
    items = "".join(f'<li><span class="swatch" style="background:{colour}"></span>{escape(event_type)}</li>'
                    for event_type, colour in type_colours(timeline.types).items())
    return f'<ul class="legend">{items}</ul>' if items else ""
