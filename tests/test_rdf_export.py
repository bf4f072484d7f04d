"""RDF export: events typed by their type, roles as properties, countries shared across documents."""
from rdflib import RDF, URIRef
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.rdf import NE, RESOURCE, records_to_graph
from pipeline.schema import DocumentRecord

TEXT = "Putin besuchte am 15. Mai 2024 China."


def record(doc_id: str) -> DocumentRecord:
    return DocumentRecord.model_validate(
        {
            "doc_id": "sha256:" + doc_id * 64,
            "source": f"{doc_id}.txt",
            "text": TEXT,
            "entities": [
                {"id": "E1", "label": "PER", "name": "Putin", "mentions": [{"text": "Putin", "start": 0, "end": 5}]},
                {"id": "E2", "label": "LOC", "name": "China", "mentions": [{"text": "China", "start": 31, "end": 36}], "normalized": {"iso3166": "CN"}},
            ],
            "events": [
                {
                    "id": "V1", "type": "VISIT", "trigger": {"text": "besuchte", "start": 6, "end": 14},
                    "sentence": {"text": TEXT, "start": 0, "end": len(TEXT)}, "status": "occurred",
                    "arguments": [
                        {"role": "agent", "text": "Putin", "start": 0, "end": 5, "entity_id": "E1"},
                        {"role": "destination", "text": "China", "start": 31, "end": 36, "entity_id": "E2"},
                    ],
                    "time": {"text": "am 15. Mai 2024", "start": 15, "end": 30, "value": "2024-05-15"},
                    "confidence": 0.9, "rule": "VISIT/verb:besuchen",
                }
            ],
        }
    )


def test_rdf_events_carry_type_roles_and_date():
    graph = records_to_graph([record("a")])
    event = URIRef(f"{RESOURCE}doc/{'a' * 64}/V1")
    assert (event, RDF.type, NE.VISIT) in graph
    assert (event, NE.destination, URIRef(f"{RESOURCE}country/CN")) in graph
    assert graph.value(event, NE.time).datatype.endswith("date")
    assert graph.value(event, NE.agent) == URIRef(f"{RESOURCE}doc/{'a' * 64}/E1")


def test_rdf_countries_are_shared_across_documents():
    graph = records_to_graph([record("a"), record("b")])
    china = URIRef(f"{RESOURCE}country/CN")
    assert len(set(graph.subjects(NE.destination, china))) == 2
    assert len(set(graph.objects(china, NE.mentionedIn))) == 2


def test_rdf_cli_writes_turtle(tmp_path):
    (tmp_path / "documents.jsonl").write_text(record("a").model_dump_json() + "\n", "utf8")
    result = CliRunner().invoke(app, ["export-rdf", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "ne:VISIT" in (tmp_path / "graph.ttl").read_text("utf8")
    assert CliRunner().invoke(app, ["export-rdf", str(tmp_path / "missing")]).exit_code == 2
