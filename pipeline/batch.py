"""The batch run: input paths → documents → German text → Docs → records → files.

``run_batch`` is the library function behind ``newsevents run``; ``analyse_text`` is the one
behind ``newsevents extract``. Both share one ``Analyzer`` that holds everything loaded once
(the spaCy pipeline, cleaning rules, gazetteer).
"""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from spacy.tokens import Doc

from .cleaning_rules import CleaningRules, load_cleaning_rules
from .conversion import build_record, error_record
from .document import SourceDocument, hash_bytes
from .gazetteer import Gazetteer, load_gazetteer
from .ingest import read_documents
from .language import LanguageSettings
from .nlp import LoadedPipeline, load_pipeline
from .output import ChunkWriter, RecordKey, fingerprint_of, write_results
from .schema import DocumentRecord
from .settings import Settings
from .text import PreparedText, prepare_text


@dataclass
class Analyzer:
    """Everything loaded once per run and shared by all documents."""

    settings: Settings
    pipeline: LoadedPipeline
    cleaning: CleaningRules
    languages: LanguageSettings
    gazetteer: Gazetteer
    needs: dict[str, tuple[str, ...]] = field(default_factory=dict)

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
            needs=self.needs,
        )

    def analyse(self, sources: Iterable[SourceDocument], *, processes: int = 1) -> Iterator[DocumentRecord]:
        """Records for ``sources``, in order; bad documents become error records.

        One ``nlp.pipe`` call carries every document: those that need no analysis travel as an
        empty Doc with their finished record as context, so order is kept without restarting
        the worker processes.
        """
        def items() -> Iterator[tuple[Doc, tuple[SourceDocument, PreparedText | DocumentRecord]]]:
            for source, outcome in self.route(sources):
                if isinstance(outcome, DocumentRecord):
                    yield self.pipeline.nlp.make_doc(""), (source, outcome)
                else:
                    reference = source.published or self.settings.reference_date
                    yield self.make_doc(outcome.text, reference_date=reference), (source, outcome)

        batch_size = self.settings.model.batch_size
        for doc, (source, outcome) in self.pipeline.nlp.pipe(items(), as_tuples=True, n_process=processes, batch_size=batch_size):
            if isinstance(outcome, DocumentRecord):
                yield outcome
                continue
            try:
                yield self.record(doc, source=source, prepared=outcome)
            except Exception as error:  # a record that fails validation is reported, not lost
                yield error_record(source, error=f"analysis failed: {error}", model=self.pipeline.info)

    def route(self, sources: Iterable[SourceDocument]) -> Iterator[tuple[SourceDocument, PreparedText | DocumentRecord]]:
        """Decide per document: an error record, a record without analysis, or text to parse."""
        for source in sources:
            if source.error is not None:
                yield source, error_record(source, error=source.error, model=self.pipeline.info)
                continue
            try:
                prepared = self.prepare(source)
            except Exception as error:  # one bad document must not stop the batch
                yield source, error_record(source, error=f"cleaning failed: {error}", model=self.pipeline.info)
                continue
            if not prepared.text.strip() or prepared.language not in self.languages.keep:
                yield source, self.record(None, source=source, prepared=prepared)
            else:
                yield source, prepared


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
    progress: Callable[[DocumentRecord], None] | None = None,
) -> RunReport:
    """Analyse every document under ``inputs`` and write the result files into ``out_dir``.

    Documents already written by an earlier run with the same settings are skipped unless
    ``force``; the final files are rebuilt from all parts, in input order. With
    ``dask_scheduler`` the analysis runs on Dask (see ``cluster``), with the same files as a result.
    """
    started = time.perf_counter()
    analyzer = Analyzer.load(settings)
    info = analyzer.pipeline.info
    writer = ChunkWriter(
        out_dir,
        fingerprint=fingerprint_of(settings.model_dump_json(), info.model_dump_json()),
        force=force,
    )
    order: list[RecordKey] = []

    def not_done(sources: Iterable[SourceDocument]) -> Iterator[SourceDocument]:
        for source in sources:
            key = (source.doc_id, source.source)
            order.append(key)
            if key not in writer.done:
                yield source

    sources = not_done(read_documents(inputs, max_bytes=settings.input.max_bytes))
    if dask_scheduler is None:
        records = analyzer.analyse(sources, processes=processes)
    else:
        from .cluster import analyse_on_dask  # Dask is an optional extra

        records = analyse_on_dask(sources, settings=settings, scheduler=dask_scheduler)
    for record in records:
        writer.add(record, chunk_size=settings.output.chunk_size)
        if progress is not None:
            progress(record)
    writer.flush()
    seconds = time.perf_counter() - started
    summary = write_results(
        out_dir,
        order=order,
        report={
            "model": info.model_dump(),
            "seconds": round(seconds, 2),
            "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
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
