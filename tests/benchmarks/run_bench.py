"""`make bench`: morgue's throughput and memory beside raw Scrapy, the extraction bound and
news-please, on a local site of real news pages. Prints a table of medians and ratios, then
two CPU-time figures that load on the machine does not move: the crawl's CPU per page outside
extraction and rebuild's CPU ratio to extract_article.

Environment: BENCH_PAGES (2000), BENCH_BIG_PAGES (20000, for peak RSS), BENCH_RUNS (3),
BENCH_REQUISITE_ARTICLES (200: crawls with MORGUE_REQUISITES none, photos and page),
BENCH_NEWSPLEASE (path to a python with news-please; skipped if missing).

`run_bench.py --crawl-only` runs the BENCH_RUNS crawls alone and prints each one's own CPU per
page and WARC bytes per page (BENCH_PROFILE=FILE: a cProfile of the last, which costs CPU too).
`run_bench.py --rebuild-only` measures rebuild alone: it crawls the site once (or reuses the
WARC files of an earlier bench crawl in BENCH_WARC_DIR), then prints the rebuild figures with
rebuild's CPU split between its own process and its extraction workers.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BIN = Path(sys.executable).parent
# No per-host page cap (its default, 10,000, would stop the 20,000-page crawl halfway).
LOCAL = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
         "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=WARNING",
         "-s", "MORGUE_MAX_PAGES_PER_HOST=0"]  # fmt: skip
# The evaluation pages' photos live on their publishers' hosts, out of a local benchmark's reach:
# the page benchmarks archive pages alone; requisites are measured on the /r/ site.
PAGES_ONLY = ["-s", "MORGUE_REQUISITES=none"]
REQUISITE_MODES = ("none", "photos", "page")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def bench_server(pages: int) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(HERE / "bench_server.py"), "--pages", str(pages), "--port", str(port)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        assert server.stdout.readline().strip() == "ready"
        base = f"http://127.0.0.1:{port}"
        urllib.request.urlopen(base + "/robots.txt", timeout=10).read()
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Wall seconds, peak RSS of the process itself (MiB) and its stdout."""
    elapsed, peak, _, out = timed_cpu(command, cwd)
    return elapsed, peak, out


def timed_cpu(command: list[str], cwd: Path) -> tuple[float, int, float, str]:
    """Wall seconds, peak RSS (MiB), CPU seconds (user + system, with every process it waited
    for) and stdout of a command."""
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    assert process.stdout is not None
    assert process.stderr is not None
    out, err = process.stdout.read().decode(), process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[:3]} failed: {err[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime, out


def crawl_command(out: Path, *args: str) -> list[str]:
    """`morgue crawl ARGS` run so that its own CPU seconds (not its extraction workers') are
    written to `out`/own-cpu.txt as it exits."""
    return [sys.executable, str(HERE / "own_cpu.py"), str(out / "own-cpu.txt"), "crawl", *args]


def own_cpu(out: Path) -> float:
    """The CPU seconds a `crawl_command` crawl into `out` used in its own process."""
    return float((out / "own-cpu.txt").read_text())


def startup_cpu(base: str, work: Path, runs: int) -> float:
    """Own CPU seconds of a crawl that fetches robots.txt alone: imports, catalogue, workers."""

    def start() -> float:
        out = work / f"start-{time.monotonic_ns()}"
        out.mkdir()
        timed(crawl_command(out, base + "/robots.txt", "--depth", "0", *LOCAL), out)
        return own_cpu(out)

    return median_of(runs, start)


def extraction_cpu(pages: int) -> float:
    """CPU seconds per page of extract_article in one process (load-independent)."""
    jobs = page_bodies(pages)
    _extract(jobs[0])
    began = time.process_time()
    for job in jobs:
        _extract(job)
    return (time.process_time() - began) / len(jobs)


def archived_pages(out: Path) -> int:
    """Article pages a crawl into `out` archived with status 200."""
    with sqlite3.connect(out / "morgue.db") as conn:
        query = "SELECT count(*) FROM captures WHERE url LIKE '%/a/%' AND status = 200"
        return int(conn.execute(query).fetchone()[0])


def page_bodies(pages: int) -> list[tuple[bytes, str]]:
    sys.path.insert(0, str(HERE))
    from bench_server import BenchSite, article_path

    site = BenchSite(pages)
    return [(site.body(article_path(n)) or b"", f"http://bench.test{article_path(n)}")
            for n in range(pages)]  # fmt: skip


def _extract(job: tuple[bytes, str]) -> int:
    from archive.extraction import extract_article

    return len(extract_article(*job).body)


def extraction_rate(jobs: list[tuple[bytes, str]], workers: int) -> float:
    if workers == 1:
        _extract(jobs[0])  # imports outside the timing
        began = time.perf_counter()
        for job in jobs:
            _extract(job)
        return len(jobs) / (time.perf_counter() - began)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_extract, jobs[:workers]))  # warm the workers
        began = time.perf_counter()
        list(pool.map(_extract, jobs, chunksize=8))
        return len(jobs) / (time.perf_counter() - began)


