"""Loading the German spaCy pipeline: the configured model, else the bundled one, else blank.

This is where the project's own components (the temporal tagger and the event extractor)
are added, so every caller gets the same pipeline.
"""
from __future__ import annotations

import logging
from pathlib import Path
from dataclasses import dataclass

import spacy
from spacy.language import Language

from . import __version__
from .schema import ModelInfo
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedPipeline:
    nlp: Language
    info: ModelInfo


def load_pipeline(settings: Settings) -> LoadedPipeline:
    """Load the configured model (falling back as the settings say) with our components added."""
    nlp, fallback = load_base_model(settings)
    add_project_components(nlp, settings)
    info = ModelInfo(
        name=model_name(nlp),
        version=nlp.meta.get("version", "0.0.0"),
        pipeline_version=__version__,
        components=list(nlp.pipe_names),
        fallback=fallback,
    )
    return LoadedPipeline(nlp=nlp, info=info)


def load_base_model(settings: Settings) -> tuple[Language, bool]:
    """The spaCy model alone; the flag says whether a fallback replaced the configured one."""
    from .encoder import component  # noqa: F401  (registers newsevents_encoder of the encoder tier)

    name = settings.model.name
    if model_exists(name):
        return spacy.load(name), False
    if (settings.model.fallback / "config.cfg").is_file():
        log.warning("model %s is not installed; using the bundled model %s", name, settings.model.fallback)
        return spacy.load(settings.model.fallback), True
    log.warning(
        "neither %s nor the bundled model %s is available; using a blank German pipeline "
        "with a sentencizer (no tags, no entities)", name, settings.model.fallback,
    )
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.meta["name"] = "blank_sentencizer"
    return nlp, True


def model_exists(name: str) -> bool:
    """Whether ``name`` is an installed spaCy package or a pipeline folder."""
    return spacy.util.is_package(name) or Path(name).is_dir()


def model_name(nlp: Language) -> str:
    """The package-style name spaCy gives a pipeline: ``de_core_news_lg``, ``de_newsevents``."""
    name = nlp.meta.get("name", "unknown")
    return name if name.startswith(f"{nlp.lang}_") else f"{nlp.lang}_{name}"


def add_project_components(nlp: Language, settings: Settings) -> None:
    """Add the temporal tagger and the event extractor after the model's own components."""
    from . import events, times  # noqa: F401  (registers the factories)

    nlp.add_pipe("newsevents_times", config={"lexicon_path": str(settings.times.lexicon)})
    nlp.add_pipe("newsevents_events", config={"rules_path": str(settings.events.rules),
                                              "syntax": settings.events.syntax})
