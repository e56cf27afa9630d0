"""A crawl commits a page's catalogue rows with the next capture, and on a timer when no capture
comes: readers (`morgue serve`, Datasette) see a stored article while the next fetch waits."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from crawler.site_server import SiteRequestHandler, serve_site
from tests.conftest import DEMO_SITE, LOCAL_CRAWL, morgue_executable

pytestmark = pytest.mark.integration

ARTICLE_PATH = re.compile(r"/www/[a-z]+/\d{4}/\d{2}/[\w-]+\.html$")
SERVED_FREELY = {"/robots.txt", "/index.html"}
# How long the test waits for the article row at most; the pipeline's own bound is about 1.5 s.
WAIT_SECONDS = 30


def articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_stored_article_is_committed_while_the_next_fetch_still_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # robots.txt, the start page and the first article page are served; every other request is
    # held until the test has seen that article in the catalogue, so no capture can bring its
    # commit.
    serve = SiteRequestHandler.do_GET
    release = threading.Event()
    served_articles: list[str] = []
    held: list[str] = []
    lock = threading.Lock()

    def hold_later_articles(handler: SiteRequestHandler) -> None:
        path = handler.path.split("?")[0]
        if path not in SERVED_FREELY:
            with lock:
                first = bool(ARTICLE_PATH.search(path)) and not served_articles
                if ARTICLE_PATH.search(path):
                    served_articles.append(path)
                held.append(path)
            if not first:
                release.wait(WAIT_SECONDS + 30)
        serve(handler)

    monkeypatch.setattr(SiteRequestHandler, "do_GET", hold_later_articles)
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    db = tmp_path / "morgue.db"
    with serve_site(DEMO_SITE) as base:
        crawl = subprocess.Popen(
            [morgue_executable(), "crawl", f"{base}/index.html", "--depth", "1", *LOCAL_CRAWL],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + WAIT_SECONDS
            while articles(db) == 0 and crawl.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)  # polling for the row, not waiting a fixed time
            seen_while_waiting = articles(db)
            still_running = crawl.poll() is None
            were_held = len(held) > 1
        finally:
            release.set()
            _, stderr = crawl.communicate(timeout=180)
    assert still_running, "the crawl ended before the article was seen: the test is void"
    assert were_held, "no later request was held: the test is void"
    assert seen_while_waiting == 1, "the stored article was not committed while the crawl waited"
    assert crawl.returncode == 0, stderr
    assert articles(db) > 1
