"""The knowledge-graph view of a run: RDF quads, one named graph per run.

Identity comes from content, so that loading runs of many documents meets in shared nodes:
an entity is ``<base>entity/<key>`` (its Wikidata QID, GeoNames id or canonical key, see
``entities``), an event ``<base>event/<hash of document, type and trigger offsets>``, a document
``<base>doc/<digest>``. Every quad of a run is in the graph ``<base>run/<run id>``, where the run
id hashes the model, the settings and the contents of the rule files; the run node is a PROV-O
activity with the model, the pipeline version, the rule hashes and the times. The classes and
properties of the ``ne:`` vocabulary are declared in ``configs/ontology.ttl``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Iterable, Iterator
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from .coreference import SameEvent
from .kb import KBEntry
from .schema import Argument, DocumentRecord, EntityCluster, Event, Mention

NE = "https://newsevents.invalid/ns#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
SCHEMA = "https://schema.org/"
WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"
# The namespaces by their prefixes, in serialisations and predeclared in queries (store.with_prefixes).
NAMESPACES = {"ne": NE, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "prov": PROV, "schema": SCHEMA,
              "wd": WIKIDATA, "nif": NIF}
RDF_TYPE = NamedNode(RDF + "type")
RDFS_LABEL = NamedNode(RDFS + "label")
OWL_SAME_AS = NamedNode(OWL + "sameAs")
ITSRDF_IDENT = NamedNode("http://www.w3.org/2005/11/its/rdf#taIdentRef")
# Our statuses where schema.org has one (an occurred event has no schema.org status).
SCHEMA_STATUS = {"planned": "EventScheduled", "cancelled": "EventCancelled"}
# TIMEX3 values by granularity, typed as the XSD type of the same precision.
TYPED_TIMES = ((re.compile(r"^\d{4}-\d{2}-\d{2}$"), "date"), (re.compile(r"^\d{4}-\d{2}$"), "gYearMonth"),
               (re.compile(r"^\d{4}$"), "gYear"), (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$"), "dateTime"))
# TIMEX3 values that name a span of calendar days less plainly: a day's part, a season, a week.
PART_OF_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|DT)$")
SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
ENTITY_CLASSES = {"PER": "Person", "LOC": "Place", "ORG": "Organization", "MISC": "Thing"}


def ne(name: str) -> NamedNode:
    return NamedNode(NE + name)


def typed(value, xsd_type: str) -> Literal:
    """A literal of an XSD datatype ("decimal", "nonNegativeInteger") from its lexical form."""
    return Literal(str(value), datatype=NamedNode(XSD + xsd_type))


def hashed_node(base: str, kind: str, *parts: str) -> NamedNode:
    """``<base><kind>/<hash>`` for content-based identity: the same parts give the same IRI."""
    return NamedNode(f"{base}{kind}/{hashlib.sha256('|'.join(parts).encode('utf8')).hexdigest()[:24]}")


def offset_pairs(mention: Mention, document: NamedNode) -> list[tuple]:
    """A stretch of a document's text as NIF offsets (Unicode code points) into that document."""
    return [(NamedNode(NIF + "referenceContext"), document),
            (NamedNode(NIF + "beginIndex"), typed(mention.start, "nonNegativeInteger")),
            (NamedNode(NIF + "endIndex"), typed(mention.end, "nonNegativeInteger"))]


def typed_time(value: str | None) -> Literal | None:
    """A TIMEX3 value as a typed literal, or None when it is underspecified ("XXXX-05-15", "P3D")."""
    for pattern, xsd_type in TYPED_TIMES:
        if value and pattern.match(value):
            return typed(value + (":00" if xsd_type == "dateTime" and value.count(":") == 1 else ""), xsd_type)
    return None


def entity_node(base: str, key: str) -> NamedNode:
    return NamedNode(f"{base}entity/{quote(key, safe=':')}")


def event_node(base: str, document: tuple[str, str], event: Event) -> NamedNode:
    """``document``: the doc_id and source of the record the event is in."""
    return hashed_node(base, "event", *document, event.type, str(event.trigger.start), str(event.trigger.end))


def document_node(base: str, record: DocumentRecord) -> NamedNode:
    return hashed_node(base, "doc", record.doc_id, record.source)  # one input under two names is two documents


def run_quads(run: dict, model: dict, *, base: str) -> tuple[NamedNode, list[Quad]]:
    """The run's named graph and its PROV-O activity."""
    graph = NamedNode(f"{base}run/{run['id']}")
    triples = [(RDF_TYPE, NamedNode(PROV + "Activity")), (RDF_TYPE, ne("Run")),
               (NamedNode(PROV + "startedAtTime"), typed(run["started"], "dateTime")),
               (NamedNode(PROV + "endedAtTime"), typed(run["finished"], "dateTime")),
               (ne("model"), Literal(model["name"])), (ne("modelVersion"), Literal(model["version"])),
               (ne("pipelineVersion"), Literal(model["pipeline_version"]))]
    triples += [(ne("dataSha256"), Literal(f"{name}={digest}")) for name, digest in sorted(run["data_sha256"].items())]
    if run.get("reference_date"):
        triples.append((ne("referenceDate"), typed(run["reference_date"], "date")))
    return graph, [Quad(graph, p, o, graph) for p, o in triples]


