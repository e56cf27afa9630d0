"""Read-only look-ups of a URL's capture history, for the recrawl policy during a crawl."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from archive.catalogue.readonly import CatalogueReader
from archive.pages.outcome import UNEXTRACTED
from archive.sites.recrawl import UrlHistory
from archive.timestamps import parse_warc_date


def _moment(warc_date: str) -> datetime:
    return parse_warc_date(warc_date)


class HistoryLookup(Protocol):
    """What the spider asks of a capture history: the catalogue's, or Redis's in scale-out."""

    def prefetch(self, urls: Iterable[str]) -> None: ...

    def of(self, url: str) -> UrlHistory | None: ...

    def close(self) -> None: ...


class CaptureHistory(CatalogueReader):
    """Answers 'when was this URL last fetched, is it an article, what validators did it have'."""

    def prefetch(self, urls: Iterable[str]) -> None:
        """Nothing to do: look-ups are local reads."""

    def of(self, url: str) -> UrlHistory | None:
        """The URL's history, or None if it was never archived."""
        conn = self._connection()
        if conn is None:
            return None
        last = conn.execute(
            "SELECT fetched_at, capture_status FROM captures WHERE url = ? "
            "AND record_type IN ('response', 'revisit') ORDER BY id DESC LIMIT 1",
            (url,),
        ).fetchone()
        if last is None:
            return None
        validators = conn.execute(
            "SELECT etag, last_modified FROM captures WHERE url = ? "
            "AND (etag IS NOT NULL OR last_modified IS NOT NULL) ORDER BY id DESC LIMIT 1",
            (url,),
        ).fetchone() or (None, None)
        article = conn.execute(
            "SELECT articles.first_seen FROM captures JOIN articles ON articles.id = "
            "captures.article_id WHERE captures.url = ? ORDER BY captures.id LIMIT 1",
            (url,),
        ).fetchone()
        return UrlHistory(
            last_fetched=_moment(last[0]),
            article_first_seen=_moment(article[0]) if article else None,
            etag=validators[0],
            last_modified=validators[1],
            unextracted=last[1] in UNEXTRACTED,
        )

    def archived_urls(self) -> list[str]:
        """Every URL with a response or revisit in the catalogue."""
        conn = self._connection()
        if conn is None:
            return []
        query = "SELECT DISTINCT url FROM captures WHERE record_type IN ('response', 'revisit')"
        return [row[0] for row in conn.execute(query)]
