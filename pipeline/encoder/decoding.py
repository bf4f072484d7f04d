"""From the encoder's scores to structures: a well-formed BIO sequence and a dependency tree.

Both are searches over the model's scores rather than independent argmaxes: an entity cannot
start with I-, and every sentence gets exactly one root and no cycles (the maximum spanning
tree of Chu, Liu and Edmonds, which allows the crossing arcs German word order needs).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np


def log_softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))


@lru_cache(maxsize=8)
def bio_constraints(labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Additive scores (0 or -inf) of each tag → tag transition, and of each tag as the first."""
    transition = np.array([[0.0 if not (to.startswith("I-") and frm[2:] != to[2:]) else -np.inf for to in labels]
                           for frm in labels])
    start = np.array([-np.inf if label.startswith("I-") else 0.0 for label in labels])
    return transition, start


def decode_bio(scores: np.ndarray, labels: list[str]) -> list[str]:
    """The best tag sequence (words × labels scores) in which I-X follows only B-X or I-X."""
    transition, start = bio_constraints(tuple(labels))
    logp = log_softmax(scores)
    best = logp[0] + start
    back = []
    for row in logp[1:]:
        candidates = best[:, None] + transition
        back.append(candidates.argmax(0))
        best = candidates.max(0) + row
    path = [int(best.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return [labels[i] for i in reversed(path)]


def decode_tree(scores: np.ndarray, *, root_candidates: int = 3) -> list[int]:
    """Heads (0 = root, else 1-based) of words 1..n from ``scores[dependent, head]`` over 0..n.

    One word is the root: the best spanning tree is found with each of the words most likely
    to be the root as the only one, and the best of these trees wins.
    """
    scores = log_softmax(scores.astype(np.float64))
    np.fill_diagonal(scores, -np.inf)
    scores[0] = -np.inf
    greedy = scores.argmax(1)
    greedy[0] = 0
    if np.count_nonzero(greedy[1:] == 0) == 1 and _find_cycle(greedy) is None:
        return [int(head) for head in greedy[1:]]   # every word's best head already makes a tree
    best_heads, best_total = None, -np.inf
    for root in 1 + np.argsort(-scores[1:, 0])[:root_candidates]:
        constrained = scores.copy()
        constrained[1:, 0] = -np.inf
        constrained[root, :] = -np.inf
        constrained[root, 0] = scores[root, 0]
        heads = _maximum_spanning_tree(constrained)
        total = constrained[np.arange(1, len(heads)), heads[1:]].sum()
        if total > best_total:
            best_heads, best_total = heads, total
    return [int(head) for head in best_heads[1:]]


def _find_cycle(heads: np.ndarray) -> list[int] | None:
    seen = np.zeros(len(heads), dtype=int)      # 0 unvisited, 1 on the current path, 2 done
    for start in range(1, len(heads)):
        path, node = [], start
        while seen[node] == 0 and node != 0:
            seen[node] = 1
            path.append(node)
            node = heads[node]
        if node != 0 and seen[node] == 1:
            return path[path.index(node):]
        for visited in path:
            seen[visited] = 2
    return None


def _maximum_spanning_tree(scores: np.ndarray) -> np.ndarray:
    """Chu–Liu–Edmonds on ``scores[dependent, head]`` with node 0 the root (its row unused)."""
    heads = scores.argmax(1)
    heads[0] = 0
    cycle = _find_cycle(heads)
    if cycle is None:
        return heads
    # Contract the cycle into one node c: an arc into c replaces the cycle arc of the node it
    # enters; an arc out of c leaves from the cycle node that scores it best.
    in_cycle = np.zeros(len(heads), dtype=bool)
    in_cycle[cycle] = True
    outside = np.flatnonzero(~in_cycle)                  # includes the root 0
    cycle_arcs = scores[cycle, heads[cycle]]
    size = len(outside)
    contracted = np.full((size + 1, size + 1), -np.inf)
    contracted[:size, :size] = scores[np.ix_(outside, outside)]
    out_scores = scores[np.ix_(outside, cycle)]          # outside dependent ← cycle head
    contracted[:size, size] = out_scores.max(1)
    best_cycle_head = np.array(cycle)[out_scores.argmax(1)]
    in_scores = scores[np.ix_(cycle, outside)] - cycle_arcs[:, None]   # cycle dependent ← outside head
    contracted[size, :size] = in_scores.max(0) + cycle_arcs.sum()
    entering = np.array(cycle)[in_scores.argmax(0)]
    contracted[0] = -np.inf
    sub_heads = _maximum_spanning_tree(contracted)
    result = heads.copy()
    for position, node in enumerate(outside[1:], start=1):
        head = sub_heads[position]
        result[node] = outside[head] if head < size else best_cycle_head[position]
    head_of_cycle = sub_heads[size]
    result[entering[head_of_cycle]] = outside[head_of_cycle]
    return result
