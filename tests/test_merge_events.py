"""Merging the mentions of one event within a document."""
from pipeline.merge import MERGE_WINDOW, merge_events
from pipeline.schema import Event

NEEDS = {"VISIT": ("agent", "destination"), "CALL": ("participant",)}


def mention(number: int, kind: str, *, agent: str | None) -> Event:
    span = {"text": "x", "start": 10 * number, "end": 10 * number + 1}
    arguments = [{"role": "agent", **span, "entity_id": agent}] if agent else []
    return Event(id=f"V{number}", type=kind, trigger=span, mentions=[span], sentence=span, status="planned",
                 arguments=arguments, confidence=0.5, rule="test")


def test_merge_a_mention_without_parties_joins_the_event_of_its_type_across_other_types():
    # "Putin plant einen Besuch" ... other events ... "Die Reise ist für den 15. Mai geplant"
    events = [mention(0, "VISIT", agent="E1"), *(mention(n, "CALL", agent=f"E{n}") for n in range(1, 30)),
              mention(30, "VISIT", agent=None)]
    visits = [event for event in merge_events(events, needs=NEEDS) if event.type == "VISIT"]
    assert len(visits) == 1 and len(visits[0].mentions) == 2


def test_merge_different_agents_stay_apart_and_the_look_back_is_bounded():
    events = [mention(n, "VISIT", agent=f"E{n}") for n in range(MERGE_WINDOW + 5)]
    events.append(mention(MERGE_WINDOW + 5, "VISIT", agent="E0"))  # the first agent again, beyond the window
    merged = merge_events(events, needs=NEEDS)
    assert len(merged) == MERGE_WINDOW + 6
