"""The batch run on Dask gives the same files as the local run, in input order, bad input included."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import run_batch
from pipeline.cli import app
from pipeline.settings import load_settings

pytest.importorskip("dask.bag")

RESULT_FILES = ("documents.jsonl", "events.jsonl", "entities.jsonl")
ARTICLES = [
    "Die Gewerkschaft Verdi hat die Beschäftigten der Lufthansa am Montag zum Warnstreik aufgerufen.",
    "Bundeskanzler Olaf Scholz reist am Mittwoch zu einem Staatsbesuch nach Paris.",
    "In Köln, Dortmund und Bonn sind am Samstag Kundgebungen gegen den Stellenabbau geplant.",
    "Der Konzern hat Insolvenz angemeldet, teilte ein Sprecher am Freitag mit.",
    "Nach dem Erdbeben in der Türkei kritisierte die Opposition die Regierung scharf.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, repo_root) -> Path:
    """Seeds, a JSONL file with a malformed line, and a binary file: 9 documents, 2 of them bad."""
    folder = tmp_path_factory.mktemp("corpus")
    for seed in (repo_root / "seeds").glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    lines = [json.dumps({"id": f"a{i}", "text": text, "published": "2024-05-10"}, ensure_ascii=False) for i, text in enumerate(ARTICLES)]
    lines.insert(2, '{"id": "broken", "text": ')
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", "utf8")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 4)
    return folder


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    run_batch([corpus], settings=load_settings(), out_dir=out)
    return out


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_cluster_dask_run_gives_the_local_files(corpus, local_run, tmp_path, scheduler):
    # partitions of 2 documents, 2 at a time: the run crosses several windows
    settings = load_settings(**{"dask.partition_size": 2, "dask.partitions_in_flight": 2})
    report = run_batch([corpus], settings=settings, out_dir=tmp_path, dask_scheduler=scheduler)
    assert report.documents == 9 and report.by_status.get("error") == 2
    for name in RESULT_FILES:
        assert (tmp_path / name).read_bytes() == (local_run / name).read_bytes(), name


def test_cluster_dask_run_on_a_distributed_scheduler(corpus, local_run, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        run_batch([corpus], settings=load_settings(), out_dir=tmp_path, dask_scheduler=cluster.scheduler_address)
    for name in RESULT_FILES:
        assert (tmp_path / name).read_bytes() == (local_run / name).read_bytes(), name


def test_cluster_unreachable_scheduler_exits_cleanly(corpus, tmp_path):
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path), "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "tcp://127.0.0.1:9" in result.output, result.output
