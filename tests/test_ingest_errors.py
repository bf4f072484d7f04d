"""read_documents: bad input gives a document with `error` set, and the batch goes on."""
import hashlib
import json

import pytest

from pipeline.ingest import read_documents

VISIT = "Wladimir Putin plant eine Woche nach Beginn seiner neuen Amtszeit einen Besuch in China."


def read_all(*inputs, max_bytes=10_000):
    return list(read_documents(list(inputs), max_bytes=max_bytes))


@pytest.mark.parametrize("name, data, expected_error", [
    ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("leer.txt", b"", "empty"),
    ("leer.html", b"  \n\t\n", "empty"),
    ("gross.txt", VISIT.encode() * 200, "too large"),
    ("kaputt.json", b'{"id": "h1", "text": "Putin', "malformed JSON"),
    ("ohne_text.json", json.dumps({"id": "h2", "title": "Nur Titel"}).encode(), "no text"),
    ("leerer_text.json", json.dumps({"id": "h3", "text": "  "}).encode(), "no text"),
    ("zahl.json", b"42", "neither an object"),
    ("liste.json", json.dumps(["nur ein String"]).encode(), "not a JSON object"),
    ("skript.html", b"<html><head><title>Leer</title></head><body><script>var a = 1;</script></body></html>",
     "no main text"),
])
def test_bad_file_gives_error_document_and_batch_goes_on(tmp_path, name, data, expected_error):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "zz_gut.txt").write_text(VISIT, encoding="utf-8")
    bad, good = read_all(tmp_path)
    assert expected_error in bad.error and "\n" not in bad.error
    assert bad.text is None and bad.doc_id.startswith("sha256:")
    assert good.error is None and good.text == VISIT


def test_oversized_file_id_is_hash_of_all_bytes(tmp_path):
    data = VISIT.encode() * 1000
    (tmp_path / "gross.txt").write_bytes(data)
    [doc] = read_all(tmp_path / "gross.txt", max_bytes=100)
    assert doc.doc_id == "sha256:" + hashlib.sha256(data).hexdigest()
    assert str(len(data)) in doc.error


def test_jsonl_bad_line_does_not_stop_the_others(tmp_path):
    lines = [json.dumps({"id": "a", "text": VISIT}), '{"id": "b", "text": ', json.dumps({"id": "c"}),
             json.dumps({"id": "d", "text": VISIT + " Ende."})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs = read_all(tmp_path)
    assert [(doc.source, doc.error is None) for doc in docs] == [
        ("batch.jsonl:a", True), ("batch.jsonl:2", False), ("batch.jsonl:c", False), ("batch.jsonl:d", True)]
    assert "line 2" in docs[1].error and "no text" in docs[2].error


def test_missing_path_is_an_error_document(tmp_path):
    [doc] = read_all(tmp_path / "fehlt.txt")
    assert doc.source == "fehlt.txt" and "cannot read" in doc.error and doc.text is None
