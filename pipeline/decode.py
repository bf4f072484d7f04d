"""Turn raw input bytes into clean Unicode text.

Order: byte-order mark, strict UTF-8, charset detection among legacy encodings, then
cp1252 and finally latin-1 (which cannot fail). The decoded text is then normalised: line
breaks to "\\n", mojibake and C1 controls repaired by ftfy (U+0096 becomes "–"), soft hyphens
removed, Unicode NFC. Curly quotes and HTML entities are left as they are: quotes carry
meaning and entities are markup that cleaning records as dropped.
"""
from __future__ import annotations

import codecs
import unicodedata

import charset_normalizer
import ftfy

# Byte-order marks and the codec each one announces; UTF-32 first, its LE mark starts like UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings charset detection may choose between (German and Russian news sites).
LEGACY_ENCODINGS = ("cp1252", "cp1251")
# Used when detection gives no answer; bytes cp1252 leaves undefined fall back to latin-1,
# which decodes every byte string.
FALLBACK_ENCODING = "cp1252"
LAST_RESORT_ENCODING = "latin-1"
# The soft hyphen is an invisible hyphenation hint that splits words for the tokenizer.
SOFT_HYPHEN = "\u00ad"
# ftfy repairs that keep the text's meaning; entities and quotes stay for cleaning to judge.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    normalization="NFC",
)


class DecodeError(ValueError):
    """The bytes are not text (binary data) or cannot be decoded."""


def decode_bytes(data: bytes) -> str:
    """Decode `data` to normalised text; raise DecodeError for binary data."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return normalize_text(data.decode(encoding))
            except UnicodeDecodeError as error:
                raise DecodeError(f"invalid {encoding} after byte-order mark: {error.reason}") from error
    if b"\x00" in data:
        raise DecodeError("binary content (NUL bytes)")
    return normalize_text(decode_without_bom(data))


def decode_without_bom(data: bytes) -> str:
    """Decode bytes that carry no byte-order mark: UTF-8, detection, then fallbacks."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if guess is not None:
        return str(guess)
    try:
        return data.decode(FALLBACK_ENCODING)
    except UnicodeDecodeError:
        return data.decode(LAST_RESORT_ENCODING)


def normalize_text(text: str) -> str:
    """Repair mojibake and C1 controls, drop soft hyphens, normalise line breaks and to NFC."""
    fixed = ftfy.fix_text(text, config=FTFY_CONFIG)
    return unicodedata.normalize("NFC", fixed.replace(SOFT_HYPHEN, ""))