def record_quads(record: DocumentRecord, *, base: str, graph: NamedNode,
                 countries: dict[str, KBEntry] | None = None) -> Iterator[Quad]:
    """The quads of one document record. ``countries`` maps ISO 3166 codes to the KB's country
    entries, so a city or person points at its country's node (named even where no document
    mentions the country)."""
    document = document_node(base, record)
    yield from quads(graph, document, [
        (RDF_TYPE, ne("Document")), (RDF_TYPE, NamedNode(SCHEMA + "NewsArticle")),
        (ne("source"), Literal(record.source)), (ne("docId"), Literal(record.doc_id)), (ne("status"), Literal(record.status)),
        (NamedNode(PROV + "wasGeneratedBy"), graph),
    ])
    if record.title:
        yield Quad(document, NamedNode(SCHEMA + "headline"), Literal(record.title, language="de"), graph)
    if record.published:
        yield Quad(document, NamedNode(SCHEMA + "datePublished"), typed_time(record.published), graph)
    nodes = {}
    for cluster in record.entities:
        nodes[cluster.id] = entity_node(base, cluster.key or f"{record.doc_id}/{cluster.id}")
        yield from entity_quads(cluster, nodes[cluster.id], document=document, base=base, graph=graph, countries=countries or {})
    for event in record.events:
        yield from event_quads(record, event, document=document, entities=nodes, base=base, graph=graph)


def entity_quads(cluster: EntityCluster, node: NamedNode, *, document: NamedNode, base: str, graph: NamedNode,
                 countries: dict[str, KBEntry]) -> Iterator[Quad]:
    yield from quads(graph, node, [
        (RDF_TYPE, ne(cluster.label)), (RDF_TYPE, NamedNode(SCHEMA + ENTITY_CLASSES[cluster.label])),
        (RDFS_LABEL, Literal(cluster.name, language="de")), (ne("mentionedIn"), document),
    ])
    if cluster.key:
        yield Quad(node, ne("key"), Literal(cluster.key), graph)
    kb = cluster.kb or {}
    if "wikidata" in kb:
        yield Quad(node, OWL_SAME_AS, NamedNode(WIKIDATA + kb["wikidata"]), graph)
    if "geonames" in kb:
        yield Quad(node, OWL_SAME_AS, NamedNode(f"{GEONAMES}{kb['geonames']}/"), graph)
    if "iso3166" in kb:
        yield Quad(node, ne("iso3166"), Literal(kb["iso3166"]), graph)
    if cluster.link is not None:
        yield Quad(node, ne("linkRule"), Literal(cluster.link.rule), graph)
    country = countries.get(cluster.country) if cluster.country else None
    if country is not None and country.key != cluster.key:
        country_node = entity_node(base, country.key)
        yield Quad(node, ne("country"), country_node, graph)
        yield from quads(graph, country_node, [
            (RDF_TYPE, ne("LOC")), (RDFS_LABEL, Literal(country.name, language="de")), (ne("key"), Literal(country.key)),
            (ne("iso3166"), Literal(country.ids["iso3166"])),
            *([(OWL_SAME_AS, NamedNode(WIKIDATA + country.ids["wikidata"]))] if "wikidata" in country.ids else []),
        ])
    if cluster.coordinates:
        yield Quad(node, NamedNode(SCHEMA + "latitude"), typed(cluster.coordinates[0], "decimal"), graph)
        yield Quad(node, NamedNode(SCHEMA + "longitude"), typed(cluster.coordinates[1], "decimal"), graph)
    for mention in cluster.mentions:
        yield from mention_quads(mention, document=document, graph=graph, refers_to=node)


def mention_quads(mention: Mention, *, document: NamedNode, graph: NamedNode, refers_to: NamedNode | None) -> Iterator[Quad]:
    """A stretch of the document's text as a NIF phrase (offsets in Unicode code points)."""
    node = NamedNode(f"{document.value}#char={mention.start},{mention.end}")
    yield from quads(graph, node, [(RDF_TYPE, NamedNode(NIF + "Phrase")), *offset_pairs(mention, document),
                                   (NamedNode(NIF + "anchorOf"), Literal(mention.text))])
    if refers_to is not None:
        yield Quad(node, ITSRDF_IDENT, refers_to, graph)


