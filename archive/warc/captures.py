"""Turning archived records into `Capture`s; the same rules serve the crawl and rebuild."""

from __future__ import annotations

from urllib.parse import urlsplit

from archive.records import Capture, RecordLocation

# Names of the Scrapy signals morgue sends (plain values, so the crawler and the pipelines share
# them without importing each other): records written, and a fetch that failed without a response.
CAPTURE_ARCHIVED = "morgue.capture_archived"
FETCH_FAILED = "morgue.fetch_failed"

# The field of a failure `metadata` record that says why a fetch gave no response.
FETCH_ERROR_FIELD = "fetch-error"


def classify_status(status: int | None) -> str:
    """The capture status an HTTP status implies before any look at the content."""
    if status is None:
        return "failed"
    if 200 <= status < 300:
        return "ok"
    if status == 304:
        return "not_modified"
    if 300 <= status < 400:
        return "redirect"
    return "failed"


def capture_of(
    url: str,
    status: int,
    content_type: str | None,
    location: RecordLocation,
    payload_digest: str | None,
    warc_date: str,
    record_type: str = "response",
    refers_to: str | None = None,
    validators: tuple[str | None, str | None] = (None, None),
    site: str | None = None,
) -> Capture:
    """The catalogue's view of one archived response or revisit.

    `validators` are the response's ETag and Last-Modified, for conditional recrawls.
    """
    return Capture(
        url=url,
        fetched_at=warc_date,
        status=status,
        content_type=content_type,
        record_type=record_type,
        warc_filename=location.filename,
        warc_offset=location.offset,
        warc_length=location.length,
        warc_record_id=location.record_id,
        payload_digest=payload_digest,
        refers_to=refers_to,
        capture_status=classify_status(status),
        error=None if 200 <= status < 400 else f"HTTP {status}",
        etag=validators[0],
        last_modified=validators[1],
        site=site,
    )


def failure_capture(
    url: str, reason: str, location: RecordLocation, warc_date: str, site: str | None = None
) -> Capture:
    """A fetch that ended without a response, as noted in a `metadata` record."""
    return Capture(
        url=url,
        fetched_at=warc_date,
        status=None,
        content_type=None,
        record_type="metadata",
        warc_filename=location.filename,
        warc_offset=location.offset,
        warc_length=location.length,
        warc_record_id=location.record_id,
        payload_digest=None,
        capture_status="failed",
        error=reason,
        site=site,
    )


def unarchived_failure(url: str, status: int | None, reason: str, at: str) -> Capture:
    """A failed fetch that left no WARC record, so the catalogue still says it was tried."""
    return Capture(
        url=url,
        fetched_at=at,
        status=status,
        content_type=None,
        record_type="none",
        warc_filename=None,
        warc_offset=None,
        warc_length=None,
        warc_record_id=None,
        payload_digest=None,
        capture_status="failed",
        error=reason,
    )


def is_pending(capture: Capture) -> bool:
    """Whether a capture will reach the pipelines as a page (so it waits to be processed)."""
    if capture.record_type not in ("response", "revisit") or capture.status is None:
        return False
    if urlsplit(capture.url).path == "/robots.txt":
        return False  # fetched for Scrapy's robots middleware, never a page
    return 200 <= capture.status < 300 or capture.status == 304
