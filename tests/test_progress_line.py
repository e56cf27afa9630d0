"""The progress line and the failure kinds the summary names, from stats and exceptions."""

from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)
from twisted.internet.error import DNSLookupError

from crawler.fetch_errors import describe_error, failure_kind
from crawler.progress import ProgressCounts, progress_line, progress_wanted


def test_the_line_reads_the_crawl_stats() -> None:
    stats = {
        "morgue/pages_fetched": 40,
        "morgue/warc_records/response": 41,
        "morgue/warc_records/revisit": 1,
        "morgue/pages_failed": 2,
        "morgue/articles_new": 28,
        "morgue/articles_changed": 3,
        "scheduler/enqueued": 50,
        "scheduler/dequeued": 45,
    }
    line = progress_line(ProgressCounts.from_stats(stats), 8.0, "news.example")
    assert line == (
        "fetched 40 · archived 42 · failed 2 · new 28 · changed 3 · queue 5 · 5.0/s · news.example"
    )
    assert progress_line(ProgressCounts.from_stats({}), 0.0, "") == (
        "fetched 0 · archived 0 · failed 0 · new 0 · changed 0 · queue 0 · 0.0/s · -"
    )


@pytest.mark.parametrize(
    ("setting", "terminal", "wanted"),
    [(None, True, True), (None, False, False), ("True", False, True), ("False", True, False),
     (True, False, True), ("", True, True)],
)  # fmt: skip
def test_progress_follows_the_terminal_unless_set(
    setting: object, terminal: bool, wanted: bool
) -> None:
    assert progress_wanted(setting, terminal) is wanted


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (CannotResolveHostError("no.example"), "DNS lookup failed"),
        (DNSLookupError("no.example"), "DNS lookup failed"),
        (DownloadConnectionRefusedError("Connection refused"), "connection refused"),
        (DownloadTimeoutError("took longer than 4.0 seconds"), "timed out"),
        (DownloadFailedError("[('SSL routines', '', 'wrong version')]"), "TLS handshake failed"),
        (ResponseDataLossError("lost"), None),
    ],
)  # fmt: skip
def test_failure_kinds(error: Exception, kind: str | None) -> None:
    assert failure_kind(error) == kind
    described = describe_error(error)
    assert type(error).__name__ in described
    assert described.startswith(kind or type(error).__name__)
