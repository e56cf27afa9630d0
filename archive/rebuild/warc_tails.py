"""Cataloguing what a killed run archived after its last commit.

The crawl writes each record to its WARC file at once but commits catalogue rows about once a
second, so a killed run's files can hold records its catalogue never saw. At the next start,
before anything is fetched, the records past the last one the run catalogued in each of its
files are catalogued as the crawl would have, pages still to be processed included (catch-up
then processes them): nothing archived is lost or fetched again.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from archive.catalogue import Catalogue
from archive.rebuild.from_warcs import capture_of_record, warcinfo_context
from archive.timestamps import parse_warc_date
from archive.warc.captures import is_pending
from archive.warc.files import OPEN_SUFFIX, safe_name_part, warc_filename
from archive.warc.reader import UnreadableRecord, iter_records_tolerant

logger = logging.getLogger(__name__)


def catalogue_killed_runs_tails(catalogue: Catalogue, warc_dir: Path) -> int:
    """Catalogue the uncatalogued records of every run still marked running (the caller holds
    the run lock, so those were killed); returns how many captures were added."""
    added = 0
    for run in catalogue.unfinished_runs():
        for path in run_warc_files(warc_dir, run):
            with catalogue.transaction():
                added += catalogue_file_tail(catalogue, path, int(run["id"]))
    if added:
        logger.warning("catalogued %d capture(s) a killed run had archived", added)
    return added


def run_warc_files(warc_dir: Path, run: dict[str, Any]) -> list[Path]:
    """The WARC files a run wrote: named with its host and process id, opened after it began."""
    if not run.get("hostname") or not run.get("pid") or not run.get("started_at"):
        return []
    ending = f"-{safe_name_part(str(run['hostname']))}-{int(run['pid'])}.warc.gz"
    # The name of a file opened the moment the run began: later names sort after it.
    earliest = warc_filename("", parse_warc_date(str(run["started_at"])), 0, "", 0)
    stamp = earliest.split("-")[1]
    found = []
    for path in sorted(warc_dir.glob(f"*{ending}*")):
        name = path.name.removesuffix(OPEN_SUFFIX)
        # {prefix}-{stamp}-{serial} before the ending; the prefix may hold dashes
        named_stamp = name.removesuffix(ending).rpartition("-")[0].rpartition("-")[2]
        if name.endswith(ending) and len(named_stamp) == len(stamp) and named_stamp >= stamp:
            found.append(path)
    return found


def catalogue_file_tail(catalogue: Catalogue, path: Path, run_id: int) -> int:
    """Catalogue, as run `run_id`'s, the records of `path` after the last one it catalogued;
    returns how many captures were added."""
    name = path.name.removesuffix(OPEN_SUFFIX)
    start = catalogue.catalogued_end(run_id, name)
    context = warcinfo_context(path)
    added = 0
    with path.open("rb") as handle:
        for item in iter_records_tolerant(handle, start):
            if isinstance(item, UnreadableRecord):
                logger.warning("%s at offset %d: %s", name, item.offset, item.reason)
                continue
            capture = capture_of_record(item, name, context)
            if capture is None:
                continue
            catalogue.add_capture(capture, run_id, pending=is_pending(capture))
            added += 1
    return added
