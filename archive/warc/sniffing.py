"""Telling a saved body's content coding from its bytes, when its headers were not kept.

`morgue show --body` writes a body exactly as served, so `morgue extract` may be handed gzip,
deflate, brotli or zstd with no Content-Encoding header beside it. gzip, zstd and zlib streams
start with magic bytes; brotli has none, so a body that is not text is tried as brotli.
"""

from __future__ import annotations

from archive.warc.encoding import UndecodableBodyError, decode_body

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# Bytes a text page does not contain (NUL and C0 controls other than tab, newlines, form feed
# and the ESC of ISO-2022 encodings), but compressed data almost always does.
BINARY_BYTES = frozenset(range(0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20))
# How much of the start of a body is looked at to call it text.
SNIFF_LENGTH = 1024


def _is_zlib_header(head: bytes) -> bool:
    # RFC 1950: deflate method (low nibble 8) and a header that is a multiple of 31.
    return len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def looks_binary(body: bytes) -> bool:
    """Whether the start of `body` holds bytes no text page has."""
    return any(byte in BINARY_BYTES for byte in body[:SNIFF_LENGTH])


def sniff_content_encoding(body: bytes) -> str | None:
    """ "gzip", "zstd", "deflate" or "br" when the bytes say so; None for a body that is text."""
    if body.startswith(GZIP_MAGIC):
        return "gzip"
    if body.startswith(ZSTD_MAGIC):
        return "zstd"
    if _is_zlib_header(body[:2]) and looks_binary(body):
        return "deflate"
    if looks_binary(body):
        try:
            decode_body(body, "br")
        except UndecodableBodyError:
            return None
        return "br"
    return None


def decode_saved_body(body: bytes, content_encoding: str | None = None) -> bytes:
    """`body` with its content coding undone: the one given, else the one its bytes show."""
    coding = content_encoding or sniff_content_encoding(body)
    return decode_body(body, coding)
