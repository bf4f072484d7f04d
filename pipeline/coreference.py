"""Events across documents: scored candidates for "these articles report the same event".

Two events of different documents are compared only when they have the same type and share at
least one party (an argument whose entity has a corpus-wide key). The score adds up what they
share, and a contradiction in time or place rules the pair out:

- parties: the share of keyed parties they have in common (Jaccard), weighted ``PARTIES``;
- time: the same day ``SAME_DAY``, overlapping ranges or the same month ``SAME_MONTH``, no time
  on one side ``UNKNOWN_TIME``; different days, months or years: no link;
- place: the same place (or a city in the same country) ``SAME_PLACE``; none on one side
  ``UNKNOWN_PLACE``; two different places: no link.

A pair at or above ``threshold`` is a ``sameEventAs`` link (see ``graph.same_event_quads``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable

from .schema import DocumentRecord, Event

PARTY_ROLES = {"agent", "participant", "target"}
PLACE_ROLES = {"location", "destination"}
PARTIES, SAME_DAY, SAME_MONTH, UNKNOWN_TIME, SAME_PLACE, UNKNOWN_PLACE = 0.5, 0.3, 0.15, 0.05, 0.2, 0.05


@dataclass(frozen=True)
class EventRef:
    """An event with what the comparison needs: its document, parties, places and days."""

    document: tuple[str, str]     # doc_id and source: the document the event is reported in
    event: Event
    parties: frozenset[str]
    places: frozenset[str]
    countries: frozenset[str]
    days: tuple[str, str] | None   # first and last ISO day, or None when the time is unknown or vague


@dataclass(frozen=True)
class SameEvent:
    first: EventRef
    second: EventRef
    score: float


def event_refs(record: DocumentRecord) -> list[EventRef]:
    """The events of one document, ready to be compared with other documents' events."""
    refs = []
    clusters = {cluster.id: cluster for cluster in record.entities}
    for event in record.events:
        linked = [(a.role, clusters[a.entity_id]) for a in event.arguments if a.entity_id in clusters and clusters[a.entity_id].key]
        refs.append(EventRef(
            document=(record.doc_id, record.source), event=event,
            parties=frozenset(c.key for role, c in linked if role in PARTY_ROLES),
            places=frozenset(c.key for role, c in linked if role in PLACE_ROLES),
            countries=frozenset(c.country or c.key for role, c in linked if role in PLACE_ROLES),
            days=days_of(event),
        ))
    return refs


def days_of(event: Event) -> tuple[str, str] | None:
    """The first and last day an event's time covers, from a full date or a range; None otherwise.
    A month ("2024-05") covers its days as "2024-05-01".."2024-05-31" for comparison only."""
    time = event.time
    if time is None:
        return None
    if time.begin and time.end_value and len(time.begin) == len(time.end_value) == 10:
        return time.begin, time.end_value
    value = time.value or ""
    if len(value) == 10 and value[:4].isdigit() and value[5:7].isdigit() and value[8:].isdigit():
        return value, value
    if len(value) == 7 and value[:4].isdigit() and value[5:].isdigit():
        return value + "-01", value + "-31"
    return None


def score_pair(first: EventRef, second: EventRef) -> float | None:
    """The score of two events being one, or None when something contradicts it."""
    shared = first.parties & second.parties
    if not shared or first.event.type != second.event.type:
        return None
    score = PARTIES * len(shared) / len(first.parties | second.parties)
    if first.days is None or second.days is None:
        score += UNKNOWN_TIME
    elif first.days[1] < second.days[0] or second.days[1] < first.days[0]:
        return None
    else:
        score += SAME_DAY if first.days == second.days and first.days[0] == first.days[1] else SAME_MONTH
    if not first.places or not second.places:
        score += UNKNOWN_PLACE
    elif first.places & second.places or first.countries & second.countries:
        score += SAME_PLACE
    else:
        return None
    return round(score, 3)


def link_events(refs: Iterable[EventRef], *, threshold: float) -> Iterable[SameEvent]:
    """Pairs of events of different documents scored at or above ``threshold``. Events are
    compared within a bucket of one type and one shared party, so the work grows with the square
    of the largest bucket (a party with thousands of events of one type), not of the corpus."""
    by_party: dict[tuple[str, str], list[EventRef]] = defaultdict(list)
    for ref in refs:
        for party in ref.parties:
            by_party[(ref.event.type, party)].append(ref)
    seen: set[tuple[int, str, int, str]] = set()
    for refs in by_party.values():
        for first, second in combinations(refs, 2):
            if first.document == second.document:
                continue
            pair = (*first.document, first.event.id, *second.document, second.event.id)
            if pair in seen:
                continue
            seen.add(pair)
            score = score_pair(first, second)
            if score is not None and score >= threshold:
                yield SameEvent(first, second, score)
