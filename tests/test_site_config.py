"""Site configuration files: what is accepted, and the errors an operator gets."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from archive.errors import ConfigError
from archive.sites.config import load_sites, parse_duration, site_for_urls

EXAMPLE = """
[[site]]
name = "gazette"
start_urls = ["https://gazette.example/"]
feeds = ["https://gazette.example/rss.xml"]
sitemaps = ["https://news.gazette.example/news-sitemap.xml"]
allow = ["/www/"]
deny = ["/tag/"]
article_pattern = "/\\\\d{4}/\\\\d{2}/"
max_pages = 500
max_depth = 2

[site.politeness]
download_delay = 2.5
concurrency = 2

[site.recrawl]
article_checks = ["2h", "1d"]

[[site]]
name = "tribune"
start_urls = ["https://tribune.example/news/"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_configuration_is_read_with_all_its_rules(tmp_path: Path) -> None:
    gazette, tribune = load_sites(write(tmp_path, EXAMPLE))
    assert gazette.name == "gazette"
    assert gazette.hosts == {"gazette.example", "news.gazette.example"}
    assert gazette.allows("https://gazette.example/www/2024/05/story.html")
    assert not gazette.allows("https://gazette.example/www/tag/politics.html")
    assert not gazette.allows("https://gazette.example/about.html")  # not under /www/
    assert not gazette.allows("https://elsewhere.example/www/x.html")
    assert gazette.is_article_url("https://gazette.example/www/2024/05/story.html") is True
    assert gazette.is_article_url("https://gazette.example/www/sections/biz.html") is False
    assert (gazette.max_pages, gazette.max_depth) == (500, 2)
    assert (gazette.politeness.download_delay, gazette.politeness.concurrency) == (2.5, 2)
    assert gazette.article_checks == (timedelta(hours=2), timedelta(days=1))
    assert tribune.article_pattern is None
    assert tribune.is_article_url("https://tribune.example/news/a.html") is None
    assert len(tribune.article_checks) == 5


def test_one_site_can_be_chosen_by_name(tmp_path: Path) -> None:
    (only,) = load_sites(write(tmp_path, EXAMPLE), "tribune")
    assert only.name == "tribune"
    with pytest.raises(ConfigError, match=r"no site named 'nope'.*gazette, tribune"):
        load_sites(write(tmp_path, EXAMPLE), "nope")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[site]\nname=", "not valid TOML"),
        ("title = 'x'", "defines no \\[\\[site\\]\\] tables"),
        ("[[site]]\nstart_urls = ['https://a.example/']", "needs a name"),
        ("[[site]]\nname = 'a'", "needs start_urls, feeds or sitemaps"),
        ("[[site]]\nname = 'a'\nstart_urls = ['ftp://a.example/']", "not an http\\(s\\) URL"),
        ("[[site]]\nname = 'a'\nstart_urls = ['https://a/']\nallow = ['(']", "bad pattern"),
        ("[[site]]\nname = 'a'\nstart_urls = ['https://a/']\nmax_pages = -1", "positive"),
        ("[[site]]\nname = 'a'\nstart_urls = ['https://a/']\ncolour = 'red'", "unknown keys"),
        (
            "[[site]]\nname = 'a'\nstart_urls = ['https://a/']\n[site.recrawl]\n"
            "article_checks = ['soon']",
            "can't read the duration 'soon'",
        ),
        ("[[site]]\nname='a'\nstart_urls=['https://a/']\n[[site]]\nname='a'\nfeeds=['https://b/']",
         "unique"),
    ],
)  # fmt: skip
def test_unusable_configurations_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as error:
        load_sites(write(tmp_path, text))
    assert error.value.exit_code == 2


def test_durations() -> None:
    assert parse_duration("90m") == timedelta(minutes=90)
    assert parse_duration("1.5d") == timedelta(hours=36)
    assert parse_duration(" 2w ") == timedelta(weeks=2)


def test_adhoc_site_from_urls_discovers_only_without_a_depth_limit() -> None:
    site = site_for_urls(["http://127.0.0.1:8000/a.html", "http://127.0.0.1:9000/b.html"])
    assert site.hosts == {"127.0.0.1"}
    assert site.discover
    assert not site_for_urls(["http://127.0.0.1/"], depth=1).discover
