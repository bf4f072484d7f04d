"""A run as CSV files for ``neo4j-admin database import full`` (Neo4j's bulk importer).

Nodes: ``documents.csv`` (label Document), ``entities.csv`` (labels Entity and PER/LOC/ORG/MISC,
one node per corpus-wide key, as in the RDF graph), ``events.csv`` (labels Event and the event
type). Relationships: ``mentions.csv`` (entity MENTIONED_IN document), ``reports.csv`` (event
REPORTED_IN document) and ``arguments.csv`` (event → entity, the type being the role in capitals:
AGENT, PARTICIPANT, TARGET, DESTINATION, LOCATION, TOPIC, OFFICE). Import with:

    neo4j-admin database import full --nodes=documents.csv --nodes=entities.csv --nodes=events.csv \\
        --relationships=mentions.csv --relationships=reports.csv --relationships=arguments.csv neo4j
"""
from __future__ import annotations

import csv
from pathlib import Path

from .graph import document_node, event_node
from .store import read_records, read_run

NODE_FILES = {
    "documents.csv": ["id:ID", "source", "doc_id", "title", "published", ":LABEL"],
    "entities.csv": ["id:ID", "key", "name", "wikidata", "geonames", "country", "latitude:float", "longitude:float", ":LABEL"],
    "events.csv": ["id:ID", "type", "trigger", "sentence", "status", "negated:boolean", "confidence:float", "time",
                   "begin", "end", "rule", ":LABEL"],
}
RELATIONSHIP_FILES = {name: [":START_ID", ":END_ID", ":TYPE"] for name in ("mentions.csv", "reports.csv", "arguments.csv")}


def write_neo4j_csv(out_dir: Path, csv_dir: Path, *, base: str) -> dict[str, int]:
    """Write the six CSV files for one run folder; returns the rows per file. Entities appear once
    however many documents mention them (the first document's name is kept)."""
    _, documents = read_run(out_dir)
    csv_dir.mkdir(parents=True, exist_ok=True)
    handles = {name: (csv_dir / name).open("w", encoding="utf-8", newline="") for name in {**NODE_FILES, **RELATIONSHIP_FILES}}
    writers = {name: csv.writer(handle) for name, handle in handles.items()}
    for name, header in {**NODE_FILES, **RELATIONSHIP_FILES}.items():
        writers[name].writerow(header)
    counts = dict.fromkeys(handles, 0)
    seen_entities: set[str] = set()

    def write(name: str, row: list) -> None:
        writers[name].writerow(["" if value is None else value for value in row])
        counts[name] += 1

    try:
        for record in read_records(documents):
            document = document_node(base, record).value
            write("documents.csv", [document, record.source, record.doc_id, record.title, record.published, "Document"])
            entities = {}
            for cluster in record.entities:
                key = cluster.key or f"{record.doc_id}/{cluster.id}"
                entities[cluster.id] = key
                if key not in seen_entities:
                    seen_entities.add(key)
                    kb = cluster.kb or {}
                    latitude, longitude = cluster.coordinates or (None, None)
                    write("entities.csv", [key, cluster.key, cluster.name, kb.get("wikidata"), kb.get("geonames"), cluster.country,
                                           latitude, longitude, f"Entity;{cluster.label}"])
                write("mentions.csv", [key, document, "MENTIONED_IN"])
            for event in record.events:
                node = event_node(base, (record.doc_id, record.source), event).value
                time = event.time
                write("events.csv", [node, event.type, event.trigger.text, event.sentence.text, event.status,
                                     str(event.negated).lower(), event.confidence, time.value if time else None,
                                     time.begin if time else None, time.end_value if time else None, event.rule,
                                     f"Event;{event.type}"])
                write("reports.csv", [node, document, "REPORTED_IN"])
                for argument in event.arguments:
                    if argument.entity_id in entities:
                        write("arguments.csv", [node, entities[argument.entity_id], argument.role.upper()])
    finally:
        for handle in handles.values():
            handle.close()
    return counts
