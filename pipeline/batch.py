"""The batch run: input paths → documents → German text → Docs → records → files.

``run_batch`` is the library function behind ``newsevents run``; ``analyse_text`` is the one
behind ``newsevents extract``. Both share one ``Analyzer`` that holds everything loaded once
(the spaCy pipeline, cleaning rules, gazetteer).
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from spacy.tokens import Doc

from .cleaning_rules import CleaningRules, load_cleaning_rules
from .conversion import build_record, error_record
from .document import SourceDocument, hash_bytes
from .gazetteer import Gazetteer, load_gazetteer
from .ingest import read_documents
from .kb import KnowledgeBase, load_kb
from .language import LanguageSettings
from .nlp import LoadedPipeline, load_pipeline
from .output import ChunkWriter, RecordKey, fingerprint_of, lock_output, write_results
from .schema import DocumentRecord
from .settings import Settings, data_hashes
from .text import PreparedText, prepare_text
from .windows import join_windows, window_bounds


@dataclass(frozen=True)
class Window:
    """A document's text, or a window of a long one, on its way through ``nlp.pipe``.

    ``number`` counts the stream: a gap in the numbers coming out is a Doc a component dropped.
    A document that needs no analysis travels as one window holding its finished ``record``.
    """

    number: int
    source: SourceDocument
    prepared: PreparedText | None = None
    start: int = 0
    end: int = 0
    record: DocumentRecord | None = None

    @property
    def last(self) -> bool:
        """Whether this window ends its document's text."""
        return self.prepared is None or self.end == len(self.prepared.text)


