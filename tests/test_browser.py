"""What an archivist sees: Debian's headless Chromium browsing `morgue serve` over the demo.

Needs the system packages chromium and chromium-driver (and selenium from the dev extras); skips
without them, except under CI=true, where a missing one fails the run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest

from tests.test_serve import SEED_WORD, demo_catalogue, running_server

pytestmark = pytest.mark.integration

CHROMIUM_NAMES = ("chromium", "chromium-browser")
HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1024",
)
WAIT_SECONDS = 20


def _require(found: Any, what: str) -> Any:
    """`found`, or skip (fail under CI=true) saying what is missing and how to get it."""
    if found:
        return found
    reason = f"{what} is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run must install it", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    chromium = _require(
        next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None),
        "chromium (apt-get install chromium)",
    )
    driver_path = _require(
        shutil.which("chromedriver"), "chromedriver (apt-get install chromium-driver)"
    )
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _require(None, "selenium (pip install -e '.[dev]')")
        raise
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in HEADLESS_FLAGS:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory(prefix="morgue-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
        try:
            driver.set_page_load_timeout(WAIT_SECONDS)
            yield driver
        finally:
            driver.quit()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    demo = demo_catalogue(tmp_path_factory)
    with running_server(demo / "morgue.db", "--warc-dir", str(demo / "warc")) as base:
        yield base


def _texts(browser: Any, css: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [element.text for element in browser.find_elements(By.CSS_SELECTOR, css)]


def _click(browser: Any, css: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    element = browser.find_element(By.CSS_SELECTOR, css)
    element.click()
    WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.staleness_of(element))


def test_search_open_the_article_its_captions_and_its_archived_page(
    browser: Any, server: str, seed_expected: dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(server + "/")
    assert _texts(browser, "h1") == ["morgue: news archive"]
    assert _texts(browser, ".morgue-summary")[0].startswith("This archive holds 28 articles")
    _click(browser, 'a[href="/morgue/articles"]')

    # The data first: the first article is on the first screen, the column descriptions wait
    # behind "About these columns"; working facets, before anything is typed.
    first_row_top = browser.execute_script(
        "return document.querySelector('table.rows-and-columns tbody tr')"
        ".getBoundingClientRect().top"
    )
    assert 0 < first_row_top < browser.execute_script("return window.innerHeight")
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "The byline as printed" not in page
    assert "sorted by date_published descending" in page
    assert any(text.startswith("en") for text in _texts(browser, "#facet-language li"))
    browser.find_element(By.CSS_SELECTOR, "details.morgue-columns summary").click()
    assert "The byline as printed" in browser.find_element(By.TAG_NAME, "body").text

    search = browser.find_element(By.ID, "_search")
    search.send_keys(SEED_WORD, Keys.ENTER)
    WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.url_contains("_search="))
    assert _texts(browser, "a.morgue-article") == [seed_expected["title"]]

    # Where the word matched: a snippet of the text with the word marked.
    _click(browser, ".morgue-search-context a")
    assert _texts(browser, ".morgue-snippet mark") == [SEED_WORD]
    assert _texts(browser, "td.col-title") == [seed_expected["title"]]
    browser.back()

    _click(browser, "a.morgue-article")
    assert _texts(browser, "h1") == [seed_expected["title"]]
    assert _texts(browser, ".morgue-byline") == [seed_expected["byline"]]
    assert _texts(browser, ".morgue-caption") == [c["text"] for c in seed_expected["captions"]]
    credits = [c["credit"] for c in seed_expected["captions"] if c["credit"]]
    assert _texts(browser, ".morgue-credit") == credits
    first_paragraph = seed_expected["body_paragraphs"][0]
    assert first_paragraph in browser.find_element(By.CSS_SELECTOR, ".morgue-body").text

    _click(browser, "#morgue-capture-page")
    assert _texts(browser, "h1")[0].startswith("Archived response: capture")
    headers = browser.find_element(By.CSS_SELECTOR, "table.morgue-headers").text
    assert "Content-Encoding gzip" in headers
    raw_link = browser.find_element(By.ID, "morgue-raw-body")
    assert raw_link.get_attribute("href").endswith("/raw")

    _click(browser, "#morgue-open-page")
    assert seed_expected["title"] in browser.title
    assert first_paragraph in browser.find_element(By.TAG_NAME, "body").text


def test_facet_and_saved_query_for_a_photo_agency(
    browser: Any, server: str, seed_expected: dict[str, Any]
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "/morgue")
    _click(browser, 'a[href="/morgue/captions_by_credit"]')
    credit = browser.find_element(By.NAME, "credit")
    credit.send_keys("Yonhap")
    _click(browser, 'form.sql input[type="submit"]')
    shown = browser.find_element(By.CSS_SELECTOR, "table.rows-and-columns").text
    yonhap = [c["text"] for c in seed_expected["captions"] if c["credit"] == "Yonhap"]
    assert yonhap
    for text in yonhap:
        assert text in shown

    browser.get(server + "/morgue/captions")
    _click(browser, '#facet-credit a[href*="credit=Yonhap"]')
    assert 'where credit = "Yonhap"' in browser.find_element(By.TAG_NAME, "h3").text
    credits = set(_texts(browser, "td.col-credit"))
    assert credits == {"Yonhap"}
