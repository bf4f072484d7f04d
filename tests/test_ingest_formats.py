"""read_documents: every input format, directory walking, stdin, source names and ids."""
import hashlib
import io
import json
import sys

import pytest

from pipeline.ingest import read_documents

MAX_BYTES = 1_000_000
VISIT = "Wladimir Putin plant eine Woche nach Beginn seiner neuen Amtszeit einen Besuch in China."
TRIP = "Die Reise ist für den 15. und 16. Mai geplant, sagte eine mit den Plänen vertraute Person."
ARTICLE_HTML = f"""<!DOCTYPE html><html lang="de"><head>
<title>Putin reist nach China | Beispielzeitung</title>
<meta property="og:title" content="Putin reist nach China">
<meta property="article:published_time" content="2024-05-17T08:30:00+02:00">
<link rel="canonical" href="https://example.org/putin-china">
</head><body><nav>Startseite Politik Wirtschaft</nav><article><h1>Putin reist nach China</h1>
<p>{VISIT} Russlands Präsident unterstreicht damit die Bedeutung der Beziehungen.</p>
<p>{TRIP} Die Daten könnten sich noch geringfügig ändern.</p></article>
<footer>Impressum Datenschutz</footer></body></html>"""


def read_all(*inputs, max_bytes=MAX_BYTES, **options):
    return list(read_documents(list(inputs), max_bytes=max_bytes, **options))


