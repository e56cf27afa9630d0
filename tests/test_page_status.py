"""Capture status: paywalls, consent walls, bot checks, soft 404s and teasers told from articles."""

from __future__ import annotations

import dataclasses
import gzip
import json
import random
from pathlib import Path

import pytest

from archive.extraction import extract_article
from archive.extraction.article import extract_article_and_page
from archive.pages.outcome import GOOD_STATUSES, PageStatus
from archive.pages.status import classify_page, patterns
from archive.records import Article
from tests.conftest import EVALDATA, needs_evaldata

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures" / "page_status"
FUNDUS = EVALDATA / "fundus"
URL = "https://news.example/2024/05/03/story"
STATUSES = {"ok", "paywall", "consent", "blocked", "soft404", "teaser"}
# Fundus pages that may be other than ok: fr_LeMonde_2023_09_01 is genuinely cut off ("Il vous
# reste 57.09% de cet article à lire. La suite est réservée aux abonnés.").
MAX_FUNDUS_NOT_OK = 1

EMPTY = Article(
    url=None, title=None, byline=None, authors=(), date_published=None, date_modified=None,
    body="", captions=(), language=None, canonical_url=None, site_name=None, description=None,
    section=None, tags=(), extractor="test",
)  # fmt: skip
ARTICLE_META = "<meta property='og:type' content='article'>"
SENTENCE = "The council met on Monday and agreed the budget for the coming year after a debate."


def with_body(paragraphs: list[str]) -> Article:
    return dataclasses.replace(EMPTY, body="\n\n".join(paragraphs))


def prose(words: int, paragraphs: int) -> list[str]:
    per = max(1, words // paragraphs // len(SENTENCE.split()))
    return [" ".join([SENTENCE] * per) for _ in range(paragraphs)]


def page(body_html: str, head: str = "", title: str = "A story") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body>{body_html}</body></html>"
    ).encode()


def classify_fixture(name: str, http_status: int = 200) -> PageStatus:
    html = (FIXTURES / name).read_bytes()
    return classify_page(html, extract_article(html, URL), http_status)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ok_metered_full_text.html", "ok"),
        ("ok_article_about_walls.html", "ok"),
        ("paywall_metered.html", "paywall"),
        ("paywall_declared_only.html", "paywall"),
        ("paywall_german.html", "paywall"),
        ("paywall_truncation_notice.html", "paywall"),
        ("consent_google.html", "consent"),
        ("consent_pur_abo_de.html", "consent"),
        ("consent_cmp_only.html", "consent"),
        ("blocked_cloudflare.html", "blocked"),
        ("blocked_akamai.html", "blocked"),
        ("blocked_datadome.html", "blocked"),
        ("blocked_perimeterx.html", "blocked"),
        ("soft404_served_200.html", "soft404"),
        ("soft404_article_removed.html", "soft404"),
        ("teaser.html", "teaser"),
    ],
)
def test_saved_pages_get_their_status(name: str, expected: str) -> None:
    found = classify_fixture(name)
    assert found.status == expected, found.evidence
    assert (found.evidence is None) == (expected == "ok")


def test_full_article_with_subscribe_links_paywall_markup_and_declared_metering_is_ok() -> None:
    # Subscribe nav link, newsletter box, piano banner, tp-modal, isAccessibleForFree false,
    # content tier metered: all decoration when the whole article is on the page.
    assert classify_fixture("ok_metered_full_text.html") == PageStatus("ok", None)


def test_paywall_evidence_names_the_signals_and_the_body_left() -> None:
    found = classify_fixture("paywall_metered.html")
    assert found.evidence is not None
    assert "subscribe to continue reading" in found.evidence
    assert "isAccessibleForFree=false" in found.evidence
    assert " and 2 paragraphs (" in found.evidence


def test_german_paywall_is_found_by_its_prompt_and_content_tier() -> None:
    evidence = classify_fixture("paywall_german.html").evidence or ""
    assert "nur für abonnenten" in evidence
    assert "content tier locked" in evidence


def test_a_notice_of_how_much_is_missing_makes_a_long_preview_a_paywall() -> None:
    found = classify_fixture("paywall_truncation_notice.html")
    assert found.status == "paywall"
    assert "il vous reste 68.32%" in (found.evidence or "")


def test_every_truncation_notice_holds_the_mark_a_page_text_is_first_checked_for() -> None:
    alternatives = patterns.TRUNCATION_NOTICE.pattern.split(")|(?:")
    assert len(alternatives) >= 2
    assert all(patterns.TRUNCATION_MARK in alternative for alternative in alternatives)


