"""Reading gold event files: full records, corpus pointers and the DFKI conversions."""
import json
from pathlib import Path

import pytest

from pipeline.evaluation.gold import (
    SPEC_EVENT_TYPES, GoldTextError, compute_text_sha1, load_corpus_texts, read_dfki_gold, read_gold,
)

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO / "eval" / "events-dev.jsonl"
SEED_EVENTS = REPO / "tests" / "data" / "seed_events.jsonl"


def write_records(path: Path, records: list[dict]) -> Path:
    """Write records as JSONL and return the path."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def pointer_to_gnad10k(shared_data: Path, *, row: int, end: int) -> dict:
    """Return a pointer record to the first ``end`` characters of a gnad10k row."""
    text = load_corpus_texts(shared_data / "gnad10k" / "test.csv.gz", corpus="gnad10k")[row][:end]
    return {"id": f"gnad10k:{row}:0", "source": {"corpus": "gnad10k", "row": row, "start": 0, "end": end},
            "text_sha1": compute_text_sha1(text), "date": None, "events": []}


def test_gold_reads_full_records(tmp_path):
    path = write_records(tmp_path / "g.jsonl", [{
        "id": "a:0", "text": "Xi gratulierte Putin.", "date": "2024-03-18",
        "events": [{"type": "CONGRATULATION", "trigger": "gratulierte", "status": "occurred", "negated": False,
                    "reported_by": None, "arguments": [{"role": "agent", "text": "Xi"}], "time": None}],
    }])
    [sentence] = read_gold(path, data_dir=None)
    assert sentence.text == "Xi gratulierte Putin."
    assert sentence.events[0].arguments[0].role == "agent"


def test_gold_rejects_unknown_role(tmp_path):
    path = write_records(tmp_path / "g.jsonl", [{
        "id": "a:0", "text": "x", "date": None,
        "events": [{"type": "VISIT", "trigger": "x", "arguments": [{"role": "buyer", "text": "x"}]}]}])
    with pytest.raises(ValueError, match="role"):
        read_gold(path, data_dir=None)


def test_gold_seed_events_cover_the_seed_articles(repo_root):
    sentences = read_gold(SEED_EVENTS, data_dir=None)
    types = {event.type for sentence in sentences for event in sentence.events}
    assert {"VISIT", "MEETING", "TAKE_OFFICE", "CONGRATULATION", "CALL", "SUPPORT", "COOPERATION",
            "MILITARY_EXERCISE"} <= types
    for sentence in sentences:
        name, start = sentence.id.rsplit(":", 1)
        raw = (repo_root / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
        assert raw[int(start):int(start) + len(sentence.text)] == sentence.text


def test_gold_resolves_pointer(tmp_path, shared_data):
    path = write_records(tmp_path / "g.jsonl", [pointer_to_gnad10k(shared_data, row=3, end=40)])
    [sentence] = read_gold(path, data_dir=shared_data)
    assert len(sentence.text) == 40
    assert sentence.source.row == 3


def test_gold_pointer_with_changed_text_fails_clearly(tmp_path, shared_data):
    record = {**pointer_to_gnad10k(shared_data, row=3, end=40), "text_sha1": "0" * 40}
    path = write_records(tmp_path / "g.jsonl", [record])
    with pytest.raises(GoldTextError, match="gnad10k:3:0.*changed"):
        read_gold(path, data_dir=shared_data)


def test_gold_pointer_without_data_dir_fails_clearly(tmp_path):
    record = {"id": "gnad10k:3:0", "source": {"corpus": "gnad10k", "row": 3, "start": 0, "end": 4},
              "text_sha1": "0" * 40, "date": None, "events": []}
    with pytest.raises(GoldTextError, match="data_dir"):
        read_gold(write_records(tmp_path / "g.jsonl", [record]), data_dir=None)


def test_gold_dev_set_resolves_with_spec_types(shared_data):
    sentences = read_gold(DEV_SET, data_dir=shared_data)
    assert len(sentences) >= 160
    assert len({sentence.id for sentence in sentences}) == len(sentences)
    assert {event.type for sentence in sentences for event in sentence.events} <= SPEC_EVENT_TYPES
    assert any(not sentence.events for sentence in sentences)


@pytest.mark.parametrize("corpus", ["smartdata", "mobie"])
def test_gold_dfki_relations_map_to_spec_types(shared_data, corpus):
    sentences = read_dfki_gold(data_dir=shared_data, corpus=corpus)
    events = [event for sentence in sentences for event in sentence.events]
    assert events and {event.type for event in events} <= SPEC_EVENT_TYPES
    assert all(sentence.text for sentence in sentences)


def test_gold_dfki_acquisition_has_buyer_as_agent(shared_data):
    sentences = read_dfki_gold(data_dir=shared_data, corpus="smartdata")
    acquisitions = [event for sentence in sentences for event in sentence.events if event.type == "ACQUISITION"]
    assert any({"agent", "target"} <= {argument.role for argument in event.arguments} for event in acquisitions)


def test_gold_dfki_strike_company_is_the_target(shared_data):
    sentences = read_dfki_gold(data_dir=shared_data, corpus="smartdata")
    strikes = [event for sentence in sentences for event in sentence.events if event.type == "STRIKE"]
    lufthansa = [argument.role for event in strikes for argument in event.arguments if argument.text == "Lufthansa"]
    assert lufthansa and set(lufthansa) == {"target"}