class ComponentErrors:
    """The run's spaCy error handler: a component that fails on a batch leaves its Docs out of
    the stream instead of stopping the run; the messages say which component failed and why."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, name: str | None, component, docs, error: Exception) -> None:
        self.messages.append(f"{name or 'a worker process'}: {type(error).__name__}: {error}")

    def clear(self) -> None:
        self.messages.clear()

    def describe(self) -> str | None:
        return self.messages[-1] if self.messages else None


@dataclass
class Analyzer:
    """Everything loaded once per run and shared by all documents."""

    settings: Settings
    pipeline: LoadedPipeline
    cleaning: CleaningRules
    languages: LanguageSettings
    gazetteer: Gazetteer
    kb: KnowledgeBase
    needs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    component_errors: ComponentErrors = field(default_factory=ComponentErrors)

    @property
    def window_chars(self) -> int:
        """The longest text analysed as one Doc: the settings' window, within spaCy's limit."""
        return min(self.settings.model.window_chars, self.pipeline.nlp.max_length)

    @classmethod
    def load(cls, settings: Settings) -> "Analyzer":
        pipeline = load_pipeline(settings)
        gazetteer = load_gazetteer(settings.events.gazetteer)
        return cls(
            settings=settings,
            pipeline=pipeline,
            cleaning=load_cleaning_rules(settings.cleaning.rules),
            languages=LanguageSettings(
                keep=settings.language.keep,
                min_chars=settings.language.min_chars,
                threshold=settings.language.threshold,
            ),
            gazetteer=gazetteer,
            kb=load_kb(settings.entities.kb, titles=settings.entities.titles),
            needs=pipeline.nlp.get_pipe("newsevents_events").needs,
        )

    def prepare(self, source: SourceDocument) -> PreparedText:
        return prepare_text(source.text, title=source.title, rules=self.cleaning, languages=self.languages)

    def make_doc(self, text: str, *, reference_date: str | None) -> Doc:
        """A tokenised Doc carrying the date that relative time expressions are anchored to."""
        doc = self.pipeline.nlp.make_doc(text)
        doc._.reference_date = reference_date
        return doc

    def record(self, doc: Doc | None, *, source: SourceDocument, prepared: PreparedText) -> DocumentRecord:
        return build_record(
            doc,
            source=source,
            prepared=prepared,
            model=self.pipeline.info,
            gazetteer=self.gazetteer,
            kb=self.kb,
            needs=self.needs,
        )

    def analyse(self, sources: Iterable[SourceDocument], *, processes: int = 1) -> Iterator[DocumentRecord]:
        """Records for ``sources``, in order; bad documents become error records.

        One ``nlp.pipe`` call carries every document, cut into windows where it is long (see
        ``windows``): those that need no analysis travel as an empty Doc with their finished
        record, so order is kept without restarting the worker processes.
        """
        parts: list[Doc | str] = []
        for window, result in self.analyse_windows(self.route(sources), processes=processes):
            if window.record is not None:
                yield window.record
                continue
            parts.append(result)
            if window.last:
                yield self.finish(window.source, window.prepared, parts)
                parts = []

    def analyse_windows(self, routed: Iterable[tuple[SourceDocument, PreparedText | DocumentRecord]], *,
                        processes: int) -> Iterator[tuple[Window, Doc | str]]:
        """Each window with its analysed Doc, or with the error that stopped its analysis.

        A component with an error handler drops the Docs it fails on (a whole batch for spaCy's
        own components); one without stops ``nlp.pipe``, and a new one takes the rest of the
        stream. Either way the windows that went in and did not come out are analysed again alone.
        """
        windows = self.cut_windows(routed)
        waiting: deque[Window] = deque()
        entered = 0

        def stream() -> Iterator[tuple[Doc, Window]]:
            nonlocal entered
            for window in windows:
                entered += 1
                waiting.append(window)
                yield (self.window_doc(window) if window.record is None else self.pipeline.nlp.make_doc("")), window

        self.install_error_handler()
        while True:
            entered_before = entered
            try:
                for doc, window in self.pipeline.nlp.pipe(stream(), as_tuples=True, n_process=processes,
                                                          batch_size=self.settings.model.batch_size):
                    while waiting[0].number < window.number:
                        yield self.analyse_alone(waiting.popleft())
                    waiting.popleft()
                    yield window, doc
            except Exception:
                if entered == entered_before:  # the pipe failed before any document: not a document's fault
                    raise
                while waiting:
                    yield self.analyse_alone(waiting.popleft())
                continue  # a new pipe takes the rest of the stream
            break
        while waiting:
            yield self.analyse_alone(waiting.popleft())

    def cut_windows(self, routed: Iterable[tuple[SourceDocument, PreparedText | DocumentRecord]]) -> Iterator[Window]:
        """The windows of each routed document, numbered through the run."""
        number = itertools.count()
        for source, outcome in routed:
            if isinstance(outcome, DocumentRecord):
                yield Window(next(number), source, record=outcome)
                continue
            for start, end in window_bounds(outcome.text, max_chars=self.window_chars):
                yield Window(next(number), source, prepared=outcome, start=start, end=end)

    def install_error_handler(self) -> None:
        """Let every component that can take one report its failures to ``component_errors``."""
        self.pipeline.nlp.default_error_handler = self.component_errors
        for _, component in self.pipeline.nlp.pipeline:
            try:
                component.set_error_handler(self.component_errors)
            except AttributeError:  # spaCy's parser and NER (compiled classes) cannot hold one
                pass

    def analyse_alone(self, window: Window) -> tuple[Window, Doc | str]:
        """A window whose Doc a failing component dropped (with the rest of its batch), analysed
        again on its own: only a window that fails by itself gets an error."""
        self.component_errors.clear()
        try:
            doc = self.pipeline.nlp(self.window_doc(window))
        except Exception as error:
            return window, self.component_errors.describe() or f"{type(error).__name__}: {error}"
        return window, self.component_errors.describe() or doc

    def window_doc(self, window: Window) -> Doc:
        return self.make_doc(window.prepared.text[window.start : window.end], reference_date=window.source.published)

    def finish(self, source: SourceDocument, prepared: PreparedText, parts: list[Doc | str]) -> DocumentRecord:
        """The record of one document from its analysed windows."""
        failures = [part for part in parts if isinstance(part, str)]
        if failures:
            return error_record(source, error=f"analysis failed: {failures[0]}", model=self.pipeline.info)
        try:
            doc = parts[0] if len(parts) == 1 else join_windows(parts)
            return self.record(doc, source=source, prepared=prepared)
        except Exception as error:  # a record that fails validation is reported, not lost
            return error_record(source, error=f"analysis failed: {type(error).__name__}: {error}", model=self.pipeline.info)

    def route(self, sources: Iterable[SourceDocument]) -> Iterator[tuple[SourceDocument, PreparedText | DocumentRecord]]:
        """Decide per document: an error record, a record without analysis, or text to parse."""
        for source in sources:
            if source.published is None and self.settings.reference_date:  # the user's date for undated input
                source = replace(source, published=self.settings.reference_date)
            if source.error is not None:
                yield source, error_record(source, error=source.error, model=self.pipeline.info)
                continue
            try:
                prepared = self.prepare(source)
            except Exception as error:  # one bad document must not stop the batch
                yield source, error_record(source, error=f"cleaning failed: {error}", model=self.pipeline.info)
                continue
            source = retitle(source, prepared)
            if not prepared.text.strip() or prepared.language not in self.languages.keep:
                yield source, self.record(None, source=source, prepared=prepared)
            else:
                yield source, prepared


def retitle(source: SourceDocument, prepared: PreparedText) -> SourceDocument:
    """A plain text's title is its first line, unless cleaning dropped that line (a section
    label such as "Welt" above the headline): then it is the first line cleaning kept."""
    first_kept = prepared.text.split("\n", 1)[0].strip()
    if source.fmt != "txt" or not source.title or not first_kept or first_kept == source.title:
        return source
    return replace(source, title=first_kept)


def now_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class RunReport:
    documents: int
    by_status: dict
    events: int
    seconds: float
    model: str
    summary: dict


def run_batch(
    inputs: Sequence[str | Path],
    *,
    settings: Settings,
    out_dir: Path,
    force: bool = False,
    processes: int = 1,
    dask_scheduler: str | None = None,
    progress: Callable[[DocumentRecord | None], None] | None = None,
) -> RunReport:
    """Analyse every document under ``inputs`` and write the result files into ``out_dir``.

    Documents already written by an earlier run with the same settings are skipped unless
    ``force``; the final files are rebuilt from all parts, in input order. With
    ``dask_scheduler`` the analysis runs on Dask (see ``cluster``), with the same files as a result.
    ``progress`` is called once per input document: with its record, or with None when an
    earlier run had done it.
    """
    started = time.perf_counter()
    with lock_output(out_dir):  # one run per output folder
        analyzer = Analyzer.load(settings)
        info = analyzer.pipeline.info
        hashes = data_hashes(settings)
        run_id = fingerprint_of(settings.model_dump_json(), info.model_dump_json(), json.dumps(hashes, sort_keys=True))
        writer = ChunkWriter(out_dir, fingerprint=run_id, force=force)
        started_at = now_utc()
        order: list[RecordKey] = []

        def not_done(sources: Iterable[SourceDocument]) -> Iterator[SourceDocument]:
            for source in sources:
                key = (source.doc_id, source.source)
                order.append(key)
                if key not in writer.done:
                    yield source
                elif progress is not None:
                    progress(None)

        sources = not_done(read_documents(inputs, max_bytes=settings.input.max_bytes, follow_links=settings.input.follow_links))
        if dask_scheduler is None:
            records = analyzer.analyse(sources, processes=processes)
        else:
            from .cluster import analyse_on_dask  # Dask is an optional extra

            records = analyse_on_dask(sources, settings=settings, scheduler=dask_scheduler)
        try:
            for record in records:
                writer.add(record, chunk_size=settings.output.chunk_size)
                if progress is not None:
                    progress(record)
        except KeyboardInterrupt:
            writer.flush()  # the records finished so far are kept: a rerun resumes after them
            raise
        writer.flush()
        seconds = time.perf_counter() - started
        finished = now_utc()
        summary = write_results(
            out_dir,
            order=order,
            report={
                "model": info.model_dump(),
                "seconds": round(seconds, 2),
                "finished": finished,
                # what produced these files: the graph's provenance of the run (see graph.py)
                "run": {"id": run_id, "started": started_at, "finished": finished,
                        "reference_date": settings.reference_date,
                        "settings": settings.model_dump(mode="json"), "data_sha256": hashes},
            },
        )
    return RunReport(
        documents=summary["documents"],
        by_status=summary["by_status"],
        events=summary["events"],
        seconds=seconds,
        model=info.name,
        summary=summary,
    )


def analyse_text(text: str, *, settings: Settings, title: str | None = None, published: str | None = None, analyzer: Analyzer | None = None) -> DocumentRecord:
    """Analyse one text given directly (``newsevents extract``)."""
    analyzer = analyzer or Analyzer.load(settings)
    source = SourceDocument(doc_id=hash_bytes(text.encode("utf8")), source="<text>", fmt="txt", text=text, title=title, published=published)
    return next(analyzer.analyse([source]))
