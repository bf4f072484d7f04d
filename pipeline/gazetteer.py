"""Countries and their demonym adjectives, read from ``configs/gazetteer/countries.toml``.

Used to resolve "chinesischen Staatschef" to China and to give country clusters their
ISO 3166 code. The file is generated from pycountry's German names plus hand-written facts
(``python -m pipeline.training gazetteer``).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

# Inflection endings of an attributive adjective: "chinesisch" → "chinesische", "-en", ...
ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")
# German genitive of a country name: "Chinas", "Russlands".
GENITIVE_ENDINGS = ("", "s")


@dataclass(frozen=True)
class Country:
    name: str
    iso: str


@dataclass(frozen=True)
class Gazetteer:
    """Lookups by lower-cased name and by adjective form."""

    by_name: dict[str, Country]
    by_adjective: dict[str, Country]

    def country_of_name(self, text: str) -> Country | None:
        """The country a name refers to: "China", "Chinas", "Volksrepublik China"."""
        lower = text.lower().strip()
        for ending in GENITIVE_ENDINGS:
            if ending and not lower.endswith(ending):
                continue
            country = self.by_name.get(lower[: len(lower) - len(ending)] if ending else lower)
            if country is not None:
                return country
        return None

    def country_of_adjective(self, text: str) -> Country | None:
        """The country a demonym adjective names: "chinesischen" → China."""
        return self.by_adjective.get(text.lower().strip())


def load_gazetteer(path: Path) -> Gazetteer:
    """Read the countries file; each country under its names and each adjective's forms."""
    with Path(path).open("rb") as handle:
        entries = tomllib.load(handle).get("country", [])
    by_name: dict[str, Country] = {}
    by_adjective: dict[str, Country] = {}
    for entry in entries:
        country = Country(name=entry["name"], iso=entry["iso"])
        for name in (entry["name"], entry.get("iso_name"), entry.get("official_name"), *entry.get("aliases", [])):
            if name:
                by_name.setdefault(name.lower(), country)
        for stem in entry.get("adjectives", []):
            for ending in ADJECTIVE_ENDINGS:
                by_adjective.setdefault(stem.lower() + ending, country)
    return Gazetteer(by_name=by_name, by_adjective=by_adjective)
