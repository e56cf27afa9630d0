"""Captions read from structure first: credit elements, microdata, attributes, responsive images."""

from __future__ import annotations

from archive.extraction.captions.figures import extract_captions
from archive.extraction.html_tree import parse_html
from archive.extraction.page import read_page
from archive.records import Caption

URL = "https://news.example.com/2025/05/harbour.html"


def _captions(html: str) -> list[tuple[str, str | None]]:
    tree = parse_html(f"<html><body><article>{html}</article></body></html>")
    assert tree is not None
    return [(c.text, c.credit) for c in extract_captions(read_page(tree, URL))]


def _records(html: str) -> tuple[Caption, ...]:
    tree = parse_html(f"<html><body><article>{html}</article></body></html>")
    assert tree is not None
    return extract_captions(read_page(tree, URL))


def test_wordpress_caption_with_credit_span() -> None:
    html = """<div id="attachment_7" class="wp-caption aligncenter"><img class="size-large"
      src="/wp-content/uploads/2025/05/harbour-1024x683.jpg" alt="">
      <p class="wp-caption-text">Boats at the quay. <span class="photo-credit">Jane Doe</span></p>
      </div>"""
    assert _captions(html) == [("Boats at the quay.", "Jane Doe")]


def test_figcaption_with_credit_span_and_copyright_class() -> None:
    html = """<figure><img src="/a.jpg"><figcaption><span class="caption-text">The old mill.
      </span><span class="image-copyright">© Example Agency</span></figcaption></figure>"""
    assert _captions(html) == [("The old mill.", "Example Agency")]


def test_footer_beside_the_figcaption_is_the_credit() -> None:
    html = """<figure><picture><img src="/a.jpg"></picture><figcaption>Ferries wait for the
      storm to pass.</figcaption><footer>Example/Jane Doe</footer></figure>"""
    assert _captions(html) == [("Ferries wait for the storm to pass.", "Example/Jane Doe")]


def test_small_or_cite_ending_the_caption_is_the_credit() -> None:
    html = """<figure><img src="/a.jpg"><figcaption>Ferries at dawn. <small>Jane Doe</small>
      </figcaption></figure><figure><img src="/b.jpg"><figcaption>The quay at night.
      <cite>John Roe for Example News</cite></figcaption></figure>"""
    assert _captions(html) == [
        ("Ferries at dawn.", "Jane Doe"),
        ("The quay at night.", "John Roe for Example News"),
    ]


def test_cite_inside_the_caption_text_is_not_a_credit() -> None:
    html = """<figure><img src="/a.jpg"><figcaption>A scene from <cite>The Tempest</cite> at the
      harbour theatre.</figcaption></figure>"""
    assert _captions(html) == [("A scene from The Tempest at the harbour theatre.", None)]


def test_microdata_copyright_holder() -> None:
    html = """<figure itemscope itemtype="https://schema.org/ImageObject"><img src="/a.jpg">
      <figcaption><span itemprop="caption">Gulls over the pier.</span>
      <span itemprop="copyrightHolder">Jane Doe</span></figcaption></figure>"""
    assert _captions(html) == [("Gulls over the pier.", "Jane Doe")]


def test_credit_in_a_data_attribute() -> None:
    html = """<figure data-credit="Example Agency/Jane Doe"><img src="/a.jpg">
      <figcaption>Nets drying in the sun.</figcaption></figure>
      <figure><img src="/b.jpg" data-photographer="John Roe">
      <figcaption>The lighthouse.</figcaption></figure>"""
    assert _captions(html) == [
        ("Nets drying in the sun.", "Example Agency/Jane Doe"),
        ("The lighthouse.", "John Roe"),
    ]


def test_hidden_toggles_stay_out_of_caption_and_credit() -> None:
    html = """<figure><img src="/a.jpg"><figcaption><span class="cap">Smoke over the port.<span>
      Foto: Jane Doe/AP</span></span><span class="more" hidden="">Show more</span>
      <button>Expand</button></figcaption></figure>"""
    assert _captions(html) == [("Smoke over the port.", "Jane Doe/AP")]


def test_caption_inside_a_link_to_another_page_is_a_teaser() -> None:
    html = """<figure><img src="/a.jpg"><figcaption>The harbour at dawn.</figcaption></figure>
      <div class="slider"><figure><a href="/2025/05/other-story.html"><img src="/b.jpg">
      <figcaption>Ten things to do by the sea</figcaption></a></figure></div>"""
    assert _captions(html) == [("The harbour at dawn.", None)]


