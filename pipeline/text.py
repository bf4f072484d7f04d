"""prepare_text: the one entry point from a decoded document to the German text analysed.

Cleaning (pipeline.clean) drops boilerplate, markup and repeats; language routing
(pipeline.language) then drops paragraphs not in `languages.keep` with reason "language" and
their language code. The title line, when the text starts with it, stays: it is a sentence
of the article. `text` joins the kept paragraphs with a blank line (lines inside a paragraph
with "\\n"); all `dropped` offsets point into `raw` (for HTML: trafilatura's extracted text).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pipeline.clean import Dropped, Paragraph, clean_text, merge_dropped, record_line
from pipeline.cleaning_rules import CleaningRules
from pipeline.language import LanguageGuess, LanguageSettings, assign_languages

# Reason reported for paragraphs dropped because of their language.
LANGUAGE_REASON = "language"
# Separators between the kept paragraphs, and between the lines of one paragraph.
PARAGRAPH_SEPARATOR = "\n\n"
LINE_SEPARATOR = "\n"


@dataclass(frozen=True)
class PreparedText:
    """The cleaned text to analyse, what was dropped from `raw`, and the document language.

    language: ISO 639-1; a kept language ("de") when any text is kept, else the language with
    the most characters; None when nothing but boilerplate was found.
    language_score: mean model confidence over the paragraphs of that language, by length.
    """

    text: str
    dropped: tuple[Dropped, ...]
    language: str | None
    language_score: float


def prepare_text(raw: str, *, title: str | None, rules: CleaningRules,
                 languages: LanguageSettings) -> PreparedText:
    """Clean `raw`, keep the paragraphs in the wanted languages, and report the rest."""
    cleaned = clean_text(raw, title=title, rules=rules)
    paragraph_texts = [paragraph_text(paragraph) for paragraph in cleaned.paragraphs]
    guesses = assign_languages(paragraph_texts, settings=languages)
    dropped = list(cleaned.dropped)
    kept_texts = []
    for paragraph, text, guess in zip(cleaned.paragraphs, paragraph_texts, guesses):
        if guess.language in languages.keep:
            kept_texts.append(text)
        else:
            for line in paragraph:
                record_line(line, reason=LANGUAGE_REASON, language=guess.language, dropped=dropped)
    language, score = summarize_language(paragraph_texts, guesses, keep=languages.keep)
    return PreparedText(text=PARAGRAPH_SEPARATOR.join(kept_texts), dropped=merge_dropped(raw, dropped),
                        language=language, language_score=score)


def paragraph_text(paragraph: Paragraph) -> str:
    """Return the kept text of a paragraph, one line per line."""
    return LINE_SEPARATOR.join(line.text for line in paragraph)


def summarize_language(texts: list[str], guesses: list[LanguageGuess], *,
                       keep: tuple[str, ...]) -> tuple[str | None, float]:
    """Return the document language and its length-weighted mean score."""
    chars: defaultdict[str, int] = defaultdict(int)
    weighted: defaultdict[str, float] = defaultdict(float)
    for text, guess in zip(texts, guesses):
        chars[guess.language] += len(text)
        weighted[guess.language] += len(text) * guess.score
    if not chars:
        return None, 0.0
    kept = [language for language in chars if language in keep]
    language = max(kept or chars, key=lambda candidate: chars[candidate])
    return language, round(weighted[language] / chars[language], 4)
