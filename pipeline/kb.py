"""The bundled knowledge base: Wikidata and GeoNames ids for persons, organisations and places.

Read from ``configs/kb/entities.jsonl`` (built by ``python -m pipeline.training kb``; sources and
licenses in ``configs/kb/SOURCES.md``). A mention is looked up by its ``name_key``, so inflected
forms find their entry ("Europäischen Union", "Putins"). Where several entries share a spelling
the first in priority wins: curated persons and organisations, then cities by their main or
German name, then by one of the many other spellings GeoNames lists (the least sure).
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .names import is_title, name_key

# How sure a link is, by how the mention met the entry.
CONFIDENCE = {"name": 0.95, "alias": 0.9, "city": 0.85, "city-ambiguous": 0.7, "city-other-spelling": 0.6}
# Labels a mention may carry to link to an entry of each label: a model's PER, ORG and LOC are
# often confused for the names the KB knows ("Xi Jinping" as a place, "Kreml" as a place), but a
# city is linked only where the model saw a place (GeoNames spellings include common words).
LINKABLE_LABELS = {"PER": {"PER", "LOC", "ORG", "MISC"}, "ORG": {"ORG", "LOC", "MISC"}}


@dataclass(frozen=True)
class KBEntry:
    key: str                      # the corpus-wide key: "Q7747", "geonames:2761369", "iso3166:DE"
    kind: str                     # person, organisation, country, city
    label: str
    name: str
    ids: dict[str, str]
    country: str | None = None
    coordinates: tuple[float, float] | None = None
    population: int = 0
    roles: tuple[str, ...] = ()   # role nouns for a person ("Präsident"), with ``country``


@dataclass(frozen=True)
class Link:
    entry: KBEntry
    rule: str
    confidence: float


@dataclass
class KnowledgeBase:
    """Entries by name key, and countries by ISO 3166 code."""

    by_name: dict[tuple[str, ...], list[tuple[int, KBEntry, str]]] = field(default_factory=dict)
    by_iso: dict[str, KBEntry] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    title_endings: tuple[str, ...] = ()

    def add(self, entry: KBEntry, spelling: str, *, rank: int, rule: str) -> None:
        self.by_name.setdefault(name_key(spelling, label=entry.label), []).append((rank, entry, rule))

    def link(self, text: str, *, label: str) -> Link | None:
        """The entry a mention of ``label`` names, or None. Countries are not linked here (the
        gazetteer resolves them with their demonyms; see ``country``)."""
        keys = {name_key(text, label="PER"), name_key(text, label="LOC")}  # entries are keyed by their own label
        found = {(rank, entry.key, rule): (rank, entry, rule) for key in keys for rank, entry, rule in self.by_name.get(key, [])}
        candidates = sorted(found.values(), key=lambda item: (item[0], -item[1].population))
        for _, entry, rule in candidates:
            if entry.kind == "city":
                if label != "LOC":
                    continue
                if rule == "city" and sum(1 for _, other, r in candidates if other.kind == "city" and r == "city") > 1:
                    rule = "city-ambiguous"
            elif label not in LINKABLE_LABELS[entry.label]:
                continue
            return Link(entry, rule, CONFIDENCE[rule])
        return None

    def country(self, iso: str) -> KBEntry | None:
        return self.by_iso.get(iso)

    def is_title(self, word: str) -> bool:
        """A title or role noun of the lexicon ("Premier", "Kremlchef")."""
        return is_title(word, titles=self.titles, title_endings=self.title_endings)


def entry_key(ids: dict[str, str]) -> str:
    if "wikidata" in ids:
        return ids["wikidata"]
    scheme, value = next(iter(ids.items()))
    return f"{scheme}:{value}"


def load_kb(entities: Path, *, titles: Path) -> KnowledgeBase:
    """Read the KB file and the title lexicon."""
    with Path(titles).open("rb") as handle:
        lexicon = tomllib.load(handle)
    kb = KnowledgeBase(titles=frozenset(lexicon["titles"]), title_endings=tuple(lexicon["title_endings"]))
    with Path(entities).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            entry = KBEntry(key=entry_key(row["ids"]), kind=row["kind"], label=row["label"], name=row["name"],
                            ids=row["ids"], country=row.get("country"),
                            coordinates=tuple(row["coordinates"]) if "coordinates" in row else None,
                            population=row.get("population", 0), roles=tuple(row.get("roles", ())))
            if entry.kind == "country":
                kb.by_iso[entry.ids["iso3166"]] = entry
            elif entry.kind == "city":
                kb.add(entry, entry.name, rank=1, rule="city")
                for spelling in row.get("names", []):
                    kb.add(entry, spelling, rank=2, rule="city-other-spelling")
            else:
                kb.add(entry, entry.name, rank=0, rule="name")
                for spelling in row.get("names", []):
                    kb.add(entry, spelling, rank=0, rule="alias")
    return kb
