"""Replay indexes and packages for other tools: CDXJ (cdxj-indexer) and WACZ (py-wacz).

Both are written by the libraries made for them; morgue only chooses inputs and page lists.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
from pathlib import Path
from typing import Any

from cdxj_indexer.main import write_cdx_index
from wacz.main import main as wacz_main

from archive.errors import MorgueError, StorageError

logger = logging.getLogger(__name__)

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Articles"}


def write_cdxj(warc_paths: list[Path], output: Path) -> None:
    """A sorted CDXJ index of every response, revisit and metadata record."""
    try:
        write_cdx_index(str(output), [str(p) for p in warc_paths], {"sort": True})
    except OSError as exc:
        raise StorageError(f"cannot write the index {output}: {exc.strerror or exc}") from exc


def export_wacz(warc_paths: list[Path], pages: list[dict[str, Any]], output: Path) -> None:
    """Package WARC files, their index and the page list as a WACZ, then validate it."""
    pages_file = output.with_name(output.name + ".pages.jsonl")
    lines = [PAGES_HEADER, *pages]
    pages_file.write_text("".join(json.dumps(p) + "\n" for p in lines), encoding="utf-8")
    try:
        _run_wacz(["create", "-o", str(output), "-p", str(pages_file), *map(str, warc_paths)])
        _run_wacz(["validate", "-f", str(output)])
    finally:
        pages_file.unlink(missing_ok=True)


def _run_wacz(args: list[str]) -> None:
    chatter = io.StringIO()
    with contextlib.redirect_stdout(chatter):
        code = wacz_main(args)
    logger.debug("wacz %s: %s", args[0], chatter.getvalue())
    if code not in (None, 0):
        raise MorgueError(f"wacz {args[0]} failed: {chatter.getvalue().strip()[-500:]}")
