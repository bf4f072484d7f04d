"""Throughput, peak memory and NER scores of the bundled model, on one process.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_model.py --data ../shared/data

Runs `nlp.pipe` over the gnad10k articles (CC BY-NC-SA, benchmark use only), prints words/s
(non-space tokens per second of pipe time) and the process's peak resident memory, then the
NER P/R/F1 of pipeline.evaluation.ner.
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import spacy

from pipeline.evaluation.gold import load_corpus_texts
from pipeline.evaluation.ner import evaluate_ner, format_ner_report

# Articles per nlp.pipe batch.
BATCH_SIZE = 32


def measure_throughput(nlp, texts: list[str]) -> tuple[int, float]:
    """Return the number of non-space tokens and the seconds nlp.pipe took over texts."""
    started = time.perf_counter()
    words = sum(sum(not token.is_space for token in doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    return words, time.perf_counter() - started


def main() -> None:
    """Print words/s, peak memory and NER scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=Path("models/de_newsevents"))
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--skip-ner", action="store_true", help="Only measure throughput.")
    options = parser.parse_args()
    nlp = spacy.load(options.model)
    texts = list(load_corpus_texts(options.data / "gnad10k" / "test.csv.gz", corpus="gnad10k").values())
    nlp("Warm-up.")
    words, seconds = measure_throughput(nlp, texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline: {', '.join(nlp.pipe_names)}")
    print(f"articles: {len(texts)}  words: {words}  seconds: {seconds:.1f}")
    print(f"words/s: {words / seconds:,.0f}  peak memory: {peak_mb:,.0f} MB")
    if not options.skip_ner:
        print(format_ner_report(evaluate_ner(nlp, data_dir=options.data)))


if __name__ == "__main__":
    main()
