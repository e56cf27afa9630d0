"""Shortcuts in reading the tree give what the plain reads give: attribute values read once
per page for the byline, caption and chrome searches; following elements found lazily;
whitespace collapsed by splitting."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from archive.extraction.authors.elements import byline_elements
from archive.extraction.body.pruning import prepare_for_body
from archive.extraction.captions.figures import find_captions
from archive.extraction.html_tree import (
    attribute_values,
    collapse,
    elements_by_attribute,
    following_elements,
    parse_html,
    value_test,
)

STORY = (
    "The harbour board voted on Monday to rebuild the old pier, a project expected to take "
    "three years and to close the ferry landing for most of next summer."
)
PAGE = f"""<html><body><article>
  <h1>Harbour board votes to rebuild the old pier</h1>
  <div class="byline">By <a rel="author" href="/authors/jane-roe">Jane Roe</a></div>
  <figure class="lead"><img src="/pier.jpg" alt="">
    <figcaption class="caption">The old pier at dawn. <span class="credit">Photo: A. Lens</span>
    <div class="share-bar">Share</div></figcaption></figure>
  <div class="share-tools"><a href="#">Facebook</a> <a href="#">Email</a></div>
  <p>{STORY}</p>
  <div class="photo-caption-box"><img src="/ferry.jpg">
    <p class="img_desc">The ferry landing.</p></div>
  <p itemprop="author">Jane Roe</p>
  <div class="related-links"><a href="/x">Another story</a></div>
  <p data-role="note">Corrections: none.</p>
</article></body></html>"""


def _page() -> HtmlElement:
    tree = parse_html(PAGE)
    assert tree is not None
    return tree


def test_byline_and_caption_searches_with_values_read_once_find_the_same_elements() -> None:
    tree = _page()
    values = attribute_values(tree)
    assert byline_elements(tree, values) == byline_elements(tree)
    assert [f.caption for f in find_captions(tree, values)] == [
        f.caption for f in find_captions(tree)
    ]
    assert len(find_captions(tree, values)) == 2


def test_pruning_with_values_read_before_captions_and_bylines_went_leaves_the_same_tree() -> None:
    trees = []
    for read_once in (True, False):
        tree = _page()
        values = attribute_values(tree) if read_once else None
        captions, bylines = find_captions(tree, values), byline_elements(tree, values)
        prepare_for_body(tree, captions, bylines, values)
        trees.append(etree.tostring(tree, encoding="unicode"))
    assert trees[0] == trees[1]
    assert "share-tools" not in trees[0]
    assert "related-links" not in trees[0]
    assert STORY in trees[0]


def test_a_search_on_attributes_not_read_once_reads_the_page() -> None:
    tree = _page()
    found = elements_by_attribute(
        tree, value_test(re.compile("note")), ("data-role",), attribute_values(tree)
    )
    assert [e.text for e in found] == ["Corrections: none."]


def test_following_elements_are_xpaths_following_axis_in_order() -> None:
    tree = _page()
    for start in tree.iter("h1", "figure", "span", "img", "p"):
        assert list(following_elements(start)) == start.xpath("following::*")
    assert next(following_elements(next(tree.iter("h1")))).get("class") == "byline"


def test_collapse_treats_every_unicode_space_as_the_regex_does() -> None:
    spaces = (
        "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
    )
    text = f"{spaces}Harbour{spaces}board\u200bvotes{spaces}"
    assert collapse(text) == re.sub(r"\s+", " ", text).strip() == "Harbour board\u200bvotes"
    assert collapse(None) == ""
