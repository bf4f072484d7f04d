"""read_documents: bad input gives a document with `error` set, and the batch goes on."""
import hashlib
import json
import os

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
    ("tief.json", b"[" * 4000 + b"]" * 4000, "nested too deeply"),
    ("lange_zahl.json", b'{"id": 1, "text": "Putin", "n": ' + b"9" * 5000 + b"}", "4300 digits"),
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


def test_lone_surrogate_in_json_becomes_replacement_character(tmp_path):
    (tmp_path / "batch.jsonl").write_text('{"id": "x\\udc80", "title": "T\\ud800", "text": "Putin \\ud800 reist."}\n', "utf-8")
    [doc] = read_all(tmp_path)
    assert doc.error is None and doc.text == "Putin \ufffd reist."
    assert doc.source == "batch.jsonl:x\ufffd" and doc.title == "T\ufffd"
    assert json.dumps([doc.source, doc.title, doc.text], ensure_ascii=False).encode("utf-8")


def test_non_utf8_file_name_gets_a_writable_source(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as stream:
        stream.write(VISIT.encode())
    [doc] = read_all(tmp_path)
    assert doc.error is None and doc.source == "caf\ufffd.txt"


def test_fifo_in_folder_gets_an_error_document_instead_of_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zz_gut.txt").write_text(VISIT, encoding="utf-8")
    fifo, good = read_all(tmp_path)
    assert fifo.source == "pipe.txt" and fifo.error == "not a regular file: a FIFO (named pipe)"
    assert good.text == VISIT


def test_unreadable_folder_gets_an_error_document(tmp_path, monkeypatch):
    (tmp_path / "geheim").mkdir()
    (tmp_path / "geheim" / "a.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "zz_gut.txt").write_text(VISIT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # as for a folder without read permission (root may read any folder)
        if os.fspath(path).endswith("geheim"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    folder, good = read_all(tmp_path)
    assert folder.source == "geheim" and folder.error == "cannot read folder: Permission denied"
    assert good.text == VISIT


@pytest.mark.parametrize("follow_links, expected", [
    (False, "symbolic link to a file outside the input folder (not followed; see --follow-links)"),
    (True, None),
])
def test_symlink_out_of_the_input_folder_is_followed_only_when_asked(tmp_path, follow_links, expected):
    (tmp_path / "elsewhere.txt").write_text(VISIT, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "inside.txt").write_text(VISIT + " Innen.", encoding="utf-8")
    (corpus / "link_in.txt").symlink_to(corpus / "inside.txt")
    (corpus / "link_out.txt").symlink_to(tmp_path / "elsewhere.txt")
    docs = list(read_documents([corpus], max_bytes=10_000, follow_links=follow_links))
    assert [(doc.source, doc.error) for doc in docs] == [("inside.txt", None), ("link_in.txt", None), ("link_out.txt", expected)]


def test_repeated_jsonl_record_ids_stay_apart(tmp_path):
    line = json.dumps({"id": "x", "text": VISIT})
    (tmp_path / "batch.jsonl").write_text("\n".join([line, line, json.dumps({"id": "x", "text": VISIT + " Neu."})]), "utf-8")
    assert [doc.source for doc in read_all(tmp_path)] == ["batch.jsonl:x", "batch.jsonl:x#2", "batch.jsonl:x#3"]
