"""Page bytes to text as browsers decide it: BOM, then the HTTP charset, then `<meta>`, then
detection (w3lib's `html_to_unicode` keeps that order and the WHATWG label aliases).

On top of that order, a declaration the bytes contradict gives way to the next one: a charset
that turns the text into replacement characters, a single-byte charset over text that reads as
a multi-byte one, a legacy charset over bytes that are well-formed UTF-8.
"""

from __future__ import annotations

import codecs
from functools import cache

import charset_normalizer
from w3lib.encoding import (
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

# How much of the page the charset detector looks at (it is slow on whole pages).
DETECT_BYTES = 64_000
UTF_ENCODINGS = frozenset({"utf-8", "utf8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"})
# A decoding may replace this many bytes and still be believed (stray bytes in a UTF-8 page,
# as browsers replace them); above it, only one replacement per this many characters.
STRAY_BYTES = 8
CHARS_PER_STRAY_BYTE = 200
# Share of NULs at one byte parity that marks UTF-16 markup (ASCII letters are "a\0" in LE).
UTF16_NUL_SHARE = 0.3
# and the most NULs the other parity may hold.
UTF16_OTHER_NUL_SHARE = 0.05
# Share of non-ASCII bytes above which a single-byte declaration is checked against detection.
CHECKED_HIGH_SHARE = 0.05
# Bytes no text has: C0 controls other than tab, line feed, vertical tab, form feed, return.
_CONTROL_BYTES = bytes(range(0x09)) + bytes(range(0x0E, 0x20))
BINARY_SAMPLE_BYTES = 4096
MAX_CONTROL_SHARE = 0.02


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode page bytes as a browser would, given the HTTP `Content-Type` when there was one."""
    if read_bom(data)[0] is None:
        utf16 = bomless_utf16(data)
        if utf16 is not None:
            return data.decode(utf16, errors="replace")
        data = data.replace(b"\0", b"")  # browsers drop NULs, wherever they are
    encoding, text = html_to_unicode(content_type, data, auto_detect_fun=detect_encoding)
    if read_bom(data)[0] is not None:
        return text
    if http_content_type_encoding(content_type) and not _believable(text):
        # the header is demonstrably wrong: the page's own declaration, or detection, decides
        encoding, text = html_to_unicode(None, data, auto_detect_fun=detect_encoding)
    if encoding not in UTF_ENCODINGS:
        utf8 = _valid_utf8(data)  # a page saved as UTF-8 that still declares its old charset
        if utf8 is not None:
            return utf8
    detected: str | None = None
    if not _believable(text):
        detected = detect_encoding(data)
    elif _single_byte(encoding) and _high_share(data) > CHECKED_HIGH_SHARE:
        detected = _multibyte_reading(data)
    if detected and detected != encoding:
        return data.decode(detected, errors="replace")
    return text


def detect_encoding(data: bytes) -> str | None:
    """The encoding of undeclared bytes: UTF-8 (with a few stray bytes at most), then
    statistical detection."""
    sample = data[:DETECT_BYTES]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4 and not _mostly_utf8(sample):
            best = charset_normalizer.from_bytes(sample).best()
            return resolve_encoding(best.encoding) if best is not None else "cp1252"
    return "utf-8"


def bomless_utf16(data: bytes) -> str | None:
    """`utf-16-le`/`-be` for UTF-16 markup without a BOM, told by its NULs at one parity."""
    sample = data[:BINARY_SAMPLE_BYTES]
    half = len(sample) // 2
    if half < 2:
        return None
    even = sample[0::2].count(0) / half
    odd = sample[1::2].count(0) / half
    if odd >= UTF16_NUL_SHARE and even <= UTF16_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE and odd <= UTF16_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are no text at all (images, PDFs, compressed or random data)."""
    sample = data[:BINARY_SAMPLE_BYTES]
    if read_bom(sample)[0] is not None or not sample or bomless_utf16(sample):
        return False
    sample = sample.replace(b"\0", b"")  # NUL runs are dropped before decoding, not binary
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > MAX_CONTROL_SHARE * len(sample)


def _believable(text: str) -> bool:
    """Whether a decoding replaced few enough bytes to be the page's real charset."""
    replaced = text.count("\ufffd")
    return replaced <= STRAY_BYTES or replaced * CHARS_PER_STRAY_BYTE <= len(text)


def _mostly_utf8(sample: bytes) -> bool:
    """UTF-8 but for a few stray bytes: more good multi-byte characters than bad bytes."""
    text = sample.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    return _believable(text) and wide > replaced


def _valid_utf8(data: bytes) -> str | None:
    """The bytes as text when they are non-ASCII, well-formed UTF-8 (never chance in 8-bit text)."""
    if data.isascii():
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


@cache
def _single_byte(encoding: str) -> bool:
    """Whether an encoding maps each byte to one character (latin-1, windows-125x, koi8…)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    # a multi-byte charset reads some neighbouring pair of high bytes as one character
    high = bytes(range(0x80, 0x100))
    return not name.startswith("utf") and len(high.decode(name, errors="replace")) == len(high)


def _high_share(data: bytes) -> float:
    sample = data[:DETECT_BYTES]
    return (len(sample) - len(sample.translate(None, bytes(range(0x80, 0x100))))) / max(
        len(sample), 1
    )


def _multibyte_reading(data: bytes) -> str | None:
    """The multi-byte legacy charset (EUC-KR, Shift_JIS, GB18030…) the bytes read as, if any."""
    best = charset_normalizer.from_bytes(data[:DETECT_BYTES]).best()
    if best is None:
        return None
    encoding = resolve_encoding(best.encoding) or best.encoding
    if _single_byte(encoding) or encoding in UTF_ENCODINGS:
        return None
    try:  # a multi-byte reading must fit every byte (a cut last character aside)
        data[: DETECT_BYTES - 4].decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start < min(len(data), DETECT_BYTES - 4) - 4:
            return None
    return encoding
