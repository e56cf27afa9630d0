"""Undoing HTTP `Content-Encoding` on archived bodies, as Scrapy's decompression middleware does.

The WARC keeps bodies as sent; rebuild, `show --text` and extraction need them decoded.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

import brotli

# Decoded bodies larger than this are refused: a tiny gzip bomb must not exhaust memory.
MAX_DECODED_SIZE = 50 * 1024 * 1024


class UndecodableBodyError(ValueError):
    """The body is not valid for its declared Content-Encoding, or decodes too large."""


def _inflate(data: bytes, wbits: int, limit: int) -> bytes:
    decoder = zlib.decompressobj(wbits)
    out = decoder.decompress(data, limit + 1)
    if len(out) > limit:
        raise UndecodableBodyError(f"decoded body exceeds {limit} bytes")
    return out


def _gunzip(data: bytes, limit: int) -> bytes:
    return _inflate(data, zlib.MAX_WBITS | 16, limit)


def _deflate(data: bytes, limit: int) -> bytes:
    try:
        return _inflate(data, zlib.MAX_WBITS, limit)
    except zlib.error:
        return _inflate(data, -zlib.MAX_WBITS, limit)  # raw deflate, as some servers send


def _brotli(data: bytes, limit: int) -> bytes:
    try:
        out: bytes = brotli.decompress(data)
    except brotli.error as exc:
        raise UndecodableBodyError(f"invalid br body: {exc}") from exc
    if len(out) > limit:
        raise UndecodableBodyError(f"decoded body exceeds {limit} bytes")
    return out


DECODERS: dict[str, Callable[[bytes, int], bytes]] = {
    "gzip": _gunzip,
    "x-gzip": _gunzip,
    "deflate": _deflate,
    "br": _brotli,
}


def decode_body(body: bytes, content_encoding: str | None, limit: int = MAX_DECODED_SIZE) -> bytes:
    """The body with its content codings removed, last applied first."""
    if not content_encoding:
        return body
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    for coding in reversed(codings):
        if coding == "identity":
            continue
        decoder = DECODERS.get(coding)
        if decoder is None:
            raise UndecodableBodyError(f"unsupported Content-Encoding {coding!r}")
        try:
            body = decoder(body, limit)
        except zlib.error as exc:
            raise UndecodableBodyError(f"invalid {coding} body: {exc}") from exc
    return body
