"""Tokenizer adjustments on top of spaCy's German defaults."""
from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_suffix_regex

# A full stop after a four-digit year ("im Jahr 2014.") is split off: spaCy's German rules keep
# "<digits>." together as an ordinal ("am 15. Mai", "3. Juni"), which is right for day numbers
# but hides the sentence end after a year. Ordinals of 1000 and above are rare in news.
YEAR_FULL_STOP_SUFFIX = r"(?<=\b[12][0-9]{3})\."


def split_full_stop_after_year(nlp: Language) -> None:
    """Add the year-full-stop suffix rule to nlp's tokenizer (in place)."""
    suffixes = [YEAR_FULL_STOP_SUFFIX] + list(nlp.Defaults.suffixes)
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