def test_a_caption_that_is_only_a_credit_is_a_credit() -> None:
    html = """<figure><img src="/a.jpg"><figcaption>Getty Images/iStockphoto
      <span class="credit">janedoe</span></figcaption></figure>
      <figure><img src="/b.jpg"><figcaption>Foto: Jane Doe</figcaption></figure>"""
    assert _captions(html) == [("", "Getty Images/iStockphoto; janedoe"), ("", "Jane Doe")]


def test_responsive_and_lazy_images_give_the_largest_file() -> None:
    html = """<figure><picture><source media="(min-width: 960px)"
      srcset="/img/quay-800.jpg 800w, /img/quay-1600.jpg 1600w"><img src="/img/quay-400.jpg">
      </picture><figcaption>The quay.</figcaption></figure>
      <figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/mill.jpg" class="lazyload">
      <figcaption>The mill.</figcaption></figure>"""
    assert [c.image_url for c in _records(html)] == [
        "https://news.example.com/img/quay-1600.jpg",
        "https://news.example.com/img/mill.jpg",
    ]


def test_gallery_slides_each_give_a_caption() -> None:
    html = """<div class="gallery"><ul><li class="slide"><img src="/g1.jpg">
      <div class="gallery-caption">Dawn at the quay. Photo: Jane Doe</div></li>
      <li class="slide"><img src="/g2.jpg"><div class="gallery-caption">Noon at the market.
      Photo: John Roe</div></li></ul></div>"""
    assert _captions(html) == [
        ("Dawn at the quay.", "Jane Doe"),
        ("Noon at the market.", "John Roe"),
    ]


def _jsonld(images: str) -> str:
    return f"""<script type="application/ld+json">{{"@context": "https://schema.org",
      "@type": "NewsArticle", "publisher": {{"@type": "NewsMediaOrganization",
      "name": "Example News"}}, "image": {images}}}</script>"""


def test_jsonld_image_object_credits_the_printed_caption() -> None:
    html = _jsonld("""[{"@type": "ImageObject", "url": "https://cdn.example.com/quay-1600x900.jpg",
      "caption": "Boats at the quay.", "creditText": "Jane Doe/Example Agency"},
      {"@type": "ImageObject", "url": "https://cdn.example.com/mill.jpg",
      "copyrightHolder": {"@type": "NewsMediaOrganization", "name": "Example News"},
      "author": {"@type": "Person", "name": "John Roe"}}]""")
    html += """<figure><img src="/img/quay-800x450.jpg"><figcaption>Boats at the quay.
      </figcaption></figure><figure><img src="/img/mill.webp"><figcaption>The mill.
      </figcaption></figure><figure><img src="/img/pier.jpg"><figcaption>The pier.
      </figcaption></figure>"""
    assert _captions(html) == [
        ("Boats at the quay.", "Jane Doe/Example Agency"),
        ("The mill.", "John Roe"),
        ("The pier.", None),
    ]


def test_printed_credit_wins_over_jsonld() -> None:
    html = _jsonld("""{"@type": "ImageObject", "url": "/quay.jpg", "creditText": "Example"}""")
    html += """<figure><img src="/quay.jpg"><figcaption>Boats. Foto: Jane Doe</figcaption>
      </figure>"""
    assert _captions(html) == [("Boats.", "Jane Doe")]


def test_jsonld_fallback_takes_a_rights_holder_other_than_the_publisher() -> None:
    html = _jsonld("""{"@type": "ImageObject", "url": "/quay.jpg", "caption": "Boats.",
      "copyrightHolder": {"@type": "Organization", "name": "Example Agency"}}""")
    assert _captions(html + "<p>No figures.</p>") == [("Boats.", "Example Agency")]


def test_a_wrapper_of_caption_and_credit_is_not_the_credit() -> None:
    html = """<figure itemscope itemtype="https://schema.org/ImageObject"><img src="/a.jpg">
      <span class="image-source-caption"><figcaption>Gulls over the pier.</figcaption>
      <span class="image-source" itemprop="creditText">Jane Doe/Example Agency</span></span>
      </figure>"""
    assert _captions(html) == [("Gulls over the pier.", "Jane Doe/Example Agency")]


def test_a_link_holding_image_and_caption_is_a_teaser() -> None:
    html = """<figure><img src="/a.jpg"><figcaption>The harbour at dawn.</figcaption></figure>
      <section><a href="/e-paper"><img src="/paper.png"><div><p>E-Paper</p>
      <span class="caption">Read the digital edition</span></div></a></section>"""
    assert _captions(html) == [("The harbour at dawn.", None)]


