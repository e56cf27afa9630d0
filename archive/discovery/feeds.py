"""Feeds (RSS 0.9x, 1.0, 2.0 and Atom) read with feedparser from bytes, never from the network."""

from __future__ import annotations

import contextlib
import io
import time
from typing import Any

import feedparser  # type: ignore[import-untyped]
from lxml import etree, html

from archive.discovery.dates import normalise_date, utc_date
from archive.discovery.gzip_body import unpack
from archive.discovery.links import absolute_url
from archive.discovery.records import KIND_FEED, SOURCE_FEED, DiscoveredLink, DiscoveryDocument
from archive.discovery.xml_input import declares_entities

ATOM_VERSION_PREFIX = "atom"
MARKUP_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def parse_feed(body: bytes, base_url: str) -> DiscoveryDocument | None:
    """Entry links with titles and dates; None when feedparser finds neither a feed nor entries.

    The body goes in as a stream: given bytes or str, feedparser may treat them as a file
    path or URL and open it. A prolog declaring entities is refused, since feedparser's
    fallback parser expands the ones it considers safe with no size limit.
    """
    data = unpack(body)
    if data is None or declares_entities(data):
        return None
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-location": base_url},
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    entries = [entry for entry in parsed.get("entries") or () if isinstance(entry, dict)]
    version = _string(parsed, "version") or ""
    if not entries and not version:
        return None
    feed = parsed.get("feed")
    feed_language = _string(feed, "language") if isinstance(feed, dict) else None
    is_atom = version.startswith(ATOM_VERSION_PREFIX)
    links = (_entry_link(entry, base_url, is_atom, feed_language) for entry in entries)
    return DiscoveryDocument(KIND_FEED, tuple(link for link in links if link), ())


def _entry_link(
    entry: dict[str, Any], base_url: str, is_atom: bool, feed_language: str | None
) -> DiscoveredLink | None:
    """One entry as a link; RSS `dc:date`, which feedparser files as updated, dates publication."""
    url = absolute_url(_string(entry, "link"), base_url)
    if url is None:
        return None
    published = _date(entry, "published")
    updated = _date(entry, "updated")
    if published is None and not is_atom:
        published, updated = updated, None
    detail = entry.get("title_detail")
    title_language = _string(detail, "language") if isinstance(detail, dict) else None
    return DiscoveredLink(
        url=url,
        source_kind=SOURCE_FEED,
        title=_title(entry),
        published=published,
        modified=updated,
        language=title_language or _string(entry, "language") or feed_language,
    )


def _title(entry: dict[str, Any]) -> str | None:
    """The entry title as plain text (Atom and some RSS titles carry markup)."""
    title = _string(entry, "title")
    detail = entry.get("title_detail")
    if title and isinstance(detail, dict) and _string(detail, "type") in MARKUP_TYPES:
        with contextlib.suppress(etree.ParserError, ValueError):
            title = html.fragment_fromstring(title, create_parent="div").text_content()
    return " ".join((title or "").split()) or None


def _date(entry: dict[str, Any], key: str) -> str | None:
    """The raw date normalised (it keeps the source's offset), else feedparser's UTC reading."""
    found = normalise_date(_string(entry, key))
    if found is not None:
        return found
    parsed = dict.get(entry, f"{key}_parsed")
    return utc_date(parsed) if isinstance(parsed, time.struct_time) else None


def _string(mapping: dict[str, Any], key: str) -> str | None:
    """A string value read without FeedParserDict's deprecated updated->published fallback."""
    value = dict.get(mapping, key)
    return value if isinstance(value, str) else None
