"""Entity identity: the mentions of one entity in a document become one cluster with a key that
is the same in every document ("Wladimir Putin", "Putin" and "Putins" are Q7747).

Works on the named entities of a ``Doc`` and returns pydantic clusters; the event extractor's
arguments are linked to these clusters by character offsets. Each mention is trimmed of titles
("Kremlchef Putin" → "Putin"), reduced to its ``name_key`` and linked to the knowledge base where
it can be; then mentions join a cluster by KB entry, by equal keys, or as a part of a person's
fuller name.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .events.syntax import trim_space
from .gazetteer import Country, Gazetteer
from .kb import KBEntry, KnowledgeBase, Link
from .names import is_name_suffix, name_key, role_stem
from .schema import EntityCluster, EntityLink, Mention

# Labels of the bundled model and of de_core_news_lg; other models' labels map onto them.
LABEL_MAP = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}
# A common noun at the start of a person's span is a role, not a name ("Auslandsreise Putins",
# "Staatschef Xi"): the name proper is the proper nouns after it. STTS NN (a model with a tagger
# only, as the fast tier) or universal NOUN.
ROLE_NOUN_TAGS = {"NN"}
ROLE_NOUN_POS = {"NOUN"}
# How sure the links that do not come from the KB's names are.
COUNTRY_CONFIDENCE = {"country": 0.95, "demonym": 0.85}
PARTIAL_NAME_CONFIDENCE = 0.75
# Inhabitant nouns are a place name + -er: "Wiener", "Londoner", "Salzburger".
INHABITANT_SUFFIX = "er"


@dataclass
class _Cluster:
    label: str
    keys: list[tuple[str, ...]]
    mentions: list[Span] = field(default_factory=list)
    link: Link | None = None


def cluster_entities(doc: Doc, *, gazetteer: Gazetteer | None = None, kb: KnowledgeBase | None = None) -> list[EntityCluster]:
    """Group the entity mentions of ``doc`` into clusters, in order of first mention.

    A mention joins a cluster that is linked to the same KB entry or country, that has a
    mention with the same name key, or, for persons, whose name ends with it ("Putin" joins
    "Wladimir Putin") or has it as its only other word ("Jinping" joins "Xi Jinping").
    """
    clusters: list[_Cluster] = []
    roles: list[Span] = []
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        ent = trim_space(ent)
        if label is None or ent.text.isspace():
            continue
        if kb is not None:
            ent = strip_titles(ent, kb=kb, label=label)
            if label != "PER" and len(ent) > 1 and kb.is_title(ent[-1].text):
                roles.append(ent)  # "Russlands Präsident" tagged as a place: the role joins a person below,
                ent = ent[:-1]     # the country part stays a mention of the country
        link = country_link(ent, label=label, gazetteer=gazetteer, kb=kb) or (kb.link(ent.text, label=label) if kb else None)
        if link is not None:
            label = link.entry.label
        key = name_key(ent.text, label=label)
        cluster = find_cluster(clusters, label=label, key=key, link=link)
        if cluster is None:
            cluster = _Cluster(label=label, keys=[], link=link)
            clusters.append(cluster)
        elif cluster.link is None and link is not None:
            cluster.link = link
        cluster.keys.append(key)
        cluster.mentions.append(ent)
    if kb is not None:
        add_role_mentions(doc, clusters, kb=kb, gazetteer=gazetteer, tagged=roles)
    return [to_record(index, cluster, shared=cluster.link is not None or is_shareable(cluster, kb=kb, gazetteer=gazetteer))
            for index, cluster in enumerate(clusters, 1)]


def is_shareable(cluster: _Cluster, *, kb: KnowledgeBase | None, gazetteer: Gazetteer | None) -> bool:
    """Whether an entity the KB does not know may be one node with its namesakes in other documents.
    Not a lower-case word (an adjective or common noun the model took for a name: "ähnlicher") unless
    an organisation, and
    not an inhabitant noun ("Wiener", "Londoner", "Luxemburger": people or teams of a place, which
    differ from article to article)."""
    name = canonical_name(cluster)
    if not name[:1].isupper() and cluster.label != "ORG":  # agencies may be written in lower case: "dpa", "apa"
        return False
    fullest = max(cluster.keys, key=len)
    if len(fullest) == 1 and fullest[0].endswith(INHABITANT_SUFFIX):
        place = name[: -len(INHABITANT_SUFFIX)]
        if (gazetteer is not None and gazetteer.country_of_name(place)) or (kb is not None and kb.link(place, label="LOC")):
            return False
    return True


def add_role_mentions(doc: Doc, clusters: list[_Cluster], *, kb: KnowledgeBase, gazetteer: Gazetteer | None,
                      tagged: list[Span]) -> None:
    """A role noun with a country names a person of the text: "Russlands Präsident", "der russische
    Präsident" is Putin where the text calls him so ("Russlands Präsident Wladimir Putin") or names
    him and the KB knows him in that role. Such phrases join the person's cluster; a role that two
    persons of the text hold joins none. ``tagged``: role phrases the model tagged as names."""
    country_at = {token.i: cluster for cluster in clusters if cluster.link and cluster.link.entry.kind == "country"
                  for span in cluster.mentions for token in span}
    person_starts = {span.start for cluster in clusters if cluster.label == "PER" for span in cluster.mentions}
    holders: dict[tuple[str, str], set[int]] = {}
    for number, cluster in enumerate(clusters):
        if cluster.label != "PER":
            continue
        entry = cluster.link.entry if cluster.link else None
        country = kb.country(entry.country) if entry is not None and entry.country else None
        if country is not None:  # the roles the KB knows the person in
            for role in entry.roles:
                holders.setdefault((country.key, role_stem(role)), set()).add(number)
        for span in cluster.mentions:  # introduced in apposition: "Russlands Präsident Wladimir Putin"
            role = span.start - 1
            if role >= 1 and role - 1 in country_at and kb.is_title(doc[role].text):
                holders.setdefault((country_at[role - 1].link.entry.key, role_stem(doc[role].text)), set()).add(number)
    tagged_ends = {span.end - 1: span for span in tagged}
    held_roles = {stem for _, stem in holders}
    for token in doc[1:]:
        stem = role_stem(token.text)
        if stem not in held_roles or token.i + 1 in person_starts or (token.i in country_at and token.i not in tagged_ends):
            continue  # only a role someone holds is looked at, so most words cost one set lookup
        country = country_at.get(token.i - 1)
        key = country.link.entry.key if country else untagged_country_key(doc[token.i - 1], gazetteer=gazetteer, kb=kb)
        found = holders.get((key, stem), set()) if key else set()
        if len(found) == 1:
            person = clusters[next(iter(found))]
            span = tagged_ends.get(token.i, doc[token.i - 1 : token.i + 1])
            person.mentions.append(span)
            person.keys.append(())  # a role is no spelling of the name


def untagged_country_key(token, *, gazetteer: Gazetteer | None, kb: KnowledgeBase) -> str | None:
    """The key of the country a word names that the model did not tag ("Russlands", "russische")."""
    if gazetteer is None or not token.text[:1].isalpha():
        return None
    country = gazetteer.country_of_name(token.text) or gazetteer.country_of_adjective(token.text)
    return country_entry(country, kb=kb).key if country else None


def strip_titles(ent: Span, *, kb: KnowledgeBase, label: str) -> Span:
    """The mention without the titles and role nouns in front of a person's name; for other
    labels only where the rest is a person the KB knows ("Staatschef Xi Jinping" tagged LOC)."""
    start = ent.start
    while start < ent.end - 1 and (kb.is_title(ent.doc[start].text)
                                   or (label == "PER" and is_common_noun(ent.doc[start]))):
        start += 1
    if start == ent.start:
        return ent
    rest = ent.doc[start:ent.end]
    if label == "PER":
        return rest
    link = kb.link(rest.text, label=label)
    return rest if link is not None and link.entry.label == "PER" else ent


def is_common_noun(token) -> bool:
    return token.tag_ in ROLE_NOUN_TAGS or token.pos_ in ROLE_NOUN_POS


def country_link(ent: Span, *, label: str, gazetteer: Gazetteer | None, kb: KnowledgeBase | None) -> Link | None:
    """The country a place name or a demonym adjective refers to ("China", "Chinas",
    "chinesischen"), if the gazetteer knows it; linked to the KB's country entry where there is one."""
    if gazetteer is None or label == "PER":
        return None
    country, rule = gazetteer.country_of_adjective(ent.text), "demonym"
    if country is None and label in {"LOC", "ORG"}:
        country, rule = gazetteer.country_of_name(ent.text), "country"
    if country is None:
        return None
    return Link(country_entry(country, kb=kb), rule, COUNTRY_CONFIDENCE[rule])


