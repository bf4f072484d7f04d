"""From a fine-tuned checkpoint to the run-time files: a pruned vocabulary, an int8 ONNX graph.

e5 has 250,037 embedding rows for a hundred languages; German text uses a small part of them.
The kept pieces are those that segment the words of the training corpora and of wordfreq's
German list (lower-case and capitalised), plus every single character below U+3000, so any
text still segments without ``<unk>`` where e5 had none. Segmenting with the kept pieces alone
splits a rare word into smaller known pieces instead of e5's long piece.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import torch

from pipeline.encoder.pieces import PieceTokenizer
from pipeline.training.encoder.network import TaggerParser

# Single characters below this code point are kept whatever the corpora hold (Latin, Greek,
# Cyrillic, punctuation, symbols); CJK and beyond fall back to <unk>.
KEEP_CHARACTERS_BELOW = 0x3000
# How many of wordfreq's most frequent German words decide the vocabulary.
WORDFREQ_WORDS = 200_000
# ONNX operator set of the exported graph.
OPSET = 17
# Name prefix of the encoder layers' nodes in the exported graph (the rest are embeddings and heads).
ENCODER_NODES = "/model/layers"


def german_words(corpus_words: Iterable[str]) -> set[str]:
    """The corpus words plus wordfreq's German list in lower-case and capitalised spelling."""
    import wordfreq

    words = set(corpus_words)
    for word in wordfreq.top_n_list("de", WORDFREQ_WORDS):
        words.update((word, word[:1].upper() + word[1:]))
    return words


def prune_vocabulary(tokenizer: PieceTokenizer, words: Iterable[str]) -> tuple[PieceTokenizer, np.ndarray]:
    """A tokenizer over the kept pieces, numbered 0..n-1, and the old row of each new one."""
    kept = {tokenizer.bos, tokenizer.pad, tokenizer.eos, tokenizer.unk}
    for word in words:
        kept.update(tokenizer.encode_word(word))
    by_id = {index: (piece, score) for piece, (index, score) in tokenizer.pieces.items()}
    kept.update(index for index, (piece, _) in by_id.items()
                if len(piece) == 1 and ord(piece) < KEEP_CHARACTERS_BELOW)
    old_rows = np.array(sorted(kept), dtype=np.int64)
    new_of = {old: new for new, old in enumerate(old_rows.tolist())}
    pieces = {piece: (new_of[index], score) for piece, (index, score) in tokenizer.pieces.items() if index in new_of}
    pruned = PieceTokenizer(pieces, bos=new_of[tokenizer.bos], eos=new_of[tokenizer.eos], pad=new_of[tokenizer.pad],
                            unk=new_of[tokenizer.unk], unk_score=tokenizer.unk_score,
                            normalisation={chr(k): v for k, v in tokenizer.normalisation.items()})
    return pruned, old_rows


class _Graph(torch.nn.Module):
    """The network with its outputs as a tuple, in OUTPUT_NAMES order."""

    def __init__(self, model: TaggerParser):
        super().__init__()
        self.model = model
        self.names = output_names(model)

    def forward(self, pieces, piece_mask, word_starts):
        out = self.model(pieces, piece_mask, word_starts)
        return tuple(out[name] for name in self.names)


def output_names(model: TaggerParser) -> list[str]:
    return ["ner", "tag", "pos", *(f"morph_{name}" for name in model.morph), "arc", "label"]


def export_onnx(model: TaggerParser, old_rows: np.ndarray, path: Path,
                calibration: list[dict[str, np.ndarray]] | None = None, int8_feed_forward_layers: int = 0) -> None:
    """Shrink the embedding to the kept rows, export fp32 ONNX, then quantise most weights to int8:
    with activation scales computed per batch at run time (dynamic), or, given ``calibration``
    inputs, with fixed activation scales measured on them (static). ``int8_feed_forward_layers``:
    the feed-forward outputs of this many lowest layers are int8 too (see full_precision_nodes)."""
    model.eval()
    with torch.no_grad():
        kept = model.word.weight[torch.from_numpy(old_rows)].clone()
        model.word = torch.nn.Embedding.from_pretrained(kept, freeze=True)
    graph = _Graph(model)
    example = (torch.tensor([[0, 5, 6, 7, 2]]), torch.ones(1, 5, dtype=torch.int64), torch.tensor([[0, 1, 2, 3]]))
    fp32 = path.with_suffix(".fp32.onnx")
    axes = {"pieces": {0: "batch", 1: "pieces"}, "piece_mask": {0: "batch", 1: "pieces"},
            "word_starts": {0: "batch", 1: "words"}}
    axes.update({name: {0: "batch", 1: "words"} for name in graph.names})
    torch.onnx.export(graph, example, str(fp32), input_names=["pieces", "piece_mask", "word_starts"],
                      output_names=graph.names, dynamic_axes=axes, opset_version=OPSET, dynamo=False)
    if calibration is None:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(fp32), str(path), weight_type=QuantType.QInt8, per_channel=True,
                         nodes_to_exclude=full_precision_nodes(fp32, int8_feed_forward_layers=int8_feed_forward_layers))
    else:
        quantize_with_fixed_scales(fp32, path, calibration)
    fp32.unlink()


