"""Temporal tagging evaluation on KRAUTS (TIMEX3) and WikiWarsDE (TIMEX2), TempEval-3 style.

The corpora are read straight from their archives under `data_dir` (krauts/KRAUTS_Dolomiten.tar.gz,
wikiwarsde/WikiWarsDE_20110412.tar.gz).  Our tagger runs on each document's plain text with the
document creation time as `doc._.reference_date` (KRAUTS: mode "news"; WikiWarsDE, history
narratives: mode "narrative").  HeidelTime's KRAUTS output, shipped with the corpus, is scored by
the same code; so is its WikiWarsDE output when a folder of it is given (`heideltime_wikiwars`, one
NAME.tml per document as written by benchmarks/heideltime_wikiwars.py; its TIMEX3 values are
compared with the TIMEX2 gold `val` as ours are).  TimeML annotates the two ends of a range
("15. und 16. Mai") separately, so our range spans are scored as their two ends (`begin`, `end_value`).  Scores: strict extent (identical offsets) and relaxed extent (overlap, one-to-one)
precision/recall/F1; on relaxed matches, type and value accuracy, and type/value F1 (a system
expression counts when it overlaps a gold one and has the same attribute), as in TempEval-3.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

import spacy

import pipeline.times  # noqa: F401  (registers the "newsevents_times" factory)

# Archive locations under the shared data directory.
KRAUTS_ARCHIVE = Path("krauts") / "KRAUTS_Dolomiten.tar.gz"
WIKIWARS_ARCHIVE = Path("wikiwarsde") / "WikiWarsDE_20110412.tar.gz"
# Folders of the KRAUTS archive: gold annotations and HeidelTime's output.
KRAUTS_GOLD_FOLDER = re.compile(r"KRAUTS_Dolomiten-\d+/[^/]+\.tml$")
KRAUTS_HEIDELTIME_SUFFIX = "_Heideltime"
# WikiWarsDE documents with inline TIMEX2 annotations.
WIKIWARS_GOLD_FOLDER = re.compile(r"keyinline/[^/]+\.key\.xml$")
WIKIWARS_NAME = re.compile(r"([^/]+)\.key\.xml$")
# Any markup tag, and the temporal ones.
TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
ATTRIBUTE = re.compile(r'([A-Za-z_]+)="([^"]*)"')
TIMEX_TAGS = {"TIMEX3", "TIMEX2"}
# The word or sign joining the two ends of a range.
RANGE_CONNECTOR = re.compile(r"\s*(?:\bund\b|\bbis\b|\boder\b|[-–/])\s*")
# A clock time in a TIMEX value ("T18:00", "TEV") marks a TIME.
TIME_VALUE = re.compile(r"T(\d|MO|MI|AF|EV|NI|DT)")


@dataclass(frozen=True)
class Annotation:
    """A temporal expression: character extent, TIMEX type and value."""

    start: int
    end: int
    type: str
    value: str | None


@dataclass(frozen=True)
class Document:
    """Plain text with its creation date and annotations."""

    name: str
    text: str
    creation_date: dt.date | None
    annotations: tuple[Annotation, ...]


def infer_timex2_type(attributes: dict) -> str:
    """TIMEX3-style type of a TIMEX2 annotation, which has none: from `set` and the shape of `val`."""
    value = attributes.get("val", "")
    if attributes.get("set") == "YES":
        return "SET"
    if value.startswith("P"):
        return "DURATION"
    if TIME_VALUE.search(value):
        return "TIME"
    return "DATE"


def parse_inline(markup: str) -> tuple[str, list[Annotation]]:
    """Strip tags from inline TimeML/TIMEX2 text; return the text and its TIMEX annotations."""
    pieces, annotations, open_tags = [], [], []
    position, length = 0, 0
    for tag in TAG.finditer(markup):
        piece = html.unescape(markup[position:tag.start()])
        pieces.append(piece)
        length += len(piece)
        position = tag.end()
        closing, name, attribute_text = tag.group(1), tag.group(2).upper(), tag.group(3)
        if name not in TIMEX_TAGS:
            continue
        if not closing:
            open_tags.append((length, name, dict(ATTRIBUTE.findall(attribute_text))))
        elif open_tags:
            start, kind, attributes = open_tags.pop()
            timex_type = attributes.get("type") if kind == "TIMEX3" else infer_timex2_type(attributes)
            value = attributes.get("value") if kind == "TIMEX3" else attributes.get("val")
            annotations.append(Annotation(start, length, timex_type, value.strip() if value else None))
    pieces.append(html.unescape(markup[position:]))
    return "".join(pieces), annotations


def parse_creation_date(value: str | None) -> dt.date | None:
    """The date part of a creation time value ("2010-02-20", "2011-02-16T17:00:00")."""
    match = re.match(r"\s*(\d{4})-(\d\d)-(\d\d)", value or "")
    return dt.date(*map(int, match.groups())) if match else None


def parse_timeml_document(name: str, markup: str) -> Document:
    """A KRAUTS TimeML document: the DCT and the TIMEX3s inside <TEXT>."""
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", markup, re.S)
    body = re.search(r"<TEXT>(.*)</TEXT>", markup, re.S).group(1)
    text, annotations = parse_inline(body)
    return Document(name, text, parse_creation_date(dct and dct.group(1)), tuple(annotations))


def parse_wikiwars_document(name: str, markup: str) -> Document:
    """A WikiWarsDE keyinline document: DATETIME as the creation date, TIMEX2s inside <TEXT>."""
    created = re.search(r"<DATETIME>.*?val=\"([^\"]+)\"", markup, re.S)
    body = re.search(r"<TEXT>(.*)</TEXT>", markup, re.S).group(1)
    text, annotations = parse_inline(body)
    return Document(name, text, parse_creation_date(created and created.group(1)), tuple(annotations))


def read_archive(path: Path, pattern: re.Pattern) -> dict[str, str]:
    """Text of the archive members whose path matches `pattern`, by member name."""
    with tarfile.open(path) as archive:
        return {
            member.name: archive.extractfile(member).read().decode("utf8")
            for member in archive.getmembers()
            if member.isfile() and pattern.search(member.name)
        }


def read_krauts(data_dir: Path) -> tuple[list[Document], list[Document]]:
    """KRAUTS Dolomiten gold documents and HeidelTime's output for the same documents."""
    members = read_archive(data_dir / KRAUTS_ARCHIVE, re.compile(r"\.tml$"))
    gold, heideltime = [], []
    for name in sorted(members):
        if not KRAUTS_GOLD_FOLDER.search(name):
            continue
        folder, file_name = name.rsplit("/", 1)
        gold.append(parse_timeml_document(name, members[name]))
        heideltime.append(parse_timeml_document(name, members[f"{folder}{KRAUTS_HEIDELTIME_SUFFIX}/{file_name}"]))
    return gold, heideltime


