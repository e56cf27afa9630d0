"""Captions: figures, caption classes and layout tables, in page order, credits split."""

from __future__ import annotations

from archive.extraction.captions.figures import extract_captions
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


def test_carousel_slide_descriptions_are_captions() -> None:
    html = """<article><h1>Story headline here</h1><div class="carousel"><div class="CarouselSlide">
      <picture><img src="/a.jpg"></picture><div class="CarouselSlide-info"><div><span
      class="CarouselSlide-infoDescription"><p>Harris speaks. (AP Photo/Jane Doe)</p></span>
      </div></div></div></div></article>"""
    (caption,) = _captions(html)
    assert (caption.text, caption.credit) == ("Harris speaks.", "AP Photo/Jane Doe")


def test_a_figure_without_a_picture_is_a_byline_not_a_caption() -> None:
    html = """<figure><figcaption><address>Von <span>Eileen Wagner</span></address>
      <time>10.09.2025</time></figcaption></figure>
      <figure><img src="/p.jpg"><figcaption><address>Von <a rel="author">Jane Doe</a>,
      Redakteurin</address></figcaption></figure>"""
    assert _captions(html) == ()


def test_second_figcaption_holds_the_credit() -> None:
    html = """<figure><img src="/a.jpg"><figcaption>Strava's new dark mode.</figcaption>
      <figcaption><strong>Image Credits:</strong> Strava</figcaption></figure>"""
    (caption,) = _captions(html)
    assert (caption.text, caption.credit) == ("Strava's new dark mode.", "Strava")


def test_several_rights_holders_are_joined_by_semicolons() -> None:
    html = """<figure><img src="/a.jpg"><figcaption><span>Firefighters at work.</span>
      <span>© DPA Images | Christoph Soeder</span></figcaption></figure>
      <figure><img src="/b.jpg"><figcaption><span>Smoke over the roofs.</span>
      <span>© Anett Seidler | Anett Seidler</span></figcaption></figure>"""
    assert [c.credit for c in _captions(html)] == ["DPA Images; Christoph Soeder", "Anett Seidler"]


def test_placeholder_and_typography_classes_claim_nothing() -> None:
    html = """<div class="photo"><p><img src="/a.jpg"></p><p class="withoutCaption"></p>
      <span class="newsCaption">Harry and Meghan <span class="caption">(Image: Getty)</span>
      </span></div>
      <header><a class="text-caption" href="https://group.example"><span>An offer from</span>
      <img src="/logo.png"></a></header>"""
    captions = _captions(html)
    assert [(c.text, c.credit) for c in captions] == [("Harry and Meghan", "Getty")]


def test_images_linking_to_other_pages_are_teasers() -> None:
    html = """<article><h1>Story headline here</h1><figure><img src="/a.jpg">
      <figcaption>Main</figcaption></figure><a href="/other-story"><figure><img src="/b.jpg">
      <figcaption>Teaser</figcaption></figure></a><a href="/big.jpg"><figure><img src="/c.jpg">
      <figcaption>Zoom</figcaption></figure></a></article>"""
    assert [c.text for c in _captions(html)] == ["Main", "Zoom"]


def test_layout_around_the_headline_is_not_a_sidebar() -> None:
    html = """<body class="segment--recommended"><div class="sidebar-layout"><h1>Story headline
      </h1><figure><img src="/a.jpg"><figcaption>Main</figcaption></figure></div>
      <div class="sidebar"><figure><img src="/b.jpg"><figcaption>Other</figcaption></figure>
      </div></body>"""
    assert [c.text for c in _captions(html)] == ["Main"]
