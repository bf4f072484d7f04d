"""``newsevents view``: a static HTML report of a run's output folder, readable offline.

``index.html`` shows the run: the model that ran, documents by status with their errors,
languages, events per type and status, the most frequent entities, and a timeline of the dated
events. ``docs/NNNN.html`` shows one document: its analysed text with entities, time expressions
and event triggers marked by spaCy's displaCy (each trigger links to its event), every event
with its arguments and their roles, status, negation, attribution and time, and what cleaning
dropped, greyed. ``records/NNNN.json`` is the document's record as the run wrote it.

Nothing is fetched: every page carries its own style sheet, the timeline is inline SVG, and no
page needs JavaScript. All text from the input is escaped.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from spacy import displacy

from pipeline.output import DOCUMENTS_FILE, REPORT_FILE
from pipeline.schema import DocumentRecord, EntityCluster, Event
from pipeline.timeline import count_events, draw_legend, draw_timeline

# Entity colours: displaCy's own for its labels of the same meaning, a light grey-green for MISC.
LABEL_COLOURS = {"PER": "#aa9cfc", "LOC": "#ff9561", "ORG": "#7aecec", "MISC": "#e4e7d2",
                 "DATE": "#bfe1d9", "TIME": "#bfe1d9", "DURATION": "#bfe1d9", "SET": "#bfe1d9"}
TRIGGER_COLOUR = "#ffeb80"  # displaCy's EVENT
# Marks that overlap are not drawn twice: triggers win over time expressions, which win over entities.
MARK_PRIORITY = ("trigger", "time", "entity")
# Entities listed on the overview page, and the characters of a dropped segment shown.
TOP_ENTITIES = 30
DROPPED_PREVIEW_CHARS = 600

STYLE = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;line-height:1.5;color:#222}
a{color:#0645ad}a:focus,mark:focus-within{outline:3px solid #f90}
table{border-collapse:collapse;display:block;overflow-x:auto;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
.entities{overflow-wrap:anywhere}.event{border-left:4px solid #ffeb80;padding-left:.75rem;margin:1rem 0}
.dropped{color:#888;background:#f4f4f4;padding:.3rem .6rem;margin:.3rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.error{color:#a00}.muted{color:#666}.timeline{max-width:100%;height:auto}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}
.swatch{display:inline-block;width:.9rem;height:.9rem;margin-right:.3rem;vertical-align:middle}
nav{display:flex;gap:1rem;flex-wrap:wrap;margin-bottom:1rem}
"""


@dataclass(frozen=True)
class ViewSummary:
    documents: int
    index: Path


@dataclass(frozen=True)
class Mark:
    """A stretch of the text to highlight: its label and, for a trigger, the event it links to."""
    start: int
    end: int
    label: str
    kind: str
    link: str | None = None


@dataclass
class Overview:
    """What the overview page needs of all records, gathered while the document pages are written
    (so that a run of any size is read once and never held in memory)."""
    rows: list[tuple[str, ...]] = field(default_factory=list)          # one HTML table row per document
    statuses: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    event_times: list[tuple[str, str | None]] = field(default_factory=list)  # (type, TIMEX3 value)
    event_statuses: dict[str, Counter] = field(default_factory=dict)  # type → status → events
    # by the entity's corpus-wide key (its label and name where it has none)
    entity_documents: Counter = field(default_factory=Counter)        # key → documents
    entity_mentions: Counter = field(default_factory=Counter)
    entity_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (label, name) first seen
    entity_ids: dict[str, str] = field(default_factory=dict)  # key → identifiers
    model: dict = field(default_factory=dict)

    def add(self, record: DocumentRecord, *, number: int) -> None:
        title = escape(record.title or record.source)
        status = escape(record.status) + "".join(f'<div class="error">{escape(error)}</div>' for error in record.errors)
        self.rows.append((str(number), f'<a href="{document_page_name(number)}">{title}</a>', escape(record.source),
                          status, escape(record.language or ""), str(len(record.events))))
        self.statuses[record.status] += 1
        self.languages[record.language or "none"] += 1
        for event in record.events:
            self.event_times.append((event.type, event.time.value if event.time else None))
            self.event_statuses.setdefault(event.type, Counter())[event.status] += 1
        for entity in record.entities:
            key = entity.key or f"{entity.label}\t{entity.name}"
            self.entity_documents[key] += 1
            self.entity_mentions[key] += len(entity.mentions)
            self.entity_names.setdefault(key, (entity.label, entity.name))
            self.entity_ids.setdefault(key, identifiers(entity))
        if record.model and not self.model:
            self.model = record.model.model_dump()


