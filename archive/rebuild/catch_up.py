"""Processing captures that a killed run archived but never catalogued, from the WARC files.

The records are on disk; only their processing was lost. Reading them back is cheaper than
fetching again, and keeps the catalogue in capture order.
"""

from __future__ import annotations

import logging
from pathlib import Path

from archive.catalogue import Catalogue
from archive.catalogue.reader import load_capture
from archive.errors import MorgueError
from archive.pages.processing import CrawlContext, process_page
from archive.rebuild.from_warcs import warcinfo_context
from archive.warc.reader import resolve_warc_path

logger = logging.getLogger(__name__)


def catch_up(catalogue: Catalogue, warc_dir: Path, run_id: int | None = None) -> int:
    """Process every pending capture (only `run_id`'s when given) as the crawl would have;
    returns how many were done."""
    done = 0
    contexts: dict[str, CrawlContext] = {}
    for row in catalogue.pending_captures(run_id):
        try:
            capture = load_capture(catalogue.db, warc_dir, row)
            name = row["warc_filename"]
            if name not in contexts:
                contexts[name] = warcinfo_context(resolve_warc_path(warc_dir, name))
        except MorgueError as exc:
            logger.warning("can't catch up capture %s (%s): %s", row["id"], row["url"], exc)
            continue
        outcome = process_page(
            row["url"],
            row["status"],
            row["content_type"],
            capture.payload,
            contexts[name],
            capture.record.content_encoding,
        )
        catalogue.store_page(row["id"], row["url"], row["fetched_at"], outcome)
        done += 1
    return done
