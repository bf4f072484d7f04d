"""Time and size of loading a run into the Oxigraph store, and of reloading it.

    .venv/bin/python benchmarks/bench_graph.py [--run OUT_DIR] [--documents 1000]

Without ``--run``, first analyses the first ``--documents`` articles of gnad10k's test set
(../shared/data, evaluation only; see bench_view.py). Prints the seconds of the first load, the
quads and the store's size on disk, the seconds of a second load of the same run and the quads
after it (issue 13: reloading adds nothing), and the time of one query over the whole store.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench_view import make_run  # the same gnad10k run as the report's benchmark

from pipeline.settings import load_settings
from pipeline.store import load_runs, query

COUNT_EVENTS = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ne:Event ; ne:agent ?a . ?a owl:sameAs ?id }"


def size_on_disk(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, help="output folder of a run (default: make one from gnad10k)")
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    settings = load_settings()
    with tempfile.TemporaryDirectory() as work:
        run = args.run or make_run(args.documents, Path(work))
        store = Path(work) / "store"
        for attempt in ("first load", "second load"):
            started = time.perf_counter()
            (loaded,) = load_runs([run], store_dir=store, settings=settings)
            print(f"{attempt}: {loaded.documents} documents, {loaded.quads:,} quads in the run's graph, "
                  f"{time.perf_counter() - started:.2f} s, store {size_on_disk(store) / 1e6:.1f} MB")
        started = time.perf_counter()
        answer = query(COUNT_EVENTS, store_dir=store).table()
        print(f"query (events whose agent is linked to a KB id: {answer[0][0]}): {time.perf_counter() - started:.3f} s")


if __name__ == "__main__":
    main()