def sha256_id(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def test_txt_title_is_first_non_empty_line(tmp_path):
    data = f"\n\nPutin plant Besuch in China\n\n{VISIT}\n".encode()
    (tmp_path / "a.txt").write_bytes(data)
    [doc] = read_all(tmp_path / "a.txt")
    assert (doc.fmt, doc.title, doc.source, doc.error) == ("txt", "Putin plant Besuch in China", "a.txt", None)
    assert VISIT in doc.text
    assert doc.doc_id == sha256_id(data)


def test_seed_files_read_as_text(repo_root):
    docs = read_all(repo_root / "seeds")
    assert [doc.source for doc in docs] == ["000_37ef3cac3b47f0ac.txt", "003_b1ca4df553a7e89d.txt"]
    assert docs[0].title == "Russland: Wladimir Putin plant Treffen mit Xi Jinping in China noch im Mai"
    assert docs[0].doc_id == sha256_id((repo_root / "seeds" / "000_37ef3cac3b47f0ac.txt").read_bytes())
    assert all(doc.error is None for doc in docs)


def test_html_main_text_and_metadata(tmp_path):
    (tmp_path / "artikel.html").write_text(ARTICLE_HTML, encoding="utf-8")
    [doc] = read_all(tmp_path)
    assert doc.fmt == "html" and doc.error is None
    assert doc.title == "Putin reist nach China"
    assert doc.published == "2024-05-17"
    assert doc.url == "https://example.org/putin-china"
    assert VISIT in doc.text and TRIP in doc.text
    assert "Impressum" not in doc.text and "<p>" not in doc.text


@pytest.mark.parametrize("payload, expected_sources", [
    ({"id": "h001", "text": VISIT}, ["batch.json:h001"]),
    ([{"id": "h001", "text": VISIT}, {"text": TRIP}], ["batch.json:h001", "batch.json:2"]),
])
def test_json_object_or_list(tmp_path, payload, expected_sources):
    (tmp_path / "batch.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    docs = read_all(tmp_path)
    assert [doc.source for doc in docs] == expected_sources
    assert all(doc.fmt == "json" and doc.error is None for doc in docs)


def test_json_fields(tmp_path):
    record = {"id": 7, "text": VISIT, "title": "Putin reist", "date": "2024-05-17T10:00:00Z",
              "url": "https://example.org/a"}
    (tmp_path / "one.json").write_text(json.dumps(record), encoding="utf-8")
    [doc] = read_all(tmp_path / "one.json")
    assert (doc.source, doc.title, doc.published, doc.url, doc.text) == (
        "one.json:7", "Putin reist", "2024-05-17", "https://example.org/a", VISIT)


@pytest.mark.parametrize("value, expected", [
    ("2024-05-17", "2024-05-17"),
    ("2024-05-17T10:00:00+02:00", "2024-05-17"),
    ("17.05.2024", "2024-05-17"),
    ("2024-02-30", None),
    ("gestern", None),
])
def test_json_dates(tmp_path, value, expected):
    (tmp_path / "d.json").write_text(json.dumps({"text": VISIT, "published": value}), encoding="utf-8")
    [doc] = read_all(tmp_path / "d.json")
    assert doc.published == expected
    assert bool(doc.warnings) == (expected is None)


def test_jsonl_sources_by_id_or_line_number(tmp_path):
    lines = [json.dumps({"id": "h001", "text": VISIT}), "", json.dumps({"text": TRIP})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = read_all(tmp_path)
    assert [(doc.source, doc.fmt, doc.text) for doc in docs] == [
        ("batch.jsonl:h001", "json", VISIT), ("batch.jsonl:3", "json", TRIP)]


def test_record_id_is_stable_across_containers(tmp_path):
    record = {"id": "h001", "text": VISIT, "title": "Putin reist"}
    (tmp_path / "a.json").write_text(json.dumps([record]), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(record, indent=None, separators=(", ", ": ")) + "\n", encoding="utf-8")
    first, second = read_all(tmp_path)
    assert first.doc_id == second.doc_id
    assert [doc.doc_id for doc in read_all(tmp_path)] == [first.doc_id, second.doc_id]


def test_directory_walk_is_recursive_sorted_and_skips_unknown(tmp_path):
    for name in ["b.txt", "sub/a.html", "a/z.txt", "notes.md", ".hidden.txt", ".git/x.txt", "sub/c.jsonl"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"text": VISIT}) if name.endswith("jsonl") else
                        ARTICLE_HTML if name.endswith("html") else VISIT, encoding="utf-8")
    sources = [doc.source for doc in read_all(tmp_path)]
    assert sources == ["a/z.txt", "b.txt", "sub/a.html", "sub/c.jsonl:1"]


def test_explicit_file_with_unknown_extension_is_text(tmp_path):
    (tmp_path / "artikel.md").write_text(f"Putin in China\n\n{VISIT}", encoding="utf-8")
    [doc] = read_all(tmp_path / "artikel.md")
    assert (doc.source, doc.fmt, doc.title, doc.error) == ("artikel.md", "txt", "Putin in China", None)


@pytest.mark.parametrize("stdin_format, data, expected_source", [
    ("txt", f"Putin in China\n{VISIT}".encode(), "<stdin>"),
    ("jsonl", json.dumps({"id": "s1", "text": VISIT}).encode(), "<stdin>:s1"),
])
def test_stdin(monkeypatch, stdin_format, data, expected_source):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [doc] = read_all("-", stdin_format=stdin_format)
    assert doc.source == expected_source and doc.error is None
    assert VISIT in doc.text


def test_inputs_keep_their_order(tmp_path):
    (tmp_path / "z.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TRIP, encoding="utf-8")
    docs = read_all(tmp_path / "z.txt", tmp_path / "a.txt")
    assert [doc.source for doc in docs] == ["z.txt", "a.txt"]


def test_same_bytes_same_id_in_any_place(tmp_path):
    data = VISIT.encode()
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "eins.txt").write_bytes(data)
    (tmp_path / "zwei.txt").write_bytes(data)
    ids = {doc.doc_id for doc in read_all(tmp_path)}
    assert ids == {sha256_id(data)}


def test_unknown_stdin_format_is_rejected():
    with pytest.raises(ValueError, match="stdin format"):
        read_all("-", stdin_format="pdf")


def test_html_reading_is_offline(tmp_path, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    (tmp_path / "a.html").write_text(ARTICLE_HTML, encoding="utf-8")
    [doc] = read_all(tmp_path)
    assert doc.error is None and VISIT in doc.text


@pytest.mark.parametrize("files, expected", [
    ({"a.txt": b"Text", "b.html": b"<p>Text</p>"}, 2),
    ({"a.jsonl": b'{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n', "b.json": b'\xef\xbb\xbf {"text": "d"}'}, 4),
    ({"a.txt": b"", "b.jsonl": b"not json\n"}, 2),     # each bad input is one error record
    ({"a.json": b' [{"text": "a"}, {"text": "b"}]'}, None),  # a list: not counted without parsing it
    ({"README.md": b"skipped", ".hidden.txt": b"skipped"}, 0),
])
def test_ingest_count_documents_matches_what_is_read(tmp_path, files, expected):
    from pipeline.ingest import count_documents

    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    assert count_documents([tmp_path], max_bytes=1 << 20) == expected
    if expected is not None:
        assert len(list(read_documents([tmp_path], max_bytes=1 << 20))) == expected
    assert count_documents(["-"], max_bytes=1 << 20) is None


def test_ingest_formats_a_jsonl_file_without_records_is_an_error_document(tmp_path):
    from pipeline.ingest import read_documents

    (tmp_path / "empty.jsonl").write_bytes(b"\xad\n\n")   # a soft hyphen alone: nothing after normalisation
    (document,) = read_documents([tmp_path / "empty.jsonl"], max_bytes=10_000)
    assert document.error == "JSONL file holds no records"
