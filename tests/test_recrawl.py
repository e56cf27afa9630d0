"""The recrawl policy: new and listing URLs always, articles at their checks, then never."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from archive.sites.recrawl import UrlHistory, conditional_headers, is_due

FIRST = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def article(last_fetched: datetime) -> UrlHistory:
    return UrlHistory(last_fetched=last_fetched, article_first_seen=FIRST, etag='"abc"')


def test_new_urls_and_listing_pages_are_always_due() -> None:
    assert is_due(None, FIRST)
    listing = UrlHistory(last_fetched=FIRST, article_first_seen=None)
    assert is_due(listing, FIRST + timedelta(minutes=1))


def test_article_is_not_due_before_its_first_check() -> None:
    assert not is_due(article(FIRST), FIRST + timedelta(minutes=30))


def test_article_is_due_at_about_each_check_once() -> None:
    assert is_due(article(FIRST), FIRST + timedelta(minutes=55))  # "about 1 h"
    assert not is_due(article(FIRST + timedelta(minutes=55)), FIRST + timedelta(hours=2))
    assert is_due(article(FIRST + timedelta(hours=1)), FIRST + timedelta(hours=6))
    assert is_due(article(FIRST + timedelta(hours=1)), FIRST + timedelta(days=2))


def test_article_is_never_due_after_its_last_check() -> None:
    checked_late = article(FIRST + timedelta(days=7, hours=1))
    assert not is_due(checked_late, FIRST + timedelta(days=400))
    assert is_due(article(FIRST + timedelta(days=3)), FIRST + timedelta(days=30))


def test_custom_checks() -> None:
    checks = [timedelta(seconds=4)]
    assert not is_due(article(FIRST), FIRST + timedelta(seconds=2), checks)
    assert is_due(article(FIRST), FIRST + timedelta(seconds=4), checks)


def test_conditional_headers_come_from_the_last_validators() -> None:
    assert conditional_headers(article(FIRST)) == {"If-None-Match": '"abc"'}
    dated = UrlHistory(FIRST, None, last_modified="Sun, 01 Nov 2026 12:00:00 GMT")
    assert conditional_headers(dated) == {"If-Modified-Since": "Sun, 01 Nov 2026 12:00:00 GMT"}
    assert conditional_headers(None) == {}
