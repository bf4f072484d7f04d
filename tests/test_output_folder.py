"""The output folder belongs to one run, keeps what it did not write, and follows the umask."""
import errno
import json
import os

import pytest
from typer.testing import CliRunner

from pipeline.batch import run_batch
from pipeline.cli import app
from pipeline.output import ChunkWriter, OutputError, lock_output
from pipeline.schema import DocumentRecord
from pipeline.settings import load_settings

ARTICLE = "Titel\n\nDer Bundestag hat am Donnerstag ein neues Gesetz beschlossen."


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf8")
    return path


def test_output_second_run_on_the_same_folder_exits_2_naming_the_first(tmp_path, article):
    out = tmp_path / "out"
    with lock_output(out):
        result = CliRunner().invoke(app, ["run", str(article), "--out", str(out)])
    assert result.exit_code == 2
    assert f"is in use by newsevents run {os.getpid()} on " in result.output
    assert not (out / "documents.jsonl").exists()


def test_output_foreign_parts_folder_is_not_deleted(tmp_path, article):
    out = tmp_path / "out"
    (out / "parts").mkdir(parents=True)
    (out / "parts" / "notizen.txt").write_text("meine Notizen", "utf8")
    with pytest.raises(OutputError, match="was not written by newsevents"):
        run_batch([article], settings=load_settings(), out_dir=out)
    assert (out / "parts" / "notizen.txt").read_text("utf8") == "meine Notizen"


def test_output_stale_parts_go_but_nothing_else(tmp_path, article):
    out = tmp_path / "out"
    run_batch([article], settings=load_settings(), out_dir=out)
    (out / "parts" / "notizen.txt").write_text("meine Notizen", "utf8")
    run_batch([article], settings=load_settings(reference_date="2024-05-10"), out_dir=out)  # other settings
    assert (out / "parts" / "notizen.txt").exists()
    assert len(list((out / "parts").glob("part-*.jsonl"))) == 1


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_files_follow_the_umask(tmp_path, article, umask, mode):
    out = tmp_path / "out"
    previous = os.umask(umask)
    try:
        run_batch([article], settings=load_settings(), out_dir=out)
    finally:
        os.umask(previous)
    for name in ("documents.jsonl", "events.jsonl", "entities.jsonl", "report.json", "parts/part-00001.jsonl"):
        assert (out / name).stat().st_mode & 0o777 == mode, name


def test_output_full_disk_is_a_clear_error_and_keeps_written_chunks(tmp_path, monkeypatch):
    writer = ChunkWriter(tmp_path, fingerprint="f", force=False)
    record = DocumentRecord(doc_id="sha256:" + "0" * 64, source="a.txt", status="error", errors=["leer"])
    writer.add(record, chunk_size=1)

    def no_space(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OutputError, match="No space left on device; the 1 documents written before are kept"):
        writer.add(record.model_copy(update={"source": "b.txt"}), chunk_size=1)
    assert sorted(path.name for path in (tmp_path / "parts").iterdir()) == ["manifest.json", "part-00001.jsonl"]


def test_output_rows_name_their_document_and_duplicates_are_reported(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Titel\n\nBundeskanzler Olaf Scholz reist am Montag nach Paris.", "utf8")
    out = tmp_path / "out"
    run_batch([tmp_path / "a.txt", tmp_path / "b.txt"], settings=load_settings(), out_dir=out)
    events = [json.loads(line) for line in (out / "events.jsonl").read_text("utf8").splitlines()]
    entities = [json.loads(line) for line in (out / "entities.jsonl").read_text("utf8").splitlines()]
    assert {row["source"] for row in events} == {row["source"] for row in entities} == {"a.txt", "b.txt"}
    assert json.loads((out / "report.json").read_text("utf8"))["duplicate_inputs"] == [["a.txt", "b.txt"]]
