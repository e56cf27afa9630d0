"""Cheap link finding: the `<a href>` links a browser would follow, absolute and clean."""

from __future__ import annotations

import gzip
from pathlib import Path

from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from crawler.link_finder import find_links

PAGE = b"""<html><head><title>t</title></head><body>
<a href="/news/1.html">one</a> <A HREF='2.html#comments'>two</A>
<a class="x" href=3.html>three</a>
<a href="/news/1.html">one again</a>
<!-- <a href="/hidden.html">commented out</a> -->
<a href="mailto:desk@example.org">mail</a> <a href="javascript:void(0)">js</a>
<a href="#top">top</a> <a href="/photo.JPG">photo</a> <a href="/report.pdf">pdf</a>
<a href="https://other.example/a?x=1&amp;y=2">elsewhere</a>
<a data-href="/not-a-link.html">no</a>
</body></html>"""


def test_links_are_absolute_unique_and_skip_non_pages() -> None:
    assert find_links(PAGE, "http://news.example/section/index.html") == [
        "http://news.example/news/1.html",
        "http://news.example/section/2.html",
        "http://news.example/section/3.html",
        "https://other.example/a?x=1&y=2",
    ]


def test_base_href_is_honoured() -> None:
    page = b'<head><base href="http://cdn.example/root/"></head><a href="a.html">a</a>'
    assert find_links(page, "http://news.example/x/y.html") == ["http://cdn.example/root/a.html"]


def test_same_links_as_scrapys_link_extractor_on_real_pages() -> None:
    """On real news pages the cheap finder agrees with LinkExtractor on nearly every link."""
    pages = sorted((Path(__file__).parent / "fixtures" / "link_pages").glob("*.html.gz"))
    assert len(pages) == 6
    extractor = LinkExtractor()
    for path in pages:
        body = gzip.decompress(path.read_bytes())
        url = "http://news.example/a/b.html"
        theirs = {link.url for link in extractor.extract_links(HtmlResponse(url, body=body))}
        ours = set(find_links(body, url))
        overlap = len(theirs & ours) / max(1, len(theirs | ours))
        assert overlap > 0.9, f"{path.name}: only {overlap:.0%} of links in common"


def test_malformed_addresses_are_skipped_not_raised() -> None:
    """Tried: an unclosed IPv6 host, a bad port and a leading control character, as atheris
    found them in mutated pages."""
    page = (
        b'<a href="http://[::1/x">a</a><a href="http://h:99999999/">b</a><a href="/ok.html">c</a>'
    )
    links = find_links(page, "http://news.example/")
    assert links[0] == "http://news.example/ok.html"
    assert all(link.startswith(("http://", "https://")) for link in links), links


def test_only_links_to_the_given_hosts_are_kept_and_in_the_same_order() -> None:
    url = "http://news.example/section/index.html"
    assert find_links(PAGE, url, hosts={"other.example"}) == ["https://other.example/a?x=1&y=2"]
    assert find_links(PAGE, url, hosts={"news.example"}) == [
        link for link in find_links(PAGE, url) if link.startswith("http://news.example/")
    ]


def test_relative_links_under_a_base_elsewhere_are_not_the_sites() -> None:
    page = (
        b'<head><base href="http://cdn.example/root/"></head><a href="a.html">a</a>'
        b'<a href="//news.example/b.html">b</a><a href="HTTP://NEWS.example:80/c.html">c</a>'
    )
    assert find_links(page, "http://news.example/x/y.html", hosts={"news.example"}) == [
        "http://news.example/b.html",
        "http://NEWS.example:80/c.html",
    ]


def test_links_to_the_given_hosts_are_kept_however_their_host_is_written() -> None:
    page = (
        b'<a href="HTTPS://WWW.News.Example/a.html">a</a><a href="http://www.news.exam\tple/b">b'
        b'</a><a href="https://www.news.example.evil/c">c</a><a href="http://[::1]:8080/d">d</a>'
        b'<a href="https://elsewhere.example/?u=www.news.example">e</a>'
    )
    assert find_links(page, "http://www.news.example/", hosts={"www.news.example", "::1"}) == [
        "https://WWW.News.Example/a.html",
        "http://www.news.example/b",
        "http://[::1]:8080/d",
    ]
