"""The ``newsevents`` command line: a thin layer over the library functions.

Each command validates its input, calls one library function and turns a known error into a
clean exit: 0 when everything succeeded, 1 when some documents failed, 2 for usage errors
(one line, no traceback), 3 when the tool itself failed (a bug: the message says where),
130/143 when SIGINT/SIGTERM stopped a run (what was finished is kept; a rerun resumes).
"""
from __future__ import annotations

import json
import logging
import os
import signal
import sys
import traceback
from pathlib import Path
from typing import NoReturn, Optional

import typer

from . import __version__
from .settings import PROJECT_ROOT, Settings, SettingsError, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_CRASH = 0, 1, 2, 3

ConfigOption = typer.Option(None, "--config", help="TOML file merged over configs/pipeline.toml.")
ModelOption = typer.Option(None, "--model", help="spaCy pipeline name or path (default: configs/pipeline.toml).")
DataOption = typer.Option(PROJECT_ROOT.parent / "shared" / "data", "--data", help="Folder with the corpora (default ../shared/data).")
DateOption = typer.Option(None, "--reference-date", help="YYYY-MM-DD: the published date of documents that carry none (relative dates are anchored to it).")


def settings_or_exit(config: Optional[Path], *, model: Optional[str] = None, reference_date: Optional[str] = None,
                     **overrides) -> Settings:
    """The settings, or a usage error; a model named on the command line must exist (the
    configured one may fall back to the bundled model)."""
    from .nlp import model_exists

    if model is not None and not model_exists(model):
        exit_with_usage_error(f"model not found: {model} (give an installed spaCy package or a pipeline folder)")
    try:
        return load_settings(config, **{"model.name": model, "reference_date": reference_date, **overrides})
    except SettingsError as error:
        exit_with_usage_error(str(error))


