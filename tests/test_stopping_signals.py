"""A run stopped by SIGTERM/SIGINT keeps what is finished, leaves no workers and resumes; the
workers of a run killed with SIGKILL die with it."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def make_corpus(folder: Path, *, copies: int) -> None:
    """Distinct articles made from the seeds (the same text twice would be one analysis less)."""
    folder.mkdir()
    seeds = sorted((REPO_ROOT / "seeds").glob("*.txt"))
    for number in range(copies):
        for seed in seeds:
            text = seed.read_text("utf8")
            (folder / f"{number:04d}_{seed.name}").write_text(f"{text}\n\nNachtrag {number}.", "utf8")


def start_run(corpus: Path, out: Path, config: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "run", str(corpus), "--out", str(out), "--processes", "2",
         "--config", str(config)],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_for_first_part(out: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 180
    while not (out / "parts" / "part-00001.jsonl").exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no chunk written in 180 s"
        time.sleep(0.05)


def processes_mentioning(text: str) -> list[int]:
    """Process ids whose command line contains ``text`` (forked workers keep their parent's)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text in (entry / "cmdline").read_bytes().decode("utf8", "replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_until_gone(text: str, *, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := processes_mentioning(text)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.fixture()
def setup(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, copies=60)
    config = tmp_path / "small_chunks.toml"
    config.write_text("[output]\nchunk_size = 2\n", "utf8")
    return corpus, tmp_path / "out", config


@pytest.mark.parametrize("signum, exit_code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_stopping_signal_keeps_finished_documents_and_leaves_no_workers(setup, signum, exit_code):
    corpus, out, config = setup
    process = start_run(corpus, out, config)
    wait_for_first_part(out, process)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == exit_code, stderr
    assert "run the same command again to resume" in stderr
    assert wait_until_gone(str(out), seconds=10) == []
    kept = sum(1 for part in (out / "parts").glob("part-*.jsonl") for _ in part.open())
    assert 0 < kept < 120
    rerun = start_run(corpus, out, config)
    rerun.communicate(timeout=600)
    assert rerun.returncode == 0
    assert len((out / "documents.jsonl").read_text("utf8").splitlines()) == 120


def test_stopping_workers_die_with_a_killed_parent(setup):
    corpus, out, config = setup
    process = start_run(corpus, out, config)
    wait_for_first_part(out, process)
    assert len(processes_mentioning(str(out))) == 3  # the parent and its two workers
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert wait_until_gone(str(out), seconds=10) == []
