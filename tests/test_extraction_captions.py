"""Captions: figures, caption classes and layout tables, in page order, credits split."""

from __future__ import annotations

from archive.extraction.captions import extract_captions
from archive.extraction.html_tree import parse_html
from archive.extraction.page import read_page
from archive.records import Caption

URL = "https://news.example.com/world/2024/story.html"


def _captions(html: str) -> tuple[Caption, ...]:
    tree = parse_html(html)
    assert tree is not None
    return extract_captions(read_page(tree, URL))


def test_figure_with_separate_credit_element() -> None:
    html = """<article><figure><img src="/img/a.jpg" alt="A harbour">
      <figcaption>Ships at dawn. <span class="credit">Photo: Jane Doe</span></figcaption>
      </figure></article>"""
    assert _captions(html) == (
        Caption(0, "https://news.example.com/img/a.jpg", "Ships at dawn.", "Jane Doe", "A harbour"),
    )


def test_credit_split_from_caption_text_and_relative_src() -> None:
    html = """<figure><img src="pics/b.jpg" alt=""><figcaption>Fans cheer.
      (AP Photo/Jane Doe)</figcaption></figure>"""
    (caption,) = _captions(html)
    assert caption.image_url == "https://news.example.com/world/2024/pics/b.jpg"
    assert (caption.text, caption.credit, caption.alt) == ("Fans cheer.", "AP Photo/Jane Doe", None)


def test_caption_class_in_layout_table_and_lazy_image() -> None:
    html = """<table class="img"><tr><td><img data-src="/c.jpg"></td></tr>
      <tr><td class="img_caption">A train leaves / Reuters-Yonhap</td></tr></table>
      <div class="wp-caption"><img src="/d.jpg"><p class="wp-caption-text">Second</p></div>"""
    captions = _captions(html)
    assert [(c.position, c.image_url, c.text, c.credit) for c in captions] == [
        (0, "https://news.example.com/c.jpg", "A train leaves", "Reuters-Yonhap"),
        (1, "https://news.example.com/d.jpg", "Second", None),
    ]


def test_teaser_images_are_not_captions() -> None:
    html = """<article><figure><img src="/a.jpg"><figcaption>Main</figcaption></figure></article>
      <aside><figure><img src="/b.jpg"><figcaption>Teaser</figcaption></figure></aside>
      <div class="related"><figure><img src="/c.jpg"><figcaption>Other</figcaption></figure>
      </div>"""
    assert [c.text for c in _captions(html)] == ["Main"]


def test_jsonld_image_caption_is_the_fallback() -> None:
    html = """<script type="application/ld+json">{"@type": "NewsArticle", "image": {
      "@type": "ImageObject", "url": "/e.jpg", "caption": "Crowds gather. © AFP"}}</script>
      <p>no figures</p>"""
    assert _captions(html) == (
        Caption(0, "https://news.example.com/e.jpg", "Crowds gather.", "AFP"),
    )


def test_figure_without_caption_is_skipped() -> None:
    assert _captions("<figure><img src='/a.jpg'></figure><p>x</p>") == ()
