"""The run's fetch budget: pages, sitemaps and feeds share the host's cap, and sitemaps and feeds
have limits of their own per site."""

from __future__ import annotations

from scrapy.settings import Settings

from archive.sites.limits import (
    ALREADY_REQUESTED,
    FEEDS,
    HOST_CAP,
    SITEMAP_DEPTH,
    SITEMAPS,
    FetchBudget,
    FetchLimits,
)
from crawler.fetch_limits import fetch_limits

HOST = "news.example"


def test_pages_sitemaps_and_feeds_share_the_host_cap() -> None:
    budget = FetchBudget(FetchLimits(pages_per_host=3))
    budget.take_page(HOST)
    assert budget.admit_sitemap("s", HOST, "https://news.example/sitemap.xml", 0) is None
    assert budget.admit_feed("s", HOST, "https://news.example/rss") is None
    assert budget.host_is_full(HOST)
    assert budget.admit_feed("s", HOST, "https://news.example/rss2") == HOST_CAP
    assert budget.admit_sitemap("s", HOST, "https://news.example/s2.xml", 0) == HOST_CAP
    assert not budget.host_is_full("other.example")


def test_sitemaps_are_limited_per_site_and_by_depth() -> None:
    budget = FetchBudget(FetchLimits(sitemaps_per_site=2, sitemap_depth=1))
    assert budget.admit_sitemap("a", HOST, "https://news.example/0.xml", 0) is None
    assert budget.admit_sitemap("a", HOST, "https://news.example/0-0.xml", 2) == SITEMAP_DEPTH
    assert budget.admit_sitemap("a", HOST, "https://news.example/0-1.xml", 1) is None
    assert budget.admit_sitemap("a", HOST, "https://news.example/0-2.xml", 1) == SITEMAPS
    assert budget.admit_sitemap("b", "b.example", "https://b.example/0.xml", 0) is None
    assert budget.per_host[HOST] == 2  # what was cut off took no place


def test_feeds_are_limited_per_site() -> None:
    budget = FetchBudget(FetchLimits(feeds_per_site=1))
    assert budget.admit_feed("a", HOST, "https://news.example/rss") is None
    assert budget.admit_feed("a", HOST, "https://news.example/atom") == FEEDS
    assert budget.admit_feed("b", HOST, "https://news.example/atom") is None


def test_a_url_requested_before_is_neither_counted_again_nor_cut() -> None:
    budget = FetchBudget(FetchLimits(pages_per_host=2, sitemaps_per_site=1, feeds_per_site=1))
    url = "https://news.example/sitemap.xml"
    assert budget.admit_sitemap("a", HOST, url, 0) is None
    assert budget.admit_sitemap("a", HOST, url, 1) == ALREADY_REQUESTED
    assert budget.admit_feed("a", HOST, "https://news.example/rss") is None
    assert budget.admit_feed("a", HOST, "https://news.example/rss") == ALREADY_REQUESTED
    assert budget.per_host[HOST] == 2


def test_no_limits_means_none_are_applied() -> None:
    budget = FetchBudget(FetchLimits())
    for n in range(500):
        assert budget.admit_sitemap("a", HOST, f"https://news.example/{n}.xml", n) is None
        assert budget.admit_feed("a", HOST, f"https://news.example/{n}.rss") is None
    assert not budget.host_is_full(HOST)


def test_limits_come_from_the_settings_and_zero_means_none() -> None:
    settings = Settings()
    settings.setmodule("crawler.settings")
    assert fetch_limits(settings) == FetchLimits(10_000, 1_000, 3, 100)
    settings.set("MORGUE_MAX_PAGES_PER_HOST", 0)
    settings.set("MORGUE_MAX_SITEMAPS", 0)
    settings.set("MORGUE_MAX_FEEDS", 0)
    settings.set("MORGUE_SITEMAP_DEPTH", "")
    assert fetch_limits(settings) == FetchLimits()
    settings.set("MORGUE_SITEMAP_DEPTH", 0)
    assert fetch_limits(settings).sitemap_depth == 0
