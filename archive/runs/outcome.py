"""How a crawl run ended, as a status word and the exit code cron sees (see README)."""

from __future__ import annotations

from archive.errors import (
    EXIT_FAILURES,
    EXIT_INTERRUPTED,
    EXIT_NOTHING_FETCHED,
    EXIT_OK,
    EXIT_STORAGE,
)

STORAGE_ERROR_REASON = "morgue_storage_error"
# Scrapy's finish reason when a signal (Ctrl-C, SIGTERM) stopped the crawl.
INTERRUPTED_REASON = "shutdown"


def run_outcome(finish_reason: str, pages_fetched: int, pages_failed: int) -> tuple[str, int]:
    """(status, exit code) from Scrapy's finish reason and the run's page counts."""
    if finish_reason == STORAGE_ERROR_REASON:
        return "storage_error", EXIT_STORAGE
    if finish_reason == INTERRUPTED_REASON:
        return "interrupted", EXIT_INTERRUPTED
    if pages_fetched == 0:
        return "nothing_fetched", EXIT_NOTHING_FETCHED
    if pages_failed:
        return "finished_with_failures", EXIT_FAILURES
    if finish_reason != "finished" and not finish_reason.startswith("closespider_"):
        return finish_reason, EXIT_FAILURES
    return "ok", EXIT_OK
