"""Rebuilding the catalogue from WARC files alone, with the crawl's own extraction and store.

Records are read in file and record order, so capture ids follow record order as in the crawl;
extraction runs in a process pool, each page within the crawl's time limit, but results are
stored in record order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from archive.catalogue import Catalogue
from archive.errors import WarcReadError
from archive.pages.context import CONTEXT_FIELD, CrawlContext
from archive.pages.outcome import EXTRACTION_ERROR, PageOutcome
from archive.pages.pool import DEFAULT_TIMEOUT, ExtractionPool, TimedOut, in_order, time_limit
from archive.records import Capture, RecordLocation
from archive.warc.captures import (
    FETCH_ERROR_FIELD,
    capture_of,
    failure_capture,
    recorded_requisition,
)
from archive.warc.files import OPEN_SUFFIX
from archive.warc.reader import (
    StoredRecord,
    UnreadableRecord,
    iter_records_tolerant,
    read_record_at,
    resolve_warc_path,
)

_NAME = re.compile(r"-(?P<stamp>\d{17})-(?P<serial>\d{5})-.*\.warc\.gz$")
# Extraction jobs in flight per worker: enough to keep the pool busy, little memory.
JOBS_PER_WORKER = 4
# Pages stored per transaction: a commit per page cost more than its writes; a failed rebuild
# leaves an unfinished catalogue either way.
PAGES_PER_COMMIT = 200

ProgressCallback = Callable[[int], None]


@dataclass
class RebuildReport:
    """What a rebuild read and wrote, and what it had to skip."""

    files: int = 0
    records: int = 0
    captures: int = 0
    articles_new: int = 0
    versions_added: int = 0
    skipped: list[str] = field(default_factory=list)
    timed_out: list[str] = field(default_factory=list)  # URLs whose extraction ran too long
    # "URL: error" of each page whose extraction failed inside morgue (extraction_error)
    extraction_errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Job:
    capture_id: int
    fetched_at: str
    url: str
    status: int
    content_type: str | None
    body: bytes  # as archived: its Content-Encoding is undone by process_page, as in the crawl
    content_encoding: str | None
    context: CrawlContext


def warc_order(paths: Iterable[Path]) -> list[Path]:
    """WARC files in the order they were written: by the name's timestamp, then serial."""

    def key(path: Path) -> tuple[str, str, str]:
        match = _NAME.search(path.name.removesuffix(OPEN_SUFFIX))
        return (match["stamp"], match["serial"], path.name) if match else ("", "", path.name)

    return sorted(paths, key=key)


def find_warc_files(directory: Path) -> list[Path]:
    """Finished and still-open WARC files in a folder."""
    found = [*directory.glob("*.warc.gz"), *directory.glob("*.warc.gz" + OPEN_SUFFIX)]
    return warc_order(found)


def rebuild_catalogue(
    warc_paths: list[Path],
    catalogue: Catalogue,
    *,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    on_progress: ProgressCallback | None = None,
) -> RebuildReport:
    """Write captures, articles, versions, authors and captions from `warc_paths` into
    `catalogue` (which should be empty), each page extracted within `timeout` seconds (inline,
    without a limit, only for one worker and no timeout)."""
    workers = workers or os.cpu_count() or 1
    report = RebuildReport()
    jobs = _jobs(warc_paths, catalogue, report, on_progress)
    if workers == 1 and not time_limit(timeout):
        _store_all(catalogue, in_order(None, _extract, jobs, 1), report)
        return report
    with ExtractionPool(workers, timeout) as pool:
        results = in_order(pool, _extract, jobs, workers * JOBS_PER_WORKER)
        _store_all(catalogue, results, report)
    return report


def _store_all(
    catalogue: Catalogue,
    results: Iterable[tuple[_Job, PageOutcome | TimedOut]],
    report: RebuildReport,
) -> None:
    """Store each page's result in record order, PAGES_PER_COMMIT pages (and the captures read
    on the way) to a transaction."""
    remaining = iter(results)
    while True:
        stored = 0
        with catalogue.transaction():
            for job, result in islice(remaining, PAGES_PER_COMMIT):
                _store(catalogue, job, result, report)
                stored += 1
        if stored < PAGES_PER_COMMIT:
            return


def _store(
    catalogue: Catalogue, job: _Job, result: PageOutcome | TimedOut, report: RebuildReport
) -> None:
    if isinstance(result, TimedOut):
        report.timed_out.append(job.url)
    outcome = result.outcome() if isinstance(result, TimedOut) else result
    if outcome.status.status == EXTRACTION_ERROR:
        report.extraction_errors.append(f"{job.url}: {outcome.status.evidence}")
    stored = catalogue.store_page(job.capture_id, job.url, job.fetched_at, outcome)
    if stored is None:
        return
    if stored.is_new:
        report.articles_new += 1
    elif stored.version_id is not None:
        report.versions_added += 1


