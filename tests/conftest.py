"""Shared fixtures: paths to saved pages, a clean environment for subprocess crawls."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.evaldata import evaldata_dir, missing_reason

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
SEED_DIR = FIXTURES / "seed-article"
DEMO_SITE = REPO / "crawler" / "demo_site"
# The public evaluation sets live beside the repository, not in it: tests that score on them
# skip (one line in the summary) on a clone without them.
EVALDATA = evaldata_dir()
needs_evaldata = pytest.mark.skipif(missing_reason() is not None, reason=missing_reason() or "")
# Crawls of 127.0.0.1 without politeness delays.
LOCAL_CRAWL = [
    "-s", "DOWNLOAD_DELAY=0",
    "-s", "AUTOTHROTTLE_ENABLED=False",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "-s", "LOG_LEVEL=INFO",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _subprocesses_and_servers_need_the_integration_marker(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keeps `make test-fast` fast: a test without the `integration` marker may not start a
    subprocess or listen on a socket (servers, Redis); it fails saying so."""
    if request.node.get_closest_marker("integration") is not None:
        return

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(
            "this test starts a subprocess or a server: mark it @pytest.mark.integration"
        )

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    monkeypatch.setattr(socket.socket, "listen", refuse)


@pytest.fixture(scope="session")
def seed_html() -> bytes:
    return (SEED_DIR / "page.html").read_bytes()


@pytest.fixture(scope="session")
def seed_expected() -> dict[str, Any]:
    return json.loads((SEED_DIR / "expected.json").read_text(encoding="utf-8"))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def morgue_executable() -> str:
    found = shutil.which("morgue", path=str(Path(sys.executable).parent))
    assert found, "the morgue console script is not installed in this environment"
    return found


def run_morgue(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run the real `morgue` CLI in a subprocess (Twisted's reactor can't restart in-process)."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.run(
        [morgue_executable(), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def write_seed_site(root: Path) -> str:
    """The seed article saved at its URL path under `root`; returns that path."""
    expected = json.loads((SEED_DIR / "expected.json").read_text(encoding="utf-8"))
    page = root / expected["url_path"].lstrip("/")
    page.parent.mkdir(parents=True)
    page.write_bytes((SEED_DIR / "page.html").read_bytes())
    return str(expected["url_path"])


def crawl_seed(work: Path, times: int = 1) -> str:
    """Serve the seed article from `work/site` and crawl it `times` times with `--depth 0`
    into `work/morgue.db` and `work/warc`; returns its URL."""
    from crawler.site_server import serve_site

    path = write_seed_site(work / "site")
    with serve_site(work / "site") as base:
        for _ in range(times):
            result = run_morgue("crawl", base + path, "--depth", "0", *LOCAL_CRAWL, cwd=work)
            assert result.returncode == 0, result.stderr[-2000:]
    return base + path
