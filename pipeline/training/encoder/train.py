"""Fine-tuning the encoder tier on CPU: batches, losses, the dev scores that pick the checkpoint.

The embeddings and the lowest layers stay frozen (they carry e5's multilingual knowledge and
cost most of the time to update); the upper kept layers and all heads learn. Progress goes to a
log line per evaluation, so a run in the background can be followed with ``tail -f``.
"""
from __future__ import annotations

import json
import logging
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from spacy.training.iob_utils import iob_to_biluo, tags_to_entities
from torch.nn import functional as F

from pipeline.encoder.pieces import PieceTokenizer
from pipeline.training.encoder.examples import MORPH_FEATURES, NER_TAGS, Corpora, Example
from pipeline.training.encoder.network import Labels, TaggerParser

log = logging.getLogger(__name__)
# Label index that costs nothing: the layer is not annotated in this example's corpus.
IGNORE = -100
# NER paragraphs longer than this many words are cut into pieces of this size (SmartData
# paragraphs reach 157 words; nothing links entities that far apart).
MAX_WORDS = 64
# Pieces per sequence at most; longer sentences lose their tail in training.
MAX_PIECES = 192


@dataclass
class TrainingSettings:
    layers: int = 8              # encoder layers kept (e5-small has 12; the middle ones carry most for NER)
    frozen_layers: int = 2       # of these, the lowest stay as e5 trained them
    epochs: float = 6.0
    batch_pieces: int = 1600     # pieces per batch (padding included)
    encoder_lr: float = 1e-4
    head_lr: float = 1e-3
    warmup: float = 0.06         # share of the steps with a rising learning rate
    syntax_repeats: int = 3      # GSD is small beside the NER corpora: each epoch sees it this often
    eval_every: int = 400        # steps between dev evaluations
    seed: int = 1
    max_minutes: float = 150.0   # stop (keeping the best checkpoint) when the run reaches this
    threads: int = 2


def build_labels(corpora: Corpora) -> Labels:
    syntax = corpora.train_syntax + corpora.dev_syntax
    values = lambda get: tuple(sorted({value for example in syntax for value in get(example)}))  # noqa: E731
    return Labels(
        ner=NER_TAGS,
        tags=values(lambda e: e.tags),
        pos=values(lambda e: e.pos),
        morph={name: tuple(sorted({"", *(v for e in syntax for v in e.morph[name])})) for name in MORPH_FEATURES},
        deps=values(lambda e: e.deps),
    )


def cut_long(example: Example) -> list[Example]:
    """NER-only examples longer than MAX_WORDS become several; parsed sentences stay whole."""
    if example.heads is not None or len(example.words) <= MAX_WORDS:
        return [example]
    return [Example(words=example.words[i:i + MAX_WORDS], ner=example.ner[i:i + MAX_WORDS])
            for i in range(0, len(example.words), MAX_WORDS)]


class Encoded:
    """An example as tensors' rows: pieces, first-piece positions and label indices."""

    def __init__(self, example: Example, tokenizer: PieceTokenizer, labels: Labels):
        pieces, starts = [tokenizer.bos], [0]
        for word_pieces in tokenizer.encode_words(example.words):
            if len(pieces) + len(word_pieces) >= MAX_PIECES:
                break
            starts.append(len(pieces))
            pieces.extend(word_pieces)
        pieces.append(tokenizer.eos)
        self.pieces, self.starts = pieces, starts
        count = len(starts) - 1
        index = lambda values, table: ([IGNORE] + [table.index(v) if v in table else IGNORE for v in values[:count]]  # noqa: E731
                                       if values is not None else [IGNORE] * (count + 1))
        self.ner = index(example.ner, labels.ner)
        self.tag = index(example.tags, labels.tags)
        self.pos = index(example.pos, labels.pos)
        self.morph = {name: index(example.morph[name] if example.morph else None, values)
                      for name, values in labels.morph.items()}
        heads = example.heads[:count] if example.heads is not None else None
        self.heads = [IGNORE] + ([h if h <= count else IGNORE for h in heads] if heads else [IGNORE] * count)
        self.deps = index(example.deps, labels.deps)


