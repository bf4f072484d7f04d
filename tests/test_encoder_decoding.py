"""Decoding the encoder's scores: BIO sequences that are well formed, trees with one root."""
import itertools

import numpy as np
import pytest

from pipeline.encoder.decoding import decode_bio, decode_tree, log_softmax

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


def scores_for(tags: list[str], *, margin: float = 4.0) -> np.ndarray:
    """Scores that prefer the given tag at each word by ``margin``."""
    scores = np.zeros((len(tags), len(LABELS)))
    for row, tag in enumerate(tags):
        scores[row, LABELS.index(tag)] = margin
    return scores


@pytest.mark.parametrize("preferred, expected", [
    (["B-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"]),
    # an I- at the start or after another type cannot stand: the best legal sequence wins
    (["I-PER", "O"], ["O", "O"]),
    (["B-LOC", "I-PER"], ["B-LOC", "O"]),
])
def test_encoder_decoding_bio_sequences_are_well_formed(preferred, expected):
    assert decode_bio(scores_for(preferred), LABELS) == expected


def is_tree(heads: list[int]) -> bool:
    """One root and every word reaches it."""
    if heads.count(0) != 1:
        return False
    for word in range(1, len(heads) + 1):
        seen, node = set(), word
        while node:
            if node in seen:
                return False
            seen.add(node)
            node = heads[node - 1]
    return True


def best_tree_score(scores: np.ndarray) -> float:
    logp = log_softmax(scores)
    size = len(scores) - 1
    return max(sum(logp[i + 1, h] for i, h in enumerate(heads))
               for heads in itertools.product(range(size + 1), repeat=size)
               if all(h != i + 1 for i, h in enumerate(heads)) and is_tree(list(heads)))


@pytest.mark.parametrize("seed", range(30))
def test_encoder_decoding_tree_is_a_tree_and_the_best_one(seed):
    rng = np.random.default_rng(seed)
    size = int(rng.integers(2, 6))
    scores = rng.normal(size=(size + 1, size + 1)) * 3
    heads = decode_tree(scores)
    assert is_tree(heads)
    logp = log_softmax(scores)
    assert sum(logp[i + 1, h] for i, h in enumerate(heads)) == pytest.approx(best_tree_score(scores), abs=1e-6)


def test_encoder_decoding_tree_breaks_a_cycle():
    # words 1 and 2 prefer each other as heads; the tree must still reach the root
    scores = np.full((3, 3), -5.0)
    scores[1, 2] = scores[2, 1] = 5.0
    scores[1, 0] = 1.0
    assert decode_tree(scores) == [0, 1]
