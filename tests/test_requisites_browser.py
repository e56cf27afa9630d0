"""Archived photos seen in Debian's headless Chromium through `morgue serve`, with the news site
and its image host stopped: every byte comes from the WARC files."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import morgue_executable
from tests.requisites_site import HEADLINE_COLOUR
from tests.test_browser import WAIT_SECONDS, browser  # noqa: F401 (the Chromium fixture)
from tests.test_requisites_crawl import crawl
from tests.test_serve import http, running_server

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site crawled with all its pages need; its servers are stopped when this returns."""
    work = tmp_path_factory.mktemp("page-browser")
    crawl(work, "page")
    return work


@pytest.fixture(scope="module")
def server(archived: Path) -> Iterator[str]:
    with running_server(archived / "m.db", "--warc-dir", str(archived / "warc")) as base:
        yield base


def one(db: Path, sql: str) -> Any:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_the_article_page_shows_the_photo_from_the_archive(
    browser: Any,  # noqa: F811
    server: str,
    archived: Path,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    article_id = one(archived / "m.db", "SELECT id FROM articles ORDER BY id LIMIT 1")
    browser.get(f"{server}/-/morgue/article/{article_id}")
    photos = WebDriverWait(browser, WAIT_SECONDS).until(
        expected_conditions.presence_of_all_elements_located(
            (By.CSS_SELECTOR, "img.morgue-archived-photo")
        )
    )
    assert len(photos) == 2
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda b: all(b.execute_script("return arguments[0].complete", p) for p in photos)
    )
    for photo in photos:
        assert browser.execute_script("return arguments[0].naturalWidth", photo) > 0
        assert photo.get_attribute("src").startswith(server + "/-/morgue/capture/")
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert loaded
    assert all(url.startswith(server) for url in loaded)


def test_the_captions_table_shows_thumbnails_and_what_is_missing(
    server: str, archived: Path
) -> None:
    status, _, page = http(f"{server}/m/captions")
    assert status == 200
    assert page.count(b'class="morgue-thumbnail"') == 4
    with sqlite3.connect(archived / "m.db") as conn:
        conn.execute("UPDATE captions SET image_capture_id = NULL WHERE position = 0")
    status, _, page = http(f"{server}/m/captions")
    assert page.count(b"photo not archived") == 2


def test_show_body_gives_the_archived_photo_bytes(archived: Path) -> None:
    url = one(archived / "m.db", "SELECT url FROM captures WHERE url LIKE '%/img/large-1.png'")
    result = subprocess.run(
        [morgue_executable(), "show", url, "--body", "--db", "m.db"],
        cwd=archived, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == (archived / "cdn" / "img" / "large-1.png").read_bytes()


# Finds the replayed page's document inside ReplayWeb.page (shadow roots and same-origin
# frames) and reports what the archived stylesheet and photos did to it, or null until loaded.
FIND_REPLAYED = """
const wanted = arguments[0];
function search(root) {
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) { const found = search(el.shadowRoot); if (found) return found; }
    if (el.tagName === 'IFRAME') {
      let doc = null;
      try { doc = el.contentDocument; } catch (e) { doc = null; }
      if (!doc) continue;
      if (doc.location.href.includes('mp_/') && doc.location.href.endsWith(wanted)) return doc;
      const found = search(doc); if (found) return found;
    }
  }
  return null;
}
const doc = search(document);
if (!doc || doc.readyState !== 'complete' || !doc.querySelector(arguments[1])) return null;
const images = Array.from(doc.querySelectorAll('figure img'));
if (!images.every(i => i.complete)) return null;
return {
  href: doc.location.href,
  text: doc.body.innerText,
  colour: doc.defaultView.getComputedStyle(doc.querySelector(arguments[1])).color,
  widths: images.map(i => i.naturalWidth),
};
"""


# The same search, for a statement to run on the replayed page's `doc` (a click, a navigation).
IN_REPLAYED = (
    FIND_REPLAYED.split("const doc = search(document);")[0]
    .replace("const wanted = arguments[0];", "const wanted = 'mp_/';")
    .replace("doc.location.href.endsWith(wanted)", "doc.location.href.includes(wanted)")
    + "const doc = search(document);\n"
)


def replayed(browser: Any, path: str, selector: str) -> dict[str, Any]:  # noqa: F811
    from selenium.webdriver.support.ui import WebDriverWait

    found: dict[str, Any] = WebDriverWait(browser, WAIT_SECONDS * 3).until(
        lambda b: b.execute_script(FIND_REPLAYED, path, selector)
    )
    return found


def test_the_archived_page_replays_with_its_stylesheet_and_photos(
    browser: Any,  # noqa: F811
    server: str,
    archived: Path,
) -> None:
    from selenium.webdriver.common.by import By

    article_id = one(archived / "m.db", "SELECT id FROM articles ORDER BY id LIMIT 1")
    url = one(archived / "m.db", f"SELECT url FROM articles WHERE id = {article_id}")
    browser.get(f"{server}/-/morgue/article/{article_id}")
    browser.find_element(By.ID, "morgue-archived-page").click()
    page = replayed(browser, url.split("/", 3)[3], "h1")
    assert page["colour"] == HEADLINE_COLOUR  # set only by the archived, imported stylesheet
    assert "Divers inspect the quay" in page["text"]
    # the responsive photo decodes; the lazy one shows its placeholder, as without the site's JS
    assert page["widths"][0] > 0


def test_replayed_links_lead_to_archived_pages_or_to_not_archived(
    browser: Any,  # noqa: F811
    server: str,
    archived: Path,
) -> None:
    capture_id = one(archived / "m.db", "SELECT id FROM captures WHERE url LIKE '%/index.html'")
    browser.get(f"{server}/-/morgue/capture/{capture_id}/replay")
    replayed(browser, "/index.html", "ul")
    browser.execute_script(IN_REPLAYED + "doc.querySelector('a[href$=\"story-1.html\"]').click();")
    story = replayed(browser, "/news/story-1.html", "h1")
    assert "Quay works, part 1" in story["text"]
    assert story["colour"] == HEADLINE_COLOUR
    browser.execute_script(
        IN_REPLAYED + "doc.defaultView.location.href = doc.location.href.replace("
        "'/news/story-1.html', '/news/never-archived.html');"
    )
    missing = replayed(browser, "/news/never-archived.html", "body")
    assert "Archived Page Not Found" in missing["text"]
