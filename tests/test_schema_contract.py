"""The pydantic models are the contract: exported schema, offsets, configured event types."""
import json

import pytest
from pydantic import ValidationError

from pipeline.events import load_rules
from pipeline.schema import DocumentRecord, document_json_schema
from pipeline.settings import load_settings

DOC_ID = "sha256:" + "0" * 64
TEXT = "Putin plant Besuch in China am 15. Mai."


def event(**changes):
    base = {
        "id": "V1",
        "type": "VISIT",
        "trigger": {"text": "Besuch", "start": 12, "end": 18},
        "sentence": {"text": TEXT, "start": 0, "end": len(TEXT)},
        "status": "planned",
        "arguments": [{"role": "destination", "text": "China", "start": 22, "end": 27}],
        "confidence": 0.8,
        "rule": "VISIT/noun:besuch",
    }
    return {**base, **changes}


def test_schema_file_matches_models(repo_root):
    """pipeline/schemas/document-v1.json is generated (make schema); it must not drift."""
    types = list(load_rules(load_settings().events.rules).types)
    committed = json.loads((repo_root / "pipeline" / "schemas" / "document-v1.json").read_text("utf8"))
    assert committed == document_json_schema(event_types=types)


def test_schema_accepts_valid_record():
    record = DocumentRecord.model_validate(
        {"doc_id": DOC_ID, "source": "a.txt", "text": TEXT, "events": [event()]},
        context={"event_types": ["VISIT"]},
    )
    assert record.events[0].arguments[0].text == "China"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"trigger": {"text": "Besuch", "start": 11, "end": 17}}, "does not stand at"),
        ({"type": "PICNIC"}, "not configured"),
        ({"status": "maybe"}, "status"),
        ({"confidence": 1.5}, "confidence"),
        ({"surprise": True}, "surprise"),
    ],
)
def test_schema_rejects_bad_events(changes, message):
    with pytest.raises(ValidationError, match=message):
        DocumentRecord.model_validate(
            {"doc_id": DOC_ID, "source": "a.txt", "text": TEXT, "events": [event(**changes)]},
            context={"event_types": ["VISIT"]},
        )


def test_schema_error_record_needs_its_error():
    with pytest.raises(ValidationError, match="must say its error"):
        DocumentRecord(doc_id=DOC_ID, source="a.txt", status="error")


def test_schema_says_offsets_count_code_points():
    definitions = document_json_schema(event_types=["VISIT"])["$defs"]
    for name in ("Mention", "Dropped"):
        assert "Unicode code points" in definitions[name]["properties"]["start"]["description"]
