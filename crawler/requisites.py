"""Requests for what a page needs to be seen again (its requisites), for the news spider.

Each requisite URL is requested once per run, from whatever host it lives on (the SSRF guard,
robots.txt and per-host politeness apply as to any request), with a size cap per resource
(`download_maxsize`: Scrapy stops reading past it, so a large file is never held whole), and
conditionally when an earlier run archived it. The request carries a `Requisition`, which the
WARC extension writes into the record so the catalogue (and a rebuild) know what it is and
which page needed it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from archive.catalogue.history import HistoryLookup
from archive.errors import ConfigError
from archive.pages.requisites import STYLESHEET, page_requisites, stylesheet_requisites
from archive.records import REQUISITE_MODES, Requisition
from archive.sites.config import SiteConfig
from archive.sites.recrawl import conditional_headers

# The spider's `morgue_kind` of a requisite request, and the meta key of its Requisition.
REQUISITE = "requisite"
REQUISITION_META = "morgue_requisition"
DEFAULT_MAX_BYTES = 25 * 1024 * 1024

Callback = Callable[..., Any]


class RequisiteRequests:
    """Turns a fetched page (or stylesheet) into requests for its requisites."""

    def __init__(
        self,
        mode: str,
        max_bytes: int = DEFAULT_MAX_BYTES,
        history: HistoryLookup | None = None,
        refetch: bool = False,
    ) -> None:
        if mode not in REQUISITE_MODES:
            raise ConfigError(
                f"MORGUE_REQUISITES must be one of {', '.join(REQUISITE_MODES)}, not {mode!r}"
            )
        self.mode = mode
        self.max_bytes = max_bytes
        self.history = history
        self.refetch = refetch
        self.requested: set[str] = set()

    def mode_of(self, site: SiteConfig) -> str:
        """The site's own `requisites`, else the crawl's setting."""
        return site.requisites or self.mode

    def of_page(
        self, response: Response, site: SiteConfig, callback: Callback, errback: Callback
    ) -> Iterator[scrapy.Request]:
        """Requests for a fetched HTML page's requisites under its site's mode."""
        mode = self.mode_of(site)
        if mode == "none" or response.status != 200:
            return
        page_record = _record_id(response)
        requisites = page_requisites(response.body, response.url, mode)
        if self.history is not None:
            self.history.prefetch([r.url for r in requisites if r.url not in self.requested])
        for requisite in requisites:
            requisition = Requisition(requisite.resource_type, page_record)
            yield from self._request(requisite.url, requisition, site, callback, errback)

    def of_stylesheet(
        self, response: Response, site: SiteConfig, callback: Callback, errback: Callback
    ) -> Iterator[scrapy.Request]:
        """Requests for what a fetched stylesheet imports and shows (fonts, images)."""
        requisition = response.meta.get(REQUISITION_META)
        if requisition is None or requisition.resource_type != STYLESHEET:
            return
        if response.status != 200 or self.mode_of(site) != "page":
            return
        for requisite in stylesheet_requisites(response.body, response.url):
            # Still the page's requisite: the page needs what its stylesheet needs.
            needed = Requisition(requisite.resource_type, requisition.page_record_id)
            yield from self._request(requisite.url, needed, site, callback, errback)

    def _request(
        self,
        url: str,
        requisition: Requisition,
        site: SiteConfig,
        callback: Callback,
        errback: Callback,
    ) -> Iterator[scrapy.Request]:
        if url in self.requested:
            return
        self.requested.add(url)
        meta: dict[str, Any] = {
            "morgue_site": site.name,
            "morgue_kind": REQUISITE,
            REQUISITION_META: requisition,
            "download_maxsize": self.max_bytes,
            "download_warnsize": self.max_bytes // 2,
        }
        headers: dict[str, str] = {}
        if self.history is not None and not self.refetch:
            headers = conditional_headers(self.history.of(url))
        if headers:
            meta["handle_httpstatus_list"] = [304]
        yield scrapy.Request(url, callback=callback, errback=errback, meta=meta, headers=headers)


def _record_id(response: Response) -> str | None:
    capture = response.meta.get("morgue_capture")
    return getattr(capture, "warc_record_id", None)
