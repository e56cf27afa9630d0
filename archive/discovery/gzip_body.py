"""Gzipped discovery bodies (`sitemap.xml.gz`) unpacked within a size bound, never past it."""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"
# Sitemaps may be 50 MB uncompressed (sitemaps.org); anything larger is refused, not truncated.
MAX_DECOMPRESSED_BYTES = 50 * 1024 * 1024
GZIP_WBITS = 16 + zlib.MAX_WBITS


def unpack(body: bytes, limit: int = MAX_DECOMPRESSED_BYTES) -> bytes | None:
    """The body, gunzipped when it starts with the gzip magic; None if corrupt or over `limit`."""
    if not body.startswith(GZIP_MAGIC):
        return body
    out = bytearray()
    pending = body
    decompressor = zlib.decompressobj(GZIP_WBITS)
    while pending:
        try:
            out += decompressor.decompress(pending, limit + 1 - len(out))
        except zlib.error:
            break  # corrupt data, or junk after the last member: keep what came before
        if len(out) > limit:
            return None
        if not decompressor.eof:
            pending = decompressor.unconsumed_tail
            if not pending:
                break  # truncated download: keep what arrived
            continue
        pending = decompressor.unused_data  # a further gzip member follows
        decompressor = zlib.decompressobj(GZIP_WBITS)
    return bytes(out) or None
