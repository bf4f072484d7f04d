"""An embedded SPARQL store (Oxigraph, on disk) fed with the graphs of runs.

``load_runs`` puts each run's output folder into its own named graph (see ``graph``): loading a
run again changes nothing (its graph stays when its documents are the same, and is replaced when
they changed); runs with other models, settings or rules have other run ids and stay apart. ``query`` answers SPARQL; ``export_store`` writes N-Quads,
TriG or JSON-LD for any other RDF database.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pyoxigraph import Literal, NamedNode, Quad, QueryBoolean, QuerySolutions, RdfFormat, Store, serialize

from .coreference import event_refs, link_events
from .graph import NAMESPACES, NE, XSD, record_quads, run_quads, same_event_quads
from .kb import KBEntry, load_kb
from .output import DOCUMENTS_FILE, REPORT_FILE
from .schema import DocumentRecord
from .settings import Settings

XSD_STRING = XSD + "string"
EXPORT_FORMATS = {"nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD}
# A run's graph also in triple formats (the run's graph name is then left out).
RUN_FORMATS = {**EXPORT_FORMATS, "turtle": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "xml": RdfFormat.RDF_XML}
QUAD_FORMATS = set(EXPORT_FORMATS)


class StoreError(RuntimeError):
    """A run folder that cannot be loaded, or a query the store refuses."""


@dataclass(frozen=True)
class LoadedRun:
    graph: str
    documents: int
    quads: int
    unchanged: bool = False   # the store held this run with the same documents already


def load_runs(out_dirs: list[Path], *, store_dir: Path, settings: Settings) -> list[LoadedRun]:
    """Load each run folder into the store at ``store_dir`` (created if missing). A run the store
    holds with the same documents is left as it is; one whose documents changed (a resumed or
    forced run has the same run id) is replaced."""
    store = Store(str(store_dir))
    vocabulary = NamedNode(NE.rstrip("#"))
    if store.contains_named_graph(vocabulary):
        store.remove_graph(vocabulary)
    store.load(path=str(settings.graph.ontology), format=RdfFormat.TURTLE, to_graph=vocabulary)
    countries = country_entries(settings)
    loaded = []
    for out_dir in out_dirs:
        report, documents = read_run(out_dir)
        graph, run = run_quads(report["run"], report["model"], base=settings.graph.base_iri)
        digest = Literal(file_sha256(documents))
        unchanged = any(True for _ in store.quads_for_pattern(graph, NamedNode(NE + "documentsSha256"), digest, graph))
        if not unchanged:
            if store.contains_named_graph(graph):
                store.remove_graph(graph)
            store.bulk_extend(run_graph(graph, run, documents, settings=settings, countries=countries))
            store.add(Quad(graph, NamedNode(NE + "documentsSha256"), digest, graph))
        quads = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        loaded.append(LoadedRun(graph=graph.value, documents=report["documents"], quads=quads, unchanged=unchanged))
    store.flush()
    return loaded


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_graph(graph: NamedNode, run: list[Quad], documents: Path, *, settings: Settings,
              countries: dict[str, KBEntry]) -> Iterator[Quad]:
    """Every quad of one run (its ``graph`` and ``run`` quads from ``run_quads``) with the records
    of ``documents`` and the links between events of different documents that report the same
    event (``coreference``)."""
    yield from run
    refs = []
    for record in read_records(documents):
        yield from record_quads(record, base=settings.graph.base_iri, graph=graph, countries=countries)
        refs.extend(event_refs(record))
    links = link_events(refs, threshold=settings.graph.same_event_threshold)
    yield from same_event_quads(links, base=settings.graph.base_iri, graph=graph)


def export_run(out_dir: Path, output: Path, *, fmt: str, settings: Settings) -> int:
    """Write one run's graph to ``output``; triple formats (turtle, nt, xml) drop the graph name.
    Returns the number of statements written."""
    report, documents = read_run(out_dir)
    graph, run = run_quads(report["run"], report["model"], base=settings.graph.base_iri)
    quads = run_graph(graph, run, documents, settings=settings, countries=country_entries(settings))
    statements = list(dict.fromkeys(quads if fmt in QUAD_FORMATS else (quad.triple for quad in quads)))
    serialize(statements, str(output), RUN_FORMATS[fmt], prefixes=NAMESPACES)
    return len(statements)


def country_entries(settings: Settings) -> dict[str, KBEntry]:
    """ISO 3166 code → the knowledge base's entry of the country."""
    return load_kb(settings.entities.kb, titles=settings.entities.titles).by_iso


def read_records(documents: Path) -> Iterator[DocumentRecord]:
    with documents.open(encoding="utf8") as handle:
        for line in handle:
            yield DocumentRecord.model_validate_json(line)


def read_run(out_dir: Path) -> tuple[dict, Path]:
    report, documents = out_dir / REPORT_FILE, out_dir / DOCUMENTS_FILE
    if not report.is_file() or not documents.is_file():
        raise StoreError(f"{out_dir} is not the output folder of a finished run (no {REPORT_FILE} or {DOCUMENTS_FILE})")
    data = json.loads(report.read_text("utf8"))
    if "run" not in data:
        raise StoreError(f"{report} has no run section (written by an older version): run `newsevents run` again")
    return data, documents


def with_prefixes(sparql: str) -> str:
    declared = sparql.upper()
    """The query with the prefixes of ``NAMESPACES`` it does not declare itself."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in NAMESPACES.items()
                   if f"PREFIX {name.upper()}:" not in declared) + sparql


@dataclass(frozen=True)
class Answer:
    """The variables and rows of a SELECT (terms as pyoxigraph gives them), or an ASK's boolean."""

    names: list[str]
    rows: list[list]
    boolean: bool | None = None

    def table(self) -> list[list[str]]:
        """The rows as text: IRIs and literals by their lexical form, unbound as ""."""
        if self.boolean is not None:
            return [[str(self.boolean).lower()]]
        return [["" if term is None else term.value for term in row] for row in self.rows]

    def sparql_json(self) -> dict:
        """The W3C SPARQL 1.1 Query Results JSON format."""
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        return {"head": {"vars": self.names},
                "results": {"bindings": [{name: term_json(term) for name, term in zip(self.names, row) if term is not None}
                                         for row in self.rows]}}


def query(sparql: str, *, store_dir: Path) -> Answer:
    """Answer a SELECT or ASK over the union of all runs' graphs."""
    if not store_dir.is_dir():
        raise StoreError(f"no store at {store_dir}: load a run first (newsevents graph load OUT --store {store_dir})")
    store = Store.read_only(str(store_dir))
    try:
        result = store.query(with_prefixes(sparql), use_default_graph_as_union=True)
    except (SyntaxError, ValueError, OSError) as error:
        raise StoreError(f"query failed: {error}") from error
    if isinstance(result, QueryBoolean):
        return Answer(names=[], rows=[], boolean=bool(result))
    if not isinstance(result, QuerySolutions):
        raise StoreError("only SELECT and ASK queries are answered here; export the store for whole graphs")
    names = [variable.value for variable in result.variables]
    return Answer(names=names, rows=[[row[name] for name in names] for row in result])


def term_json(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, Literal):
        value = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            value["datatype"] = term.datatype.value
        return value
    return {"type": "bnode", "value": term.value}


def export_store(store_dir: Path, output: Path, *, fmt: str) -> None:
    """Write every quad of the store to ``output`` as N-Quads, TriG or JSON-LD."""
    store = Store.read_only(str(store_dir))
    store.dump(str(output), EXPORT_FORMATS[fmt])