def bounded_extraction_rate(jobs: list[tuple[bytes, str]], workers: int) -> float:
    """Pages/s through morgue's own pool, a page at a time, each within the default limit."""
    from archive.pages.pool import DEFAULT_TIMEOUT, ExtractionPool, in_order

    with ExtractionPool(workers, DEFAULT_TIMEOUT) as pool:
        list(in_order(pool, _extract, jobs[:workers], workers))  # warm the workers
        began = time.perf_counter()
        for _ in in_order(pool, _extract, jobs, workers * 4):
            pass
        return len(jobs) / (time.perf_counter() - began)


def extraction_rates(pages: int, runs: int) -> tuple[float, float, float]:
    """Pages/s of extract_article on 1 and on 2 processes, and on 2 in the timeout pool,
    medians of `runs`."""
    jobs = page_bodies(pages)
    return (
        median_of(runs, lambda: extraction_rate(jobs, 1)),
        median_of(runs, lambda: extraction_rate(jobs, 2)),
        median_of(runs, lambda: bounded_extraction_rate(jobs, 2)),
    )


def bound_rate(pages: int, runs: int) -> float:
    """Pages/s of extract_article on 2 processes (the extraction bound), median of `runs`."""
    jobs = page_bodies(pages)
    return median_of(runs, lambda: extraction_rate(jobs, 2))


