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
    assert decode_bytes(data).replace("-", "–") == SENTENCE


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


def test_nul_bytes_are_binary():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"PK\x03\x04\x00\x00")


def test_cp1252_file_is_read(tmp_path):
    (tmp_path / "alt.txt").write_bytes(f"Titel\n\n{SENTENCE}".encode("cp1252"))
    [doc] = read_documents([tmp_path], max_bytes=10_000)
    assert doc.error is None and SENTENCE in doc.text
