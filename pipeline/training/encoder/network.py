"""The encoder tier as a torch module: e5-small's lower layers and five heads over words.

A word is represented by the encoder state of its first piece; the parser's root is the state
of ``<s>``. The heads are linear classifiers (BIO entities, STTS, UPOS, one per morphological
feature) and a biaffine parser (Dozat & Manning 2017): a score for every dependent–head pair,
and label scores for every pair.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from pipeline.encoder.q4file import E5File


@dataclass(frozen=True)
class Labels:
    ner: tuple[str, ...]
    tags: tuple[str, ...]
    pos: tuple[str, ...]
    morph: dict[str, tuple[str, ...]]
    deps: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"ner": list(self.ner), "tags": list(self.tags), "pos": list(self.pos),
                "morph": {name: list(values) for name, values in self.morph.items()}, "deps": list(self.deps)}

    @classmethod
    def from_dict(cls, data: dict) -> "Labels":
        return cls(ner=tuple(data["ner"]), tags=tuple(data["tags"]), pos=tuple(data["pos"]),
                   morph={name: tuple(values) for name, values in data["morph"].items()}, deps=tuple(data["deps"]))


class Layer(nn.Module):
    """One post-LayerNorm BERT layer, with attention written out so that it exports to plain ONNX."""

    def __init__(self, hidden: int, heads: int, intermediate: int, eps: float, dropout: float):
        super().__init__()
        self.heads = heads
        self.drop = nn.Dropout(dropout)
        self.q, self.k, self.v, self.ao = (nn.Linear(hidden, hidden) for _ in range(4))
        self.aln = nn.LayerNorm(hidden, eps=eps)
        self.fi = nn.Linear(hidden, intermediate)
        self.fo = nn.Linear(intermediate, hidden)
        self.oln = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, mask_bias: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        split = lambda t: t.view(batch, length, self.heads, hidden // self.heads).transpose(1, 2)  # noqa: E731
        scores = split(self.q(x)) @ split(self.k(x)).transpose(-1, -2) / math.sqrt(hidden // self.heads)
        context = torch.softmax(scores + mask_bias, dim=-1) @ split(self.v(x))
        x = self.aln(x + self.drop(self.ao(context.transpose(1, 2).reshape(batch, length, hidden))))
        return self.oln(x + self.drop(self.fo(F.gelu(self.fi(x)))))


class Biaffine(nn.Module):
    """Scores ``dep × head × outputs`` from two projections of the word states."""

    def __init__(self, size: int, outputs: int):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(outputs, size + 1, size))

    def forward(self, dep: torch.Tensor, head: torch.Tensor) -> torch.Tensor:
        # As two batched matrix products (not einsum), which onnxruntime runs several times faster.
        dep = torch.cat([dep, torch.ones_like(dep[..., :1])], dim=-1)
        scores = (dep[:, None] @ self.weight[None]) @ head[:, None].transpose(-1, -2)   # batch × out × dep × head
        return scores.permute(0, 2, 3, 1)


class TaggerParser(nn.Module):
    def __init__(self, e5: E5File, labels: Labels, *, layers: int, arc_size: int = 256, label_size: int = 128,
                 dropout: float = 0.1):
        super().__init__()
        shape = e5.shape
        self.labels = labels
        self.word = nn.Embedding(shape.vocab_rows, shape.hidden)
        self.position = nn.Embedding(shape.max_positions, shape.hidden)
        self.token_type = nn.Parameter(torch.zeros(shape.hidden))
        self.eln = nn.LayerNorm(shape.hidden, eps=shape.eps)
        self.layers = nn.ModuleList(Layer(shape.hidden, shape.heads, shape.intermediate, shape.eps, dropout)
                                    for _ in range(layers))
        self.dropout = nn.Dropout(dropout)
        hidden = shape.hidden
        self.ner = nn.Linear(hidden, len(labels.ner))
        self.tag = nn.Linear(hidden, len(labels.tags))
        self.pos = nn.Linear(hidden, len(labels.pos))
        self.morph = nn.ModuleDict({name: nn.Linear(hidden, len(values)) for name, values in labels.morph.items()})
        mlp = lambda size: nn.Sequential(nn.Linear(hidden, size), nn.GELU(), nn.Dropout(dropout))  # noqa: E731
        self.arc_dep, self.arc_head = mlp(arc_size), mlp(arc_size)
        self.label_dep, self.label_head = mlp(label_size), mlp(label_size)
        self.arc = Biaffine(arc_size, 1)
        self.label = Biaffine(label_size, len(labels.deps))
        self.load_e5(e5)

    def load_e5(self, e5: E5File) -> None:
        w = {name: torch.from_numpy(np.ascontiguousarray(value)) for name, value in e5.tensors.items()}
        with torch.no_grad():
            self.word.weight.copy_(w["emb.word"])
            self.position.weight.copy_(w["emb.pos"])
            self.token_type.copy_(w["emb.type"][: self.token_type.numel()])
            self.eln.weight.copy_(w["emb.ln.w"]); self.eln.bias.copy_(w["emb.ln.b"])  # noqa: E702
            for index, layer in enumerate(self.layers):
                for name in ("q", "k", "v", "ao", "fi", "fo"):
                    getattr(layer, name).weight.copy_(w[f"l{index}.{name}.w"])
                    getattr(layer, name).bias.copy_(w[f"l{index}.{name}.b"])
                for name in ("aln", "oln"):
                    getattr(layer, name).weight.copy_(w[f"l{index}.{name}.w"])
                    getattr(layer, name).bias.copy_(w[f"l{index}.{name}.b"])

    def encode(self, pieces: torch.Tensor, piece_mask: torch.Tensor) -> torch.Tensor:
        """Piece states after the layers kept; frozen parts build no graph (their weights need no grad)."""
        positions = torch.arange(pieces.shape[1], device=pieces.device)
        mask_bias = (1.0 - piece_mask[:, None, None, :].float()) * -1e4
        x = self.eln(self.word(pieces) + self.position(positions) + self.token_type)
        for layer in self.layers:
            x = layer(x, mask_bias)
        return x

    def freeze(self, layers: int) -> None:
        """Freeze the embeddings and the first ``layers`` layers."""
        for module in (self.word, self.position, self.eln, *self.layers[:layers]):
            module.requires_grad_(False)
        self.token_type.requires_grad_(False)

    def forward(self, pieces: torch.Tensor, piece_mask: torch.Tensor,
                word_starts: torch.Tensor) -> dict[str, torch.Tensor]:
        """Per-word scores. ``word_starts[b, 0]`` points at ``<s>`` (the root), ``[b, w]`` at word w's first piece."""
        states = self.encode(pieces, piece_mask)
        words = torch.gather(states, 1, word_starts[..., None].expand(-1, -1, states.shape[-1]))
        words = self.dropout(words)
        out = {"ner": self.ner(words), "tag": self.tag(words), "pos": self.pos(words)}
        for name, head in self.morph.items():
            out[f"morph_{name}"] = head(words)
        out["arc"] = self.arc(self.arc_dep(words), self.arc_head(words))[..., 0]
        out["label"] = self.label(self.label_dep(words), self.label_head(words))
        return out
