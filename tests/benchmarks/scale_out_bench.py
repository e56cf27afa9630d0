"""`make bench-scale-out`: the speed-up of 1, 2 and 3 scale-out workers when fetching is
latency-bound (each request answered after a delay, each worker polite: a few requests at a time).

A real redis-server and a real HTTP server on 127.0.0.1. Time is measured from the workers'
start until the last one exits (the crawl); `morgue ingest` of the run is timed apart.

Environment: BENCH_SCALE_PAGES (300 articles), BENCH_SCALE_DELAY (0.2 s per request),
BENCH_SCALE_CONCURRENCY (2 requests at a time per worker), BENCH_RUNS (3; medians reported).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from crawler.site_server import serve_site  # noqa: E402
from tests.redis_server import running_redis  # noqa: E402
from tests.scheduled_site import write_site  # noqa: E402

MORGUE = str(Path(sys.executable).parent / "morgue")


def crawl_with(workers: int, base: str, redis_url: str, work: Path, concurrency: int) -> float:
    """Seconds for `workers` workers to crawl the site into one run."""
    # A download delay, however small, because Scrapy 2.19 lets a slot's queue burst past
    # CONCURRENT_REQUESTS_PER_DOMAIN when the delay is 0.
    settings = ["-s", "DOWNLOAD_DELAY=0.01", "-s", "AUTOTHROTTLE_ENABLED=False",
                "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}",
                "-s", "MORGUE_EXTRACT_WORKERS=1", "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
    started = time.perf_counter()
    commands = [
        [MORGUE, "crawl", f"{base}/index.html", "--redis", redis_url,
         "--warc-dir", str(work / f"warc{n}"), *settings]
        for n in range(workers)
    ]  # fmt: skip
    processes = [
        subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for command in commands
    ]
    codes = [process.wait() for process in processes]
    elapsed = time.perf_counter() - started
    if any(codes):
        raise SystemExit(f"a worker failed: exit codes {codes}")
    return elapsed


def ingest(redis_url: str, db: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [MORGUE, "ingest", "--redis", redis_url, "--db", str(db)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def articles_in(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def main() -> None:
    pages = int(os.environ.get("BENCH_SCALE_PAGES", "300"))
    delay = float(os.environ.get("BENCH_SCALE_DELAY", "0.2"))
    concurrency = int(os.environ.get("BENCH_SCALE_CONCURRENCY", "2"))
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    root = Path(tempfile.mkdtemp(prefix="morgue-scale-bench-"))
    try:
        write_site(root / "site", pages)
        print(
            f"scale-out benchmark: {pages} articles, {delay * 1000:.0f} ms per request, "
            f"{concurrency} requests at a time per worker, {os.cpu_count()} cores, "
            f"median of {runs} run(s)"
        )
        crawl_times: dict[int, list[float]] = {1: [], 2: [], 3: []}
        ingest_times: list[float] = []
        with serve_site(root / "site", delay=delay) as base:
            for run in range(runs):
                for workers in crawl_times:
                    work = root / f"run{run}-{workers}"
                    work.mkdir()
                    with running_redis(work / "redis") as redis_url:
                        crawl_times[workers].append(
                            crawl_with(workers, base, redis_url, work, concurrency)
                        )
                        ingest_times.append(ingest(redis_url, work / "morgue.db"))
                    stored = articles_in(work / "morgue.db")
                    if stored < pages:
                        raise SystemExit(f"only {stored} of {pages} articles were stored")
                    shutil.rmtree(work)
        single = statistics.median(crawl_times[1])
        print(f"{'workers':>8} {'crawl s':>9} {'pages/s':>9} {'speed-up':>9}")
        for workers, times in crawl_times.items():
            median = statistics.median(times)
            print(f"{workers:>8} {median:>9.1f} {pages / median:>9.1f} {single / median:>8.2f}x")
        ingest_median = statistics.median(ingest_times)
        print(
            f"ingest of one run: median {ingest_median:.1f} s "
            f"({pages / ingest_median:.0f} articles/s, after the crawl)"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
