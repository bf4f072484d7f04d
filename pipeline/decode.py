"""Turn raw input bytes into clean Unicode text.

Files of known binary formats (PDF, images, archives, Office files) are refused by their first
bytes. Order: byte-order mark, UTF-16 without one (judged by its zero bytes), strict UTF-8,
charset detection among legacy encodings, then cp1252 and finally latin-1 (which cannot fail);
every decode but a byte-order mark's or UTF-8's comes with a warning. Text that is more than a
trace of control characters is binary data after all. The decoded text is then normalised: line
breaks to "\\n", mojibake and C1 controls repaired by ftfy (U+0096 becomes "–"), soft hyphens
removed, Unicode NFC. Curly quotes and HTML entities are left as they are: quotes carry meaning
and entities are markup that cleaning records as dropped.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

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
# The first bytes of binary formats found in folders of articles, and what they announce.
BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio, AVI video)"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX, XLSX, ODT, EPUB)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
)
# Bytes looked at to judge the encoding or the binary nature of a file.
SAMPLE_BYTES = 4096
# UTF-16 without byte-order mark: text in Latin script has a zero byte in nearly every second
# byte (the high byte of each code unit) and almost none in the others.
UTF16_ZERO_SHARE = 0.4
UTF16_OTHER_ZERO_SHARE = 0.05
# C0 control characters (other than tab, line breaks, form feed) are at most a trace in real
# text; above this share of the characters, the bytes are binary data whatever decoded them.
# (C1 controls are left out: cp1252 dashes and quotes read as latin-1 land there, and ftfy repairs them.)
MAX_CONTROL_SHARE = 0.03
TEXT_CONTROLS = frozenset("\t\n\r\f\v")
# Legacy encodings charset detection may choose between (German and Russian news sites).
LEGACY_ENCODINGS = ("cp1252", "cp1251")
# Used when detection gives no answer; bytes cp1252 leaves undefined fall back to latin-1,
# which decodes every byte string.
FALLBACK_ENCODING = "cp1252"
LAST_RESORT_ENCODING = "latin-1"
# Lone UTF-16 surrogates: JSON escapes such as "\\ud800" and file names that are not UTF-8 give
# them, and no UTF-8 writer accepts them.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
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


@dataclass(frozen=True)
class DecodedText:
    """Normalised text, and a warning when its encoding had to be guessed."""

    text: str
    warning: str | None = None


def decode_bytes(data: bytes) -> DecodedText:
    """Decode `data` to normalised text; raise DecodeError for binary data."""
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DecodeError(f"binary content: {kind}")
    text, warning = decode_raw(data)
    share = control_share(text[:SAMPLE_BYTES])
    if share > MAX_CONTROL_SHARE:
        raise DecodeError(f"binary content: {share:.0%} control characters")
    return DecodedText(normalize_text(text), warning)


def decode_raw(data: bytes) -> tuple[str, str | None]:
    """The text of `data` and, unless a byte-order mark or UTF-8 said how, a warning."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as error:
                raise DecodeError(f"invalid {encoding} after byte-order mark: {error.reason}") from error
    utf16 = guess_utf16(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), f"no byte-order mark: decoded as {utf16}, judged by its zero bytes"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise DecodeError("binary content: NUL bytes")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if guess is not None:
        return str(guess), f"not valid UTF-8: decoded as {guess.encoding} (detected)"
    try:
        return data.decode(FALLBACK_ENCODING), f"not valid UTF-8: decoded as {FALLBACK_ENCODING} (nothing detected)"
    except UnicodeDecodeError:
        return data.decode(LAST_RESORT_ENCODING), f"not valid UTF-8: decoded as {LAST_RESORT_ENCODING} (nothing detected)"


def guess_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the zero bytes of `data` say UTF-16 without a mark."""
    sample = data[: SAMPLE_BYTES - SAMPLE_BYTES % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    units = len(sample) // 2
    even, odd = sample[0::2].count(0) / units, sample[1::2].count(0) / units
    if odd >= UTF16_ZERO_SHARE and even <= UTF16_OTHER_ZERO_SHARE:
        return "utf-16-le"
    if even >= UTF16_ZERO_SHARE and odd <= UTF16_OTHER_ZERO_SHARE:
        return "utf-16-be"
    return None


def control_share(text: str) -> float:
    """The share of C0 control characters and DEL in `text`, tab and line breaks not counted."""
    if not text:
        return 0.0
    controls = sum(1 for char in text if (char < " " or char == "\x7f") and char not in TEXT_CONTROLS)
    return controls / len(text)


def normalize_text(text: str) -> str:
    """Repair mojibake and C1 controls, drop soft hyphens, normalise line breaks and to NFC."""
    fixed = ftfy.fix_text(replace_lone_surrogates(text), config=FTFY_CONFIG)
    return unicodedata.normalize("NFC", fixed.replace(SOFT_HYPHEN, ""))


def replace_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, so that it can be written as UTF-8."""
    return LONE_SURROGATE.sub("\ufffd", text)
