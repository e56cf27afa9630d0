"""Undoes HTTP content codings with the archive's own decoders, in place of Scrapy's middleware.

Rebuild, `show` and serve decode archived bodies with `archive.warc.encoding`; the crawl must
decode with the same code and the same size limit, or the two disagree on pages whose codings
are odd (multi-member gzip, stacked codings, a bomb). A body that can't be decoded reaches the
spider as received, with its Content-Encoding kept, and is catalogued as `undecodable`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured
from scrapy.http import TextResponse
from scrapy.responsetypes import responsetypes

from archive.warc.encoding import ACCEPTED_CODINGS, UndecodableBodyError, decode_body

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


def content_encoding(response: Response) -> str | None:
    """Every Content-Encoding header line of a response as one value."""
    values = [v.decode("latin-1") for v in response.headers.getlist("Content-Encoding")]
    return ", ".join(values) if values else None


class ContentCodingMiddleware:
    """Asks for every coding morgue decodes and removes them from response bodies."""

    def __init__(self, stats: StatsCollector | None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContentCodingMiddleware:
        if not crawler.settings.getbool("COMPRESSION_ENABLED"):
            raise NotConfigured("COMPRESSION_ENABLED is off")
        return cls(crawler.stats)

    def process_request(self, request: Request) -> None:
        request.headers.setdefault("Accept-Encoding", ACCEPTED_CODINGS)

    def process_response(self, request: Request, response: Response) -> Response:
        coding = content_encoding(response)
        if request.method == "HEAD" or coding is None:
            return response
        try:
            body = decode_body(response.body, coding)
        except UndecodableBodyError as exc:
            logger.warning("can't undo Content-Encoding %r of %s: %s", coding, response.url, exc)
            if self.stats is not None:
                self.stats.inc_value("morgue/undecodable")
            return response
        del response.headers["Content-Encoding"]
        cls = responsetypes.from_args(headers=response.headers, url=response.url, body=body)
        changes: dict[str, Any] = {"cls": cls, "body": body}
        if issubclass(cls, TextResponse):
            changes["encoding"] = None  # as Scrapy does: read the charset again from the new body
        decoded: Response = response.replace(**changes)
        return decoded
