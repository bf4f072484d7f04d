"""The knowledge graph: content-based identity across documents, typed times, provenance per run,
and the embedded Oxigraph store (load, reload, query, export)."""
import json
import re

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.kb import KBEntry
from pipeline.graph import NE, entity_node, record_quads, typed_time, typed_times
from pipeline.schema import DocumentRecord
from pipeline.settings import load_settings
from pipeline.store import load_runs, query

TEXT = "Putin besuchte am 15. Mai 2024 Peking."
BASE = "https://example.org/news/"
CHINA = KBEntry(key="Q148", kind="country", label="LOC", name="China", ids={"wikidata": "Q148", "iso3166": "CN"}, country="CN")


def record(doc_id: str, source: str) -> DocumentRecord:
    return DocumentRecord.model_validate({
        "doc_id": "sha256:" + doc_id * 64, "source": source, "text": TEXT,
        "entities": [
            {"id": "E1", "label": "PER", "name": "Wladimir Putin", "key": "Q7747", "kb": {"wikidata": "Q7747"},
             "mentions": [{"text": "Putin", "start": 0, "end": 5}]},
            {"id": "E2", "label": "LOC", "name": "Peking", "key": "geonames:1816670", "kb": {"geonames": "1816670"},
             "country": "CN", "coordinates": [39.9, 116.4], "mentions": [{"text": "Peking", "start": 31, "end": 37}]},
        ],
        "events": [{
            "id": "V1", "type": "VISIT", "trigger": {"text": "besuchte", "start": 6, "end": 14},
            "sentence": {"text": TEXT, "start": 0, "end": len(TEXT)}, "status": "occurred",
            "arguments": [{"role": "agent", "text": "Putin", "start": 0, "end": 5, "entity_id": "E1"},
                          {"role": "destination", "text": "Peking", "start": 31, "end": 37, "entity_id": "E2"}],
            "time": {"text": "am 15. Mai 2024", "start": 15, "end": 30, "value": "2024-05-15"},
            "confidence": 0.9, "rule": "VISIT/verb:besuchen"}],
    })


def dataset(*records: DocumentRecord) -> set:
    graph = NamedNode(BASE + "run/test")
    return {quad for r in records for quad in record_quads(r, base=BASE, graph=graph, countries={"CN": CHINA})}


def matching(quads: set, subject=None, predicate=None, obj=None) -> list:
    return [q for q in quads if subject in (None, q.subject) and predicate in (None, q.predicate) and obj in (None, q.object)]


@pytest.mark.parametrize("value, datatype", [
    ("2024-05-15", "date"), ("2024-05", "gYearMonth"), ("2024", "gYear"), ("2024-05-15T10:30", "dateTime"),
    ("XXXX-05-15", None), ("P3D", None), (None, None),
])
def test_graph_times_are_typed_by_their_precision(value, datatype):
    typed = typed_time(value)
    assert (typed.datatype.value.rsplit("#", 1)[1] if typed else None) == datatype


@pytest.mark.parametrize("value, expected", [
    ("2024-05-06TEV", [("time", "2024-05-06")]),                      # Montagabend: that day
    ("2024-FA", [("time", "2024")]),                                  # im Herbst: its year
    ("2024-W19", [("begin", "2024-05-06"), ("end", "2024-05-12")]),   # vergangene Woche: its days
    ("2024-W19-WE", [("begin", "2024-05-11"), ("end", "2024-05-12")]),
    ("2024-W53", []),                                                 # 2024 has 52 ISO weeks
    ("XXXX-05", []), ("P3D", []), ("PRESENT_REF", []),
])
def test_graph_vaguer_calendar_values_become_typed_days_or_years(value, expected):
    assert [(prop, literal.value) for prop, literal in typed_times(value, begin=None, end=None)] == expected


def test_graph_entities_with_one_key_are_one_node_across_documents():
    data = dataset(record("a", "a.txt"), record("b", "b.txt"))
    putin = entity_node(BASE, "Q7747")
    visits = {quad.subject for quad in matching(data, None, NamedNode(NE + "agent"), putin)}
    assert len(visits) == 2
    assert any(q.object == NamedNode("http://www.wikidata.org/entity/Q7747")
               for q in matching(data, putin, NamedNode("http://www.w3.org/2002/07/owl#sameAs")))
    peking = entity_node(BASE, "geonames:1816670")
    assert [q.object for q in matching(data, peking, NamedNode(NE + "country"))] == [entity_node(BASE, "Q148")]


def test_graph_event_ids_come_from_content_and_arguments_are_nodes():
    first, again = dataset(record("a", "a.txt")), dataset(record("a", "a.txt"))
    assert first == again
    arguments = list(matching(first, None, NamedNode(NE + "argument")))
    assert len(arguments) == 2
    assert all(re.search(r"/event/[0-9a-f]{24}/argument/\d$", q.object.value) for q in arguments)


@pytest.fixture(scope="module")
def seed_store(seed_run_out, tmp_path_factory):
    store = tmp_path_factory.mktemp("store")
    loaded = load_runs([seed_run_out], store_dir=store, settings=load_settings())
    return store, loaded


