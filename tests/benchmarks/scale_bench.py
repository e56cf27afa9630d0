"""`make bench-scale`: every page an archivist uses, timed through a real `morgue serve` over a
catalogue of BENCH_SCALE_ARTICLES articles (1,000,000 by default). Prints median and p95 per
page, the database size, bytes per article and the time the build took.

Environment: BENCH_SCALE_ARTICLES (1000000), BENCH_SCALE_REAL (articles stored through the
store's own code before rows are cloned; 5000), BENCH_SCALE_REQUESTS (per page; 7),
BENCH_SCALE_DB (where to build the catalogue and keep it, `warc/` beside it; a catalogue
already there is reused as it is), BENCH_SCALE_SIZE_ONLY (1: build and print the size and where
the bytes go, time no page).
"""

from __future__ import annotations

import math
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_build import clone, store_real
from scale_size import breakdown_lines, size_of

BIN = Path(sys.executable).parent
GOAL_MS = 500


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def morgue_serve(db_path: Path) -> Iterator[str]:
    """A `morgue serve` subprocess on 127.0.0.1; yields its base URL once it answers."""
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "morgue"), "serve", "--db", str(db_path), "--warc-dir",
         str(db_path.parent / "warc"), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def fetch_ms(url: str) -> float:
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
    return (time.perf_counter() - began) * 1000


def one_value(conn: sqlite3.Connection, sql: str) -> str:
    row = conn.execute(sql).fetchone()
    return str(row[0]) if row else ""


def pages(db_path: Path) -> list[tuple[str, str]]:
    """(name, path) of every page timed, with ids and words picked from the catalogue."""
    db = "/" + db_path.stem
    with sqlite3.connect(db_path) as conn:
        article = one_value(conn, "select max(id) / 2 from articles")
        version = one_value(conn, f"select latest_version_id from articles where id = {article}")
        capture = one_value(conn, f"select capture_id from article_versions where id = {version}")
        site = one_value(conn, "select site from articles where id = 1")
        author = one_value(conn, "select name from authors where id = 1")
        credit = one_value(conn, "select credit from captions where credit is not null limit 1")
        since = one_value(conn, "select substr(max(fetched_at), 1, 10) from captures")
    common, rare = "the", "Gaetz"
    q = urllib.parse.quote
    listed = [
        ("home", "/"),
        ("database", db),
        ("articles", f"{db}/articles"),
        ("articles sorted by date", f"{db}/articles?_sort_desc=date_published"),
        ("articles of a site, facets", f"{db}/articles?site={q(site)}"),
        ("articles search common", f"{db}/articles?_search={common}"),
        ("articles search rare", f"{db}/articles?_search={rare}"),
        ("article_versions", f"{db}/article_versions"),
        ("captions", f"{db}/captions"),
        ("captions search rare", f"{db}/captions?_search={rare}"),
        ("authors", f"{db}/authors"),
        ("article_authors", f"{db}/article_authors"),
        ("captures", f"{db}/captures"),
        ("captures sorted by date", f"{db}/captures?_sort_desc=fetched_at"),
        ("captures of a site, facets", f"{db}/captures?site={q(site)}"),
        ("discoveries", f"{db}/discoveries"),
        ("crawl_runs", f"{db}/crawl_runs"),
        ("article page", f"/-/morgue/article/{article}"),
        ("version page", f"/-/morgue/version/{version}"),
        ("capture page", f"/-/morgue/capture/{capture}"),
        ("capture body", f"/-/morgue/capture/{capture}/page"),
        ("capture raw", f"/-/morgue/capture/{capture}/raw"),
        ("capture record", f"/-/morgue/capture/{capture}/record"),
        ("search_articles common", f"{db}/search_articles?q={common}"),
        ("search_articles rare", f"{db}/search_articles?q={rare}"),
        ("search_captions common", f"{db}/search_captions?q={common}"),
        ("search_captions rare", f"{db}/search_captions?q={rare}"),
        ("latest_articles", f"{db}/latest_articles"),
        ("articles_changed_since", f"{db}/articles_changed_since?since={since}"),
        ("articles_by_author", f"{db}/articles_by_author?author={q(author)}"),
        ("captions_by_credit", f"{db}/captions_by_credit?credit={q(credit)}"),
        ("failed_captures_by_run", f"{db}/failed_captures_by_run?run_id=1"),
        ("runs_with_failures", f"{db}/runs_with_failures"),
        ("articles.json", f"{db}/articles.json"),
        ("articles.json by date", f"{db}/articles.json?_sort_desc=date_published&_shape=array"),
        ("article row .json", f"{db}/articles/{article}.json"),
        ("latest_articles.json", f"{db}/latest_articles.json"),
    ]
    return listed


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def build(db_path: Path, articles: int, real: int) -> str:
    """Build the catalogue; says how long it took, on the clock and in CPU (on a shared
    machine the two differ)."""
    began, cpu = time.perf_counter(), time.process_time()
    stored = store_real(db_path, db_path.parent / "warc", min(real, articles))
    print(f"stored {stored} real articles in {time.perf_counter() - began:.0f} s", flush=True)
    clone(db_path, articles)
    took = (time.perf_counter() - began) / 60
    return f"built in {took:.1f} min ({(time.process_time() - cpu) / 60:.1f} min of CPU)"


def main() -> None:
    from tests.evaldata import exit_unless_present

    exit_unless_present("make bench-scale")
    articles = int(os.environ.get("BENCH_SCALE_ARTICLES", "1000000"))
    real = int(os.environ.get("BENCH_SCALE_REAL", "5000"))
    requests = int(os.environ.get("BENCH_SCALE_REQUESTS", "7"))
    given = os.environ.get("BENCH_SCALE_DB")
    with tempfile.TemporaryDirectory(prefix="morgue-scale-") as tmp:
        db_path = Path(given) if given else Path(tmp) / "morgue.db"
        built = None if db_path.exists() else build(db_path, articles, real)
        size = size_of(db_path)
        print("\n" + size.summary() + (f"; {built}" if built is not None else ""))
        print("\n".join(breakdown_lines(db_path, size.text)), flush=True)
        if os.environ.get("BENCH_SCALE_SIZE_ONLY") == "1":
            return
        slow = []
        with morgue_serve(db_path) as base:
            print(f"\n{'page':32} {'median ms':>10} {'p95 ms':>8}")
            for name, path in pages(db_path):
                try:
                    fetch_ms(base + path)  # the first request warms the page cache
                except urllib.error.HTTPError as exc:
                    print(f"{name:32} HTTP {exc.code}", flush=True)
                    slow.append(name)
                    continue
                times = [fetch_ms(base + path) for _ in range(requests)]
                worst = p95(times)
                flag = "" if worst < GOAL_MS else "  over"
                print(f"{name:32} {statistics.median(times):10.0f} {worst:8.0f}{flag}", flush=True)
                if worst >= GOAL_MS:
                    slow.append(name)
        over = f"{len(slow)} pages over {GOAL_MS} ms p95"
        print(f"\n{over}: {', '.join(slow)}" if slow else f"\n{over}")


if __name__ == "__main__":
    main()