def requisite_crawls(
    base: str, articles: int, runs: int, work: Path
) -> dict[str, tuple[float, int]]:
    """Articles/s (median of `runs`) and WARC bytes per article of a crawl of the /r/ site
    under each MORGUE_REQUISITES mode."""
    results = {}
    for mode in REQUISITE_MODES:
        sizes = []

        def crawl(mode: str = mode, sizes: list[int] = sizes) -> float:
            out = work / f"requisites-{mode}-{time.monotonic_ns()}"
            out.mkdir()
            command = [str(BIN / "morgue"), "crawl", base + "/r/index.html", *LOCAL,
                       "-s", f"MORGUE_REQUISITES={mode}"]  # fmt: skip
            elapsed, _, _ = timed(command, out)
            with sqlite3.connect(out / "morgue.db") as conn:
                query = "SELECT count(*) FROM articles"
                assert int(conn.execute(query).fetchone()[0]) == articles, mode
            sizes.append(sum(p.stat().st_size for p in (out / "warc").glob("*.warc.gz")))
            shutil.rmtree(out, ignore_errors=True)
            return articles / elapsed

        rate = median_of(runs, crawl)
        results[mode] = (rate, int(statistics.median(sizes)) // articles)
    return results


def print_requisite_crawls(articles: int, results: dict[str, tuple[float, int]]) -> None:
    print(f"\n{'requisites (' + str(articles) + ' articles on /r/)':<40} {'articles/s':>10} "
          f"{'WARC bytes/article':>19}")  # fmt: skip
    for mode, (rate, per_article) in results.items():
        print(f"MORGUE_REQUISITES={mode:<22} {rate:>10.1f} {per_article:>19,}")


def crawl_only(pages: int, runs: int, work: Path) -> None:
    """The crawl's own CPU per page outside extraction and its WARC bytes per page, run by run."""
    with bench_server(pages) as base:
        startup = startup_cpu(base, work, runs)
        print(f"startup (robots.txt only): {startup * 1000:.0f} ms of CPU", flush=True)
        per_page = []
        for run in range(runs):
            out = work / f"crawl-{run}"
            out.mkdir()
            command = crawl_command(out, base + "/index.html", *LOCAL, *PAGES_ONLY)
            environment = dict(os.environ)
            if run < runs - 1:
                environment.pop("BENCH_PROFILE", None)
            process = subprocess.run(command, cwd=out, env=environment, capture_output=True)
            if process.returncode != 0:
                raise RuntimeError(f"crawl failed: {process.stderr.decode()[-2000:]}")
            archived = archived_pages(out)
            assert archived == pages, f"crawl archived {archived} of {pages} pages"
            warc = sum(p.stat().st_size for p in (out / "warc").glob("*.warc.gz"))
            per_page.append((own_cpu(out) - startup) / pages)
            print(f"run {run + 1}: {per_page[-1] * 1000:.2f} ms of own CPU a page, "
                  f"{warc / pages:,.0f} WARC bytes a page", flush=True)  # fmt: skip
            shutil.rmtree(out, ignore_errors=True)
    print(f"crawl CPU per page outside extraction  {statistics.median(per_page) * 1000:.2f} ms "
          "(median; target < 8)")  # fmt: skip


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def rebuild_cpu_split(warc_dir: Path, work: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of `morgue rebuild`'s own process and of its workers (start-up
    included) for a rebuild of `warc_dir`."""
    out = work / f"rebuilt-{time.monotonic_ns()}"
    out.mkdir()
    command = [sys.executable, str(HERE / "own_cpu.py"), str(out / "own-cpu.txt"), "rebuild",
               "--warc-dir", str(warc_dir), "--db", str(out / "morgue.db")]  # fmt: skip
    elapsed, _, cpu, _ = timed_cpu(command, out)
    own = own_cpu(out)
    shutil.rmtree(out, ignore_errors=True)
    return elapsed, own, cpu - own


def rebuild_only(pages: int, runs: int, work: Path) -> None:
    """The rebuild figures alone, over one crawl's WARC files (BENCH_WARC_DIR, or crawled)."""
    warc_dir = Path(os.environ.get("BENCH_WARC_DIR", "") or work / "crawl" / "warc")
    if not warc_dir.is_dir():
        with bench_server(pages) as base:
            (work / "crawl").mkdir()
            command = crawl_command(work / "crawl", base + "/index.html", *LOCAL, *PAGES_ONLY)
            timed(command, work / "crawl")
            assert archived_pages(work / "crawl") == pages
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        bound = child.submit(bound_rate, pages, runs).result()
        extract_cpu = child.submit(extraction_cpu, pages).result()
    splits = [rebuild_cpu_split(warc_dir, work) for _ in range(runs)]
    wall = statistics.median(s[0] for s in splits)
    own = statistics.median(s[1] for s in splits)
    workers = statistics.median(s[2] for s in splits)
    total = statistics.median(s[1] + s[2] for s in splits)
    print(
        f"rebuild of {pages} pages from {warc_dir}, median of {runs}, load {os.getloadavg()[0]:.1f}"
    )
    print(f"rebuild / extraction bound        {pages / wall / bound:.2f}  (target >= 0.9)")
    print(
        f"rebuild, by CPU: extract_article / rebuild  {extract_cpu * pages / total:.2f}  "
        f"({extract_cpu * 1000:.1f} / {total / pages * 1000:.1f} ms a page: "
        f"{own / pages * 1000:.1f} in its own process, {workers / pages * 1000:.1f} in workers)"
    )


def main() -> None:
    sys.path.insert(0, str(REPO))  # run as a script: `tests.*` helpers import from the checkout
    from tests.evaldata import exit_unless_present

    exit_unless_present("make bench")
    pages = int(os.environ.get("BENCH_PAGES", "2000"))
    big = int(os.environ.get("BENCH_BIG_PAGES", "20000"))
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    requisite_articles = int(os.environ.get("BENCH_REQUISITE_ARTICLES", "200"))
    newsplease = os.environ.get("BENCH_NEWSPLEASE", str(REPO / ".venv-newsplease/bin/python"))
    work = Path(tempfile.mkdtemp(prefix="morgue-bench-"))
    if "--crawl-only" in sys.argv[1:]:
        crawl_only(pages, runs, work)
        shutil.rmtree(work, ignore_errors=True)
        return
    if "--rebuild-only" in sys.argv[1:]:
        rebuild_only(pages, runs, work)
        shutil.rmtree(work, ignore_errors=True)
        return
    rows: dict[str, float] = {}
    rss: dict[int, int] = {}
    print(f"morgue benchmark: {pages} pages, {runs} runs each, {os.cpu_count()} cores", flush=True)

    # In a child process: the pages it holds would otherwise count in the peak RSS of every
    # crawl started from here (a child's maxrss includes its parent's memory at fork).
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        one, two, bounded = child.submit(extraction_rates, pages, runs).result()
        extract_cpu = child.submit(extraction_cpu, pages).result()
    rows["extract_article, 1 process"] = one
    rows["extract_article, 2 processes (extraction bound)"] = two
    rows["extract_article, 2 processes, 20 s limit per page"] = bounded
    with bench_server(pages) as base:

        def raw() -> float:
            elapsed, _, _ = timed(
                [sys.executable, str(HERE / "raw_fetch.py"), base + "/index.html"], work
            )
            return pages / elapsed

        rows["raw Scrapy fetching, no processing"] = median_of(runs, raw)

        crawl_cpu: list[float] = []

        def full_crawl() -> float:
            out = work / f"crawl-{time.monotonic_ns()}"
            out.mkdir()
            command = crawl_command(out, base + "/index.html", *LOCAL, *PAGES_ONLY)
            elapsed, peak, _ = timed(command, out)
            crawl_cpu.append(own_cpu(out))
            rss[pages] = max(rss.get(pages, 0), peak)
            archived = archived_pages(out)
            assert archived == pages, f"crawl archived {archived} of {pages} pages"
            full_crawl.last = out  # type: ignore[attr-defined]
            return pages / elapsed

        rows["morgue crawl (fetch, WARC, extract, SQLite)"] = median_of(runs, full_crawl)
        crawled: Path = full_crawl.last  # type: ignore[attr-defined]
        # The crawl's own process does everything but extraction (its workers do that): its
        # CPU beyond a robots.txt-only crawl's, per page, is the pipeline's overhead.
        overhead = (statistics.median(crawl_cpu) - startup_cpu(base, work, runs)) / pages
        rebuild_cpu: list[float] = []

        def rebuild() -> float:
            target = work / f"rebuilt-{time.monotonic_ns()}.db"
            elapsed, _, cpu, _ = timed_cpu(
                [str(BIN / "morgue"), "rebuild", "--warc-dir", str(crawled / "warc"),
                 "--db", str(target)], work,
            )  # fmt: skip
            rebuild_cpu.append(cpu / pages)
            return pages / elapsed

        rows["morgue rebuild from the WARC files"] = median_of(runs, rebuild)
        requisites = requisite_crawls(base, min(pages, requisite_articles), runs, work)

        if Path(newsplease).exists():
            url_file = work / "urls.txt"
            url_file.write_text("".join(f"{base}/a/{n:06d}.html\n" for n in range(pages)))

            def news_please() -> float:
                elapsed, _, _ = timed(
                    [newsplease, str(HERE / "newsplease_run.py"), str(url_file)], work
                )
                return pages / elapsed

            rows["news-please from_urls (fetch + extract)"] = median_of(runs, news_please)
        else:
            print(f"news-please not found at {newsplease}: make bench-newsplease installs it")

    if big:
        with bench_server(big) as base:
            out = work / "big"
            out.mkdir()
            command = [str(BIN / "morgue"), "crawl", base + "/index.html", *LOCAL, *PAGES_ONLY]
            _, peak, _ = timed(command, out)
            archived = archived_pages(out)
            assert archived == big, f"crawl archived {archived} of {big} pages"
            rss[big] = peak

    bound = rows["extract_article, 2 processes (extraction bound)"]
    crawl = rows["morgue crawl (fetch, WARC, extract, SQLite)"]
    print()
    print(f"{'measurement':<52} {'pages/s':>9} {'vs bound':>9}")
    for name, rate in rows.items():
        print(f"{name:<52} {rate:>9.1f} {rate / bound:>8.2f}x")
    print()
    limited = rows["extract_article, 2 processes, 20 s limit per page"]
    print(f"time-limited / extraction bound   {limited / bound:.2f}  (target >= 0.95)")
    print(f"crawl / extraction bound          {crawl / bound:.2f}  (target >= 0.9)")
    rebuild_rate = rows["morgue rebuild from the WARC files"]
    print(f"rebuild / extraction bound        {rebuild_rate / bound:.2f}  (target >= 0.9)")
    # The same ratio in CPU time, which load on the machine does not move: extract_article's
    # CPU per page over rebuild's (its own process and its workers, startup included).
    cpu_ratio = extract_cpu / statistics.median(rebuild_cpu)
    print(
        f"rebuild, by CPU: extract_article / rebuild  {cpu_ratio:.2f}  "
        f"({extract_cpu * 1000:.1f} / {statistics.median(rebuild_cpu) * 1000:.1f} ms a page)"
    )
    print(
        f"crawl CPU per page outside extraction  {overhead * 1000:.1f} ms  (target < 8; "
        "fetch, WARC, links, SQLite, hand-off: the crawl process's own CPU)"
    )
    if "news-please from_urls (fetch + extract)" in rows:
        ratio = crawl / rows["news-please from_urls (fetch + extract)"]
        print(f"crawl / news-please               {ratio:.2f}  (target >= 10)")
    print_requisite_crawls(min(pages, requisite_articles), requisites)
    for count, peak in sorted(rss.items()):
        print(f"peak RSS of the crawl process, {count:>6} pages: {peak} MiB")
    if len(rss) == 2:
        small, large = (rss[k] for k in sorted(rss))
        print(f"peak RSS {big} / {pages} pages     {large / small:.2f}  (target <= 1.2)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
