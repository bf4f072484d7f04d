"""Run `spacy train` through its Python API with a wall-clock budget per run."""
from __future__ import annotations

import time
from pathlib import Path

import spacy
from spacy.cli.train import train as run_spacy_train

import pipeline.training.augment  # noqa: F401  (registers the name-substitution augmenter)

# Directory of the training configs, relative to the repository root.
CONFIG_DIR = Path(__file__).resolve().parents[2] / "configs" / "training"


class TimeBudgetReached(RuntimeError):
    """Raised from the before_update callback when a run has used its minutes; model-best is kept."""


@spacy.registry.callbacks("newsevents.stop_after_minutes.v1")
def create_time_budget(minutes: float):
    """Return a before_update callback that stops training after `minutes` of wall-clock time."""
    deadline = time.monotonic() + minutes * 60

    def stop_when_out_of_time(nlp, args):
        if time.monotonic() > deadline:
            raise TimeBudgetReached(f"time budget of {minutes} minutes reached at step {args['step']}")

    return stop_when_out_of_time


def train_pipeline(*, config_name: str, work_dir: Path, corpus_prefix: str, minutes: float,
                   paths: dict[str, str] | None = None, static_vectors: bool = False) -> Path:
    """Train one pipeline from configs/training/<config_name>.cfg and return its model-best path.

    `paths` fills further [paths] variables of the config (names, vectors, and ner_model for the
    joint run); `static_vectors` lets the config's own tok2vec read the vectors of paths.vectors.
    """
    output = work_dir / f"{config_name}_model"
    overrides = {
        "paths.train": str(work_dir / f"{corpus_prefix}_train.spacy"),
        "paths.dev": str(work_dir / f"{corpus_prefix}_dev.spacy"),
        "training.before_update.minutes": minutes,
    } | {f"paths.{name}": value for name, value in (paths or {}).items()}
    if static_vectors:
        overrides["components.tok2vec.model.embed.include_static_vectors"] = True
    started = time.monotonic()
    try:
        run_spacy_train(CONFIG_DIR / f"{config_name}.cfg", output, use_gpu=-1, overrides=overrides)
    except TimeBudgetReached as stopped:
        print(f"[train] {config_name}: {stopped}")
    (output / "training_seconds.txt").write_text(f"{time.monotonic() - started:.0f}\n")
    return output / "model-best"
