"""One settings object, built once from ``configs/pipeline.toml`` plus the user's overrides.

Relative paths in the settings are resolved against the project root (the folder holding
``configs/``), so the CLI works from any working directory.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = PROJECT_ROOT / "configs" / "pipeline.toml"


class SettingsError(ValueError):
    """A settings file that cannot be read or does not validate."""


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelSettings(Section):
    name: str
    fallback: Path
    batch_size: int = Field(gt=0)
    # the longest text analysed as one Doc; longer texts are analysed in windows (pipeline.windows)
    window_chars: int = Field(gt=0)


class InputSettings(Section):
    max_bytes: int = Field(gt=0)
    # follow symbolic links that lead out of an input folder
    follow_links: bool = False


class CleaningSettings(Section):
    rules: Path


class LanguageSection(Section):
    keep: tuple[str, ...]
    min_chars: int = Field(ge=0)
    threshold: float = Field(ge=0.0, le=1.0)


class TimesSettings(Section):
    lexicon: Path


class EventsSettings(Section):
    rules: Path
    gazetteer: Path
    # where arguments come from: "auto" (the parse when the model's parse is trusted), "parse", "shallow"
    syntax: Literal["auto", "parse", "shallow"] = "auto"


class EntitiesSettings(Section):
    kb: Path        # the knowledge base (configs/kb/entities.jsonl)
    titles: Path    # titles and role nouns left out of person names


class GraphSettings(Section):
    # IRIs of documents, events, entities and runs start with this (end it with / or #)
    base_iri: str = Field(pattern=r"^https?://\S+[/#]$")
    ontology: Path  # the ne: vocabulary (Turtle), loaded into every store beside the runs
    same_event_threshold: float = Field(ge=0.0, le=1.0)  # score from which two articles' events are one (ne:sameEventAs)


class OutputSettings(Section):
    chunk_size: int = Field(gt=0)


class DaskSettings(Section):
    # documents per Dask task, and tasks sent to the cluster at a time (bounds the memory of a run)
    partition_size: int = Field(gt=0)
    partitions_in_flight: int = Field(gt=0)


class Settings(Section):
    """Everything a run needs to know, validated; pass it explicitly, never mutate it."""

    model: ModelSettings
    input: InputSettings
    cleaning: CleaningSettings
    language: LanguageSection
    times: TimesSettings
    events: EventsSettings
    entities: EntitiesSettings
    graph: GraphSettings
    output: OutputSettings
    dask: DaskSettings
    reference_date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")

    @field_validator("reference_date")
    @classmethod
    def check_calendar_date(cls, value: str | None) -> str | None:
        if value is not None:
            dt.date.fromisoformat(value)  # "2024-13-45" has the shape but is no date
        return value


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings from the defaults, an optional user TOML file and keyword overrides.

    ``overrides`` use dotted section names: ``load_settings(**{"model.name": "de_core_news_sm"})``.
    """
    data = read_toml(DEFAULT_CONFIG)
    if config is not None:
        data = merge_tables(data, read_toml(config))
    for dotted, value in overrides.items():
        if value is None:
            continue
        *sections, key = dotted.split(".")
        table = data
        for section in sections:
            table = table.setdefault(section, {})
        table[key] = value
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        raise SettingsError(f"invalid settings: {error}") from error
    return resolve_paths(settings)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with Path(path).open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"cannot read settings file {path}: {error}") from error


def merge_tables(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge ``override`` over ``base``: tables merge key by key, other values replace."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_tables(merged[key], value)
        else:
            merged[key] = value
    return merged


def resolve_paths(settings: Settings) -> Settings:
    """Make every relative path of the settings relative to the project root."""
    def resolve(path: Path) -> Path:
        return path if path.is_absolute() else PROJECT_ROOT / path

    resolved = settings.model_copy(
        update={
            "model": settings.model.model_copy(update={"fallback": resolve(settings.model.fallback)}),
            "cleaning": CleaningSettings(rules=resolve(settings.cleaning.rules)),
            "times": TimesSettings(lexicon=resolve(settings.times.lexicon)),
            "events": settings.events.model_copy(update={"rules": resolve(settings.events.rules),
                                                          "gazetteer": resolve(settings.events.gazetteer)}),
            "entities": EntitiesSettings(kb=resolve(settings.entities.kb), titles=resolve(settings.entities.titles)),
            "graph": settings.graph.model_copy(update={"ontology": resolve(settings.graph.ontology)}),
        }
    )
    for name, path in data_files(resolved).items():
        if not path.is_file():
            raise SettingsError(f"settings {name}: file not found: {path}")
    return resolved


def data_files(settings: Settings) -> dict[str, Path]:
    """The rule, lexicon and knowledge-base files a run reads, by setting name."""
    return {
        "cleaning.rules": settings.cleaning.rules,
        "times.lexicon": settings.times.lexicon,
        "events.rules": settings.events.rules,
        "events.gazetteer": settings.events.gazetteer,
        "entities.kb": settings.entities.kb,
        "entities.titles": settings.entities.titles,
        "graph.ontology": settings.graph.ontology,
    }


def data_hashes(settings: Settings) -> dict[str, str]:
    """SHA-256 of each data file: two runs with the same paths but edited rules differ here."""
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in data_files(settings).items()}