def country_entry(country: Country, *, kb: KnowledgeBase | None) -> KBEntry:
    """The KB's entry of a gazetteer country; for one the KB file does not list, an entry keyed by
    its ISO 3166 code."""
    entry = kb.country(country.iso) if kb is not None else None
    return entry or KBEntry(key=f"iso3166:{country.iso}", kind="country", label="LOC", name=country.name,
                            ids={"iso3166": country.iso}, country=country.iso)


def find_cluster(clusters: list[_Cluster], *, label: str, key: tuple[str, ...], link: Link | None) -> _Cluster | None:
    if link is not None:
        linked = next((c for c in clusters if c.link is not None and c.link.entry.key == link.entry.key), None)
        if linked is not None:
            return linked
    same_label = [c for c in clusters if c.label == label and (link is None or c.link is None)]
    for cluster in same_label:
        if key in cluster.keys or (label == "PER" and any(is_name_suffix(key, k) or is_name_suffix(k, key) for k in cluster.keys)):
            return cluster
    if label == "PER" and len(key) == 1 and link is None:  # a given name alone ("Jinping", "Olaf")
        holders = [c for c in same_label if any(len(k) > 1 and key[0] in k for k in c.keys)]
        if len(holders) == 1:
            return holders[0]
    return None


def to_record(index: int, cluster: _Cluster, *, shared: bool = True) -> EntityCluster:
    mentions = [Mention(text=span.text, start=span.start_char, end=span.end_char)
                for span in sorted(cluster.mentions, key=lambda span: span.start)]
    fullest = max(cluster.keys, key=len)
    link, entry = cluster.link, (cluster.link.entry if cluster.link else None)
    if entry is not None:
        name, key, rule, confidence = entry.name, entry.key, link.rule, link.confidence
    else:
        name, key = canonical_name(cluster), f"{cluster.label}:{' '.join(fullest)}" if shared else None
        partial = any(len(k) == 1 and k != fullest and not is_name_suffix(k, fullest) for k in cluster.keys)
        rule, confidence = ("partial-name", PARTIAL_NAME_CONFIDENCE) if partial else ("name-key", None)
    return EntityCluster(
        id=f"E{index}",
        label=cluster.label,
        name=name,
        mentions=mentions,
        normalized={"iso3166": entry.ids["iso3166"]} if entry is not None and entry.kind == "country" else None,
        key=key,
        kb=dict(entry.ids) if entry is not None else None,
        link=EntityLink(rule=rule, confidence=confidence),
        country=entry.country if entry is not None else None,
        coordinates=list(entry.coordinates) if entry is not None and entry.coordinates else None,
    )


def canonical_name(cluster: _Cluster) -> str:
    """The name of an entity the KB does not know: of the mentions with the most words, the most
    frequent spelling (the nominative is the most frequent form of a name), the first on a tie."""
    most_words = max(len(key) for key in cluster.keys)
    spellings = Counter(span.text for span, key in zip(cluster.mentions, cluster.keys) if len(key) == most_words)
    return spellings.most_common(1)[0][0]