def quantize_with_fixed_scales(fp32: Path, path: Path, calibration: list[dict[str, np.ndarray]]) -> None:
    """Static int8 (QDQ): each activation's scale is the range it took on the calibration inputs,
    so a sentence's result no longer depends on the sentences batched with it, and documents can
    share batches. The same products as in the dynamic graph stay in float32."""
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                          quantize_static)

    class Inputs(CalibrationDataReader):
        def __init__(self):
            self.batches = iter(calibration)

        def get_next(self):
            return next(self.batches, None)

    quantize_static(str(fp32), str(path), Inputs(), quant_format=QuantFormat.QDQ, op_types_to_quantize=["MatMul", "Gather"],
                    per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                    nodes_to_exclude=full_precision_nodes(fp32), calibrate_method=CalibrationMethod.MinMax)


def calibration_inputs(sentences: Iterable[list[str]], tokenizer: PieceTokenizer, *,
                       per_batch: int = 8, max_pieces: int = 256) -> list[dict[str, np.ndarray]]:
    """Graph inputs for calibration: the sentences as the component batches them."""
    from pipeline.encoder.component import Unit, graph_inputs

    units = []
    for words in sentences:
        unit = Unit(tokens=[], pieces=[tokenizer.bos], starts=[0])
        for word in words:
            unit.starts.append(len(unit.pieces))
            unit.pieces.extend(tokenizer.encode_word(word))
        unit.pieces.append(tokenizer.eos)
        if len(unit.pieces) <= max_pieces:
            units.append(unit)
    units.sort(key=lambda unit: len(unit.pieces))
    return [graph_inputs(units[first:first + per_batch], pad=tokenizer.pad) for first in range(0, len(units), per_batch)]


def full_precision_nodes(path: Path, *, int8_feed_forward_layers: int = 0) -> list[str]:
    """The products that stay in float32: the feed-forward output of each layer, whose input
    after GELU has outliers that 8 bits per tensor cut off, and the heads (small; the biaffine
    weight is 3-D, which per-channel quantisation does not support). Dev NER F1 of the first
    model: 0.761 in float32, 0.730 with every product in int8, 0.762 with these kept in float32.
    The lowest ``int8_feed_forward_layers`` layers' feed-forward outputs may go to int8 as well
    (their outliers are milder: layers 1-4 in int8 cost 0.004 dev F1 on that model)."""
    import onnx

    int8_layers = tuple(f"{ENCODER_NODES}.{layer}/" for layer in range(int8_feed_forward_layers))
    graph = onnx.load(str(path)).graph
    return [node.name for node in graph.node if node.op_type == "MatMul"
            and (("/fo/" in node.name and not node.name.startswith(int8_layers)) or not node.name.startswith(ENCODER_NODES))]


def write_encoder_files(directory: Path, *, model: TaggerParser, tokenizer: PieceTokenizer, words: Iterable[str],
                        calibration_sentences: list[list[str]] | None = None, int8_feed_forward_layers: int = 0) -> int:
    """The component's files: model.onnx, pieces.json, labels.json. Returns the kept pieces.
    With ``calibration_sentences`` the graph gets fixed activation scales (see quantize_with_fixed_scales)."""
    from pipeline.encoder.component import LABELS_FILE, MODEL_FILE, PIECES_FILE

    directory.mkdir(parents=True, exist_ok=True)
    pruned, old_rows = prune_vocabulary(tokenizer, words)
    calibration = calibration_inputs(calibration_sentences, pruned) if calibration_sentences else None
    export_onnx(model, old_rows, directory / MODEL_FILE, calibration, int8_feed_forward_layers=int8_feed_forward_layers)
    pruned.to_disk(directory / PIECES_FILE)
    (directory / LABELS_FILE).write_text(json.dumps(model.labels.as_dict(), ensure_ascii=False, indent=1))
    return len(old_rows)
