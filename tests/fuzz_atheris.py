"""Coverage-guided fuzzing with atheris (libFuzzer) of what meets hostile bytes: extraction,
page processing, link finding, the tolerant WARC reader and body decoding.

    python -m tests.fuzz_atheris TARGET [libFuzzer options] [CORPUS_DIR...]
    python -m tests.fuzz_atheris warc -runs=100000 corpus/   # e.g. overnight, by hand

TARGET is one of: extract, links, warc, decode, patterns (the byline, credit, dateline,
boilerplate and page-status functions; the first byte picks the family, its seeds are texts of
the family's own words). Any exception but the documented ones is a
crash: libFuzzer stops and writes the input to `crash-*`. `test_fuzz_atheris.py` runs each
target briefly from seed inputs when atheris is installed.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable

import atheris

URL = "http://127.0.0.1:8000/news/2026/11/story.html"
CODINGS = ["gzip", "deflate", "br", "gzip, br", "identity"]


def extract() -> Callable[[bytes], None]:
    from archive.pages.processing import CrawlContext, process_page

    return lambda data: process_page(URL, 200, "text/html", data, CrawlContext()) and None


def links() -> Callable[[bytes], None]:
    from crawler.link_finder import find_links

    def target(data: bytes) -> None:
        for link in find_links(data, URL):
            assert link.startswith(("http://", "https://")), link

    return target


def warc() -> Callable[[bytes], None]:
    from archive.warc.reader import iter_records_tolerant

    return lambda data: list(iter_records_tolerant(io.BytesIO(data))) and None


def decode() -> Callable[[bytes], None]:
    from archive.warc.encoding import UndecodableBodyError, decode_body

    def target(data: bytes) -> None:
        if data:
            with contextlib.suppress(UndecodableBodyError):
                decode_body(data[1:], CODINGS[data[0] % len(CODINGS)], 1_000_000)

    return target


def patterns() -> Callable[[bytes], None]:
    from tests.pattern_text import APPLIERS

    families = sorted(APPLIERS)

    def target(data: bytes) -> None:
        if data:
            text = data[1:].decode("utf-8", "replace")
            for apply in APPLIERS[families[data[0] % len(families)]]:
                apply(text)

    return target


TARGETS: dict[str, Callable[[], Callable[[bytes], None]]] = {
    "extract": extract,
    "links": links,
    "warc": warc,
    "decode": decode,
    "patterns": patterns,
}


def main() -> None:
    with atheris.instrument_imports(include=["archive", "crawler"]):
        target = TARGETS[sys.argv[1]]()
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
