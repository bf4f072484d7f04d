"""Within-document entity clustering: "Wladimir Putin", "Putin" and "Putins" are one person.

Works on the named entities of a ``Doc`` and returns pydantic clusters; the event extractor's
arguments are linked to these clusters by character offsets.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from spacy.tokens import Doc, Span

from .events.syntax import trim_space
from .gazetteer import Gazetteer
from .schema import EntityCluster, Mention

# Labels of the bundled model and of de_core_news_lg; other models' labels map onto them.
LABEL_MAP = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}

# German genitive of names: "Putins", "Moskaus", "Chinas" (an -s added to the base form).
GENITIVE_SUFFIX = "s"


@dataclass
class _Cluster:
    label: str
    key: tuple[str, ...]
    mentions: list[Span] = field(default_factory=list)


def cluster_entities(doc: Doc, *, gazetteer: Gazetteer | None = None) -> list[EntityCluster]:
    """Group the entity mentions of ``doc`` into clusters, in order of first mention.

    A mention joins a cluster of the same label when its words (genitive -s removed) equal the
    cluster's, or, for persons, when they end it ("Putin" joins "Wladimir Putin"). Demonym
    adjectives tagged MISC ("chinesischen") join the country they name when the gazetteer
    knows it.
    """
    clusters: list[_Cluster] = []
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        ent = trim_space(ent)
        if label is None or ent.text.isspace():
            continue
        key = normalise_name(ent)
        country = country_of(ent, label=label, gazetteer=gazetteer)
        if country is not None:  # "China", "Chinas", "chinesischen" are one country
            label, key = "LOC", ("country", country.iso)
        cluster = find_cluster(clusters, label=label, key=key)
        if cluster is None:
            cluster = _Cluster(label=label, key=key)
            clusters.append(cluster)
        elif len(key) > len(cluster.key):
            cluster.key = key
        cluster.mentions.append(ent)
    return [to_record(index, cluster, gazetteer=gazetteer) for index, cluster in enumerate(clusters, 1)]


def country_of(ent: Span, *, label: str, gazetteer: Gazetteer | None):
    """The country a place name or a demonym adjective refers to, if the gazetteer knows it."""
    if gazetteer is None:
        return None
    if label == "MISC":
        return gazetteer.country_of_adjective(ent.text)
    if label in {"LOC", "ORG"}:
        return gazetteer.country_of_name(ent.text)
    return None


def normalise_name(span: Span) -> tuple[str, ...]:
    """The lower-cased words of a name, without a genitive -s on its last word."""
    words = [token.text.lower() for token in span if not token.is_punct]
    if words and looks_genitive(span):
        words[-1] = words[-1][: -len(GENITIVE_SUFFIX)]
    return tuple(words)


def looks_genitive(span: Span) -> bool:
    """A trailing -s is a genitive when the morphology says so or the base form occurs as a name."""
    last = span[-1]
    if not last.text.endswith(GENITIVE_SUFFIX) or len(last.text) <= 3:
        return False
    if "Case=Gen" in str(last.morph):
        return True
    base = last.text[: -len(GENITIVE_SUFFIX)]
    return any(ent.text == base or ent.text.endswith(" " + base) for ent in span.doc.ents)


def find_cluster(clusters: Iterable[_Cluster], *, label: str, key: tuple[str, ...]) -> _Cluster | None:
    for cluster in clusters:
        if cluster.label != label:
            continue
        if cluster.key == key or is_name_suffix(key, cluster.key, label) or is_name_suffix(cluster.key, key, label):
            return cluster
    return None


def is_name_suffix(short: tuple[str, ...], full: tuple[str, ...], label: str) -> bool:
    """A person's surname alone refers to the full name ("Putin" ~ "Wladimir Putin")."""
    return label == "PER" and 0 < len(short) < len(full) and full[-len(short):] == short


def to_record(index: int, cluster: _Cluster, *, gazetteer: Gazetteer | None) -> EntityCluster:
    fullest = max(cluster.mentions, key=lambda span: (len(normalise_name(span)), -span.start))
    name = fullest.text
    normalized = None
    if cluster.key[:1] == ("country",) and gazetteer is not None:
        country = gazetteer.country_of_iso(cluster.key[1])
        name, normalized = country.name, {"iso3166": country.iso}
    return EntityCluster(
        id=f"E{index}",
        label=cluster.label,
        name=name,
        mentions=[Mention(text=span.text, start=span.start_char, end=span.end_char) for span in cluster.mentions],
        normalized=normalized,
    )