def test_lazy_loaders_own_attributes_name_the_image() -> None:
    html = """<div class="slide"><picture><source media="(min-width: 1024px)"
      data-flickity-lazyload-srcset="/img/pier-800.jpg 800w, /img/pier-1600.jpg 1600w">
      <img class="Image" data-flickity-lazyload="/img/pier-600.jpg"
      src="data:image/svg+xml;base64,PHN2Zz4="></picture>
      <span class="slide-caption">The pier in winter.</span></div>
      <div class="photo"><img data-lazy-sizes="auto" data-lazyload="/img/mill.jpg">
      <p class="caption">The mill.</p></div>"""
    assert [(c.image_url, c.text) for c in _records(html)] == [
        ("https://news.example.com/img/pier-1600.jpg", "The pier in winter."),
        ("https://news.example.com/img/mill.jpg", "The mill."),
    ]


def test_a_caption_that_is_only_a_link_to_another_page_is_a_teaser() -> None:
    html = """<figure><img src="/a.jpg"><figcaption>The harbour at dawn.</figcaption></figure>
      <figure class="box"><picture><a href="/other-story"><img src="/b.jpg"></a><div><a
      href="/other-story"><small>8</small></a></div></picture><figcaption><h2><a
      href="/other-story">Ten things to do by the sea</a></h2></figcaption></figure>"""
    assert _captions(html) == [("The harbour at dawn.", None)]


def test_labels_alone_photo_counts_and_long_notes_credit_nobody() -> None:
    html = (
        """<figure><img src="/a.jpg"><figcaption>The quay. <span class="credit">Bild:
      </span></figcaption></figure><figure><img src="/b.jpg"><figcaption>The pier.
      <small>12</small></figcaption></figure><figure><img src="/c.jpg"><figcaption>The mill.
      </figcaption><div class="author-note">"""
        + "A long note. " * 12
        + """</div></figure>"""
    )
    assert [credit for _, credit in _captions(html)] == [None, None, None]


def test_a_credit_icon_marks_its_element_as_the_credit() -> None:
    html = """<figure><img src="/a.jpg"><figcaption class="figure-caption">Flooded fields<span><i
      class="fa fa-copyright"></i>Jane Doe</span></figcaption></figure>"""
    assert _captions(html) == [("Flooded fields", "Jane Doe")]


def test_a_credit_line_above_the_caption_text() -> None:
    html = """<figure><img src="/a.jpg"><figcaption><div class="small">©Example Post</div>
      Cleaners at work in the old mill.</figcaption></figure>
      <figure><img src="/b.jpg"><figcaption class="media-info"><p class="media-legal">© Jane Doe
      / Example Agency</p><p class="media-caption">A market stall.</p></figcaption></figure>"""
    assert _captions(html) == [
        ("Cleaners at work in the old mill.", "Example Post"),
        ("A market stall.", "Jane Doe / Example Agency"),
    ]


def test_a_hidden_label_glued_to_the_credit() -> None:
    html = """<figure><img src="/a.jpg"><figcaption><span class="css-1x"><span
      class="visually-hidden">Credit</span>Jane Doe for Example News</span></figcaption></figure>"""
    assert _captions(html) == [("", "Jane Doe for Example News")]


def test_slide_counters_and_repeated_captions_in_credit_elements() -> None:
    html = """<div class="gallery"><div class="slide"><img src="/g1.jpg"><p class="caption">2/6
      Dawn at the quay.</p><span class="copyright">Dawn at the quay, seen from the old pier
      at low tide. (Quelle: Jane Doe/Example)</span></div></div>"""
    assert _captions(html) == [("Dawn at the quay.", "Jane Doe/Example")]


def test_an_image_subtitle_is_a_caption() -> None:
    html = """<div class="image-container"><img src="/a.jpg" data-copyright="© Jane Doe (KNA)">
      <div class="image-subtitle">The quay at dawn</div></div>
      <div class="media"><div class="imageWrapper"><img src="/b.jpg"></div><div class="mediaInfo">
      <span class="mediaSubtitle">The mill in winter.</span><span class="mediaRights">Bildrechte:
      Jane Doe</span></div></div>"""
    assert _captions(html) == [
        ("The quay at dawn", "Jane Doe (KNA)"),
        ("The mill in winter.", "Jane Doe"),
    ]