def test_challenge_pages_are_blocked_with_or_without_an_error_status() -> None:
    html = (FIXTURES / "blocked_cloudflare.html").read_bytes()
    assert classify_page(html, None, 200).status == "blocked"
    refused = classify_page(html, None, 403)
    assert refused.status == "blocked"
    assert (refused.evidence or "").startswith("HTTP 403, title 'just a moment")


def test_a_captcha_in_a_comment_form_does_not_block_an_article() -> None:
    # ok_article_about_walls has an h-captcha comment form and quotes challenge phrases.
    assert classify_fixture("ok_article_about_walls.html").status == "ok"


def test_phrases_an_article_quotes_are_not_the_page_showing_them() -> None:
    quoted = [
        SENTENCE * 3,
        'Readers now often meet a box saying "Subscribe to continue reading" on news sites.',
        SENTENCE * 3,
        SENTENCE * 2,
    ]
    html = page(
        "".join(f"<p>{p}</p>" for p in quoted), "<meta property='og:type' content='article'>"
    )
    assert classify_page(html, with_body(quoted), 200).status == "ok"


def test_a_short_free_brief_on_a_news_site_is_ok() -> None:
    paragraphs = prose(110, 4)
    html = page(
        "<nav><a href='/subscribe'>Subscribe</a></nav>"
        + "".join(f"<p>{p}</p>" for p in paragraphs),
        "<meta property='og:type' content='article'>",
    )
    assert classify_page(html, with_body(paragraphs), 200).status == "ok"


def test_paywall_markup_alone_takes_a_very_short_body() -> None:
    marker = "<div class='article-paywall'><a href='/abo'>Abo</a></div>"
    brief = prose(85, 1)  # a short agency item on a metered site
    html = page(f"<p>{brief[0]}</p>{marker}", ARTICLE_META)
    assert classify_page(html, with_body(brief), 200).status == "ok"
    lead = prose(40, 1)
    html = page(f"<p>{lead[0]}</p>{marker}", ARTICLE_META)
    assert classify_page(html, with_body(lead), 200).status == "paywall"
    html = page(f"<p>{lead[0]}</p><div class='non-paywall'></div>", ARTICLE_META)
    assert classify_page(html, with_body(lead), 200).status == "ok"


def test_a_body_that_trails_off_is_a_long_preview_cut_short() -> None:
    paragraphs = [*prose(400, 4), "The chief executive said the plan would be reviewed in …"]
    marker = "<div class='has-paywall'></div>"
    html = page("".join(f"<p>{p}</p>" for p in paragraphs) + marker, ARTICLE_META)
    found = classify_page(html, with_body(paragraphs), 200)
    assert found.status == "paywall"
    assert (found.evidence or "").startswith("body trails off")


def test_a_page_holding_fewer_words_than_the_article_declares_is_cut_short() -> None:
    paragraphs = prose(200, 3)
    head = ARTICLE_META + (
        '<script type="application/ld+json">{"@type": "NewsArticle", "wordCount": 1400}</script>'
    )
    marker = "<div id='piano-paywall'></div>"
    html = page("".join(f"<p>{p}</p>" for p in paragraphs) + marker, head)
    found = classify_page(html, with_body(paragraphs), 200)
    assert found.status == "paywall"
    assert "wordCount 1400" in (found.evidence or "")
    full = prose(1700, 12)
    html = page("".join(f"<p>{p}</p>" for p in full) + marker, head)
    assert classify_page(html, with_body(paragraphs), 200).status == "ok"  # extraction fell short


def test_a_registration_wall_is_a_paywall() -> None:
    lead = prose(120, 2)
    wall = "<div class='regwall'><h3>Register for free to continue reading</h3></div>"
    html = page("".join(f"<p>{p}</p>" for p in lead) + wall, ARTICLE_META)
    assert classify_page(html, with_body(lead), 200).status == "paywall"


def test_subscriber_labels_on_a_listing_page_do_not_make_it_a_paywall() -> None:
    teasers = "".join(
        f"<div class='teaser teaser--paywall'><span class='sr-only'>Article réservé aux abonnés"
        f"</span><a href='/a{i}'>Headline number {i}</a></div>"
        for i in range(20)
    )
    html = page(teasers, "<meta property='og:type' content='website'>", title="Actualités")
    assert classify_page(html, None, 200).status == "ok"


