"""Finding a page's requisites: its photos at their best size, or everything it loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.errors import ConfigError
from archive.extraction import extract_article
from archive.pages.requisites import Requisite, page_requisites, stylesheet_requisites
from archive.sites.config import load_sites
from tests.conftest import run_morgue
from tests.requisites_site import ARTICLE

URL = "https://harbour.example/news/story-0.html"
CDN = "https://cdn.example"
PAGE = ARTICLE.format(
    n=0, cdn=CDN, title="Quay works", paragraphs="<p>Divers inspected the quay.</p>"
).encode()


def urls(found: list[Requisite]) -> list[str]:
    return [r.url.removeprefix(CDN) for r in found]


def test_photos_are_the_lead_image_and_the_storys_images_at_their_largest() -> None:
    assert urls(page_requisites(PAGE, URL, "photos")) == [
        "/img/lead-0.png",  # og:image
        "/img/large-0.png",  # the largest srcset candidate, not the src
        "/img/lazy.png",  # data-src, not the placeholder
        "/img/huge.png",
        "/img/missing.png",
        "/private/secret.png",
    ]


def test_page_adds_stylesheets_scripts_and_every_candidate() -> None:
    found = {r.url.removeprefix(CDN): r.resource_type for r in page_requisites(PAGE, URL, "page")}
    assert found["/css/main.css"] == "stylesheet"
    assert found["https://harbour.example/js/app.js"] == "script"
    assert found["/img/small-0.png"] == "image"  # a narrow browser picks it
    assert "data:image/gif;base64,R0lGODlhAQABAAAAACw=" not in found


def test_none_finds_nothing() -> None:
    assert page_requisites(PAGE, URL, "none") == []


def test_teaser_and_navigation_images_are_no_photos() -> None:
    html = (
        b"<html><body><header><nav><img src='/logo.png'></nav></header><article><h1>T</h1>"
        b"<img src='/story.jpg'></article><aside class='related'><a href='/other.html'>"
        b"<img src='/teaser.jpg'></a></aside></body></html>"
    )
    assert urls(page_requisites(html, URL, "photos")) == ["https://harbour.example/story.jpg"]
    assert "https://harbour.example/logo.png" in urls(page_requisites(html, URL, "page"))


def test_jsonld_image_objects_are_lead_images() -> None:
    html = (
        b'<html><head><script type="application/ld+json">{"@type": "NewsArticle", "image": '
        b'[{"@type": "ImageObject", "url": "/a.jpg"}, "/b.jpg"]}</script></head>'
        b"<body></body></html>"
    )
    assert urls(page_requisites(html, URL, "photos")) == [
        "https://harbour.example/a.jpg",
        "https://harbour.example/b.jpg",
    ]


def test_a_stylesheet_brings_its_imports_fonts_and_images_not_its_comments() -> None:
    css = (
        b'@import "print.css"; @import url(theme.css);\n/* url(old.png) */\n'
        b"@font-face { src: url('/f/serif.woff2') format('woff2'); }\n"
        b'.masthead { background-image: url(data:image/png;base64,AAA), url("bg.jpg"); }'
    )
    found = stylesheet_requisites(css, "https://cdn.example/css/main.css")
    assert [(r.url.removeprefix(CDN), r.resource_type) for r in found] == [
        ("/css/print.css", "stylesheet"),
        ("/css/theme.css", "stylesheet"),
        ("/f/serif.woff2", "font"),
        ("/css/bg.jpg", "image"),
    ]


def test_a_caption_names_the_photo_that_is_archived() -> None:
    captions = extract_article(PAGE, URL).captions
    archived = set(urls(page_requisites(PAGE, URL, "photos")))
    assert [c.image_url.removeprefix(CDN) for c in captions if c.image_url] == [
        "/img/large-0.png",
        "/img/lazy.png",
    ]
    assert {c.image_url.removeprefix(CDN) for c in captions if c.image_url} <= archived


def test_a_site_may_choose_its_requisites(tmp_path: Path) -> None:
    config = tmp_path / "sites.toml"
    config.write_text(
        '[[site]]\nname = "post"\nstart_urls = ["https://harbour.example/"]\nrequisites = "page"\n'
    )
    assert load_sites(config)[0].requisites == "page"
    config.write_text(
        '[[site]]\nname = "post"\nstart_urls = ["https://harbour.example/"]\nrequisites = "all"\n'
    )
    with pytest.raises(ConfigError, match="photos, page, none"):
        load_sites(config)


@pytest.mark.integration
def test_an_unknown_requisites_mode_is_a_usage_error(tmp_path: Path) -> None:
    result = run_morgue("crawl", "http://127.0.0.1:9/", "-s", "MORGUE_REQUISITES=all", cwd=tmp_path)
    assert result.returncode == 2
    assert "MORGUE_REQUISITES must be one of photos, page, none" in result.stderr
