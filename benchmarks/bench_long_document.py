"""Time and memory of one very long article, analysed in windows (``pipeline.windows``).

    .venv/bin/python benchmarks/bench_long_document.py [--paragraphs 9000] [--model PATH]

Builds an article of distinct German paragraphs (9,000 make 1.1 million characters, over
spaCy's limit of 1,000,000 that once stopped the whole run with error E088), analyses it as
``newsevents run`` does, and prints characters, windows, events, seconds and peak resident memory.
"""
from __future__ import annotations

import argparse
import resource
import time

from pipeline.batch import Analyzer
from pipeline.document import SourceDocument, hash_bytes
from pipeline.settings import load_settings
from pipeline.windows import window_bounds


def long_article(paragraphs: int) -> str:
    """Distinct paragraphs (the cleaner drops repeated ones), each with an event and a date."""
    return "\n\n".join(f"Putin plant einen Besuch in China am {i % 28 + 1}. Mai. Der Kreml bestätigte "
                       f"die Reise nach Peking, die {i}. in diesem Jahrhundert." for i in range(paragraphs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=9_000)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the configured one)")
    args = parser.parse_args()
    overrides = {"model.name": args.model} if args.model else {}
    analyzer = Analyzer.load(load_settings(reference_date="2024-05-10", **overrides))
    text = long_article(args.paragraphs)
    source = SourceDocument(doc_id=hash_bytes(text.encode("utf8")), source="long.txt", fmt="txt", text=text)
    started = time.perf_counter()
    record = next(analyzer.analyse([source]))
    seconds = time.perf_counter() - started
    windows = sum(1 for _ in window_bounds(record.text, max_chars=analyzer.window_chars))
    print(f"model {record.model.name}: {len(text):,} characters in {windows} windows of at most "
          f"{analyzer.window_chars:,}; status {record.status}, {len(record.events):,} events, "
          f"{len(record.entities):,} entity clusters; {seconds:.1f} s; "
          f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
