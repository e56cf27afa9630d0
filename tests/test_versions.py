"""Recaptures whose only differences don't matter to a reader make no new version."""

from __future__ import annotations

from pathlib import Path

from archive.catalogue import Catalogue, open_database
from archive.extraction import extract_article
from archive.records import Capture
from tests.conftest import DEMO_SITE

PAGE = DEMO_SITE / "www/nation/2024/05/103_310012.html"
URL = "http://127.0.0.1:8000/www/nation/2024/05/103_310012.html"
AD_SLOT = (
    b'<div class="ad-slot advertisement" id="div-gpt-ad-123"><span>Advertisement</span>'
    b'<a href="https://ads.example/click">Win a cruise</a></div>'
)


def capture(offset: int) -> Capture:
    return Capture(URL, f"2026-11-29T0{offset}:00:00.000000Z", 200, "text/html", "response",
                   "m.warc.gz", offset, 10, f"<urn:uuid:{offset}>", f"sha1:{offset}")  # fmt: skip


def test_an_ad_slot_and_reflowed_markup_make_no_new_version(tmp_path: Path) -> None:
    original = PAGE.read_bytes()
    second_paragraph = original.index(
        b"<p>", original.index(b"<p>", original.index(b"<article")) + 3
    )
    with_ad = original[:second_paragraph] + AD_SLOT + original[second_paragraph:]
    reflowed = with_ad.replace(b"</p>", b"</p>\n\n   ")
    catalogue = Catalogue(open_database(tmp_path / "m.db"))
    versions = []
    for offset, html in enumerate((original, with_ad, reflowed)):
        capture_id = catalogue.add_capture(capture(offset), None)
        stored = catalogue.store_article(capture_id, extract_article(html, URL), f"t{offset}")
        versions.append(stored.version_id)
    assert versions[0] is not None
    assert versions[1:] == [None, None]
    assert b"Win a cruise" not in extract_article(with_ad, URL).body.encode()


def test_an_edited_paragraph_makes_a_version(tmp_path: Path) -> None:
    original = PAGE.read_bytes()
    first = extract_article(original, URL).paragraphs[0].encode()
    at = original.rindex(first[:40])  # in the article text, not its summary in <head>
    edited = original[:at] + b"CORRECTED: " + original[at:]
    catalogue = Catalogue(open_database(tmp_path / "m.db"))
    catalogue.store_article(
        catalogue.add_capture(capture(0), None), extract_article(original, URL), "t0"
    )
    stored = catalogue.store_article(
        catalogue.add_capture(capture(1), None), extract_article(edited, URL), "t1"
    )
    assert stored.changed_fields == ("body",)
