"""The generic news spider: start URLs, then links within the start URLs' hosts."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from twisted.python.failure import Failure

from archive.captures import FETCH_FAILED
from archive.records import FailedFetch, FetchedPage

HTML_TYPES = ("text/html", "application/xhtml+xml")


def parse_start_urls(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """Start URLs from `-a start_urls=a,b` or a list."""
    if not value:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [url.strip() for url in items if url.strip()]


class NewsSpider(scrapy.Spider):
    """Fetches the start URLs and, unless depth forbids it, follows links on their hosts."""

    name = "news"

    def __init__(
        self,
        start_urls: str | list[str] | None = None,
        depth: str | int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.start_urls = parse_start_urls(start_urls)
        self.depth_arg = None if depth in (None, "") else int(depth)
        self.allowed_hosts = sorted({urlsplit(u).hostname or "" for u in self.start_urls} - {""})
        self.link_extractor = LinkExtractor()

    @property
    def max_depth(self) -> int | None:
        """Hops to follow from the start URLs; None for no limit."""
        if self.depth_arg is not None:
            return self.depth_arg
        value = self.settings.get("MORGUE_DEPTH")
        return None if value in (None, "") else int(value)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.on_error)

    def parse(self, response: Response) -> Iterator[Any]:
        capture = response.meta.get("morgue_capture")
        content_type = _content_type(response)
        yield FetchedPage(
            url=response.url,
            capture_id=response.meta.get("morgue_capture_id"),
            body=response.body,
            content_type=content_type or (capture.content_type if capture else None),
            status=response.status,
            fetched_at=capture.fetched_at if capture else None,
            encoding=response.encoding if isinstance(response, TextResponse) else None,
            depth=int(response.meta.get("depth", 0)),
        )
        if isinstance(response, TextResponse) and self._may_follow(response):
            yield from self._follow_links(response)

    def on_error(self, failure: Failure) -> Iterator[FailedFetch]:
        request = failure.request  # type: ignore[attr-defined]
        response = getattr(failure.value, "response", None)
        status = response.status if response is not None else None
        reason = f"HTTP {status}" if status is not None else _describe(failure)
        self.logger.warning("failed %s: %s", request.url, reason)
        if response is None:
            # No response reached the archive: have the failure itself archived.
            self.crawler.signals.send_catch_log(FETCH_FAILED, request=request, reason=reason)
        yield FailedFetch(
            url=request.url,
            reason=reason,
            status=status,
            capture_id=request.meta.get("morgue_capture_id"),
        )

    def _may_follow(self, response: TextResponse) -> bool:
        if not _content_type(response).startswith(HTML_TYPES):
            return False
        limit = self.max_depth
        return limit is None or int(response.meta.get("depth", 0)) < limit

    def _follow_links(self, response: TextResponse) -> Iterator[scrapy.Request]:
        # Hosts are compared here, not with allow_domains, which also compares the port.
        for link in self.link_extractor.extract_links(response):
            if urlsplit(link.url).hostname in self.allowed_hosts:
                yield response.follow(link.url, callback=self.parse, errback=self.on_error)


def _content_type(response: Response) -> str:
    return (response.headers.get("Content-Type") or b"").decode("latin-1")


def _describe(failure: Failure) -> str:
    error = failure.value
    name = type(error).__name__
    text = str(error).strip()
    return f"{name}: {text}" if text else name
