"""XLM-R's SentencePiece Unigram segmentation, rebuilt from the pieces and scores of the e5 file.

Text is normalised one character at a time (the file's map: control characters dropped,
tabs and line breaks to spaces, compatibility forms folded), runs of spaces collapse into one,
a space is put in front unless the text starts with one, and every space becomes the
metaspace ``▁``. The segmentation is then the most probable sequence of pieces (Viterbi over
the Unigram log-probabilities); a character that no piece covers becomes ``<unk>`` on its own
(consecutive unknown characters are not merged).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from .q4file import PieceVocabulary

METASPACE = "\u2581"
# An unknown character costs this much more than the least probable piece.
UNKNOWN_PENALTY = 10.0


class PieceTokenizer:
    """Text or words → piece ids. ``pieces`` maps each piece to its row in the model and its score."""

    def __init__(self, pieces: dict[str, tuple[int, float]], *, bos: int, eos: int, pad: int, unk: int,
                 unk_score: float, normalisation: dict[str, str]):
        self.pieces = pieces
        # Scores are summed in float32 as SentencePiece does: in float64, ties between equally
        # probable segmentations ("▁Ba|jon|ett" / "▁Ba|jo|nett") can break the other way.
        self._scores = {piece: (index, np.float32(score)) for piece, (index, score) in pieces.items()}
        self.bos, self.eos, self.pad, self.unk = bos, eos, pad, unk
        self.unk_score = unk_score
        self._unk_score = np.float32(unk_score)
        self.normalisation = str.maketrans(normalisation)
        self.max_piece_chars = max(len(piece) for piece in pieces)
        self.encode_word = lru_cache(maxsize=200_000)(self._encode_word)

    @classmethod
    def from_vocabulary(cls, vocabulary: PieceVocabulary) -> "PieceTokenizer":
        pieces = {piece: (index, float(score)) for index, (piece, score)
                  in enumerate(zip(vocabulary.pieces, vocabulary.scores)) if index != vocabulary.unk}
        return cls(pieces, bos=vocabulary.bos, eos=vocabulary.eos, pad=vocabulary.pad, unk=vocabulary.unk,
                   unk_score=float(np.min(vocabulary.scores)) - UNKNOWN_PENALTY,
                   normalisation=vocabulary.normalisation)

    def normalise(self, text: str) -> str:
        """The character map, collapsed spaces, a leading metaspace, spaces as metaspaces."""
        text = text.translate(self.normalisation)
        while "  " in text:
            text = text.replace("  ", " ")
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", METASPACE)

    def encode(self, text: str) -> list[int]:
        """The piece ids of a whole text, without ``<s>``/``</s>``."""
        return self.segment(self.normalise(text))

    def _encode_word(self, word: str) -> tuple[int, ...]:
        return tuple(self.encode(word))

    def encode_words(self, words: list[str]) -> list[tuple[int, ...]]:
        """The pieces of each word on its own, as a pre-tokenised text is fed to the encoder."""
        return [self.encode_word(word) for word in words]

    def segment(self, text: str) -> list[int]:
        """Viterbi over the pieces; ties keep the segmentation found first, as SentencePiece does."""
        size = len(text)
        best = [np.float32(-np.inf)] * (size + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (size + 1)
        best[0] = np.float32(0.0)
        for start in range(size):
            if best[start] == -np.inf:
                continue
            for end in range(start + 1, min(size, start + self.max_piece_chars) + 1):
                found = self._scores.get(text[start:end])
                if found is not None and best[start] + found[1] > best[end]:
                    best[end] = best[start] + found[1]
                    back[end] = (start, found[0])
            if best[start] + self._unk_score > best[start + 1]:
                best[start + 1] = best[start] + self._unk_score
                back[start + 1] = (start, self.unk)
        ids = []
        position = size
        while position > 0:
            position, piece_id = back[position]
            ids.append(piece_id)
        return ids[::-1]

    def to_disk(self, path: Path) -> None:
        Path(path).write_text(json.dumps({
            "pieces": [[piece, index, score] for piece, (index, score) in self.pieces.items()],
            "bos": self.bos, "eos": self.eos, "pad": self.pad, "unk": self.unk, "unk_score": self.unk_score,
            "normalisation": {chr(k): v for k, v in self.normalisation.items()},
        }, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path) -> "PieceTokenizer":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        pieces = {piece: (index, score) for piece, index, score in data.pop("pieces")}
        return cls(pieces, **data)
