"""Export document records as RDF, for loading into a knowledge graph.

Each document, event and entity cluster becomes a resource; an event is typed by its event
type (``ne:VISIT``) and points to its arguments with one property per role (``ne:agent``).
Entities that carry an ISO 3166 code are the same resource in every document
(``ne:country/CN``), so events of many articles meet in one node; other entities are scoped to
their document. Times with a full TIMEX3 date become ``xsd:date`` literals.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from .schema import DocumentRecord

NE = Namespace("https://newsevents.invalid/ns#")
RESOURCE = "https://newsevents.invalid/id/"
# A TIMEX3 value that is a calendar day ("2024-05-15") can be typed as xsd:date.
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def records_to_graph(records: Iterable[DocumentRecord]) -> Graph:
    """One graph for all records; error records contribute only their document node."""
    graph = Graph()
    graph.bind("ne", NE)
    for record in records:
        add_record(graph, record)
    return graph


def add_record(graph: Graph, record: DocumentRecord) -> None:
    digest = record.doc_id.removeprefix("sha256:")
    document = URIRef(f"{RESOURCE}doc/{digest}")
    graph.add((document, RDF.type, NE.Document))
    graph.add((document, NE.source, Literal(record.source)))
    graph.add((document, NE.status, Literal(record.status)))
    if record.title:
        graph.add((document, NE.title, Literal(record.title, lang="de")))
    if record.published:
        graph.add((document, NE.published, Literal(record.published, datatype=XSD.date)))
    entities = {}
    for cluster in record.entities:
        iso = (cluster.normalized or {}).get("iso3166")
        node = URIRef(f"{RESOURCE}country/{iso}") if iso else URIRef(f"{RESOURCE}doc/{digest}/{cluster.id}")
        entities[cluster.id] = node
        graph.add((node, RDF.type, NE[cluster.label]))
        graph.add((node, RDFS.label, Literal(cluster.name, lang="de")))
        graph.add((node, NE.mentionedIn, document))
    for event in record.events:
        node = URIRef(f"{RESOURCE}doc/{digest}/{event.id}")
        graph.add((node, RDF.type, NE.Event))
        graph.add((node, RDF.type, NE[event.type]))
        graph.add((node, NE.reportedIn, document))
        graph.add((node, NE.trigger, Literal(event.trigger.text, lang="de")))
        graph.add((node, NE.sentence, Literal(event.sentence.text, lang="de")))
        graph.add((node, NE.eventStatus, Literal(event.status)))
        graph.add((node, NE.negated, Literal(event.negated)))
        graph.add((node, NE.confidence, Literal(event.confidence)))
        graph.add((node, NE.rule, Literal(event.rule)))
        for argument in event.arguments:
            target = entities.get(argument.entity_id) if argument.entity_id else None
            graph.add((node, NE[argument.role], target if target is not None else Literal(argument.text, lang="de")))
        if event.reported_by is not None:
            source = entities.get(event.reported_by.entity_id) if event.reported_by.entity_id else None
            graph.add((node, NE.reportedBy, source if source is not None else Literal(event.reported_by.text, lang="de")))
        if event.time is not None and event.time.value:
            value = event.time.value
            literal = Literal(value, datatype=XSD.date) if FULL_DATE.match(value) else Literal(value)
            graph.add((node, NE.time, literal))


def export_rdf(documents: Path, output: Path, *, rdf_format: str = "turtle") -> int:
    """Read ``documents.jsonl`` and write its graph to ``output``; returns the triple count."""
    with documents.open(encoding="utf8") as handle:
        graph = records_to_graph(DocumentRecord.model_validate_json(line) for line in handle)
    graph.serialize(destination=str(output), format=rdf_format)
    return len(graph)