def write_view(out_dir: Path, html_dir: Path) -> ViewSummary:
    """Write the report of the run in ``out_dir`` into ``html_dir`` and return where it starts."""
    report_path = out_dir / REPORT_FILE
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    (html_dir / "docs").mkdir(parents=True, exist_ok=True)
    (html_dir / "records").mkdir(exist_ok=True)
    overview = Overview()
    lines = read_lines(out_dir / DOCUMENTS_FILE)
    line, number = next(lines, None), 0
    while line is not None:     # one look ahead: a page links to the next one when there is one
        following, number = next(lines, None), number + 1
        record = DocumentRecord.model_validate_json(line)
        (html_dir / "records" / f"{number:04d}.json").write_text(line, encoding="utf-8")
        page_text = render_document(record, number=number, last=following is None)
        (html_dir / document_page_name(number)).write_text(page_text, encoding="utf-8")
        overview.add(record, number=number)
        line = following
    index = html_dir / "index.html"
    index.write_text(render_index(overview, report=report), encoding="utf-8")
    return ViewSummary(documents=number, index=index)


def read_lines(path: Path) -> Iterator[str]:
    """The non-blank lines of documents.jsonl; FileNotFoundError when the run wrote none."""
    with path.open(encoding="utf-8") as lines:
        yield from (line for line in lines if line.strip())


# --- pages -------------------------------------------------------------------------------
def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f'<body><main>{body}</main></body></html>\n')


