"""Turning archived records into `Capture`s; the same rules serve the crawl and rebuild."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from archive.records import (
    REQUISITE_OF_HEADER,
    REQUISITE_TYPE_HEADER,
    Capture,
    RecordLocation,
    Requisition,
)

# Names of the Scrapy signals morgue sends (plain values, so the crawler and the pipelines share
# them without importing each other): records written, and a fetch that failed without a response.
CAPTURE_ARCHIVED = "morgue.capture_archived"
FETCH_FAILED = "morgue.fetch_failed"

# The field of a failure `metadata` record that says why a fetch gave no response.
FETCH_ERROR_FIELD = "fetch-error"
# A requisite larger than its size cap was cut off, not archived: its failure reason (and
# capture status) begins with this.
TOO_LARGE = "too_large"


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
    requisition: Requisition | None = None,
) -> Capture:
    """The catalogue's view of one archived response or revisit.

    `validators` are the response's ETag and Last-Modified, for conditional recrawls;
    `requisition` says which page needed it, for a requisite.
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
        resource_type=requisition.resource_type if requisition else None,
        requisite_of=requisition.page_record_id if requisition else None,
    )


def failure_capture(
    url: str,
    reason: str,
    location: RecordLocation,
    warc_date: str,
    site: str | None = None,
    requisition: Requisition | None = None,
) -> Capture:
    """A fetch that ended without a response, as noted in a `metadata` record (`too_large`
    when a requisite's size cap cut it off)."""
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
        capture_status=TOO_LARGE if reason.startswith(TOO_LARGE) else "failed",
        error=reason,
        site=site,
        resource_type=requisition.resource_type if requisition else None,
        requisite_of=requisition.page_record_id if requisition else None,
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
    if capture.resource_type is not None:
        return False  # a page's requisite is archived, never processed as a page
    if urlsplit(capture.url).path == "/robots.txt":
        return False  # fetched for Scrapy's robots middleware, never a page
    return 200 <= capture.status < 300 or capture.status == 304


def recorded_requisition(warc_header: Callable[[str], str | None]) -> Requisition | None:
    """What a record says about the page that needed it (None for anything but a requisite)."""
    resource_type = warc_header(REQUISITE_TYPE_HEADER)
    if not resource_type:
        return None
    return Requisition(resource_type, warc_header(REQUISITE_OF_HEADER))