def read_wikiwars(data_dir: Path) -> list[Document]:
    """WikiWarsDE gold documents."""
    members = read_archive(data_dir / WIKIWARS_ARCHIVE, WIKIWARS_GOLD_FOLDER)
    return [parse_wikiwars_document(name, members[name]) for name in sorted(members)]


def parse_heideltime_output(gold: Document, markup: str) -> Document:
    """HeidelTime standalone TimeML for `gold`'s text: the TIMEX3s inside <TimeML>, which adds a newline each side."""
    body = re.search(r"<TimeML>\n?(.*?)\n?</TimeML>", markup, re.S).group(1)
    text, annotations = parse_inline(body)
    return Document(gold.name, text, gold.creation_date, tuple(annotations))


def read_heideltime_wikiwars(folder: Path, gold: list[Document]) -> list[Document]:
    """HeidelTime's output for the WikiWarsDE `gold` documents: FOLDER/NAME.tml for keyinline/NAME.key.xml."""
    return [
        parse_heideltime_output(document, (Path(folder) / f"{stem}.tml").read_text("utf8"))
        for document in gold
        for stem in [WIKIWARS_NAME.search(document.name).group(1)]
    ]


def tag_documents(documents: list[Document], *, mode: str) -> list[Document]:
    """Run the tagger over each document's text, the creation date as reference date."""
    nlp = spacy.blank("de")
    tagger = nlp.add_pipe("newsevents_times", config={"mode": mode})
    tagged = []
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.reference_date = document.creation_date
        tagger(doc)
        annotations = tuple(annotation for span in doc.spans["times"] for annotation in split_range(span))
        tagged.append(Document(document.name, document.text, document.creation_date, annotations))
    return tagged


def split_range(span) -> list[Annotation]:
    """The span as TimeML annotates it: a range ("15. und 16. Mai") as its two ends, each with its value."""
    timex = span._.timex
    connector = RANGE_CONNECTOR.search(span.text)
    if timex.end_value is None or connector is None:
        return [Annotation(span.start_char, span.end_char, span.label_, timex.value)]
    return [
        Annotation(span.start_char, span.start_char + connector.start(), span.label_, timex.begin),
        Annotation(span.start_char + connector.end(), span.end_char, span.label_, timex.end_value),
    ]


