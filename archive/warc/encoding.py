"""Undoing HTTP `Content-Encoding` on archived bodies, in bounded memory.

The WARC keeps bodies as sent; the crawl, rebuild, `show --text`, serve and extraction all decode
them here, so they agree on every body. Each decoder streams and stops at the same decoded-size
limit: a 190 KB brotli or zstd bomb must not grow to its 1 GiB inside any reader.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable

import brotli

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

# Decoded bodies larger than this are refused: a tiny bomb must not exhaust memory.
MAX_DECODED_SIZE = 50 * 1024 * 1024
# Output produced per decoder step; the limit is checked between steps.
CHUNK_SIZE = 64 * 1024


class UndecodableBodyError(ValueError):
    """The body is not valid for its declared Content-Encoding, or decodes too large."""


class _Output:
    """Decoded pieces gathered up to `limit` bytes, refusing the first byte over it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.pieces: list[bytes] = []

    def add(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.size > self.limit:
            raise UndecodableBodyError(f"decoded body exceeds {self.limit} bytes")
        self.pieces.append(piece)

    def joined(self) -> bytes:
        return b"".join(self.pieces)


def _inflate_stream(data: bytes, wbits: int, output: _Output) -> bytes:
    """Inflate one zlib/gzip/raw stream into `output`; returns the bytes after its end."""
    decoder = zlib.decompressobj(wbits)
    output.add(decoder.decompress(data, CHUNK_SIZE))
    while decoder.unconsumed_tail and not decoder.eof:
        output.add(decoder.decompress(decoder.unconsumed_tail, CHUNK_SIZE))
    if not decoder.eof:
        output.add(decoder.flush())  # a truncated stream keeps what it decoded, as browsers do
    return decoder.unused_data


def _gunzip(data: bytes, limit: int) -> bytes:
    """Every member of a gzip body (servers and CDNs concatenate them)."""
    output = _Output(limit)
    rest = data
    while rest.strip(b"\0"):  # trailing NUL padding is no member
        try:
            rest = _inflate_stream(rest, zlib.MAX_WBITS | 16, output)
        except zlib.error:
            if not output.size:
                raise
            break  # garbage after decoded members: keep them, as Scrapy and browsers do
    return output.joined()


def _deflate(data: bytes, limit: int) -> bytes:
    """zlib-wrapped deflate as the RFC says, or raw deflate as some servers send."""
    try:
        output = _Output(limit)
        _inflate_stream(data, zlib.MAX_WBITS, output)
    except zlib.error:
        output = _Output(limit)
        _inflate_stream(data, -zlib.MAX_WBITS, output)
    return output.joined()


def _brotli(data: bytes, limit: int) -> bytes:
    output = _Output(limit)
    decoder = brotli.Decompressor()
    try:
        output.add(decoder.process(data, output_buffer_limit=CHUNK_SIZE))
        while not decoder.is_finished():
            piece = decoder.process(b"", output_buffer_limit=CHUNK_SIZE)
            if not piece:
                break  # truncated: keep what was decoded
            output.add(piece)
    except brotli.error as exc:
        raise UndecodableBodyError(f"invalid br body: {exc}") from exc
    return output.joined()


def _unzstd(data: bytes, limit: int) -> bytes:
    """Every frame of a zstd body."""
    output = _Output(limit)
    rest = data
    try:
        while rest:
            decoder = zstd.ZstdDecompressor()
            output.add(decoder.decompress(rest, CHUNK_SIZE))
            while not decoder.eof and not decoder.needs_input:
                output.add(decoder.decompress(b"", CHUNK_SIZE))
            rest = decoder.unused_data if decoder.eof else b""
    except zstd.ZstdError as exc:
        raise UndecodableBodyError(f"invalid zstd body: {exc}") from exc
    return output.joined()


DECODERS: dict[str, Callable[[bytes, int], bytes]] = {
    "gzip": _gunzip,
    "x-gzip": _gunzip,
    "deflate": _deflate,
    "br": _brotli,
    "zstd": _unzstd,
}
# What the crawl asks servers for: every coding above.
ACCEPTED_CODINGS = "gzip, deflate, br, zstd"


def codings_of(content_encoding: str | None) -> list[str]:
    """The codings a Content-Encoding value names, in the order they were applied."""
    names = (c.strip().lower() for c in (content_encoding or "").split(","))
    return [name for name in names if name and name != "identity"]


def decode_body(body: bytes, content_encoding: str | None, limit: int = MAX_DECODED_SIZE) -> bytes:
    """The body with its content codings removed, last applied first, each within `limit`."""
    codings = codings_of(content_encoding)
    unknown = [coding for coding in codings if coding not in DECODERS]
    if unknown:
        raise UndecodableBodyError(f"unsupported Content-Encoding {unknown[0]!r}")
    for coding in reversed(codings):
        try:
            body = DECODERS[coding](body, limit)
        except zlib.error as exc:
            raise UndecodableBodyError(f"invalid {coding} body: {exc}") from exc
    return body
