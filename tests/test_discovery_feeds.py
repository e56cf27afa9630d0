"""Feeds: RSS 2.0, RSS 1.0 and Atom entries with links, plain-text titles and ISO dates."""

from __future__ import annotations

from pathlib import Path

from archive.discovery import DiscoveredLink, DiscoveryDocument, parse_feed

FIXTURES = Path(__file__).parent / "fixtures" / "discovery"
DEMO_SITE = Path(__file__).parents[1] / "crawler" / "demo_site"
SITE = "https://www.example-times.com"


def _parse(name: str, base_url: str) -> DiscoveryDocument:
    document = parse_feed((FIXTURES / name).read_bytes(), base_url)
    assert document is not None
    return document


def test_rss2_items_give_links_titles_and_rfc822_dates_with_offsets() -> None:
    document = _parse("rss2.xml", f"{SITE}/world/rss.xml")
    assert document.kind == "feed"
    assert document.sitemaps == ()
    assert document.links[0] == DiscoveredLink(
        url=f"{SITE}/world/2024/05/06/river-basin-water-deal?ref=rss",
        source_kind="feed",
        title="Diplomats agree on framework for river-basin water sharing",
        published="2024-05-06T19:10:00+02:00",
        modified=None,
        language="en-gb",
    )


def test_rss2_gmt_and_negative_offsets_are_kept() -> None:
    dates = [link.published for link in _parse("rss2.xml", f"{SITE}/world/rss.xml").links]
    assert dates[1] == "2024-05-06T14:00:00+00:00"
    assert dates[2] == "2024-05-03T16:05:00-04:00"


def test_rss2_unknown_zone_name_keeps_only_the_day() -> None:
    # "23:59:00 KST" cannot be placed on the UTC axis without guessing the zone.
    assert _parse("rss2.xml", f"{SITE}/world/rss.xml").links[3].published == "2024-05-02"


def test_rss2_relative_link_resolves_and_entities_decode_in_titles() -> None:
    link = _parse("rss2.xml", f"{SITE}/world/rss.xml").links[1]
    assert link.url == f"{SITE}/world/2024/05/06/flood-defences-hold"
    assert link.title == "Flood defences hold as river crests & towns are spared"


def test_rss2_permalink_guid_stands_in_for_a_missing_link() -> None:
    urls = [link.url for link in _parse("rss2.xml", f"{SITE}/world/rss.xml").links]
    assert f"{SITE}/business/2024/05/03/markets-close" in urls


def test_rss2_item_with_neither_link_nor_permalink_is_skipped() -> None:
    urls = [link.url for link in _parse("rss2.xml", f"{SITE}/world/rss.xml").links]
    assert len(urls) == 4
    assert not any("et-999999" in url for url in urls)


def test_atom_entries_give_published_and_updated_and_markup_free_titles() -> None:
    document = _parse("atom.xml", "https://www.beispiel-zeitung.de/wirtschaft/atom.xml")
    assert document.links[0] == DiscoveredLink(
        url="https://www.beispiel-zeitung.de/wirtschaft/2024/05/04/broetchenpreise",
        source_kind="feed",
        title="Bäckereien erwarten höhere Brötchenpreise",
        published="2024-05-04T11:20:00+02:00",
        modified="2024-05-04T15:42:10+02:00",
        language="de",
    )


def test_atom_entry_with_only_updated_has_no_published_date() -> None:
    link = _parse("atom.xml", "https://www.beispiel-zeitung.de/wirtschaft/atom.xml").links[1]
    assert link.published is None
    assert link.modified == "2024-05-06T07:45:00+00:00"
    assert link.language == "en"  # the entry's own xml:lang beats the feed's


def test_rss1_dc_date_dates_publication() -> None:
    document = _parse("rss1.rdf", "https://www.journal-exemple.fr/rss.rdf")
    assert [(link.url, link.published, link.modified) for link in document.links] == [
        (
            "https://www.journal-exemple.fr/culture/2024/05/05/festival-jazz.html",
            "2024-05-05T18:40:00+02:00",
            None,
        ),
        ("https://www.journal-exemple.fr/monde/2024/05/02/olives.html", "2024-05-02", None),
    ]
    assert document.links[0].title == "Le festival de jazz attire un public record"
    assert {link.language for link in document.links} == {"fr"}


def test_demo_site_feed_links_resolve_against_the_feed_url() -> None:
    document = parse_feed((DEMO_SITE / "rss.xml").read_bytes(), "http://127.0.0.1:8000/rss.xml")
    assert document is not None
    assert len(document.links) == 28
    first = document.links[0]
    assert first.url == "http://127.0.0.1:8000/www/world/2024/05/672_310056.html"
    assert first.published == "2024-05-06T19:10:00+02:00"
    assert document.links[11].title == "전통시장 살리기…주말마다 야시장 연다"


def test_empty_but_valid_feed_is_a_feed_without_links() -> None:
    body = b'<rss version="2.0"><channel><title>Quiet day</title></channel></rss>'
    assert parse_feed(body, SITE) == DiscoveryDocument("feed", (), ())


def test_body_that_names_a_local_file_is_not_opened(tmp_path: Path) -> None:
    # Given bytes, feedparser tries them as a file path first; a body naming a real feed
    # file must be read as the few bytes it is, not as that file.
    feed_file = tmp_path / "feed.xml"
    feed_file.write_bytes((FIXTURES / "rss2.xml").read_bytes())
    assert parse_feed(str(feed_file).encode(), SITE) is None


def test_a_sitemap_is_not_a_feed() -> None:
    assert parse_feed((FIXTURES / "sitemap.xml").read_bytes(), SITE) is None
