"""The seed articles end to end with the default model: the events the issue names, and the
scores against the annotated seed sentences (tests/data/seed_events.jsonl)."""
from pathlib import Path

import pytest

from pipeline.batch import run_batch
from pipeline.evaluation.events import find_head_word, match_heads, score_events
from pipeline.evaluation.gold import read_gold
from pipeline.evaluation.predict import events_by_sentence
from pipeline.schema import DocumentRecord
from pipeline.settings import load_settings

SEED_GOLD = Path(__file__).parent / "data" / "seed_events.jsonl"


@pytest.fixture(scope="module")
def seed_records(repo_root, tmp_path_factory) -> list[DocumentRecord]:
    out = tmp_path_factory.mktemp("seeds")
    run_batch([repo_root / "seeds"], settings=load_settings(), out_dir=out)
    lines = (out / "documents.jsonl").read_text("utf8").splitlines()
    return [DocumentRecord.model_validate_json(line) for line in lines]


def heads(event, role: str) -> set[str]:
    return {find_head_word(argument.text) for argument in event.arguments if argument.role == role}


def find(records, event_type: str, **roles: set[str]):
    """The events of a type whose arguments include the given head words per role."""
    return [
        event
        for record in records
        for event in record.events
        if event.type == event_type
        and all(any(match_heads(word, head) for head in heads(event, role)) for role, words in roles.items() for word in words)
    ]


@pytest.mark.parametrize(
    "event_type, roles, status, month",
    [
        ("VISIT", {"agent": {"putin"}, "destination": {"china"}}, "planned", "05"),
        ("MEETING", {"participant": {"putin"}}, "planned", "05"),
        ("TAKE_OFFICE", {"agent": {"putin"}, "location": {"kreml"}}, "planned", "05"),
        ("CONGRATULATION", {"target": {"putin"}}, "occurred", "03"),
        ("CALL", {"participant": {"putin"}}, "occurred", "02"),
        ("SUPPORT", {"agent": {"putin"}}, "occurred", "02"),
        ("MILITARY_EXERCISE", {"participant": {"russland", "china"}}, "occurred", "12"),
    ],
)
def test_events_seeds_name_the_issue_events(seed_records, event_type, roles, status, month):
    found = find(seed_records, event_type, **roles)
    assert found, f"no {event_type} with {roles}"
    assert any(event.status == status and event.time and (event.time.value or "")[5:7] == month for event in found)


def test_events_seeds_visit_is_dated_15_to_16_may(seed_records):
    (visit,) = find(seed_records, "VISIT", agent={"putin"}, destination={"china"})
    assert (visit.time.begin, visit.time.end_value) == ("XXXX-05-15", "XXXX-05-16")
    assert len(visit.mentions) >= 2  # "Besuch" and "Die Reise ist für den 15. und 16. Mai geplant"


def test_events_seeds_video_call_and_cooperation(seed_records):
    second = [record for record in seed_records if record.source.startswith("003")]
    assert find(second, "CALL", participant={"putin"})
    assert find(second, "COOPERATION")


def test_events_seeds_nothing_from_the_link_list(seed_records):
    first = seed_records[0]
    assert "minutes ago" not in first.text
    assert all(event.sentence.text in first.text for event in first.events)


def test_events_seeds_score_against_annotated_sentences(seed_records):
    gold = read_gold(SEED_GOLD, data_dir=None)
    predicted = {}
    for record in seed_records:
        stem = record.source.rsplit(".", 1)[0]
        predicted.update(events_by_sentence(record, [s for s in gold if s.id.startswith(stem)]))
    scores = score_events(predicted, gold)
    assert scores.events.f1 >= 0.7
    assert scores.events.precision >= 0.85
