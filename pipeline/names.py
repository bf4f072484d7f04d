"""Canonical forms of German names, so that inflected and titled mentions meet.

"Putins" and "Putin", "Europäischen Union" and "Europäische Union", "Premier Renzi" and "Renzi"
must have one form before they can be one entity. German inflects names only at their edges:
a genitive -s (or -es) on the last word, the adjective endings of words before the head noun;
titles and role nouns stand in front of a person's name.
"""
from __future__ import annotations

from typing import Iterable

# Genitive endings of a name's last word: "Putins", "Bundestages", "Kremls". Words this short
# keep them ("Hans", "USA", "Mars"): too few letters are left to know it is an ending.
GENITIVE_ENDINGS = ("es", "s")
MIN_STEM = 4
# Endings of an attributive adjective before the head noun: "Europäische Union", "Europäischen
# Union", "Europäisches Parlament", "Internationaler Währungsfonds", "Vereinte Nationen".
ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")
# Apostrophes of a possessive written as in English ("Macron's", "Trump’s").
APOSTROPHES = ("'s", "’s", "'", "’")
# Case endings of a role noun: "Präsidenten", "Staatschefs".
ROLE_NOUN_ENDINGS = ("en", "n", "s")
# Quotes, brackets and punctuation around the words of a name.
NAME_PUNCTUATION = "\"'„“”‚‘’()[],;:"


def name_words(text: str) -> list[str]:
    """The words of a name, lower-cased; hyphenated words stay one word ("Frank-Walter")."""
    words = (word.strip(NAME_PUNCTUATION) for word in text.casefold().split())
    return [word for word in words if word]


def strip_ending(word: str, endings: Iterable[str]) -> str:
    """``word`` without the first of ``endings`` it has, if at least MIN_STEM letters remain."""
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def strip_genitive(word: str) -> str:
    for apostrophe in APOSTROPHES:
        if word.endswith(apostrophe):
            return word[: -len(apostrophe)]
    return word if word.endswith("ss") else strip_ending(word, GENITIVE_ENDINGS)


def strip_adjective_ending(word: str) -> str:
    return strip_ending(word, ADJECTIVE_ENDINGS)


def role_stem(word: str) -> str:
    """A role noun without its case ending: "Präsidenten" and "Präsident", "Staatschefs" and "Staatschef"."""
    return strip_ending(word.casefold(), ROLE_NOUN_ENDINGS)


def name_key(text: str, *, label: str) -> tuple[str, ...]:
    """The form inflection does not change: lower case, the last word without a genitive ending,
    and for names of places, organisations and things the words before it without adjective
    endings. Both a mention and a knowledge-base name are reduced this way before they are
    compared, so the reduction need only be consistent, not a real lemma."""
    words = name_words(text)
    if not words:
        return ()
    head = strip_genitive(words[-1])
    if label == "PER":
        return (*words[:-1], head)
    return (*(strip_adjective_ending(word) for word in words[:-1]), head)


def is_name_suffix(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """A person's family name alone refers to the full name ("Putin" ~ "Wladimir Putin")."""
    return 0 < len(short) < len(full) and full[-len(short):] == short


def is_title(word: str, *, titles: Iterable[str], title_endings: Iterable[str]) -> bool:
    """A role noun in front of a name: "Premier", "Kremlchef", "Außenministerin", "Dr."."""
    lower = word.casefold()
    return lower in titles or any(lower.endswith(ending) for ending in title_endings)
