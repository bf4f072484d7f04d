"""Quality and speed of the temporal tagger (``newsevents_times``).

    .venv/bin/python benchmarks/bench_dates.py --data ../shared/data [--heideltime-wikiwars /tmp/heideltime_wikiwarsde]

Prints the TempEval-3 style table of ``pipeline.evaluation.dates`` (ours and HeidelTime on KRAUTS,
ours on WikiWarsDE, and HeidelTime on WikiWarsDE when ``--heideltime-wikiwars`` names the output
folder of benchmarks/heideltime_wikiwars.py), then words/s of the component alone: documents are tokenised by
``spacy.blank("de")`` first and only the component's ``__call__`` is timed (best of ``--repeat``
runs, one process), over the gnad10k test articles and the KRAUTS raw texts.
Targets: value F1 and relaxed extent F1 at least HeidelTime's; >= 20,000 words/s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

import spacy

from pipeline.evaluation.gold import load_corpus_texts
from pipeline.evaluation.dates import evaluate_dates, format_dates_report, read_krauts


def time_component(texts: list[str], *, reference: dt.date | None, repeat: int) -> tuple[int, float, int]:
    """Words, best seconds and spans of the tagger over pre-tokenised `texts`."""
    nlp = spacy.blank("de")
    tagger = nlp.add_pipe("newsevents_times")
    docs = [nlp.make_doc(text) for text in texts]
    words = sum(sum(not token.is_space for token in doc) for doc in docs)
    best, spans = float("inf"), 0
    for _ in range(repeat):
        for doc in docs:
            doc._.reference_date = reference
        started = time.perf_counter()
        spans = sum(len(tagger(doc).spans["times"]) for doc in docs)
        best = min(best, time.perf_counter() - started)
    return words, best, spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--heideltime-wikiwars", type=Path, default=None, help="HeidelTime's WikiWarsDE TimeML folder")
    args = parser.parse_args()

    print(format_dates_report(evaluate_dates(data_dir=args.data, heideltime_wikiwars=args.heideltime_wikiwars)))
    print()
    corpora = {"gnad10k test": list(load_corpus_texts(args.data / "gnad10k" / "test.csv.gz", corpus="gnad10k").values())}
    krauts, _ = read_krauts(args.data)
    corpora["KRAUTS raw text"] = [document.text for document in krauts]
    for name, texts in corpora.items():
        words, seconds, spans = time_component(texts, reference=dt.date(2024, 5, 10), repeat=args.repeat)
        print(f"{name:<16} {len(texts):>5} docs {words:>8,} words  {spans:>6,} spans  {words / seconds:>9,.0f} words/s (target >= 20,000)")


if __name__ == "__main__":
    main()
