"""Turning an archived HTTP exchange into a `Capture`; the same rules serve crawl and rebuild."""

from __future__ import annotations

from archive.records import ArchivedExchange, Capture


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
    archived: ArchivedExchange,
) -> Capture:
    """The catalogue's view of one archived response."""
    return Capture(
        url=url,
        fetched_at=archived.warc_date,
        status=status,
        content_type=content_type,
        record_type="response",
        warc_filename=archived.response.filename,
        warc_offset=archived.response.offset,
        warc_length=archived.response.length,
        warc_record_id=archived.response.record_id,
        payload_digest=archived.payload_digest,
        capture_status=classify_status(status),
        error=None if 200 <= status < 400 else f"HTTP {status}",
    )


# Name of the Scrapy signal sent after a capture's records are written (a plain value, so the
# crawler and the pipelines share it without importing each other).
CAPTURE_ARCHIVED = "morgue.capture_archived"