def _extract(job: _Job) -> PageOutcome:
    # Imported here: rebuild's own process hands pages to its workers and never loads the
    # extraction stack (half a second of CPU) unless it extracts inline.
    from archive.pages.processing import process_page

    return process_page(
        job.url, job.status, job.content_type, job.body, job.context, job.content_encoding
    )


def _jobs(
    warc_paths: list[Path],
    catalogue: Catalogue,
    report: RebuildReport,
    on_progress: ProgressCallback | None,
) -> Iterator[_Job]:
    """Insert every capture in record order; yield the processing each page response needs."""
    for path in warc_paths:
        report.files += 1
        filename = path.name.removesuffix(OPEN_SUFFIX)
        context = CrawlContext()
        last_offset = 0
        with path.open("rb") as handle:
            for item in iter_records_tolerant(handle):
                if isinstance(item, UnreadableRecord):
                    report.skipped.append(f"{path.name} at offset {item.offset}: {item.reason}")
                    continue
                report.records += 1
                if on_progress:
                    on_progress(item.offset + item.length - last_offset)
                    last_offset = item.offset + item.length
                if item.record_type == "warcinfo":
                    context = _context(item, context)
                    continue
                capture = capture_of_record(item, filename, context)
                if capture is None:
                    continue
                capture_id = catalogue.add_capture(capture, None)
                report.captures += 1
                body = _page_body(item, capture, catalogue, path.parent, report)
                if body is not None and capture.status is not None:
                    yield _Job(
                        capture_id,
                        capture.fetched_at,
                        capture.url,
                        capture.status,
                        capture.content_type,
                        body,
                        item.content_encoding,
                        context,
                    )


def capture_of_record(record: StoredRecord, filename: str, context: CrawlContext) -> Capture | None:
    """The `captures` row the crawl made for a record of `filename`; None for records it
    catalogues none for (warcinfo, requests, other metadata)."""
    url = record.warc_header("WARC-Target-URI") or ""
    date = record.warc_header("WARC-Date") or ""
    location = RecordLocation(
        filename, record.offset, record.length, record.warc_header("WARC-Record-ID") or ""
    )
    site = context.site_of(url)
    site_name = site.name if site else None
    requisition = recorded_requisition(record.warc_header)
    if record.record_type in ("response", "revisit") and record.http_status is not None:
        return capture_of(
            url,
            record.http_status,
            record.http_header("Content-Type"),
            location,
            record.warc_header("WARC-Payload-Digest"),
            date,
            record.record_type,
            record.warc_header("WARC-Refers-To") if record.record_type == "revisit" else None,
            (record.http_header("ETag"), record.http_header("Last-Modified")),
            site_name,
            requisition,
        )
    if record.record_type == "metadata":
        reason = _warc_fields(record.payload).get(FETCH_ERROR_FIELD)
        if reason is not None:
            return failure_capture(url, reason, location, date, site_name, requisition)
    return None


def _page_body(
    record: StoredRecord,
    capture: Capture,
    catalogue: Catalogue,
    warc_dir: Path,
    report: RebuildReport,
) -> bytes | None:
    """The archived body of a response the crawl's spider would have seen; a revisit's comes
    from its original."""
    if capture.status is None or not (200 <= capture.status < 300 or capture.status == 304):
        return None
    if capture.record_type == "metadata" or capture.resource_type is not None:
        return None  # a requisite is archived, never processed as a page
    payload: bytes | None = record.payload
    if capture.record_type == "revisit":
        payload = _original_payload(catalogue, warc_dir, capture.refers_to)
    if payload is None:
        report.skipped.append(f"revisit {capture.warc_record_id}: original not found")
    return payload


def _original_payload(catalogue: Catalogue, warc_dir: Path, record_id: str | None) -> bytes | None:
    location = catalogue.record_location(record_id) if record_id else None
    if location is None:
        return None
    filename, offset = location
    try:
        with resolve_warc_path(warc_dir, filename).open("rb") as handle:
            return read_record_at(handle, offset).payload
    except WarcReadError:
        return None


def warcinfo_context(path: Path) -> CrawlContext:
    """The crawl context recorded in a WARC file's warcinfo (its first record)."""
    with path.open("rb") as handle:
        try:
            first = read_record_at(handle, 0)
        except WarcReadError:
            return CrawlContext()
    return _context(first, CrawlContext()) if first.record_type == "warcinfo" else CrawlContext()


def _context(warcinfo: StoredRecord, default: CrawlContext) -> CrawlContext:
    value = _warc_fields(warcinfo.payload).get(CONTEXT_FIELD)
    return CrawlContext.from_json(value) if value else default


def _warc_fields(payload: bytes) -> dict[str, str]:
    fields = {}
    for line in payload.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields
