"""Page metadata: language, canonical URL, site name, description, section, tags; JSON-LD."""

from __future__ import annotations

import pytest

from archive.extraction.html_tree import parse_html
from archive.extraction.jsonld import article_object, jsonld_objects
from archive.extraction.metadata import extract_metadata, normalise_language
from archive.extraction.page import read_page


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("en", "en"), ("en-GB", "en"), ("ko_KR", "ko"), ("DE", "de"), ("", None), ("x y", None)],
)
def test_normalise_language(raw: str, expected: str | None) -> None:
    assert normalise_language(raw) == expected


def test_metadata_from_meta_tags() -> None:
    html = """<html lang="fr-FR"><head><link rel="canonical" href="/a/b.html">
      <meta property="og:site_name" content="Le Quotidien">
      <meta name="description" content="Résumé">
      <meta property="article:section" content="Monde">
      <meta property="article:tag" content="Europe"><meta property="article:tag" content="Climat">
      </head><body><p>x</p></body></html>"""
    tree = parse_html(html)
    assert tree is not None
    meta = extract_metadata(read_page(tree, "https://example.fr/x"))
    assert meta.language == "fr"
    assert meta.canonical_url == "https://example.fr/a/b.html"
    assert meta.site_name == "Le Quotidien"
    assert meta.description == "Résumé"
    assert meta.section == "Monde"
    assert meta.tags == ("Europe", "Climat")


def test_jsonld_graph_and_lenient_parsing() -> None:
    html = """<script type="application/ld+json"><!--
      {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Example"},
        {"@type": ["NewsArticle"], "headline": "H", "inLanguage": "es-ES", "keywords": ["a", "b"],},
      ]}--></script><script type="application/ld+json">not json</script><p>x</p>"""
    tree = parse_html(html)
    assert tree is not None
    objects = jsonld_objects(tree)
    assert len(objects) == 2
    article = article_object(objects)
    assert article is not None
    assert article["headline"] == "H"
    meta = extract_metadata(read_page(tree, None))
    assert meta.language == "es"
    assert meta.tags == ("a", "b")


def test_the_lead_image_is_the_pages_og_image_else_its_json_ld_image_made_absolute() -> None:
    from archive.extraction import extract_article

    og = (
        b'<html><head><meta property="og:image" content="/img/lead.jpg"></head><body></body></html>'
    )
    jsonld = (
        b'<html><head><script type="application/ld+json">{"@type": "NewsArticle", "image": '
        b'{"@type": "ImageObject", "url": "https://cdn.example/a.jpg"}}</script></head></html>'
    )
    none = b"<html><head><title>t</title></head><body><p>text</p></body></html>"
    url = "https://news.example/2024/story.html"
    assert extract_article(og, url).image_url == "https://news.example/img/lead.jpg"
    assert extract_article(jsonld, url).image_url == "https://cdn.example/a.jpg"
    assert extract_article(none, url).image_url is None
    assert extract_article(og, url).to_dict()["image_url"] == "https://news.example/img/lead.jpg"
