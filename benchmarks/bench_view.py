"""Time to write the HTML report of a run, and time for a browser to load its pages.

    .venv/bin/python benchmarks/bench_view.py [--run OUT_DIR] [--documents 1000]

Without ``--run``, first analyses the first ``--documents`` articles of gnad10k's test set
(../shared/data, evaluation only) with the configured model into a temporary folder. Prints the
seconds ``write_view`` takes, the size of the report, and, when chromium is installed, the load
time of the overview and of three document pages (headless chromium, ``--dump-dom``), each
minus the time the same browser takes for an empty page. Issue 16's targets: under 10 s for
1,000 documents, under a second per page.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline.batch import run_batch
from pipeline.settings import PROJECT_ROOT, load_settings
from pipeline.view import write_view

GNAD_TEST = PROJECT_ROOT.parent / "shared" / "data" / "gnad10k" / "test.csv.gz"


def make_run(documents: int, work: Path) -> Path:
    """A run over gnad10k test articles (label;'text' rows), as `newsevents run` writes it."""
    articles = work / "articles.jsonl"
    with gzip.open(GNAD_TEST, "rt", encoding="utf-8") as rows, articles.open("w", encoding="utf-8") as out:
        for number, (_, text) in zip(range(documents), csv.reader(rows, delimiter=";", quotechar="'")):
            out.write(json.dumps({"id": f"gnad-{number}", "text": text}, ensure_ascii=False) + "\n")
    started = time.perf_counter()
    run_batch([articles], settings=load_settings(reference_date="2024-05-10"), out_dir=work / "run")
    print(f"analysed {documents} gnad10k articles in {time.perf_counter() - started:.1f} s")
    return work / "run"


def page_load_seconds(chromium: str, url: str) -> float:
    started = time.perf_counter()
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
                   capture_output=True, check=True, timeout=120)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, help="output folder of a run (default: make one from gnad10k)")
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        run = args.run or make_run(args.documents, Path(work))
        html = Path(work) / "view"
        started = time.perf_counter()
        summary = write_view(run, html)
        seconds = time.perf_counter() - started
        size = sum(path.stat().st_size for path in html.rglob("*") if path.is_file())
        print(f"write_view: {summary.documents} documents in {seconds:.2f} s, {size / 1e6:.1f} MB")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            print("chromium not installed: page load times not measured")
            return
        empty = min(page_load_seconds(chromium, "about:blank") for _ in range(3))
        pages = [summary.index, *sorted((html / "docs").glob("*.html"))[:3]]
        for page in pages:
            load = min(page_load_seconds(chromium, page.as_uri()) for _ in range(3))
            print(f"{page.relative_to(html)}: {page.stat().st_size / 1e3:.0f} kB, loads in "
                  f"{max(0.0, load - empty):.2f} s beyond an empty page ({load:.2f} s with browser start)")


if __name__ == "__main__":
    main()
