"""Speed, memory and load time of the encoder tier (models/de_newsevents_trf) with our components.

    .venv/bin/python benchmarks/bench_encoder.py --data ../shared/data

Runs the whole spaCy pipeline (sentencizer, encoder, lemmatizer, date tagger, event extractor)
over gnad10k articles (CC BY-NC-SA, benchmark use only) in two set-ups and prints words/s
(non-space tokens per wall-clock second, loading excluded), load time and peak resident memory
per process:
  1. one process, onnxruntime with two threads;
  2. two processes with one thread each, each analysing half of the articles.
Target: at least 2,000 words/s, at most 1.5 GB per process.
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import time
from pathlib import Path

import spacy

from pipeline.evaluation.gold import load_corpus_texts
from pipeline.nlp import add_project_components
from pipeline.settings import load_settings

BATCH_SIZE = 32


def analyse(model: Path, threads: int, texts: list[str]) -> dict:
    """Load the pipeline with ``threads`` onnxruntime threads, then analyse ``texts``."""
    started = time.perf_counter()
    nlp = spacy.load(model, config={"components": {"newsevents_encoder": {"threads": threads}}})
    add_project_components(nlp, load_settings())
    nlp("Aufwärmen.")
    loaded = time.perf_counter()
    words = sum(sum(not t.is_space for t in doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    finished = time.perf_counter()
    return {"load_s": loaded - started, "words": words, "seconds": finished - loaded, "started": loaded,
            "batch_documents": nlp.get_pipe("newsevents_encoder").batch_documents,
            "finished": finished, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _worker(arguments):
    return analyse(*arguments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--model", type=Path, default=Path("models/de_newsevents_trf"))
    parser.add_argument("--limit", type=int, default=200, help="articles to use (default 200)")
    args = parser.parse_args()
    texts = list(load_corpus_texts(args.data / "gnad10k" / "test.csv.gz", corpus="gnad10k").values())[: args.limit]
    context = multiprocessing.get_context("spawn")

    with context.Pool(1) as pool:       # a fresh process, so its peak memory is its own
        one = pool.apply(analyse, (args.model, 2, texts))
    print(f"model: {args.model}; {len(texts)} articles, {one['words']} words; documents encoded "
          + (f"together in batches of {BATCH_SIZE}" if one["batch_documents"] else "one at a time"))
    print(f"1 process × 2 threads: {one['words'] / one['seconds']:,.0f} words/s "
          f"(load {one['load_s']:.1f} s, peak {one['peak_mb']:,.0f} MB)")

    halves = [texts[0::2], texts[1::2]]
    with context.Pool(2) as pool:
        runs = pool.map(_worker, [(args.model, 1, half) for half in halves])
    words = sum(run["words"] for run in runs)
    wall = max(run["finished"] for run in runs) - min(run["started"] for run in runs)
    print(f"2 processes × 1 thread: {words / wall:,.0f} words/s "
          f"(load {max(run['load_s'] for run in runs):.1f} s, peak {max(run['peak_mb'] for run in runs):,.0f} MB per process)")


if __name__ == "__main__":
    main()
