"""Shared pieces of the fuzz tests: seed inputs, byte-level mutations, budgets.

The seeds are real pages (the seed article, the demo site, the page-status fixtures, the
fault server's broken pages) and real WARC files written by morgue's own writer. Mutations are
the classic ones of coverage fuzzers: flip, cut, delete, duplicate, splice in hostile tokens.
`MORGUE_FUZZ_EXAMPLES` sets how many inputs each property sees (default 25, 200 under CI).
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.conftest import DEMO_SITE, FIXTURES, SEED_DIR

EXAMPLES = int(os.environ.get("MORGUE_FUZZ_EXAMPLES") or (200 if os.environ.get("CI") else 25))
# A page or record may take this long at most (a slow CI machine included).
SECONDS_PER_INPUT = 10.0
# The whole fuzz run may raise the process's peak memory by this much at most.
MEMORY_GROWTH = 768 * 1024 * 1024

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,  # time is checked per input below, with a bound that means something
    database=None,  # nothing written into the work tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

# Tokens that break naive parsers: unclosed constructs, odd encodings, huge numbers, nesting.
HOSTILE = [
    b"<!--", b"-->", b"<a ", b"<a href=", b"<base href='//x'>", b"<script>", b"</script>",
    b"<style>", b"<![CDATA[", b"]]>", b"<?xml ", b"<!DOCTYPE", b"</html>", b"<html>", b"<body>",
    b"<div>", b"</div>", b"<p>", b"<table><tr><td>", b"<svg><foreignObject>", b"<math><mi>",
    b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xc3\x28", b"\xed\xa0\x80",
    b"&#0;", b"&#x110000;", b"&#xD800;", b"&#99999999999999999999;", b"&amp", b"&bogus;",
    b"<meta charset='utf-16'>", b"<meta charset=x-unknown>", b"<meta http-equiv=refresh "
    b"content='0;url=file:///etc/passwd'>", b'<script type="application/ld+json">{"@type":',
    b'"NewsArticle","author":[', b'"datePublished":"99999-99-99T99:99"', b"}", b"]",
    b"<figure><img src=x><figcaption>", b"</figcaption></figure>", b"\r", b"\n" * 50,
    b"<time datetime='2026-13-45'>", b"<meta property='og:type' content='article'>",
]  # fmt: skip


def seed_pages() -> list[bytes]:
    from tests.fault_server import charset_page, malformed_page

    pages = [(SEED_DIR / "page.html").read_bytes()]
    demo = sorted(DEMO_SITE.rglob("*.html"))
    pages += [p.read_bytes() for p in demo[:: max(1, len(demo) // 6)]]
    pages += [p.read_bytes() for p in sorted((FIXTURES / "page_status").glob("*.html"))[:4]]
    pages += [charset_page("euc-kr", "bare"), charset_page("shift_jis", "wrong-meta")]
    pages.append(malformed_page()[:200_000])
    return pages


T = TypeVar("T")


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes], max_ops: int = 6) -> bytes:
    """A seed after up to `max_ops` random mutations."""
    data = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(0, max_ops))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    return data


def _position(draw: st.DrawFn, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def _flip(draw: st.DrawFn, data: bytes) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 16))):
        out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    return bytes(out)


def _cut(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: _position(draw, data)]


def _delete(draw: st.DrawFn, data: bytes) -> bytes:
    start = _position(draw, data)
    return data[:start] + data[start + draw(st.integers(1, 4096)) :]


def _duplicate(draw: st.DrawFn, data: bytes) -> bytes:
    start = _position(draw, data)
    piece = data[start : start + draw(st.integers(1, 20_000))]
    at = _position(draw, data)
    return data[:at] + piece * draw(st.integers(1, 3)) + data[at:]


def _hostile(draw: st.DrawFn, data: bytes) -> bytes:
    token = draw(st.sampled_from(HOSTILE))
    times = draw(st.sampled_from([1, 2, 10, 1000, 20_000]))
    at = _position(draw, data)
    return data[:at] + token * times + data[at:]


def _random_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = _position(draw, data)
    return data[:at] + draw(st.binary(min_size=1, max_size=512)) + data[at:]


MUTATIONS: list[Callable[[st.DrawFn, bytes], bytes]] = [
    _flip, _cut, _delete, _duplicate, _hostile, _random_bytes,
]  # fmt: skip


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def timed(function: Callable[..., T], *args: Any) -> T:
    """Call `function`, failing if it takes longer than SECONDS_PER_INPUT of CPU time (a hang
    guard: CPU time, so other processes loading the machine can't fail it)."""
    started = time.process_time()
    result = function(*args)
    elapsed = time.process_time() - started
    size = sum(len(a) for a in args if isinstance(a, bytes | bytearray))
    assert elapsed < SECONDS_PER_INPUT, f"{function.__name__} took {elapsed:.1f}s on {size} B"
    return result


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
