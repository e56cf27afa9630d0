"""A real redis-server on 127.0.0.1 for the scale-out tests, started and stopped by the tests.

Needs Debian's redis-server (`.ci/run` installs it); skips without it, except under CI=true,
where a missing one fails the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

from tests.conftest import free_port


def redis_server_executable() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    reason = "redis-server is not installed (Debian: apt-get install redis-server; .ci/run does)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@contextmanager
def running_redis(work: Path) -> Iterator[str]:
    """A fresh, empty Redis server in `work` (no persistence); yields its URL."""
    executable = redis_server_executable()
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = subprocess.Popen(
        [executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(work), "--logfile", str(work / "redis.log")],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.05)
        client.close()
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