def match_relaxed(gold: tuple[Annotation, ...], system: tuple[Annotation, ...]) -> list[tuple[Annotation, Annotation]]:
    """One-to-one pairs of overlapping gold and system expressions, largest overlap first."""
    candidates = sorted(
        (
            (min(g.end, s.end) - max(g.start, s.start), gold_index, system_index)
            for gold_index, g in enumerate(gold)
            for system_index, s in enumerate(system)
            if g.start < s.end and s.start < g.end
        ),
        reverse=True,
    )
    used_gold, used_system, pairs = set(), set(), []
    for _, gold_index, system_index in candidates:
        if gold_index not in used_gold and system_index not in used_system:
            used_gold.add(gold_index)
            used_system.add(system_index)
            pairs.append((gold[gold_index], system[system_index]))
    return pairs


def compute_f1(correct: int, n_system: int, n_gold: int) -> dict:
    """Precision, recall and F1 for `correct` hits among `n_system` answers and `n_gold` keys."""
    precision = correct / n_system if n_system else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score_documents(gold: list[Document], system: list[Document]) -> dict:
    """TempEval-3 extent, type and value scores of `system` against `gold` (same documents, same order)."""
    counts = {"gold": 0, "system": 0, "strict": 0, "relaxed": 0, "type": 0, "value": 0}
    for key, answer in zip(gold, system):
        if key.text != answer.text:
            raise ValueError(f"{key.name}: system text differs from gold text")
        counts["gold"] += len(key.annotations)
        counts["system"] += len(answer.annotations)
        gold_extents = {(g.start, g.end) for g in key.annotations}
        counts["strict"] += sum((s.start, s.end) in gold_extents for s in answer.annotations)
        pairs = match_relaxed(key.annotations, answer.annotations)
        counts["relaxed"] += len(pairs)
        counts["type"] += sum(g.type == s.type for g, s in pairs)
        counts["value"] += sum(g.value is not None and g.value == s.value for g, s in pairs)
    relaxed = counts["relaxed"]
    return {
        "counts": counts,
        "strict": compute_f1(counts["strict"], counts["system"], counts["gold"]),
        "relaxed": compute_f1(relaxed, counts["system"], counts["gold"]),
        "type_accuracy": counts["type"] / relaxed if relaxed else 0.0,
        "value_accuracy": counts["value"] / relaxed if relaxed else 0.0,
        "type": compute_f1(counts["type"], counts["system"], counts["gold"]),
        "value": compute_f1(counts["value"], counts["system"], counts["gold"]),
    }


def evaluate_dates(*, data_dir: Path, heideltime_wikiwars: Path | None = None) -> dict:
    """Score the tagger on KRAUTS (beside HeidelTime's output) and WikiWarsDE; corpora that are absent are skipped.

    `heideltime_wikiwars`: a folder of HeidelTime's WikiWarsDE output, scored as "WikiWarsDE HeidelTime".
    """
    data_dir = Path(data_dir)
    results = {}
    if (data_dir / KRAUTS_ARCHIVE).is_file():
        gold, heideltime = read_krauts(data_dir)
        results["KRAUTS newsevents"] = score_documents(gold, tag_documents(gold, mode="news"))
        results["KRAUTS HeidelTime"] = score_documents(gold, heideltime)
    if (data_dir / WIKIWARS_ARCHIVE).is_file():
        gold = read_wikiwars(data_dir)
        results["WikiWarsDE newsevents"] = score_documents(gold, tag_documents(gold, mode="narrative"))
        if heideltime_wikiwars is not None:
            results["WikiWarsDE HeidelTime"] = score_documents(gold, read_heideltime_wikiwars(heideltime_wikiwars, gold))
    return results


def format_dates_report(result: dict) -> str:
    """A text table of `evaluate_dates` results, one row per corpus and system."""
    header = (
        f"{'corpus / system':<24}{'gold':>6}{'sys':>6}  {'strict P/R/F1':<17}  {'relaxed P/R/F1':<17}"
        f"  {'type acc':>8}{'val acc':>8}{'val F1':>8}"
    )
    lines = [header, "-" * len(header)]
    for name, scores in result.items():
        strict, relaxed = scores["strict"], scores["relaxed"]
        lines.append(
            f"{name:<24}{scores['counts']['gold']:>6}{scores['counts']['system']:>6}  "
            f"{strict['precision']:.3f}/{strict['recall']:.3f}/{strict['f1']:.3f}  "
            f"{relaxed['precision']:.3f}/{relaxed['recall']:.3f}/{relaxed['f1']:.3f}  "
            f"{scores['type_accuracy']:>8.3f}{scores['value_accuracy']:>8.3f}{scores['value']['f1']:>8.3f}"
        )
    return "\n".join(lines)
