"""The recrawl policy: which already-captured URLs are due to be fetched again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from archive.sites.config import DEFAULT_ARTICLE_CHECKS

# A check counts as reached a little early ("at about 1 h"), so an hourly cron does not miss it
# by minutes and wait a whole extra run.
EARLY_FACTOR = 0.9


@dataclass(frozen=True)
class UrlHistory:
    """What the catalogue knows about a URL's earlier captures."""

    last_fetched: datetime
    article_first_seen: datetime | None
    etag: str | None = None
    last_modified: str | None = None
    # Its last capture was archived but not extracted (too slow, failed or too large): settled,
    # not fetched again each run as listings are (`morgue reextract --retry-failed` retries it).
    unextracted: bool = False

    @property
    def is_article(self) -> bool:
        return self.article_first_seen is not None


def is_due(
    history: UrlHistory | None,
    now: datetime,
    checks: Sequence[timedelta] = DEFAULT_ARTICLE_CHECKS,
) -> bool:
    """New URLs and listing pages always; articles at each check after first seen, then never;
    pages that could not be extracted never."""
    if history is not None and history.unextracted:
        return False
    if history is None or history.article_first_seen is None:
        return True
    first = history.article_first_seen
    reached = [first + check * EARLY_FACTOR for check in sorted(checks)]
    reached = [moment for moment in reached if moment <= now]
    return bool(reached) and history.last_fetched < reached[-1]


def conditional_headers(history: UrlHistory | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the last capture's validators."""
    if history is None:
        return {}
    headers = {}
    if history.etag:
        headers["If-None-Match"] = history.etag
    if history.last_modified:
        headers["If-Modified-Since"] = history.last_modified
    return headers