def test_an_article_about_404_pages_is_not_a_soft_404() -> None:
    paragraphs = prose(400, 6)
    html = page("".join(f"<p>{p}</p>" for p in paragraphs), title="Error 404: the lost web")
    assert classify_page(html, with_body(paragraphs), 200).status == "ok"


def test_a_long_article_titled_like_a_consent_page_is_ok() -> None:
    paragraphs = prose(500, 7)
    html = page("".join(f"<p>{p}</p>" for p in paragraphs), title="Cookie settings explained")
    assert classify_page(html, with_body(paragraphs), 200).status == "ok"


def test_cjk_bodies_are_measured_by_characters() -> None:
    sentence = "金融庁は銀行に業務改善命令を出し、経営陣の対応の不備を問題視していた。"
    marker = "<div class='paywall-container'>有料会員限定</div>"
    full = [sentence * 3] * 10
    html = page("".join(f"<p>{p}</p>" for p in full) + marker, ARTICLE_META)
    assert classify_page(html, with_body(full), 200).status == "ok"
    lead = [sentence]
    html = page(f"<p>{sentence}</p>{marker}", ARTICLE_META)
    assert classify_page(html, with_body(lead), 200).status == "paywall"


def test_error_statuses_are_never_ok() -> None:
    html = page("<p>Nothing to see.</p>")
    assert classify_page(html, None, 404) == PageStatus("soft404", "HTTP 404")
    assert classify_page(html, None, 410).status == "soft404"
    assert classify_page(html, None, 429) == PageStatus("blocked", "HTTP 429")
    assert classify_page(html, None, 500).status == "blocked"
    assert classify_page(html, None, 200).status == "ok"


def test_good_statuses_and_frozen_result() -> None:
    assert frozenset({"ok"}) == GOOD_STATUSES
    result = classify_page(b"", None, 200)
    assert result.good
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.status = "paywall"  # type: ignore[misc]


GARBAGE = [
    b"",
    b"   \n\t ",
    b"\x00\x01\x02\x03" * 2000,
    b"\x89PNG\r\n\x1a\n" + random.Random(5).randbytes(5000),
    b"<html><body><p>unclosed <div><table><tr><td>cell",
    b"<<<>>><</>/<!--",
    "café ".encode("latin-1") * 200,
    "<html><title>Seite</title><body><p>Grüße</p></body></html>".encode("utf-16"),
    b"<script type='application/ld+json'>{\"isAccessibleForFree\": false,,, ]</script>",
    b"<script type='application/ld+json'>" + b"[" * 5000 + b"]" * 5000 + b"</script>",
    b"<div>" * 20000 + b"deep" + b"</div>" * 20000,
    b"<title>" + b"404 " * 10000 + b"</title>",
]


@pytest.mark.parametrize("html", GARBAGE)
@pytest.mark.parametrize("article", [None, EMPTY])
def test_garbage_never_raises(html: bytes, article: Article | None) -> None:
    assert classify_page(html, article, 200).status in STATUSES


@needs_evaldata
def test_real_news_pages_are_ok() -> None:
    # The ground-truth body stands in for the extracted article: the same check with
    # extract_article takes a minute, and this one stays about the classifier.
    not_ok = {}
    for path in sorted(FUNDUS.glob("*.html.gz")):
        truth = json.loads(path.with_name(path.name.replace(".html.gz", ".json")).read_text())
        article = dataclasses.replace(EMPTY, body=truth.get("body", ""))
        found = classify_page(gzip.decompress(path.read_bytes()), article, 200)
        if found.status != "ok":
            not_ok[path.name] = found
    assert len(not_ok) <= MAX_FUNDUS_NOT_OK, not_ok
    assert all(found.status == "paywall" for found in not_ok.values()), not_ok


@pytest.mark.parametrize(
    "content_type", [None, "text/html", "text/html; charset=utf-8", "text/html; charset=koi8-r"]
)
def test_extractions_parse_gives_the_status_the_rules_own_parse_gives(
    content_type: str | None,
) -> None:
    for path in sorted(FIXTURES.glob("*.html")):
        html = path.read_bytes()
        article, parsed = extract_article_and_page(html, URL, content_type)
        assert parsed is not None, path.name
        assert article == extract_article(html, URL, content_type), path.name
        alone = classify_page(html, article, 200)
        assert classify_page(html, article, 200, parsed) == alone, path.name