def table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """An HTML table; the cells are HTML already (escape text before)."""
    head = "".join(f"<th scope=\"col\">{escape(header)}</th>" for header in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def facts_table(rows: Iterable[tuple[str, str]]) -> str:
    """A two-column table of names and values (values are HTML already)."""
    body = "".join(f'<tr><th scope="row">{escape(name)}</th><td>{value}</td></tr>' for name, value in rows)
    return f"<table><tbody>{body}</tbody></table>"


def document_page_name(number: int) -> str:
    return f"docs/{number:04d}.html"


def render_index(overview: Overview, *, report: dict) -> str:
    timeline = count_events(overview.event_times)
    undated = f'<p class="muted">{timeline.undated} events without a day or month are not on the timeline.</p>'
    sections = [
        f"<h1>newsevents run: {len(overview.rows)} documents, {len(overview.event_times)} events</h1>",
        render_run(report, overview),
        "<h2>Timeline</h2>",
        (draw_timeline(timeline) + draw_legend(timeline) if timeline.counts else "<p>No dated events.</p>") + undated,
        "<h2>Events by type and status</h2>", render_event_counts(overview.event_statuses),
        "<h2>Most frequent entities</h2>", render_top_entities(overview),
        "<h2>Documents</h2>", table(("#", "title", "source", "status", "language", "events"), overview.rows),
    ]
    return page("newsevents run", "".join(sections))


def render_run(report: dict, overview: Overview) -> str:
    model = report.get("model") or overview.model
    rows = [
        ("model", f"{model.get('name', '?')} {model.get('version', '')}"
                  + (" (fallback: the configured model was absent)" if model.get("fallback") else "")),
        ("components", ", ".join(model.get("components", []))),
        ("pipeline version", str(model.get("pipeline_version", "?"))),
        ("finished", f"{report.get('finished', '?')} in {report.get('seconds', '?')} s"),
        ("documents", ", ".join(f"{status} {count}" for status, count in sorted(overview.statuses.items()))),
        ("languages", ", ".join(f"{language} {count}" for language, count in overview.languages.most_common())),
    ]
    return facts_table((name, escape(value)) for name, value in rows)


def render_event_counts(by_type: dict[str, Counter]) -> str:
    if not by_type:
        return "<p>No events.</p>"
    statuses = sorted({status for counts in by_type.values() for status in counts})
    rows = ((escape(event_type), *(str(counts[status]) for status in statuses), str(sum(counts.values())))
            for event_type, counts in sorted(by_type.items()))
    return table(("type", *statuses, "all"), rows)


def render_top_entities(overview: Overview) -> str:
    rows = ((escape(overview.entity_names[key][1]), escape(overview.entity_names[key][0]), str(count),
             str(overview.entity_mentions[key]), escape(overview.entity_ids[key]))
            for key, count in overview.entity_documents.most_common(TOP_ENTITIES))
    return table(("entity", "label", "documents", "mentions", "identifiers"), rows) if overview.entity_documents \
        else "<p>No entities.</p>"


def render_document(record: DocumentRecord, *, number: int, last: bool) -> str:
    previous = f'<a href="{number - 1:04d}.html">previous</a>' if number > 1 else ""
    following = "" if last else f'<a href="{number + 1:04d}.html">next</a>'
    nav = f'<nav><a href="../index.html">overview</a>{previous}{following}<a href="../records/{number:04d}.json">JSON record</a></nav>'
    model = record.model
    facts = [("source", record.source), ("document id", record.doc_id), ("status", record.status),
             ("published", record.published or "unknown"),
             ("language", f"{record.language} ({record.language_score})" if record.language else "none"),
             ("model", f"{model.name} {model.version}" if model else "none")]
    body = [nav, f"<h1>{escape(record.title or record.source)}</h1>",
            facts_table((name, escape(value)) for name, value in facts)]
    body += [f'<p class="error">error: {escape(error)}</p>' for error in record.errors]
    body += [f'<p class="muted">warning: {escape(warning)}</p>' for warning in record.warnings]
    if record.text:
        body += ["<h2>Text</h2>", render_marked_text(record.text, list(marks_of(record)))]
    body += ["<h2>Events</h2>", "".join(render_event(event) for event in record.events) or "<p>No events.</p>",
             "<h2>Entities</h2>", render_entities(record), "<h2>Dropped by cleaning</h2>", render_dropped(record)]
    return page(record.title or record.source, "".join(body))


# --- one document ------------------------------------------------------------------------
def marks_of(record: DocumentRecord) -> Iterator[Mark]:
    """Triggers, time expressions and entity mentions, without overlaps (see MARK_PRIORITY)."""
    candidates = [Mark(m.start, m.end, event.type, "trigger", f"#{event.id}") for event in record.events
                  for m in (event.mentions or [event.trigger])]
    candidates += [Mark(time.start, time.end, time.type, "time") for time in record.times]
    candidates += [Mark(m.start, m.end, entity.label, "entity", f"#{entity.id}") for entity in record.entities
                   for m in entity.mentions]
    taken: list[Mark] = []
    for mark in sorted(candidates, key=lambda mark: (MARK_PRIORITY.index(mark.kind), mark.start)):
        if mark.end > mark.start and all(mark.end <= other.start or mark.start >= other.end for other in taken):
            taken.append(mark)
    yield from sorted(taken, key=lambda mark: mark.start)


def render_marked_text(text: str, marks: list[Mark]) -> str:
    """The text with its marks, drawn by displaCy (which escapes the text)."""
    spans = [{"start": mark.start, "end": mark.end, "label": mark.label,
              **({"kb_id": mark.link.lstrip("#"), "kb_url": mark.link} if mark.link else {})} for mark in marks]
    colours = LABEL_COLOURS | {mark.label: TRIGGER_COLOUR for mark in marks if mark.kind == "trigger"}
    return displacy.render({"text": text, "ents": spans}, style="ent", manual=True, options={"colors": colours})


def render_event(event: Event) -> str:
    facts = [("trigger", escape(event.trigger.text)), ("status", escape(event.status)),
             ("negated", "yes" if event.negated else "no")]
    if event.time:
        facts.append(("time", f"{escape(event.time.text)} → <strong>{escape(event.time.value or 'unresolved')}</strong>"
                      + (f" ({escape(event.time.begin)} to {escape(event.time.end_value)})"
                         if event.time.begin and event.time.end_value else "")))
    if event.reported_by:
        facts.append(("reported by", escape(event.reported_by.text)))
    facts += [("confidence", f"{event.confidence:.2f}"), ("rule", escape(event.rule))]
    arguments = table(("role", "text", "label", "entity"), (
        (escape(argument.role), escape(argument.text), escape(argument.label or ""),
         f'<a href="#{escape(argument.entity_id)}">{escape(argument.entity_id)}</a>' if argument.entity_id else "literal")
        for argument in event.arguments)) if event.arguments else "<p>No arguments.</p>"
    return (f'<section class="event" id="{escape(event.id)}"><h3>{escape(event.id)} {escape(event.type)}</h3>'
            f'<p class="muted">{escape(event.sentence.text)}</p>'
            + facts_table(facts) + arguments + "</section>")


def render_entities(record: DocumentRecord) -> str:
    rows = ((f'<span id="{escape(entity.id)}">{escape(entity.id)}</span>', escape(entity.label), escape(entity.name),
             escape(", ".join(sorted({mention.text for mention in entity.mentions}))),
             escape(identifiers(entity))) for entity in record.entities)
    return table(("id", "label", "name", "mentions", "identifiers"), rows) if record.entities else "<p>No entities.</p>"


def identifiers(entity: EntityCluster) -> str:
    """The entity's knowledge-base ids ("wikidata: Q7747, iso3166: RU") and how it was linked, as
    one line; for an entity the KB does not know, its corpus-wide key."""
    ids = ", ".join(f"{scheme}: {value}" for scheme, value in (entity.kb or entity.normalized or {}).items())
    if entity.link is not None and entity.link.confidence is not None:
        ids += f" ({entity.link.rule}, {entity.link.confidence:.2f})"
    return ids or (f"key {entity.key}" if entity.key else "")


def render_dropped(record: DocumentRecord) -> str:
    items = []
    for segment in record.dropped:
        text = segment.text or ""
        shown = text[:DROPPED_PREVIEW_CHARS] + ("…" if len(text) > DROPPED_PREVIEW_CHARS else "")
        language = f", {segment.language}" if segment.language else ""
        items.append(f'<div class="dropped"><strong>{escape(segment.reason)}{escape(language)}</strong> '
                     f"({segment.end - segment.start} characters)\n{escape(shown)}</div>")
    return "".join(items) or "<p>Nothing was dropped.</p>"