def exit_with_usage_error(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def check_format(name: str, formats) -> str:
    """``name`` if it is one of ``formats``, else a usage error that lists them."""
    if name not in formats:
        exit_with_usage_error(f"unknown format {name!r}: use {', '.join(formats)}")
    return name


@app.command()
def run(
    inputs: list[str] = typer.Argument(..., help="Files, folders (read recursively) or - for stdin."),
    out: Path = typer.Option(Path("outputs"), "--out", help="Output folder."),
    processes: int = typer.Option(1, "--processes", min=1, help="Worker processes for spaCy (nlp.pipe n_process)."),
    dask: Optional[str] = typer.Option(
        None, "--dask", metavar="SCHEDULER",
        help='Analyse on Dask: "processes" (this machine), "synchronous", or a scheduler address such as tcp://10.0.0.5:8786.',
    ),
    force: bool = typer.Option(False, "--force", help="Redo documents an earlier run already wrote."),
    follow_links: bool = typer.Option(False, "--follow-links", help="Follow symbolic links that lead out of an input folder."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar (the summary line is still printed)."),
    config: Optional[Path] = ConfigOption,
    model: Optional[str] = ModelOption,
    reference_date: Optional[str] = DateOption,
) -> None:
    """Analyse articles and write documents.jsonl, events.jsonl, entities.jsonl and report.json.

    On a terminal a progress bar shows documents done of the total, documents per second and the
    time left (a spinner when the total is unknown, as for stdin).

    Example: newsevents run seeds/ --out outputs/
    On Dask: newsevents run corpus/ --out outputs/ --dask tcp://10.0.0.5:8786
    """
    from .batch import run_batch
    from .cleaning_rules import CleaningRulesError
    from .cluster import ClusterError, check_scheduler
    from .events import RulesError
    from .output import OutputError
    from .stopping import Interrupted, stop_on_signals

    for item in inputs:
        if item != "-" and not Path(item).exists():
            exit_with_usage_error(f"input not found: {item}")
    if dask is not None:
        try:
            check_scheduler(dask)
        except ClusterError as error:
            exit_with_usage_error(str(error))
    settings = settings_or_exit(config, model=model, reference_date=reference_date,
                                **{"input.follow_links": follow_links or None})
    progress, finish = (None, lambda: None) if quiet else progress_bar(inputs, settings=settings)
    try:
        with stop_on_signals():
            report = run_batch(
                inputs, settings=settings, out_dir=out, force=force, processes=processes, dask_scheduler=dask, progress=progress
            )
    except (OutputError, RulesError, CleaningRulesError, ClusterError) as error:
        exit_with_usage_error(str(error))
    except Interrupted as stop:
        finish()
        typer.echo(f"stopped by {signal.Signals(stop.signum).name}: the documents finished so far are kept "
                   f"in {out}/parts; run the same command again to resume", err=True)
        sys.stderr.flush()
        # Not sys.exit: at exit, the queues of spaCy's stopped worker processes would wait forever
        # for readers that are gone. The records and the lock are already released.
        os._exit(128 + stop.signum)
    finally:
        finish()
    failed = report.by_status.get("error", 0)
    typer.echo(
        f"{report.documents} documents ({failed} failed), {report.events} events, "
        f"model {report.model}, {report.seconds:.1f} s → {out}/documents.jsonl"
    )
    if failed:
        typer.echo(f"{failed} documents failed: see their errors in {out}/documents.jsonl", err=True)
        raise typer.Exit(EXIT_SOME_FAILED)


def progress_bar(inputs: list[str], *, settings: Settings):
    """A progress bar on stderr when it is a terminal (nothing when it is piped): done/total,
    documents per second and time left when the inputs can be counted, else a spinner."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)

    from .ingest import count_documents

    total = count_documents(inputs, max_bytes=settings.input.max_bytes, follow_links=settings.input.follow_links)
    rate = TextColumn("{task.fields[rate]}")
    if total is None:
        columns = (SpinnerColumn(), TextColumn("{task.completed} documents"), rate, TimeElapsedColumn())
    else:
        columns = (BarColumn(), MofNCompleteColumn(), TaskProgressColumn(), rate, TimeElapsedColumn(),
                   TextColumn("ETA"), TimeRemainingColumn())
    bar = Progress(*columns, transient=True)
    task = bar.add_task("run", total=total, rate="")
    bar.start()

    def advance(record) -> None:
        speed = bar.tasks[0].speed
        bar.update(task, advance=1, rate=f"{speed:.1f} docs/s" if speed else "")

    return advance, bar.stop


@app.command()
def extract(
    text: Optional[str] = typer.Argument(None, help="The text; read from stdin when omitted."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD."),
    config: Optional[Path] = ConfigOption,
    model: Optional[str] = ModelOption,
) -> None:
    """Analyse one text and print its document record as JSON.

    Example: newsevents extract "Putin plant Besuch in China am 15. Mai" --published 2024-05-10
    """
    from .batch import analyse_text

    settings = settings_or_exit(config, model=model, reference_date=published)
    text = text if text is not None else sys.stdin.read()
    if not text.strip():
        exit_with_usage_error("no text given")
    record = analyse_text(text, settings=settings, published=published)
    typer.echo(record.model_dump_json(indent=2))


@app.command()
def explain(
    sentence: str = typer.Argument(..., help="A German sentence."),
    config: Optional[Path] = ConfigOption,
    model: Optional[str] = ModelOption,
    reference_date: Optional[str] = DateOption,
) -> None:
    """Show which tokens matched which rule and why each argument was assigned.

    Example: newsevents explain "Im März gratulierte Xi Putin am Telefon zu seinem Sieg."
    """
    from .nlp import load_pipeline

    settings = settings_or_exit(config, model=model, reference_date=reference_date)
    nlp = load_pipeline(settings).nlp
    doc = nlp.make_doc(sentence)
    doc._.reference_date = settings.reference_date
    doc = nlp(doc)
    typer.echo("tokens: " + "  ".join(f"{t.text}/{t.tag_ or t.pos_}/{t.dep_ or '-'}/{t.ent_type_ or '-'}" for t in doc))
    typer.echo("times: " + ", ".join(f"{s.text!r}={s._.timex.value if s._.timex else None}" for s in doc.spans.get("times", [])))
    if not doc._.events:
        typer.echo("no event")
    for event in doc._.events:
        typer.echo(f"\n{event['type']} ({event['rule']}, confidence {event['confidence']})")
        for line in event["explanation"]:
            typer.echo(f"  - {line}")


def data_or_exit(data: Path) -> Path:
    if not data.is_dir():
        exit_with_usage_error(f"corpus folder not found: {data}")
    return data


@app.command("evaluate-events")
def evaluate_events(
    gold: Optional[Path] = typer.Argument(None, help="Gold JSONL ({id, text or source, date, events}); default eval/events-dev.jsonl."),
    dfki: bool = typer.Option(False, "--dfki", help="Also score against the DFKI SmartData (v3 dev) and MobIE (dev) relations."),
    data: Path = DataOption,
    config: Optional[Path] = ConfigOption,
    model: Optional[str] = ModelOption,
    plots: Optional[Path] = typer.Option(None, "--plots", help="Folder for PNG bar charts of P/R/F1 per event type and per role (needs the plots extra)."),
) -> None:
    """Score the events the pipeline finds against gold sentences: P/R/F1 by type and role.

    Example: newsevents evaluate-events eval/events-dev.jsonl --dfki --plots outputs/plots
    """
    from .batch import Analyzer
    from .evaluation.events import format_event_report, score_events
    from .evaluation.plots import plot_event_scores
    from .evaluation.gold import DFKI_EVENT_TYPES, GoldTextError, read_dfki_gold, read_gold
    from .evaluation.predict import predict_sentences, restrict_types

    settings = settings_or_exit(config, model=model)
    gold = gold or PROJECT_ROOT / "eval" / "events-dev.jsonl"
    try:
        sets = {str(gold): read_gold(gold, data_dir=data if data.is_dir() else None)}
    except (OSError, GoldTextError, ValueError) as error:
        exit_with_usage_error(str(error))
    types = {name: None for name in sets}
    if dfki:
        data_or_exit(data)
        for name, corpus in (("DFKI SmartData v3 dev", "smartdata"), ("DFKI MobIE dev", "mobie")):
            sets[name] = read_dfki_gold(data_dir=data, corpus=corpus)
            types[name] = set(DFKI_EVENT_TYPES.values())
    analyzer = Analyzer.load(settings)
    typer.echo(f"model: {analyzer.pipeline.info.name} {analyzer.pipeline.info.version}")
    for name, sentences in sets.items():
        predicted = predict_sentences(sentences, analyzer=analyzer)
        if types[name] is not None:
            predicted = restrict_types(predicted, types[name])
        scores = score_events(predicted, sentences)
        restricted = f", only the types it annotates: {', '.join(sorted(types[name]))}" if types[name] else ""
        typer.echo(f"\n== {name} ({len(sentences)} sentences{restricted})\n{format_event_report(scores)}")
        if plots is not None:
            for path in plot_event_scores(scores, name=name, folder=plots):
                typer.echo(f"plot → {path}")


@app.command("evaluate-ner")
def evaluate_ner_command(
    model: Path = typer.Option(PROJECT_ROOT / "models" / "de_newsevents", "--model", help="spaCy pipeline directory."),
    data: Path = DataOption,
) -> None:
    """Print NER P/R/F1 on the held-out GermEval slice, the GermEval dev set and unseen news.

    Example: newsevents evaluate-ner --model models/de_newsevents
    """
    from .evaluation.ner import evaluate_ner, format_ner_report

    typer.echo(format_ner_report(evaluate_ner(model, data_dir=data_or_exit(data))))


@app.command("evaluate-dates")
def evaluate_dates_command(data: Path = DataOption) -> None:
    """Score the temporal tagger on KRAUTS and WikiWarsDE beside HeidelTime (TempEval-3 measures).

    Example: newsevents evaluate-dates
    """
    from .evaluation.dates import evaluate_dates, format_dates_report

    typer.echo(format_dates_report(evaluate_dates(data_dir=data_or_exit(data))))


@app.command()
def train(
    data: Path = DataOption,
    out: Path = typer.Option(PROJECT_ROOT / "models" / "de_newsevents", "--out", help="Where the model is written."),
    work_dir: Path = typer.Option(PROJECT_ROOT / "training", "--work-dir", help="Git-ignored folder for DocBins and checkpoints."),
) -> None:
    """Rebuild the bundled German model from the corpora (about an hour on 2 cores).

    Example: newsevents train --data ../shared/data --out models/de_newsevents
    """
    from .evaluation.ner import format_ner_report
    from .training.build import build_model

    scores = build_model(data_dir=data_or_exit(data), output=out, work_dir=work_dir)
    typer.echo(format_ner_report(scores))


@app.command("export-rdf")
def export_rdf_command(
    out: Path = typer.Argument(Path("outputs"), help="The output folder of a run."),
    rdf_format: str = typer.Option("turtle", "--format", help="turtle, nt, xml, jsonld, nquads or trig."),
    config: Optional[Path] = ConfigOption,
) -> None:
    """Write the documents, events and entities of one run as RDF (OUT/graph.<format>).

    Triple formats leave out the run's graph name; nquads and trig keep it. To query many runs
    together, load them into a store with `newsevents graph load`.

    Example: newsevents export-rdf outputs/ --format turtle
    """
    from .store import RUN_FORMATS, StoreError, export_run

    check_format(rdf_format, RUN_FORMATS)
    target = out / f"graph.{ {'turtle': 'ttl', 'xml': 'rdf'}.get(rdf_format, rdf_format)}"
    try:
        statements = export_run(out, target, fmt=rdf_format, settings=settings_or_exit(config))
    except StoreError as error:
        exit_with_usage_error(str(error))
    typer.echo(f"{statements} statements → {target}")


graph_app = typer.Typer(no_args_is_help=True, help="The knowledge graph: load runs into an embedded SPARQL store (Oxigraph), query it, export it.")
app.add_typer(graph_app, name="graph")
StoreOption = typer.Option(Path("outputs/store"), "--store", help="Folder of the Oxigraph store.")


@graph_app.command("load")
def graph_load(
    outs: list[Path] = typer.Argument(..., help="Output folders of finished runs."),
    store: Path = StoreOption,
    config: Optional[Path] = ConfigOption,
) -> None:
    """Load runs into the store, each into its own named graph (loading a run again changes nothing).

    Example: newsevents graph load outputs/ --store outputs/store
    """
    from .store import StoreError, load_runs

    try:
        for run in load_runs(outs, store_dir=store, settings=settings_or_exit(config)):
            typer.echo(f"{run.documents} documents, {run.quads} quads → graph <{run.graph}>"
                       + (" (already loaded, unchanged)" if run.unchanged else ""))
    except StoreError as error:
        exit_with_usage_error(str(error))


@graph_app.command("query")
def graph_query(
    sparql: str = typer.Argument(..., help="A SPARQL SELECT or ASK; the prefixes ne, rdf, rdfs, owl, xsd, prov, schema, wd, nif are predeclared."),
    store: Path = StoreOption,
    output_format: str = typer.Option("table", "--format", help="table (tab-separated with a header) or json (SPARQL 1.1 results JSON)."),
) -> None:
    """Answer a SPARQL query over all loaded runs.

    Example: newsevents graph query "SELECT ?name WHERE { ?e a ne:VISIT ; ne:agent ?p . ?p rdfs:label ?name }" --store outputs/store
    """
    from .store import StoreError, query

    check_format(output_format, ("table", "json"))
    try:
        answer = query(sparql, store_dir=store)
    except StoreError as error:
        exit_with_usage_error(str(error))
    if output_format == "json":
        typer.echo(json.dumps(answer.sparql_json(), ensure_ascii=False, indent=1))
        return
    typer.echo("\t".join(answer.names or ["ask"]))
    for row in answer.table():
        typer.echo("\t".join(row))


@graph_app.command("neo4j")
def graph_neo4j(
    out: Path = typer.Argument(Path("outputs"), help="The output folder of a run."),
    csv_dir: Path = typer.Option(Path("outputs/neo4j"), "--csv", help="Folder for the CSV files."),
    config: Optional[Path] = ConfigOption,
) -> None:
    """Write a run as CSV files for Neo4j's bulk importer (documents, entities, events and their
    relationships; the import command is printed).

    Example: newsevents graph neo4j outputs/ --csv outputs/neo4j
    """
    from .neo4j import NODE_FILES, RELATIONSHIP_FILES, write_neo4j_csv
    from .store import StoreError

    try:
        counts = write_neo4j_csv(out, csv_dir, base=settings_or_exit(config).graph.base_iri)
    except StoreError as error:
        exit_with_usage_error(str(error))
    typer.echo(", ".join(f"{name} {rows}" for name, rows in counts.items()))
    typer.echo("neo4j-admin database import full " + " ".join(f"--nodes={csv_dir / name}" for name in NODE_FILES)
               + " " + " ".join(f"--relationships={csv_dir / name}" for name in RELATIONSHIP_FILES) + " neo4j")


@graph_app.command("export")
def graph_export(
    output: Path = typer.Argument(..., help="File to write."),
    store: Path = StoreOption,
    rdf_format: str = typer.Option("nquads", "--format", help="nquads, trig or jsonld."),
) -> None:
    """Write every quad of the store, for loading into another RDF database.

    Example: newsevents graph export graph.nq --store outputs/store
    """
    from .store import EXPORT_FORMATS, export_store

    check_format(rdf_format, EXPORT_FORMATS)
    if not store.is_dir():
        exit_with_usage_error(f"no store at {store}")
    export_store(store, output, fmt=rdf_format)
    typer.echo(f"→ {output}")


@app.command()
def view(
    out: Path = typer.Argument(Path("outputs"), help="The output folder of a run (holds documents.jsonl)."),
    html: Path = typer.Option(None, "--html", help="Folder for the report (default OUT/view)."),
) -> None:
    """Write a static HTML report of a run: an overview with a timeline, one page per document.

    Opens from disk, without a server or network. Example:
    newsevents view outputs/ --html outputs/view && xdg-open outputs/view/index.html
    """
    from .output import DOCUMENTS_FILE
    from .view import write_view

    if not (out / DOCUMENTS_FILE).is_file():
        exit_with_usage_error(f"{out / DOCUMENTS_FILE} not found; run `newsevents run` first")
    summary = write_view(out, html or out / "view")
    typer.echo(f"{summary.documents} documents → {summary.index}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the document record (configured event types as an enum).

    Example: newsevents schema > pipeline/schemas/document-v1.json
    """
    from .events import load_rules
    from .schema import document_json_schema

    settings = settings_or_exit(None)
    types = list(load_rules(settings.events.rules).types)
    typer.echo(json.dumps(document_json_schema(event_types=types), indent=2, ensure_ascii=False))


@app.command()
def version() -> None:
    """Print the version of newsevents and of spaCy.

    Example: newsevents version
    """
    import spacy

    typer.echo(f"newsevents {__version__} (spaCy {spacy.__version__})")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except Exception as error:  # a failure of the tool itself, not of an input: say where, exit 3
        where = traceback.extract_tb(error.__traceback__)[-1]
        typer.echo(f"internal error: {type(error).__name__}: {error} (at {where.filename}:{where.lineno}); "
                   "please report it with the command you ran", err=True)
        sys.exit(EXIT_CRASH)


if __name__ == "__main__":
    main()
