"""Telling article pages from listings by markup and body length."""

from __future__ import annotations

import dataclasses

from archive.pages.kind import declares_article, looks_like_article
from archive.records import Article

EMPTY = Article(
    url=None, title=None, byline=None, authors=(), date_published=None, date_modified=None,
    body="", captions=(), language=None, canonical_url=None, site_name=None, description=None,
    section=None, tags=(), extractor="test",
)  # fmt: skip


def with_body(words: int, paragraphs: int = 3) -> Article:
    per = max(1, words // paragraphs)
    body = "\n\n".join(" ".join(["word"] * per) for _ in range(paragraphs))
    return dataclasses.replace(EMPTY, body=body)


def test_og_type_article_and_json_ld_news_article_declare_an_article() -> None:
    assert declares_article(b'<meta property="og:type" content="article">')
    assert declares_article(b'<meta content="article" property="og:type"/>')
    assert declares_article(b'{"@context":"https://schema.org","@type": "NewsArticle"}')
    assert not declares_article(b'<meta property="og:type" content="website">')


def test_long_body_without_markup_is_an_article_but_short_teasers_are_not() -> None:
    assert looks_like_article(with_body(300), b"<html></html>", 120)
    assert not looks_like_article(with_body(60), b"<html></html>", 120)
    assert not looks_like_article(with_body(300, paragraphs=1), b"<html></html>", 120)


def test_declared_article_needs_only_a_short_body() -> None:
    html = b'<meta property="og:type" content="article">'
    assert looks_like_article(with_body(40), html, 120)
    assert not looks_like_article(EMPTY, html, 120)


def test_cjk_body_counts_by_characters() -> None:
    body = "\n\n".join(["東京都は本日、新しい交通政策を発表した。" * 12] * 3)
    assert looks_like_article(dataclasses.replace(EMPTY, body=body), b"", 120)


def test_article_markup_is_read_whatever_its_case_and_only_within_one_tag() -> None:
    assert declares_article(b'<META PROPERTY="OG:TYPE" CONTENT="ARTICLE">')
    assert declares_article(b"<script>{'@type' : [ 'BlogPosting' ]}</script>")
    assert declares_article(b'<meta name="og:type"\n  data-x="1" content=\'article\'>')
    assert not declares_article(b'<meta property="og:type"><meta content="article">')
    assert not declares_article(b'<p>"@type": "WebPage" Article</p>')
