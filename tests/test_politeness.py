"""Per-domain concurrency holds even when a site is crawled with no download delay."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from crawler.site_server import SiteRequestHandler, serve_site
from tests.conftest import run_morgue
from tests.scheduled_site import write_site


@pytest.mark.integration
def test_a_crawl_without_delay_keeps_to_the_per_domain_concurrency(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tried: 20 articles answered after 0.2 s each, DOWNLOAD_DELAY=0 and 2 requests per domain
    (Scrapy 2.19 alone starts every queued request at once here); the server counts how many it
    serves at the same time."""
    write_site(tmp_path / "site", articles=20)
    lock = threading.Lock()
    in_flight = [0]
    peak = [0]
    serve = SiteRequestHandler.do_GET

    def counting_get(handler: SiteRequestHandler) -> None:
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        try:
            serve(handler)
        finally:
            with lock:
                in_flight[0] -= 1

    monkeypatch.setattr(SiteRequestHandler, "do_GET", counting_get)
    with serve_site(tmp_path / "site", delay=0.2) as base:
        result = run_morgue(
            "crawl", f"{base}/index.html",
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
            cwd=tmp_path,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert 1 <= peak[0] <= 2
