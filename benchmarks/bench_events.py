"""What the temporal tagger and the event extractor add to the time of the spaCy model alone.

    .venv/bin/python benchmarks/bench_events.py --data ../shared/data

Runs the configured model (de_core_news_lg if installed, else the bundled one) over the gnad10k
articles twice on one process: the model alone, then with ``newsevents_times`` and
``newsevents_events``, and prints words/s of both and the overhead in percent (target: <= 15%).
Each measurement is the best of ``--repeat`` runs, interleaved, to damp noise from other work on
the machine; all runs are printed.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from pipeline.evaluation.gold import load_corpus_texts
from pipeline.nlp import add_project_components, load_base_model, model_name
from pipeline.settings import load_settings

BATCH_SIZE = 32


def time_pipe(nlp, texts: list[str]) -> tuple[int, float]:
    """Words (non-space tokens) and seconds of one ``nlp.pipe`` pass over ``texts``."""
    started = time.process_time()
    words = sum(sum(not token.is_space for token in doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    return words, time.process_time() - started


def time_components(nlp, texts: list[str]) -> float:
    """Seconds the temporal tagger and the event extractor take, each Doc timed right after the
    model made it (as inside ``nlp.pipe``; Docs kept in a list first run slower, cold in cache)."""
    times, events = nlp.get_pipe("newsevents_times"), nlp.get_pipe("newsevents_events")
    seconds = 0.0
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, disable=["newsevents_times", "newsevents_events"]):
        started = time.process_time()
        events(times(doc))
        seconds += time.process_time() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--limit", type=int, default=400, help="articles to use (default 400)")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved runs of each measurement (default 5)")
    args = parser.parse_args()

    texts = list(load_corpus_texts(args.data / "gnad10k" / "test.csv.gz", corpus="gnad10k").values())[: args.limit]
    settings = load_settings()
    nlp, _ = load_base_model(settings)
    add_project_components(nlp, settings)
    print(f"model: {model_name(nlp)} {nlp.meta.get('version')}; {len(texts)} articles")
    ours_names = ["newsevents_times", "newsevents_events"]
    time_components(nlp, texts[:50])  # warm the trigger memos, as a long run would have them
    alone_runs, full_runs, ours_runs = [], [], []
    for _ in range(args.repeat):  # interleaved, so a slow spell of the machine hits every measurement
        with nlp.select_pipes(disable=ours_names):
            words, alone = time_pipe(nlp, texts)
        alone_runs.append(alone)
        full_runs.append(time_pipe(nlp, texts)[1])
        ours_runs.append(time_components(nlp, texts))
    alone, full, ours = min(alone_runs), min(full_runs), min(ours_runs)
    print(f"runs (s): model alone {fmt(alone_runs)}; with ours {fmt(full_runs)}; ours timed per Doc {fmt(ours_runs)}")
    print(f"model alone:            {words / alone:>9,.0f} words/s ({alone:.1f} s for {words:,} words, best run)")
    print(f"model + times + events: {words / full:>9,.0f} words/s ({full:.1f} s)")
    print(f"overhead, difference of the two best runs: {100 * (full - alone) / alone:.1f}% (target <= 15%)")
    print(f"overhead, our components timed on each Doc as the model leaves it: {ours:.2f} s = {100 * ours / alone:.1f}% of the model's time")


def fmt(runs: list[float]) -> str:
    return " ".join(f"{run:.1f}" for run in runs)


if __name__ == "__main__":
    main()
