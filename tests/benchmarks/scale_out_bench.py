"""`make bench-scale-out`: the speed-up of 1, 2 and 3 scale-out workers when fetching is
latency-bound (each request answered after a delay, each worker polite: a few requests at a time).

A real redis-server and a real HTTP server on 127.0.0.1 serving real news pages (the fundus set
of ../shared/evaldata, 130 pages, linked from a home page and a news sitemap; without the sets,
synthetic articles). Time is measured from the workers' start until the last one exits (the
crawl); `morgue ingest` of the run is timed apart. For the median run of each worker count, it
prints where each worker's time went (crawler/scale_out/timeline.py) and the CPU the workers
used, since the extraction of real pages can make two busy cores, not the site, the limit.

Environment: BENCH_SCALE_SITE (real, or synthetic), BENCH_SCALE_PAGES (real: all 130;
synthetic: 300), BENCH_SCALE_DELAY (0.4 s per request), BENCH_SCALE_CONCURRENCY (2 requests at a
time per worker), BENCH_SCALE_WORKERS (1,2,3), BENCH_RUNS (3; medians reported).
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from crawler.scale_out.timeline import LOG_PREFIX  # noqa: E402
from crawler.site_server import serve_site  # noqa: E402
from tests.evaldata import evaldata_dir, missing_reason  # noqa: E402
from tests.redis_server import running_redis  # noqa: E402
from tests.scheduled_site import slug, write_site  # noqa: E402

MORGUE = str(Path(sys.executable).parent / "morgue")
REAL_SET = "fundus"


@dataclass
class Crawl:
    """One crawl of the site by `workers` workers."""

    seconds: float
    cpu: float  # seconds of CPU used by the workers and their extraction processes
    timelines: list[dict[str, Any]] = field(default_factory=list)


def write_real_site(root: Path, limit: int | None) -> int:
    """The synthetic site's home page and news sitemap, linking real news pages; returns how
    many. Each page keeps its own relative links with its publisher (a <base>), so only the
    articles are fetched from here."""
    from tests.benchmarks.bench_server import with_publisher_base

    sources = sorted((evaldata_dir() / REAL_SET).glob("*.html.gz"))[:limit]
    write_site(root, len(sources))
    for n, source in enumerate(sources):
        page = with_publisher_base(gzip.decompress(source.read_bytes()))
        (root / "news" / f"{slug(n)}.html").write_bytes(page)
    return len(sources)


def crawl_with(workers: int, base: str, redis_url: str, work: Path, concurrency: int) -> Crawl:
    """Time (and CPU) for `workers` workers to crawl the site into one run."""
    # A download delay, however small, because Scrapy 2.19 lets a slot's queue burst past
    # CONCURRENT_REQUESTS_PER_DOMAIN when the delay is 0. No requisites: a real page's photos
    # are on its publisher's hosts.
    settings = ["-s", "DOWNLOAD_DELAY=0.01", "-s", "AUTOTHROTTLE_ENABLED=False",
                "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}",
                "-s", "MORGUE_REQUISITES=none",
                "-s", "MORGUE_EXTRACT_WORKERS=1", "-s", "LOG_LEVEL=INFO"]  # fmt: skip
    logs = [work / f"worker{n}.log" for n in range(workers)]
    commands = [
        [MORGUE, "crawl", f"{base}/index.html", "--redis", redis_url,
         "--warc-dir", str(work / f"warc{n}"), *settings, "-s", f"LOG_FILE={logs[n]}"]
        for n in range(workers)
    ]  # fmt: skip
    cpu_before = _children_cpu()
    launched = time.time()
    started = time.perf_counter()
    processes = [
        subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for command in commands
    ]
    exits = []
    for process in processes:
        process.wait()
        exits.append(time.time())
    elapsed = time.perf_counter() - started
    codes = [process.returncode for process in processes]
    if any(codes):
        raise SystemExit(f"a worker failed: exit codes {codes}; logs in {work}")
    timelines = [
        {**_timeline(log), "launched_at": launched, "exited_at": exited}
        for log, exited in zip(logs, exits, strict=True)
    ]
    return Crawl(elapsed, _children_cpu() - cpu_before, timelines)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timeline(log: Path) -> dict[str, Any]:
    """The worker's timeline line from its log."""
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if LOG_PREFIX in line:
            found: dict[str, Any] = json.loads(line.split(LOG_PREFIX, 1)[1])
            return found
    raise SystemExit(f"no timeline in {log}")


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


# Columns of the per-worker breakdown: (heading, width).
BREAKDOWN = (
    ("worker", 7), ("launch", 7), ("start", 6), ("fetch", 6), ("process", 8), ("links", 6),
    ("finish", 7), ("run end", 8), ("close", 6), ("exit", 6), ("fetches", 8), ("busy", 6),
)  # fmt: skip


