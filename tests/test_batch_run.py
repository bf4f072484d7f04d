"""The batch run end to end: seeds in, validated files out; bad input; crash and resume."""
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.batch import analyse_text, run_batch
from pipeline.cli import app
from pipeline.schema import DocumentRecord
from pipeline.settings import load_settings

RESULT_FILES = ("documents.jsonl", "events.jsonl", "entities.jsonl")


def read_records(out: Path) -> list[DocumentRecord]:
    lines = (out / "documents.jsonl").read_text("utf8").splitlines()
    return [DocumentRecord.model_validate_json(line) for line in lines]


@pytest.fixture(scope="module")
def seeds_output(repo_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    report = run_batch([repo_root / "seeds"], settings=load_settings(), out_dir=out)
    return out, report


def test_batch_seeds_give_two_valid_records(seeds_output):
    out, report = seeds_output
    records = read_records(out)
    assert [r.source for r in records] == ["000_37ef3cac3b47f0ac.txt", "003_b1ca4df553a7e89d.txt"]
    assert all(r.status == "ok" and r.language == "de" and r.model is not None for r in records)
    assert "Wladimir Putin plant eine Woche nach Beginn seiner neuen Amtszeit einen Besuch in China." in records[0].text
    assert "Im Dezember hielten Russland und China gemeinsame Militärmanöver ab" in records[1].text
    assert "OTHER NEWS" not in records[0].text and "minutes ago" not in records[0].text
    assert report.documents == 2


def test_batch_report_counts_and_names_the_model(seeds_output):
    out, report = seeds_output
    summary = json.loads((out / "report.json").read_text("utf8"))
    assert summary["documents"] == 2 and summary["by_status"] == {"ok": 2}
    assert summary["model"]["name"] == read_records(out)[0].model.name
    events = (out / "events.jsonl").read_text("utf8").splitlines()
    assert summary["events"] == len(events)


def test_batch_bad_inputs_get_error_records_and_the_batch_goes_on(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a_good.txt").write_text("Titel\n\nDie Regierung in Berlin plant neue Gesetze für das kommende Jahr.", "utf8")
    (corpus / "b_binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (corpus / "c_empty.txt").write_bytes(b"")
    (corpus / "d_batch.jsonl").write_text('{"id": "x1", "text": "Der Kanzler reist nach Paris."}\n{broken\n', "utf8")
    out = tmp_path / "out"
    run_batch([corpus], settings=load_settings(), out_dir=out)
    by_source = {r.source: r for r in read_records(out)}
    assert by_source["a_good.txt"].status == "ok"
    assert by_source["d_batch.jsonl:x1"].status == "ok"
    failed = {source for source, r in by_source.items() if r.status == "error"}
    assert failed == {"b_binary.txt", "c_empty.txt", "d_batch.jsonl:2"}
    assert all(by_source[source].errors for source in failed)


def test_batch_non_german_document_is_kept_without_events(tmp_path):
    (tmp_path / "en.txt").write_text(
        "Markets rallied\n\nStocks rose sharply on Friday as investors welcomed the latest inflation figures from Washington.", "utf8"
    )
    out = tmp_path / "out"
    run_batch([tmp_path / "en.txt"], settings=load_settings(), out_dir=out)
    (record,) = read_records(out)
    assert record.language == "en" and record.events == [] and record.text == ""


CRASHING_RUN = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from pipeline.batch import run_batch
    from pipeline.settings import load_settings

    seen = 0
    def crash_after_some(record):
        global seen
        seen += 1
        if seen == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)

    settings = load_settings(**{"output.chunk_size": 4})
    run_batch([sys.argv[1]], settings=settings, out_dir=Path(sys.argv[2]), progress=crash_after_some)
    """
)


def test_batch_killed_run_resumes_to_the_same_files(tmp_path, repo_root):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for number in range(30):
        (corpus / f"doc{number:02d}.txt").write_text(
            f"Meldung {number}\n\nDie Polizei in Hamburg meldete am Montag {number} Unfälle auf der Autobahn.", "utf8"
        )
    crashed = tmp_path / "crashed"
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_RUN, "utf8")
    env = {**os.environ, "PYTHONPATH": str(repo_root)}
    result = subprocess.run([sys.executable, str(script), str(corpus), str(crashed), "11"], env=env, capture_output=True)
    assert result.returncode == -signal.SIGKILL
    assert not (crashed / "documents.jsonl").exists()
    parts = sorted((crashed / "parts").glob("part-*.jsonl"))
    assert len(parts) == 2  # two chunks of four were complete; nothing half-written
    assert all(len(p.read_text("utf8").splitlines()) == 4 for p in parts)

    settings = load_settings(**{"output.chunk_size": 4})
    resumed: list[str] = []
    run_batch([corpus], settings=settings, out_dir=crashed, progress=lambda r: r and resumed.append(r.source))
    assert len(resumed) == 30 - 8  # the finished documents were skipped
    clean = tmp_path / "clean"
    run_batch([corpus], settings=settings, out_dir=clean)
    for name in RESULT_FILES:
        assert (crashed / name).read_bytes() == (clean / name).read_bytes(), name


def test_batch_rerun_skips_done_documents_unless_forced(tmp_path, repo_root):
    out = tmp_path / "out"
    settings = load_settings()
    run_batch([repo_root / "seeds"], settings=settings, out_dir=out)
    first = (out / "documents.jsonl").read_bytes()
    again: list[str] = []
    run_batch([repo_root / "seeds"], settings=settings, out_dir=out, progress=lambda r: r and again.append(r.source))
    assert again == [] and (out / "documents.jsonl").read_bytes() == first
    forced: list[str] = []
    run_batch([repo_root / "seeds"], settings=settings, out_dir=out, force=True, progress=lambda r: r and forced.append(r.source))
    assert len(forced) == 2 and (out / "documents.jsonl").read_bytes() == first


def test_batch_rerun_redoes_documents_when_a_rule_file_changed(tmp_path, repo_root):
    rules = tmp_path / "events.toml"
    rules.write_text((repo_root / "configs" / "events.toml").read_text("utf8"), "utf8")
    settings = load_settings(**{"events.rules": str(rules)})
    out = tmp_path / "out"
    run_batch([repo_root / "seeds"], settings=settings, out_dir=out)
    rules.write_text(rules.read_text("utf8") + "\n# an edit: the same path, other contents\n", "utf8")
    redone: list[str] = []
    run_batch([repo_root / "seeds"], settings=settings, out_dir=out, progress=lambda r: r and redone.append(r.source))
    assert len(redone) == 2


def test_batch_runs_offline(tmp_path, repo_root, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    report = run_batch([repo_root / "seeds"], settings=load_settings(), out_dir=tmp_path / "out")
    assert report.by_status == {"ok": 2}


@pytest.mark.parametrize(
    "args, exit_code",
    [
        (["run", "does-not-exist/", "--out", "{out}"], 2),
        (["run", "{bad}", "--out", "{out}"], 1),
        (["run", "{good}", "--out", "{out}"], 0),
        (["run", "{good}", "--out", "{out}", "--config", "missing.toml"], 2),
        (["run", "{good}", "--out", "{good}"], 2),
        (["run", "{good}", "--out", "{out}", "--reference-date", "2024-13-45"], 2),
        (["run", "{good}", "--out", "{out}", "--dask", "foo"], 2),
        (["run", "{good}", "--out", "{out}", "--model", "/nonexistent/model"], 2),
        (["extract", "Der Kanzler reist nach Paris.", "--model", "/nonexistent/model"], 2),
    ],
)
def test_cli_exit_codes(tmp_path, args, exit_code):
    good = tmp_path / "good.txt"
    good.write_text("Titel\n\nDer Bundestag hat am Donnerstag ein neues Gesetz beschlossen.", "utf8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    values = {"out": str(tmp_path / "out"), "good": str(good), "bad": str(bad)}
    result = CliRunner().invoke(app, [arg.format(**values) for arg in args])
    assert result.exit_code == exit_code, result.output


def test_cli_crash_of_the_tool_exits_3_and_says_where(tmp_path, monkeypatch, capsys):
    import pipeline.batch
    from pipeline.cli import main

    def broken_run(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(pipeline.batch, "run_batch", broken_run)
    (tmp_path / "good.txt").write_text("Der Kanzler reist nach Paris.", "utf8")
    monkeypatch.setattr("sys.argv", ["newsevents", "run", str(tmp_path / "good.txt"), "--out", str(tmp_path / "out")])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 3
    message = capsys.readouterr().err.strip().splitlines()
    assert len(message) == 1 and message[0].startswith("internal error: KeyError: 'a bug' (at ")
    assert "test_batch_run.py" in message[0]


def test_cli_schema_prints_the_committed_schema(repo_root):
    result = CliRunner().invoke(app, ["schema"])
    assert json.loads(result.output) == json.loads((repo_root / "pipeline/schemas/document-v1.json").read_text("utf8"))


def test_batch_two_processes_give_the_same_files(tmp_path, repo_root):
    settings = load_settings(reference_date="2024-05-10")
    run_batch([repo_root / "seeds"], settings=settings, out_dir=tmp_path / "one")
    run_batch([repo_root / "seeds"], settings=settings, out_dir=tmp_path / "two", processes=2)
    for name in RESULT_FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


@pytest.mark.parametrize(
    "config, message",
    [
        ('[events]\nrules = "missing-rules.toml"\n', "events.rules: file not found"),
        ('[events]\nrules = "{bad}"\n', "invalid event rules"),
        ("[model]\nbatch_size = 0\n", "batch_size"),
    ],
    ids=["missing-file", "bad-rule", "bad-value"],
)
def test_cli_bad_settings_exit_cleanly(tmp_path, config, message):
    bad_rules = tmp_path / "rules.toml"
    bad_rules.write_text('[frames.x]\nsubject = "agent"\n[types.X]\nframe = "nope"\nverbs = ["tun"]\n', "utf8")
    settings = tmp_path / "my.toml"
    settings.write_text(config.replace("{bad}", str(bad_rules)), "utf8")
    good = tmp_path / "good.txt"
    good.write_text("Titel\n\nDer Bundestag hat am Donnerstag ein Gesetz beschlossen.", "utf8")
    result = CliRunner().invoke(app, ["run", str(good), "--out", str(tmp_path / "out"), "--config", str(settings)])
    assert result.exit_code == 2 and message in result.output


def test_batch_output_does_not_depend_on_the_hash_seed(tmp_path, repo_root):
    """Same input, same files: nothing may depend on set or dict order under hash randomisation
    (inflected triggers whose form and lemma both name a trigger noun: "Unfälle" / "Unfall")."""
    article = tmp_path / "article.txt"
    article.write_text(
        "Meldung\n\nAuf der A7 gab es am Montag drei Unfälle. Die Gespräche in Berlin scheiterten. "
        "Nach den Anschläge in Paris wurden Sanktionen verhängt. Die Verhandlungen mit Polen laufen.\n",
        "utf8",
    )
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(repo_root)}
        command = [sys.executable, "-m", "pipeline.cli", "run", str(article), str(repo_root / "seeds"), "--out", str(out)]
        subprocess.run(command, env=env, check=True, capture_output=True)
        outputs.append([(out / name).read_bytes() for name in RESULT_FILES])
    assert outputs[0] == outputs[1] == outputs[2]


def test_batch_record_leaves_no_extractor_cache():
    """After analysis and conversion a Doc holds none of the event extractor's caches (Tokens and
    Spans in user_data would also break serialising it)."""
    from spacy.tokens import DocBin

    from pipeline.batch import Analyzer
    from pipeline.document import SourceDocument, hash_bytes
    from pipeline.events.syntax import CACHE_KEYS
    from pipeline.text import PreparedText

    analyzer = Analyzer.load(load_settings())
    text = "Wladimir Putin plant am 15. Mai einen Besuch in China.  Die Reise ist geplant."
    doc = analyzer.pipeline.nlp(analyzer.make_doc(text, reference_date="2024-05-10"))
    source = SourceDocument(doc_id=hash_bytes(text.encode("utf8")), source="<text>", fmt="txt", text=text)
    analyzer.record(doc, source=source, prepared=PreparedText(text=text, dropped=(), language="de", language_score=1.0))
    assert not set(CACHE_KEYS) & set(doc.user_data)
    DocBin(docs=[doc], store_user_data=True).to_bytes()


@pytest.mark.parametrize("text, title", [
    ("Welt\n\nPutin bemüht sich um chinesische Armee im Ukraine-Krieg\n\nIm Angriffskrieg gegen die Ukraine "
     "möchte Wladimir Putin eine Zusammenarbeit forcieren.", "Putin bemüht sich um chinesische Armee im Ukraine-Krieg"),
    ("Kanzler reist nach Paris\n\nDer Bundeskanzler reist am Montag zu Gesprächen nach Paris.", "Kanzler reist nach Paris"),
])
def test_batch_title_is_the_first_line_cleaning_keeps(text, title):
    assert analyse_text(text, settings=load_settings(), title=text.split("\n")[0]).title == title
