"""Sitemaps: urlset, sitemap index, Google News fields, gzip, any prefix, relative locs."""

from __future__ import annotations

import gzip
from pathlib import Path

from archive.discovery import DiscoveredLink, DiscoveryDocument, parse_sitemap

FIXTURES = Path(__file__).parent / "fixtures" / "discovery"
DEMO_SITE = Path(__file__).parents[1] / "crawler" / "demo_site"
SITE = "https://www.example-times.com"


def _parse(name: str, base_url: str = f"{SITE}/sitemap.xml") -> DiscoveryDocument:
    document = parse_sitemap((FIXTURES / name).read_bytes(), base_url)
    assert document is not None
    return document


def test_urlset_gives_each_loc_with_its_lastmod_as_modified() -> None:
    document = _parse("sitemap.xml")
    assert document.kind == "urlset"
    assert document.sitemaps == ()
    assert [(link.url, link.modified) for link in document.links] == [
        (f"{SITE}/", "2024-05-07T06:00:00+09:00"),
        (f"{SITE}/world/2024/05/06/river-basin-water-deal", "2024-05-06T19:10:00+02:00"),
        (f"{SITE}/business/2024/05/06/port-record-quarter", "2024-05-06T07:45:00+00:00"),
        (f"{SITE}/opinion/2024/05/01/library-hours", "2024-05-01"),
        (f"{SITE}/about-us", None),
    ]
    assert {link.source_kind for link in document.links} == {"sitemap"}
    assert all(link.title is None and link.published is None for link in document.links)


def test_image_and_hreflang_children_are_not_taken_for_page_urls() -> None:
    urls = {link.url for link in _parse("sitemap.xml").links}
    assert not any("img." in url or "/fr/" in url for url in urls)


def test_url_entry_without_loc_is_skipped() -> None:
    assert len(_parse("sitemap.xml").links) == 5  # the sixth <url> has only a lastmod


def test_sitemap_index_lists_child_sitemaps_with_their_lastmod() -> None:
    document = _parse("sitemap_index.xml", f"{SITE}/sitemap_index.xml")
    assert document.kind == "sitemapindex"
    assert document.sitemaps == (
        f"{SITE}/sitemaps/news.xml",
        f"{SITE}/sitemaps/2024-05.xml.gz",
        f"{SITE}/sitemaps/2024-04.xml.gz",
        f"{SITE}/sitemaps/sections.xml",
    )
    assert [link.url for link in document.links] == list(document.sitemaps)
    assert {link.source_kind for link in document.links} == {"sitemap_index"}
    assert [link.modified for link in document.links] == [
        "2024-05-07T06:02:11+09:00",
        "2024-05-07T05:58:40+09:00",
        "2024-04-30",
        None,
    ]


def test_news_sitemap_keeps_publication_date_title_and_language() -> None:
    document = _parse("news_sitemap.xml")
    assert document.links[0] == DiscoveredLink(
        url=f"{SITE}/nation/2024/05/06/subway-line-11-delay",
        source_kind="news_sitemap",
        title='Subway Line 11 opening pushed back to autumn & fares "under review"',
        published="2024-05-06T10:02:00+09:00",
        modified="2024-05-06T11:30:00+09:00",
        language="en",
    )


def test_news_title_from_cdata_and_character_references_is_plain_text() -> None:
    titles = [link.title for link in _parse("news_sitemap.xml").links]
    assert titles[1] == '전통시장 살리기…주말마다 "야시장" 연다'
    assert titles[2] == "Wildfire season starts early — Europe’s south braces for a dry summer"


def test_news_publication_dates_keep_their_offsets() -> None:
    dates = [link.published for link in _parse("news_sitemap.xml").links]
    assert dates == [
        "2024-05-06T10:02:00+09:00",
        "2024-05-04T00:00:00+00:00",
        "2024-05-04T21:30:00-05:00",
    ]
    assert [link.language for link in _parse("news_sitemap.xml").links] == ["en", "ko", "zh-cn"]


def test_image_title_does_not_replace_the_news_title() -> None:
    assert _parse("news_sitemap.xml").links[0].title != "Not the article title"


def test_any_namespace_prefix_is_understood() -> None:
    (link,) = _parse("prefixed_news_sitemap.xml").links
    assert link == DiscoveredLink(
        url=f"{SITE}/biz/2024/05/06/chip-exports",
        source_kind="news_sitemap",
        title="Chipmakers lift export forecast",
        published="2024-05-06T08:00:00+09:00",
        modified="2024-05-06T09:00:00+09:00",
        language="en",
    )


def test_gzipped_sitemap_is_unpacked() -> None:
    document = _parse("sitemap_2024-04.xml.gz", f"{SITE}/sitemaps/2024-04.xml.gz")
    assert len(document.links) == 30
    assert document.links[0].url == f"{SITE}/archive/2024/04/01/story-1"
    assert document.links[0].modified == "2024-04-01T07:30:00+09:00"


def test_gzipped_and_plain_bytes_give_the_same_document() -> None:
    body = (FIXTURES / "news_sitemap.xml").read_bytes()
    assert parse_sitemap(gzip.compress(body), SITE) == parse_sitemap(body, SITE)


def test_root_relative_locs_resolve_against_the_sitemap_url() -> None:
    document = parse_sitemap(
        (DEMO_SITE / "sitemap.xml").read_bytes(), "http://127.0.0.1:8000/sitemap.xml"
    )
    assert document is not None
    assert len(document.links) == 36
    assert document.links[0].url == "http://127.0.0.1:8000/index.html"
    assert document.links[0].modified == "2024-05-07"
    assert all(link.url.startswith("http://127.0.0.1:8000/") for link in document.links)


def test_unescaped_ampersand_in_a_loc_survives() -> None:
    body = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        b"<loc>https://a.example/list?page=2&amp;sort=new&lang=en</loc></url></urlset>"
    )
    document = parse_sitemap(body, "https://a.example/")
    assert document is not None
    assert [link.url for link in document.links] == [
        "https://a.example/list?page=2&sort=new&lang=en"
    ]


def test_non_web_schemes_in_loc_are_dropped() -> None:
    body = (
        b"<urlset><url><loc>javascript:alert(1)</loc></url>"
        b"<url><loc>file:///etc/passwd</loc></url>"
        b"<url><loc>https://a.example/ok</loc></url></urlset>"
    )
    document = parse_sitemap(body, "https://a.example/sitemap.xml")
    assert document is not None
    assert [link.url for link in document.links] == ["https://a.example/ok"]


def test_a_feed_is_not_a_sitemap() -> None:
    assert parse_sitemap((FIXTURES / "rss2.xml").read_bytes(), SITE) is None