def test_graph_store_reloading_a_run_adds_nothing(seed_run_out, seed_store):
    store, (first,) = seed_store
    (again,) = load_runs([seed_run_out], store_dir=store, settings=load_settings())
    assert again.quads == first.quads and again.graph == first.graph
    total = query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{first.graph}> {{ ?s ?p ?o }} }}", store_dir=store).table()
    assert total == [[str(first.quads)]]


def test_graph_store_runs_with_other_rules_stay_apart(seed_run_out, tmp_path):
    other = tmp_path / "other-run"
    other.mkdir()
    report = json.loads((seed_run_out / "report.json").read_text("utf8"))
    report["run"] = {**report["run"], "id": "0000000000000000", "data_sha256": {"events.rules": "0" * 64}}
    (other / "report.json").write_text(json.dumps(report), "utf8")
    (other / "documents.jsonl").write_text((seed_run_out / "documents.jsonl").read_text("utf8"), "utf8")
    store = tmp_path / "store"
    runs = load_runs([seed_run_out, other], store_dir=store, settings=load_settings())
    assert len({run.graph for run in runs}) == 2
    graphs = query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?run a prov:Activity } }", store_dir=store).table()
    assert len(graphs) == 2


def test_graph_cli_query_answers_in_sparql_json(seed_store):
    store, _ = seed_store
    result = CliRunner().invoke(app, ["graph", "query", "SELECT ?name WHERE { ?p owl:sameAs wd:Q7747 ; rdfs:label ?name }",
                                      "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["head"]["vars"] == ["name"]
    assert {b["name"]["value"] for b in answer["results"]["bindings"]} == {"Wladimir Putin"}
    bad = CliRunner().invoke(app, ["graph", "query", "SELECT WHERE {", "--store", str(store)])
    assert bad.exit_code == 2 and "query failed" in bad.output


def test_graph_export_formats_parse_back(seed_run_out, seed_store, tmp_path):
    store, (loaded,) = seed_store
    result = CliRunner().invoke(app, ["graph", "export", str(tmp_path / "all.nq"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    (stored,) = query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", store_dir=store).table()
    assert len(list(parse(path=str(tmp_path / "all.nq"), format=RdfFormat.N_QUADS))) == int(stored[0]) > loaded.quads
    result = CliRunner().invoke(app, ["export-rdf", str(seed_run_out), "--format", "turtle"])
    assert result.exit_code == 0, result.output
    assert "ne:VISIT" in (seed_run_out / "graph.ttl").read_text("utf8")


def test_graph_ontology_declares_every_configured_event_type(seed_store):
    store, _ = seed_store
    declared = {row[0].rsplit("#", 1)[1] for row in query(
        "SELECT ?type WHERE { ?type rdfs:subClassOf ne:Event ; ne:cameo ?c ; ne:ace ?a }", store_dir=store).table()}
    configured = set(configured_event_types())
    assert declared == configured
    events = query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a/rdfs:subClassOf* <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }",
                   store_dir=store).table()
    assert int(events[0][0]) > 0


def configured_event_types() -> list[str]:
    import tomllib

    with load_settings().events.rules.open("rb") as handle:
        return list(tomllib.load(handle)["types"])


def test_graph_neo4j_csv_has_one_node_per_key_and_typed_relationships(seed_run_out, tmp_path):
    import csv as csv_module

    result = CliRunner().invoke(app, ["graph", "neo4j", str(seed_run_out), "--csv", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "neo4j-admin database import full" in result.output
    with (tmp_path / "entities.csv").open(encoding="utf-8") as handle:
        entities = list(csv_module.DictReader(handle))
    ids = [row["id:ID"] for row in entities]
    assert len(ids) == len(set(ids)) and "Q7747" in ids
    with (tmp_path / "arguments.csv").open(encoding="utf-8") as handle:
        arguments = list(csv_module.DictReader(handle))
    assert {"AGENT", "DESTINATION"} <= {row[":TYPE"] for row in arguments}
    assert {row[":END_ID"] for row in arguments} <= set(ids)


def test_graph_store_a_run_with_changed_documents_replaces_its_graph(seed_run_out, tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    (run / "report.json").write_text((seed_run_out / "report.json").read_text("utf8"), "utf8")
    lines = (seed_run_out / "documents.jsonl").read_text("utf8").splitlines(keepends=True)
    (run / "documents.jsonl").write_text(lines[0], "utf8")
    store = tmp_path / "store"
    (first,) = load_runs([run], store_dir=store, settings=load_settings())
    (run / "documents.jsonl").write_text("".join(lines), "utf8")   # the run was resumed: same id, more documents
    (again,) = load_runs([run], store_dir=store, settings=load_settings())
    (unchanged,) = load_runs([run], store_dir=store, settings=load_settings())
    assert not again.unchanged and again.quads > first.quads
    assert unchanged.unchanged and unchanged.quads == again.quads
