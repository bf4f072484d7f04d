"""Within-document event merging: two mentions of one event become one event.

"Putin plant ... einen Besuch in China" and "Die Reise ist für den 15. und 16. Mai geplant"
describe one visit: the second mention names no one, so nothing contradicts the first, and the
merged event keeps both triggers, the arguments of both and the date of the second. A mention
that never finds the roles its type needs ("Gespräche" with no one talking) is dropped.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import Mapping

from .schema import Argument, Event

# Roles that identify who or what an event is about: mentions that name different entities
# in one of these roles are different events.
IDENTITY_ROLES = ("agent", "participant", "target", "destination")
# A mention is compared with at most this many events of its type on either side: the mentions of
# one event stand near each other, and a long document's thousands of events stay linear in time.
MERGE_WINDOW = 50


def merge_events(events: list[Event], *, needs: Mapping[str, tuple[str, ...]]) -> list[Event]:
    """Merge mentions of one event; then fold or drop mentions that lack the roles they need.

    A mention merges into the latest earlier event of its type (of the last ``MERGE_WINDOW``) that
    it does not contradict. A mention still lacking every role its type needs joins the nearest
    compatible event of its type that has them (before or after it), or is dropped.
    """
    merged: list[Event] = []
    of_type: dict[str, list[int]] = defaultdict(list)  # only events of one type can merge
    for event in events:
        earlier = of_type[event.type][-MERGE_WINDOW:]
        index = next((i for i in reversed(earlier) if can_merge(merged[i], event)), None)
        if index is None:
            of_type[event.type].append(len(merged))
            merged.append(event)
        else:
            merged[index] = combine(merged[index], event)
    complete = [event for event in merged if has_needed_roles(event, needs)]
    complete_of_type: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(complete):
        complete_of_type[event.type].append(index)
    starts = {kind: [complete[i].trigger.start for i in indices] for kind, indices in complete_of_type.items()}
    for event in merged:
        if has_needed_roles(event, needs):
            continue
        same_type = complete_of_type[event.type]
        around = bisect_left(starts.get(event.type, []), event.trigger.start)
        candidates = [i for i in same_type[max(0, around - MERGE_WINDOW):around + MERGE_WINDOW] if can_merge(complete[i], event)]
        if candidates:
            nearest = min(candidates, key=lambda i: abs(complete[i].trigger.start - event.trigger.start))
            complete[nearest] = combine(complete[nearest], event)
    return complete


def has_needed_roles(event: Event, needs: Mapping[str, tuple[str, ...]]) -> bool:
    needed = needs.get(event.type, ())
    return not needed or any(argument.role in needed for argument in event.arguments)


def can_merge(first: Event, second: Event) -> bool:
    """Same type and polarity, no clash of dates or of named participants, and either a shared
    named participant or a second mention that names none ("Die Reise ...")."""
    if first.type != second.type or first.negated != second.negated:
        return False
    if first.time and second.time and not compatible_values(first.time.value, second.time.value):
        return False
    shared = False
    for role in IDENTITY_ROLES:
        a, b = entities_in(first, role), entities_in(second, role)
        if a and b and not a & b:
            return False
        shared = shared or bool(a & b)
    return shared or not any(argument.entity_id for argument in second.arguments if argument.role in IDENTITY_ROLES)


def compatible_values(first: str | None, second: str | None) -> bool:
    """Dates that can name the same time: equal, unknown, or one within the other (2024-05 ~ 2024-05-15)."""
    if not first or not second:
        return True
    return first.startswith(second) or second.startswith(first)


def entities_in(event: Event, role: str) -> set[str]:
    return {argument.entity_id for argument in event.arguments if argument.role == role and argument.entity_id}


def combine(first: Event, second: Event) -> Event:
    """One event from two mentions: the first's trigger, both mentions, the union of arguments."""
    known = {argument_key(argument) for argument in first.arguments}
    arguments = [*first.arguments, *(a for a in second.arguments if argument_key(a) not in known)]
    times = [time for time in (first.time, second.time) if time is not None]
    time = max(times, key=lambda t: len(t.value or ""), default=None)  # the more precise date
    mentions = sorted([*first.mentions, *second.mentions], key=lambda mention: mention.start)
    return first.model_copy(
        update={
            "mentions": mentions,
            "arguments": arguments,
            "time": time,
            "reported_by": first.reported_by or second.reported_by,
            "confidence": max(first.confidence, second.confidence),
        }
    )


def argument_key(argument: Argument) -> tuple[str, str]:
    return argument.role, argument.entity_id or argument.text.lower()
