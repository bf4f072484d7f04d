"""Decoding and normalisation: BOMs, legacy encodings, mojibake, soft hyphens, NFC."""
import codecs

import pytest

from pipeline.decode import DecodeError, decode_bytes, normalize_text
from pipeline.ingest import read_documents

SENTENCE = "Der Präsident sagte – größer als je zuvor – über die Straße."


@pytest.mark.parametrize("data", [
    SENTENCE.encode("utf-8"),
    codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
    SENTENCE.encode("utf-16"),
    codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"),
    SENTENCE.encode("utf-32"),
    SENTENCE.encode("cp1252"),
    SENTENCE.replace("–", "-").encode("latin-1"),
])
def test_encodings_decode_to_the_same_text(data):
    assert decode_bytes(data).text.replace("-", "–") == SENTENCE


@pytest.mark.parametrize("text, expected", [
    ("Putin \x96 Xi", "Putin – Xi"),                  # C1 control from cp1252 mojibake
    ("Pr\u00e4si\u00addent", "Präsident"),            # soft hyphen
    ("Pra\u0308sident", "Präsident"),                 # decomposed umlaut to NFC
    ("PrÃ¤sident", "Präsident"),                      # UTF-8 read as latin-1
    ("Zeile eins\r\nZeile zwei", "Zeile eins\nZeile zwei"),
    ("„Zitat“ &gt;&gt;", "„Zitat“ &gt;&gt;"),         # quotes and entities stay
])
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


@pytest.mark.parametrize("data, expected", [
    (b"PK\x03\x04\x00\x00", "ZIP archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "PDF document"),  # no NUL byte
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"GIF89a\x01\x00\x01\x00", "GIF image"),
    (bytes(range(1, 256)) * 20, "control characters"),  # binary without NUL bytes nor a signature
    (b"Titel\x00\x00\x00 und mehr", "NUL bytes"),
])
def test_decoding_refuses_binary_content(data, expected):
    with pytest.raises(DecodeError, match=f"binary content: .*{expected}"):
        decode_bytes(data)


@pytest.mark.parametrize("data, warning", [
    (SENTENCE.encode("utf-8"), None),
    (codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"), None),
    (SENTENCE.encode("utf-16-le"), "no byte-order mark: decoded as utf-16-le"),
    (SENTENCE.encode("utf-16-be"), "no byte-order mark: decoded as utf-16-be"),
    (SENTENCE.encode("cp1252"), "not valid UTF-8: decoded as cp1252"),
])
def test_decoding_warns_when_the_encoding_was_guessed(data, warning):
    decoded = decode_bytes(data)
    assert decoded.text == SENTENCE
    assert (decoded.warning or "").startswith(warning or "")
    assert (decoded.warning is None) == (warning is None)


def test_decoding_keeps_latin1_mojibake_as_text():
    """Bytes 0x80–0x9F are cp1252 dashes and quotes (C1 controls in latin-1), not binary data."""
    assert decode_bytes("Putin \x96 Xi \x93sagte\x94".encode("latin-1")).text == "Putin – Xi “sagte”"


def test_cp1252_file_is_read(tmp_path):
    (tmp_path / "alt.txt").write_bytes(f"Titel\n\n{SENTENCE}".encode("cp1252"))
    [doc] = read_documents([tmp_path], max_bytes=10_000)
    assert doc.error is None and SENTENCE in doc.text
    assert doc.warnings == ("not valid UTF-8: decoded as cp1252 (detected)",)


def test_utf16_file_without_byte_order_mark_is_read(tmp_path):
    (tmp_path / "utf16.txt").write_bytes(f"Titel\n\n{SENTENCE}".encode("utf-16-le"))
    [doc] = read_documents([tmp_path], max_bytes=10_000)
    assert doc.error is None and SENTENCE in doc.text and "utf-16-le" in doc.warnings[0]
