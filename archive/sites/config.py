"""Site configurations: what to crawl for each news site, read from a TOML file.

[[site]]
name = "gazette"
start_urls = ["https://gazette.example/"]
feeds = ["https://gazette.example/rss.xml"]          # optional; discovered when absent
sitemaps = ["https://gazette.example/news-sitemap.xml"]
allow = ["/news/", "/www/"]                           # URL regexes (search)
deny = ["/tag/", "\\\\?page="]
article_pattern = "/\\\\d{4}/\\\\d{2}/"                  # optional
max_pages = 2000
max_depth = 3
requisites = "photos"                                 # or "page", "none"

[site.politeness]          # per-site overrides of the polite defaults
download_delay = 2.0
concurrency = 1

[site.recrawl]
article_checks = ["1h", "6h", "1d", "3d", "7d"]      # after first seen, then stop
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive.errors import ConfigError
from archive.records import REQUISITE_MODES

DEFAULT_ARTICLE_CHECKS = (
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(days=1),
    timedelta(days=3),
    timedelta(days=7),
)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_SITE_KEYS = {
    "name", "start_urls", "feeds", "sitemaps", "allow", "deny", "article_pattern",
    "max_pages", "max_depth", "politeness", "recrawl", "requisites",
}  # fmt: skip


@dataclass(frozen=True)
class Politeness:
    """Per-site overrides of the crawl's politeness settings (None keeps the default)."""

    download_delay: float | None = None
    concurrency: int | None = None


@dataclass(frozen=True)
class SiteConfig:
    """One site to archive and the rules for crawling it."""

    name: str
    start_urls: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    article_pattern: str | None = None
    max_pages: int | None = None
    max_depth: int | None = None
    politeness: Politeness = field(default_factory=Politeness)
    article_checks: tuple[timedelta, ...] = DEFAULT_ARTICLE_CHECKS
    # Look for feeds and sitemaps (robots.txt, <link rel=alternate>, common paths) when none
    # are configured.
    discover: bool = True
    # "photos", "page" or "none"; None follows MORGUE_REQUISITES.
    requisites: str | None = None

    @cached_property  # asked for every link of every page
    def hosts(self) -> frozenset[str]:
        """Hosts whose links belong to the site: those of its start URLs, feeds and sitemaps."""
        urls = (*self.start_urls, *self.feeds, *self.sitemaps)
        return frozenset(h for h in (urlsplit(u).hostname for u in urls) if h)

    def allows(self, url: str) -> bool:
        """Whether a URL on the site's hosts passes its allow and deny patterns."""
        if urlsplit(url).hostname not in self.hosts:
            return False
        if self.deny and any(re.search(p, url) for p in self.deny):
            return False
        return not self.allow or any(re.search(p, url) for p in self.allow)

    def is_article_url(self, url: str) -> bool | None:
        """True/False by the article pattern; None when the site has none (decide by page)."""
        if self.article_pattern is None:
            return None
        return re.search(self.article_pattern, url) is not None


def parse_duration(text: str) -> timedelta:
    """'90m', '6h', '1d', '2w' as a timedelta."""
    match = _DURATION.match(text)
    if not match:
        raise ConfigError(f"can't read the duration {text!r}: write e.g. '6h', '1d' or '2w'")
    return timedelta(**{_UNITS[match[2]]: float(match[1])})


def site_for_urls(urls: list[str], depth: int | None = None) -> SiteConfig:
    """An ad-hoc site for `morgue crawl URL...`: the URLs' hosts, no patterns.

    With a depth limit only links count, so no feeds or sitemaps are looked for.
    """
    hosts = sorted({urlsplit(u).hostname or "" for u in urls} - {""})
    return SiteConfig(
        name=",".join(hosts) or "adhoc",
        start_urls=tuple(urls),
        max_depth=depth,
        discover=depth is None,
    )


def load_sites(path: Path, only: str | None = None) -> list[SiteConfig]:
    """The sites in a TOML file (or just the one named `only`), validated."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"can't read the site configuration {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    entries = data.get("site", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path} defines no [[site]] tables")
    sites = [_site(entry, index, path) for index, entry in enumerate(entries)]
    names = [s.name for s in sites]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: site names must be unique, got {names}")
    if only is not None:
        sites = [s for s in sites if s.name == only]
        if not sites:
            raise ConfigError(f"no site named {only!r} in {path}; it has {', '.join(names)}")
    return sites


def _site(entry: Any, index: int, path: Path) -> SiteConfig:
    where = f"{path}: site #{index + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} is not a table")
    unknown = set(entry) - _SITE_KEYS
    if unknown:
        raise ConfigError(f"{where} has unknown keys {sorted(unknown)}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where} needs a name")
    start_urls = _urls(entry, "start_urls", where)
    feeds, sitemaps = _urls(entry, "feeds", where), _urls(entry, "sitemaps", where)
    if not (start_urls or feeds or sitemaps):
        raise ConfigError(f"{where} ({name}) needs start_urls, feeds or sitemaps")
    patterns = {key: _strings(entry, key, where) for key in ("allow", "deny")}
    article_pattern = entry.get("article_pattern")
    for pattern in (*patterns["allow"], *patterns["deny"], article_pattern or ""):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where} ({name}): bad pattern {pattern!r}: {exc}") from exc
    requisites = entry.get("requisites")
    if requisites is not None and requisites not in REQUISITE_MODES:
        raise ConfigError(
            f"{where} ({name}): requisites must be one of {', '.join(REQUISITE_MODES)}, "
            f"not {requisites!r}"
        )
    politeness = entry.get("politeness", {})
    recrawl = entry.get("recrawl", {})
    checks = recrawl.get("article_checks")
    return SiteConfig(
        name=name.strip(),
        start_urls=start_urls,
        feeds=feeds,
        sitemaps=sitemaps,
        allow=patterns["allow"],
        deny=patterns["deny"],
        article_pattern=article_pattern,
        max_pages=_positive(entry.get("max_pages"), "max_pages", where),
        max_depth=_positive(entry.get("max_depth"), "max_depth", where, allow_zero=True),
        politeness=Politeness(
            download_delay=politeness.get("download_delay"),
            concurrency=_positive(politeness.get("concurrency"), "concurrency", where),
        ),
        article_checks=(
            tuple(sorted(parse_duration(c) for c in checks))
            if checks is not None
            else DEFAULT_ARTICLE_CHECKS
        ),
        requisites=requisites,
    )


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _urls(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    urls = _strings(entry, key, where)
    for url in urls:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ConfigError(f"{where}: {key} has {url!r}, which is not an http(s) URL")
    return urls


def _positive(value: Any, key: str, where: str, allow_zero: bool = False) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or value < (0 if allow_zero else 1):
        raise ConfigError(
            f"{where}: {key} must be a {'non-negative' if allow_zero else 'positive'} integer"
        )
    return value