def print_breakdown(crawl: Crawl, concurrency: int) -> None:
    """Where each worker's time went, in seconds: launch (process start to joining the run),
    start (to its first request in the downloader), fetch (something in flight), process
    (nothing in flight, the engine busy with what was fetched), links (idle, waiting for links
    from the others), finish (processing after its last fetch), run end (idle after its last
    fetch until the run ended), close, exit (the process ending); busy: the worker's fetch
    places in use over the whole crawl."""
    print("  " + " ".join(f"{name:>{width}}" for name, width in BREAKDOWN))
    for n, t in enumerate(crawl.timelines):
        busy = t["download_seconds"] / (concurrency * crawl.seconds)
        values = (
            n, t["joined_at"] - t["launched_at"], t["starting"], t["fetching"], t["processing"],
            t["waiting_for_links"], t["finishing"], t["waiting_for_run_end"], t["closing"],
            t["exited_at"] - t["closed_at"],
        )  # fmt: skip
        cells = [f"{values[0]:>7}"] + [
            f"{value:>{width}.1f}"
            for value, (_, width) in zip(values[1:], BREAKDOWN[1:10], strict=True)
        ]
        print("  " + " ".join([*cells, f"{t['fetches']:>8}", f"{busy:>6.0%}"]))


def main() -> None:
    real = os.environ.get("BENCH_SCALE_SITE", "real") == "real" and missing_reason() is None
    pages_setting = os.environ.get("BENCH_SCALE_PAGES")
    delay = float(os.environ.get("BENCH_SCALE_DELAY", "0.4"))
    concurrency = int(os.environ.get("BENCH_SCALE_CONCURRENCY", "2"))
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    counts = [int(n) for n in os.environ.get("BENCH_SCALE_WORKERS", "1,2,3").split(",")]
    root = Path(tempfile.mkdtemp(prefix="morgue-scale-bench-"))
    try:
        if real:
            pages = write_real_site(root / "site", int(pages_setting) if pages_setting else None)
        else:
            pages = int(pages_setting or "300")
            write_site(root / "site", pages)
        kind = f"real ({REAL_SET})" if real else "synthetic"
        print(
            f"scale-out benchmark: {pages} {kind} articles, {delay * 1000:.0f} ms per request, "
            f"{concurrency} requests at a time per worker, {os.cpu_count()} cores "
            f"(load {os.getloadavg()[0]:.1f}), median of {runs} run(s)",
            flush=True,
        )
        crawls: dict[int, list[Crawl]] = {workers: [] for workers in counts}
        ingest_times: list[float] = []
        stored_first: int | None = None
        with serve_site(root / "site", delay=delay) as base:
            for run in range(runs):
                for workers in counts:
                    work = root / f"run{run}-{workers}"
                    work.mkdir()
                    with running_redis(work / "redis") as redis_url:
                        crawls[workers].append(
                            crawl_with(workers, base, redis_url, work, concurrency)
                        )
                        ingest_times.append(ingest(redis_url, work / "morgue.db"))
                    stored = articles_in(work / "morgue.db")
                    stored_first = stored if stored_first is None else stored_first
                    if stored < (stored_first if real else pages):
                        raise SystemExit(f"only {stored} articles were stored ({workers} workers)")
                    shutil.rmtree(work)
        medians = {
            workers: sorted(runs_of, key=lambda c: c.seconds)[len(runs_of) // 2]
            for workers, runs_of in crawls.items()
        }
        single = statistics.median(c.seconds for c in crawls[1]) if 1 in crawls else None
        print(f"{'workers':>8} {'crawl s':>9} {'pages/s':>9} {'speed-up':>9} {'CPU s':>7}")
        for workers, runs_of in crawls.items():
            median = statistics.median(c.seconds for c in runs_of)
            ratio = f"{single / median:>8.2f}x" if single else f"{'-':>9}"
            print(
                f"{workers:>8} {median:>9.1f} {pages / median:>9.1f} {ratio} "
                f"{medians[workers].cpu:>7.1f}"
            )
        for workers, crawl in medians.items():
            print(
                f"{workers} worker(s), the median run: {crawl.seconds:.1f} s, "
                f"CPU {crawl.cpu:.1f} s ({crawl.cpu / crawl.seconds:.2f} cores busy)"
            )
            print_breakdown(crawl, concurrency)
        ingest_median = statistics.median(ingest_times)
        print(
            f"ingest of one run: median {ingest_median:.1f} s "
            f"({pages / ingest_median:.0f} articles/s, after the crawl)"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
