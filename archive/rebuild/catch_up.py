"""Processing archived captures again from the WARC files: the pages a killed run archived but
never catalogued, and (on request) the pages whose extraction ran past its time limit or
failed inside morgue (once the bug is fixed).

The records are on disk; only their processing was lost. Reading them back is cheaper than
fetching again, and keeps the catalogue in capture order. Each page gets the crawl's time limit,
so a page that hangs extraction is settled as `extraction_timeout` instead of hanging every
later run; it is never retried unless asked (`retry_failed`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.catalogue import Catalogue
from archive.catalogue.reader import load_capture
from archive.errors import MorgueError
from archive.pages.outcome import FAILED_EXTRACTIONS, PageOutcome
from archive.pages.pool import DEFAULT_TIMEOUT, TimedOut, in_order, one_page_at_a_time
from archive.pages.processing import CrawlContext, process_page
from archive.rebuild.from_warcs import warcinfo_context
from archive.warc.captures import classify_status
from archive.warc.reader import resolve_warc_path

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Page:
    """A capture's row and body as archived, with the context of the crawl that archived it."""

    row: dict[str, Any]
    payload: bytes
    content_encoding: str | None
    context: CrawlContext


def catch_up(
    catalogue: Catalogue,
    warc_dir: Path,
    run_id: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> int:
    """Process every pending capture (only `run_id`'s when given) as the crawl would have, each
    within `timeout` seconds; returns how many were done."""
    rows = catalogue.pending_captures(run_id)
    return _process(catalogue, warc_dir, rows, timeout, retrying=False)[0] if rows else 0


def catch_up_rows(
    catalogue: Catalogue,
    warc_dir: Path,
    rows: list[dict[str, Any]],
    timeout: float | None = DEFAULT_TIMEOUT,
) -> int:
    """Process the given pending captures (a lost scale-out worker's) as `catch_up` does;
    returns how many were done (a row whose record can't be read is not)."""
    return _process(catalogue, warc_dir, rows, timeout, retrying=False)[0] if rows else 0


def retry_failed(catalogue: Catalogue, warc_dir: Path, timeout: float | None) -> tuple[int, int]:
    """Process again the captures whose extraction ran past its limit or failed; returns how
    many were processed and how many of them timed out or failed again."""
    rows = [row for status in FAILED_EXTRACTIONS for row in catalogue.captures_with_status(status)]
    rows.sort(key=lambda row: int(row["id"]))
    return _process(catalogue, warc_dir, rows, timeout, retrying=True) if rows else (0, 0)


def _process(
    catalogue: Catalogue,
    warc_dir: Path,
    rows: list[dict[str, Any]],
    timeout: float | None,
    retrying: bool,
) -> tuple[int, int]:
    done = failed = 0
    with one_page_at_a_time(timeout) as pool:
        for page, result in in_order(pool, _outcome, _pages(catalogue, warc_dir, rows), 1):
            outcome = result.outcome() if isinstance(result, TimedOut) else result
            row = page.row
            if outcome.status.status in FAILED_EXTRACTIONS:
                logger.warning(
                    "extraction of capture %s (%s) failed: %s",
                    row["id"],
                    row["url"],
                    outcome.status.evidence,
                )
                failed += 1
            if retrying and not isinstance(result, TimedOut):
                catalogue.reset_capture_status(row["id"], classify_status(row["status"]))
            catalogue.store_page(row["id"], row["url"], row["fetched_at"], outcome)
            done += 1
    return done, failed


def _outcome(page: _Page) -> PageOutcome:
    row = page.row
    return process_page(
        row["url"],
        row["status"],
        row["content_type"],
        page.payload,
        page.context,
        page.content_encoding,
    )


def _pages(catalogue: Catalogue, warc_dir: Path, rows: list[dict[str, Any]]) -> Iterator[_Page]:
    """Each row's page read back from its WARC file; rows that can't be read are skipped."""
    contexts: dict[str, CrawlContext] = {}
    for row in rows:
        try:
            capture = load_capture(catalogue.db, warc_dir, row)
            name = row["warc_filename"]
            if name not in contexts:
                contexts[name] = warcinfo_context(resolve_warc_path(warc_dir, name))
        except MorgueError as exc:
            logger.warning("can't process capture %s (%s) again: %s", row["id"], row["url"], exc)
            continue
        yield _Page(row, capture.payload, capture.record.content_encoding, contexts[name])
