"""What the crawl knew beyond the page bytes, as rebuild reads it back from each warcinfo.

Kept apart from `archive.pages.processing` so that readers of WARC files (rebuild's own
process) need not load the extraction stack they never run.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

DEFAULT_MIN_WORDS = 120
# Decoded HTML beyond this many bytes is archived but not extracted (MORGUE_MAX_EXTRACT_BYTES).
DEFAULT_MAX_EXTRACT_BYTES = 8 * 1024 * 1024
# warcinfo field with the crawl's context, so rebuild decides as the crawl did.
CONTEXT_FIELD = "morgue-crawl-context"


@dataclass(frozen=True)
class SiteRule:
    """The part of a site's configuration that decides how its pages are catalogued."""

    name: str
    hosts: tuple[str, ...]
    article_pattern: str | None = None


@dataclass(frozen=True)
class CrawlContext:
    """What the crawl knew beyond the page bytes; written to each warcinfo as JSON."""

    min_words: int = DEFAULT_MIN_WORDS
    sites: tuple[SiteRule, ...] = ()
    max_extract_bytes: int = DEFAULT_MAX_EXTRACT_BYTES  # 0: no cap

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> CrawlContext:
        data = json.loads(text)
        sites = tuple(
            SiteRule(s["name"], tuple(s["hosts"]), s.get("article_pattern"))
            for s in data.get("sites", [])
        )
        return cls(
            int(data.get("min_words", DEFAULT_MIN_WORDS)),
            sites,
            int(data.get("max_extract_bytes", DEFAULT_MAX_EXTRACT_BYTES)),
        )

    def site_of(self, url: str) -> SiteRule | None:
        """The configured site a URL belongs to, by host."""
        host = urlsplit(url).hostname
        return next((s for s in self.sites if host in s.hosts), None)