def event_quads(record: DocumentRecord, event: Event, *, document: NamedNode, entities: dict[str, NamedNode],
                base: str, graph: NamedNode) -> Iterator[Quad]:
    node = event_node(base, (record.doc_id, record.source), event)
    yield from quads(graph, node, [
        (RDF_TYPE, ne("Event")), (RDF_TYPE, ne(event.type)), (ne("reportedIn"), document),
        (ne("trigger"), Literal(event.trigger.text, language="de")), (ne("sentence"), Literal(event.sentence.text, language="de")),
        (ne("eventStatus"), Literal(event.status)), (ne("negated"), Literal(event.negated)),
        (ne("confidence"), Literal(event.confidence)), (ne("rule"), Literal(event.rule)),
        (NamedNode(PROV + "wasGeneratedBy"), graph),
    ])
    if event.status in SCHEMA_STATUS:
        yield Quad(node, NamedNode(SCHEMA + "eventStatus"), NamedNode(SCHEMA + SCHEMA_STATUS[event.status]), graph)
    yield from mention_quads(event.trigger, document=document, graph=graph, refers_to=None)
    for index, argument in enumerate(event.arguments):
        yield from argument_quads(argument, NamedNode(f"{node.value}/argument/{index}"), event=node,
                                  document=document, entities=entities, graph=graph)
    if event.reported_by is not None and event.reported_by.entity_id in entities:
        yield Quad(node, ne("reportedBy"), entities[event.reported_by.entity_id], graph)
    elif event.reported_by is not None:
        yield Quad(node, ne("reportedBy"), Literal(event.reported_by.text, language="de"), graph)
    if event.time is not None:
        yield from time_quads(event, node, graph=graph)


def argument_quads(argument: Argument, node: NamedNode, *, event: NamedNode, document: NamedNode,
                   entities: dict[str, NamedNode], graph: NamedNode) -> Iterator[Quad]:
    """Every argument is a node with its role, text and offsets; the role property (``ne:agent``)
    points at the entity where the argument is linked to one, else at the argument node."""
    entity = entities.get(argument.entity_id) if argument.entity_id else None
    yield from quads(graph, node, [
        (RDF_TYPE, ne("Argument")), (ne("role"), Literal(argument.role)), (RDFS_LABEL, Literal(argument.text, language="de")),
        *offset_pairs(argument, document),
    ])
    yield Quad(event, ne("argument"), node, graph)
    yield Quad(event, ne(argument.role), entity if entity is not None else node, graph)
    if entity is not None:
        yield Quad(node, ne("entity"), entity, graph)


def time_quads(event: Event, node: NamedNode, *, graph: NamedNode) -> Iterator[Quad]:
    """The TIMEX3 string kept as it is; a typed literal where its precision allows, with begin and
    end for a range. Underspecified values ("XXXX-05-15") stay strings, never invented dates."""
    time = event.time
    yield Quad(node, ne("timeText"), Literal(time.text, language="de"), graph)
    if time.value:
        yield Quad(node, ne("timex"), Literal(time.value), graph)
    for prop, typed in typed_times(time.value, begin=time.begin, end=time.end_value):
        yield Quad(node, ne(prop), typed, graph)


def typed_times(value: str | None, *, begin: str | None, end: str | None) -> list[tuple[str, Literal]]:
    """(property, typed literal) pairs for a TIMEX3 value and its range. Beyond the plain calendar
    values: a day with a part of the day ("2024-05-06TEV", Montagabend) is that day; a season
    ("2024-FA") is its year; an ISO week ("2024-W19", and "-WE" for its weekend) is the range of
    its days."""
    typed = [(prop, literal) for prop, literal in (("time", typed_time(value)), ("begin", typed_time(begin)),
                                                    ("end", typed_time(end))) if literal is not None]
    if typed or not value:
        return typed
    if match := PART_OF_DAY.match(value):
        return [("time", typed_time(match[1]))]
    if match := SEASON.match(value):
        return [("time", typed_time(match[1]))]
    if (match := ISO_WEEK.match(value)) and 1 <= int(match[2]) <= dt.date(int(match[1]), 12, 28).isocalendar()[1]:
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        first = monday + dt.timedelta(days=5) if match[3] else monday
        return [("begin", typed_time(first.isoformat())), ("end", typed_time((monday + dt.timedelta(days=6)).isoformat()))]
    return []


def same_event_quads(links: Iterable[SameEvent], *, base: str, graph: NamedNode) -> Iterator[Quad]:
    """Each link as ``ne:sameEventAs`` between the two events, and as a node with its score."""
    for link in links:
        first, second = (event_node(base, ref.document, ref.event) for ref in (link.first, link.second))
        node = hashed_node(base, "link", first.value + second.value)
        yield Quad(first, ne("sameEventAs"), second, graph)
        yield from quads(graph, node, [(RDF_TYPE, ne("EventLink")), (ne("first"), first), (ne("second"), second),
                                       (ne("score"), Literal(link.score))])


def quads(graph: NamedNode, subject: NamedNode, pairs: Iterable[tuple]) -> Iterator[Quad]:
    for predicate, obj in pairs:
        yield Quad(subject, predicate, obj, graph)
