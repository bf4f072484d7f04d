"""Time of merging event mentions in one long document (issue 14: it grew with the square of the events).

    .venv/bin/python benchmarks/bench_merge.py

Builds documents with 1,000 to 16,000 synthetic mentions of eight types (every third without the
agent its type needs, so the second pass has work too) and prints the seconds of merge_events.
"""
from __future__ import annotations

import time

from pipeline.merge import merge_events
from pipeline.schema import Event

TYPES = ("MEETING", "VISIT", "CALL", "CRITICISM", "SUPPORT", "ATTACK", "TRIAL", "ARREST")


def mention(number: int) -> Event:
    span = {"text": "x", "start": number, "end": number + 1}
    agent = [{"role": "agent", **span, "entity_id": f"E{number}"}] if number % 3 else []
    return Event(id=f"V{number}", type=TYPES[number % len(TYPES)], trigger=span, sentence=span, status="occurred",
                 arguments=agent, confidence=0.5, rule="synthetic")


def main() -> None:
    for count in (1000, 4000, 16000):
        events = [mention(number) for number in range(count)]
        started = time.perf_counter()
        merged = merge_events(events, needs={kind: ("agent",) for kind in TYPES})
        print(f"{count:>6} mentions → {len(merged):>6} events in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