def collate(batch: list[Encoded]) -> dict[str, torch.Tensor]:
    pieces = max(len(e.pieces) for e in batch)
    words = max(len(e.starts) for e in batch)
    pad = lambda rows, width, fill: torch.tensor([row + [fill] * (width - len(row)) for row in rows])  # noqa: E731
    out = {
        "pieces": pad([e.pieces for e in batch], pieces, 1),
        "piece_mask": pad([[1] * len(e.pieces) for e in batch], pieces, 0),
        "word_starts": pad([e.starts for e in batch], words, 0),
        "word_mask": pad([[1] * len(e.starts) for e in batch], words, 0),
        "ner": pad([e.ner for e in batch], words, IGNORE),
        "tag": pad([e.tag for e in batch], words, IGNORE),
        "pos": pad([e.pos for e in batch], words, IGNORE),
        "heads": pad([e.heads for e in batch], words, IGNORE),
        "deps": pad([e.deps for e in batch], words, IGNORE),
    }
    for name in batch[0].morph:
        out[f"morph_{name}"] = pad([e.morph[name] for e in batch], words, IGNORE)
    return out


def make_batches(encoded: list[Encoded], *, batch_pieces: int, rng: random.Random) -> list[list[Encoded]]:
    """Batches of similar length under a budget of padded pieces, in random order."""
    order = sorted(encoded, key=lambda e: len(e.pieces) + rng.random())
    batches, current = [], []
    for example in order:
        if current and (len(current) + 1) * len(example.pieces) > batch_pieces:
            batches.append(current)
            current = []
        current.append(example)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def compute_loss(out: dict[str, torch.Tensor], batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """Sum of the heads' cross-entropies over annotated words (each averaged over its own words)."""
    losses = []
    for name in ["ner", "tag", "pos", *(key for key in batch if key.startswith("morph_"))]:
        if (batch[name] != IGNORE).any():
            losses.append(F.cross_entropy(out[name].flatten(0, 1), batch[name].flatten(), ignore_index=IGNORE))
    heads = batch["heads"]
    if (heads != IGNORE).any():
        arc = out["arc"].masked_fill(~batch["word_mask"][:, None, :].bool(), -1e4)
        losses.append(F.cross_entropy(arc.flatten(0, 1), heads.flatten(), ignore_index=IGNORE))
        gold_heads = heads.clamp(min=0)
        label = torch.gather(out["label"], 2, gold_heads[:, :, None, None].expand(-1, -1, 1, out["label"].shape[-1]))
        losses.append(F.cross_entropy(label[:, :, 0].flatten(0, 1), batch["deps"].flatten(), ignore_index=IGNORE))
    return torch.stack(losses).sum()


def bio_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, label) of the entities of a BIO sequence; an I- after O or another label opens one."""
    return {(start, end + 1, label) for label, start, end in tags_to_entities(iob_to_biluo(tags))}


@torch.no_grad()
def evaluate(model: TaggerParser, encoded: list[Encoded], labels: Labels) -> dict[str, float]:
    """NER span F1 (where annotated), STTS/UPOS accuracy, UAS and LAS with argmax heads."""
    model.eval()
    found = gold = right = 0
    counts = {"tag": [0, 0], "pos": [0, 0], "uas": [0, 0], "las": [0, 0]}
    for start in range(0, len(encoded), 32):
        chunk = encoded[start:start + 32]
        batch = collate(chunk)
        out = model(batch["pieces"], batch["piece_mask"], batch["word_starts"])
        ner = out["ner"].argmax(-1)
        heads = out["arc"].masked_fill(~batch["word_mask"][:, None, :].bool(), -1e4).argmax(-1)
        deps = torch.gather(out["label"], 2, heads[:, :, None, None].expand(-1, -1, 1, out["label"].shape[-1]))[:, :, 0].argmax(-1)
        for row, example in enumerate(chunk):
            count = len(example.starts)
            if example.ner[1] != IGNORE:
                predicted = bio_spans([labels.ner[i] for i in ner[row, 1:count].tolist()])
                expected = bio_spans([labels.ner[i] for i in example.ner[1:count]])
                found, gold, right = found + len(predicted), gold + len(expected), right + len(predicted & expected)
            for name, predicted in (("tag", out["tag"].argmax(-1)), ("pos", out["pos"].argmax(-1))):
                for p, g in zip(predicted[row, 1:count].tolist(), getattr(example, name)[1:count]):
                    if g != IGNORE:
                        counts[name][0] += p == g
                        counts[name][1] += 1
            for h, d, gh, gd in zip(heads[row, 1:count].tolist(), deps[row, 1:count].tolist(),
                                    example.heads[1:count], example.deps[1:count]):
                if gh != IGNORE:
                    counts["uas"][0] += h == gh
                    counts["las"][0] += h == gh and d == gd
                    counts["uas"][1] += 1
                    counts["las"][1] += 1
    model.train()
    scores = {name: hits / total for name, (hits, total) in counts.items() if total}
    if gold:
        precision, recall = right / max(found, 1), right / gold
        scores["ner_f1"] = 2 * precision * recall / max(precision + recall, 1e-9)
    return scores


def train(model: TaggerParser, corpora: Corpora, tokenizer: PieceTokenizer, settings: TrainingSettings,
          *, checkpoint: Path) -> dict:
    """Fine-tune; keep the checkpoint with the best mean of dev NER F1 and dev LAS. Returns its scores."""
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    rng = random.Random(settings.seed)
    labels = model.labels
    encode = lambda examples: [Encoded(e, tokenizer, labels) for x in examples for e in cut_long(x)]  # noqa: E731
    train_set = encode(corpora.train_ner) + encode(corpora.train_syntax) * settings.syntax_repeats
    dev_ner, dev_syntax = encode(corpora.dev_ner), encode(corpora.dev_syntax)
    model.freeze(settings.frozen_layers)
    encoder_params = [p for layer in model.layers for p in layer.parameters() if p.requires_grad]
    encoder_ids = {id(p) for p in encoder_params}
    head_params = [p for p in model.parameters() if p.requires_grad and id(p) not in encoder_ids]
    optimizer = torch.optim.AdamW([{"params": encoder_params, "lr": settings.encoder_lr},
                                   {"params": head_params, "lr": settings.head_lr}], weight_decay=0.01)
    steps_per_epoch = len(make_batches(train_set, batch_pieces=settings.batch_pieces, rng=random.Random(0)))
    total_steps = int(steps_per_epoch * settings.epochs)
    warmup = max(1, int(total_steps * settings.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (total_steps - step) / (total_steps - warmup))))
    log.info("training: %d examples, %d steps per epoch, %d steps, settings %s",
             len(train_set), steps_per_epoch, total_steps, json.dumps(asdict(settings)))
    started, step, best, pieces_seen = time.monotonic(), 0, {"score": -1.0}, 0
    model.train()
    while step < total_steps:
        for batch_examples in make_batches(train_set, batch_pieces=settings.batch_pieces, rng=rng):
            batch = collate(batch_examples)
            loss = compute_loss(model(batch["pieces"], batch["piece_mask"], batch["word_starts"]), batch)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            optimizer.step()
            schedule.step()
            step += 1
            pieces_seen += int(batch["piece_mask"].sum())
            minutes = (time.monotonic() - started) / 60
            out_of_time = minutes >= settings.max_minutes
            if step % settings.eval_every == 0 or step == total_steps or out_of_time:
                scores = {"ner_f1": evaluate(model, dev_ner, labels)["ner_f1"], **evaluate(model, dev_syntax, labels)}
                scores["score"] = (scores["ner_f1"] + scores["las"]) / 2
                log.info("step %d/%d  %.1f min  %.0f pieces/s  loss %.3f  %s", step, total_steps, minutes,
                         pieces_seen / (minutes * 60), loss.item(),
                         "  ".join(f"{k} {v:.4f}" for k, v in scores.items()))
                if scores["score"] > best["score"]:
                    best = {**scores, "step": step, "minutes": round(minutes, 1)}
                    torch.save(model.state_dict(), checkpoint)
            if step >= total_steps or out_of_time:
                break
        if out_of_time:
            log.info("stopping: the time budget of %.0f minutes is spent", settings.max_minutes)
            break
    return best
