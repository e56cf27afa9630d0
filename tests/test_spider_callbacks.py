"""The spider's callbacks return no value: what lets the crawl skip Scrapy's per-response check
(WARN_ON_GENERATOR_RETURN_VALUE = False in crawler/settings.py)."""

from __future__ import annotations

from scrapy.utils.misc import is_generator_with_return_value

from crawler import settings
from crawler.spiders.news import NewsSpider


def test_callbacks_are_generators_without_return_values() -> None:
    for callback in (NewsSpider.parse, NewsSpider.on_error):
        assert not is_generator_with_return_value(callback), callback.__name__


def test_scrapy_check_is_off_and_items_run_few_at_a_time() -> None:
    assert settings.WARN_ON_GENERATOR_RETURN_VALUE is False
    assert 2 <= settings.CONCURRENT_ITEMS < 100  # one page item per response, never blocking
