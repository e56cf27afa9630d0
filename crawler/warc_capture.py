"""Scrapy extension that archives every downloaded response, as received, into WARC files.

It listens to `response_downloaded`, where the body and `Content-Encoding` are still as the
server sent them (decompression and redirects happen later, in downloader middlewares).
"""

from __future__ import annotations

import logging
import os
import platform
import socket
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy import Spider, signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from archive.catalogue.digest_index import DigestLookup
from archive.errors import StorageError
from archive.pages.processing import CONTEXT_FIELD, CrawlContext
from archive.records import HttpExchange, Requisition
from archive.runs.outcome import STORAGE_ERROR_REASON
from archive.warc.captures import (
    CAPTURE_ARCHIVED,
    FETCH_ERROR_FIELD,
    FETCH_FAILED,
    capture_of,
    failure_capture,
)
from archive.warc.files import RotatingWarcFiles
from archive.warc.recovery import recover_open_files
from archive.warc.writer import DEFAULT_GZIP_LEVEL, payload_digest
from crawler.backends import digests_for
from crawler.requisites import REQUISITION_META

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


def exchange_of(request: Request, response: Response) -> HttpExchange:
    """The request as sent and the response as received, in WARC-ready form."""
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = ""
    return HttpExchange(
        url=response.url,
        method=request.method,
        request_headers=_header_pairs(request.headers),
        request_body=request.body or b"",
        protocol=response.protocol or "HTTP/1.1",
        status=response.status,
        reason=reason,
        response_headers=_header_pairs(response.headers),
        body=response.body,
        ip_address=str(response.ip_address) if response.ip_address else None,
    )


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _header_pairs(headers: Any) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    )


class WarcCaptureExtension:
    """Writes request/response (or revisit) records and announces each capture."""

    def __init__(
        self,
        crawler: Crawler,
        files: RotatingWarcFiles,
        digests: DigestLookup | None,
    ) -> None:
        self.crawler = crawler
        self.files = files
        self.digests = digests
        self.failed = False
        self.context = CrawlContext()

    def spider_opened(self, spider: Spider) -> None:
        """Record the crawl's context in every warcinfo, so rebuild decides as this crawl."""
        self.context = getattr(spider, "crawl_context", CrawlContext())
        self.files.warcinfo[CONTEXT_FIELD] = self.context.to_json()

    def _site_name(self, url: str) -> str | None:
        site = self.context.site_of(url)
        return site.name if site else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureExtension:
        settings = crawler.settings
        warc_dir = settings.get("MORGUE_WARC_DIR")
        if not warc_dir:
            raise NotConfigured("MORGUE_WARC_DIR is empty: WARC capture is off")
        for path in recover_open_files(Path(warc_dir)) if Path(warc_dir).is_dir() else []:
            crawler.stats.inc_value("morgue/warc_files_recovered")
            logger.warning("finished %s, left open by a killed run", path.name)
        files = RotatingWarcFiles(
            Path(warc_dir),
            prefix=settings.get("MORGUE_WARC_PREFIX", "morgue"),
            max_size=settings.getint("MORGUE_WARC_MAX_SIZE", 1_000_000_000),
            gzip_level=settings.getint("MORGUE_WARC_GZIP_LEVEL", DEFAULT_GZIP_LEVEL),
            warcinfo=_warcinfo(
                settings.get("USER_AGENT", ""),
                settings.getbool("ROBOTSTXT_OBEY"),
            ),
            on_closed=lambda path: crawler.stats.inc_value("morgue/warc_files_closed"),
        )
        digests = digests_for(settings) if settings.getbool("MORGUE_WARC_REVISITS", True) else None
        extension = cls(crawler, files, digests)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(extension.fetch_failed, signal=FETCH_FAILED)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def response_downloaded(self, response: Response, request: Request) -> None:
        if self.failed:
            return
        exchange = exchange_of(request, response)
        requisition: Requisition | None = request.meta.get(REQUISITION_META)
        digest = payload_digest(response.body)
        prior = self.digests.find(response.url, digest) if self.digests is not None else None
        try:
            archived = self.files.write_exchange(
                exchange, prior, requisition.warc_headers() if requisition else None, digest
            )
        except StorageError as exc:
            self._stop_on_storage_error(exc)
            return
        self._count(archived.response.filename, archived.response.length + archived.request.length)
        self.stats.inc_value(f"morgue/warc_records/{archived.record_type}")
        if requisition is not None and 200 <= response.status < 400:
            self.stats.inc_value("morgue/requisites_archived")
            self.stats.inc_value("morgue/requisite_bytes", len(response.body))
        capture = capture_of(
            response.url,
            response.status,
            _header(response, "Content-Type"),
            archived.response,
            archived.payload_digest,
            archived.warc_date,
            archived.record_type,
            prior.record_id if prior else None,
            (_header(response, "ETag"), _header(response, "Last-Modified")),
            self._site_name(response.url),
            requisition,
        )
        request.meta["morgue_capture"] = capture
        self.crawler.signals.send_catch_log(CAPTURE_ARCHIVED, capture=capture, request=request)

    def fetch_failed(self, request: Request, reason: str) -> None:
        """Note a fetch that got no response in a metadata record, so the archive keeps it too."""
        if self.failed:
            return
        requisition: Requisition | None = request.meta.get(REQUISITION_META)
        try:
            location, date = self.files.write_metadata(
                request.url,
                [(FETCH_ERROR_FIELD, reason)],
                extra_headers=requisition.warc_headers() if requisition else None,
            )
        except StorageError as exc:
            self._stop_on_storage_error(exc)
            return
        self._count(location.filename, location.length)
        self.stats.inc_value("morgue/warc_records/metadata")
        capture = failure_capture(
            request.url, reason, location, date, self._site_name(request.url), requisition
        )
        request.meta["morgue_capture"] = capture
        self.crawler.signals.send_catch_log(CAPTURE_ARCHIVED, capture=capture, request=request)

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def _count(self, filename: str, length: int) -> None:
        self.stats.inc_value("morgue/warc_bytes", length)
        warc_names = self.stats.get_value("morgue/warc_file_names") or []
        if filename not in warc_names:
            self.stats.set_value("morgue/warc_file_names", [*warc_names, filename])

    def spider_closed(self) -> None:
        if self.digests is not None:
            self.digests.close()
        try:
            self.files.close()
        except StorageError as exc:
            logger.error("%s", exc)
            assert self.crawler.stats is not None
            self.crawler.stats.set_value("morgue/storage_error", str(exc))

    def _stop_on_storage_error(self, exc: StorageError) -> None:
        self.failed = True
        logger.error("%s; stopping the crawl so nothing is fetched that can't be archived", exc)
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("morgue/storage_error", str(exc))
        assert self.crawler.engine is not None
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=STORAGE_ERROR_REASON))


def _warcinfo(user_agent: str, robots: bool) -> dict[str, str]:
    return {
        "software": f"morgue/{_version()} (Scrapy {scrapy.__version__})",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "hostname": socket.gethostname(),
        "operator-pid": str(os.getpid()),
        "python": platform.python_version(),
        "http-header-user-agent": user_agent,
        "robots": "obey" if robots else "ignore",
    }


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("morgue")
    except PackageNotFoundError:
        return "0.1.0"
