"""A crawl makes no log records below LOG_LEVEL: each one costs CPU even when dropped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.site_server import serve_site
from tests.conftest import LOCAL_CRAWL, write_seed_site

# `morgue crawl` with every DEBUG record of Scrapy's per-page loggers ("Crawled", "Scraped
# from") counted as it is made, printed at exit.
COUNTING_CRAWL = """
import atexit, logging, sys
made = []
factory = logging.getLogRecordFactory()
def counting(*args, **kwargs):
    record = factory(*args, **kwargs)
    if record.levelno == logging.DEBUG and record.name.startswith("scrapy.core."):
        made.append(record.name)
    return record
logging.setLogRecordFactory(counting)
atexit.register(lambda: print("per-page DEBUG records:", len(made)))
sys.argv = ["morgue", *sys.argv[1:]]
from crawler.cli import main
main()
"""


@pytest.mark.integration
def test_a_crawl_at_info_makes_no_per_page_debug_records(tmp_path: Path) -> None:
    path = write_seed_site(tmp_path / "site")
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    with serve_site(tmp_path / "site") as base:
        result = subprocess.run(
            [sys.executable, "-c", COUNTING_CRAWL, "crawl", base + path, "--depth", "0",
             *LOCAL_CRAWL, "-s", "LOG_LEVEL=INFO"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "per-page DEBUG records: 0" in result.stdout, result.stdout
