"""`morgue serve` as a real process on 127.0.0.1 over the demo catalogue, asked over HTTP."""

from __future__ import annotations

import gzip
import html
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from archive.warc.reader import read_record_at
from tests.conftest import morgue_executable, run_morgue

pytestmark = pytest.mark.integration

SEED_WORD = "reclusive"  # in the seed article's body, in no other demo article
STARTUP_SECONDS = 30
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def demo_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo crawl's folder (morgue.db, warc/), made once per test session."""
    out = tmp_path_factory.getbasetemp() / "serve-demo" / "out"
    if not (out / "morgue.db").is_file():
        out.parent.mkdir(parents=True, exist_ok=True)
        result = run_morgue("demo", "--dir", "out", cwd=out.parent, timeout=600)
        assert result.returncode in (0, 1), result.stderr[-3000:]
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http(url: str, data: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of a request, without proxies; errors are answers too."""
    try:
        with _OPENER.open(urllib.request.Request(url, data=data), timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def get_json(url: str) -> Any:
    status, _, body = http(url)
    assert status == 200, body[:2000]
    return json.loads(body)


@dataclass(frozen=True)
class Served:
    """A running `morgue serve`: where it answers, its process, and where it logs."""

    base: str
    process: subprocess.Popen[bytes]
    log: Path


@contextmanager
def running_server(db: Path, *args: str, cwd: Path | None = None) -> Iterator[str]:
    """`morgue serve` on a free port of 127.0.0.1; yields its base URL, always stops it."""
    with serving(db, *args, cwd=cwd) as served:
        yield served.base


@contextmanager
def serving(db: Path, *args: str, cwd: Path | None = None) -> Iterator[Served]:
    """`morgue serve` on a free port of 127.0.0.1, with its process; always stops it."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    log = (cwd or db.parent) / f"serve-{port}.log"
    command = [morgue_executable(), "serve", "--db", str(db), "--port", str(port), *args]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=cwd or db.parent, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, log.read_text(errors="replace")[-3000:]
            try:
                if http(base + "/-/versions.json")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "morgue serve did not answer in time"
            time.sleep(0.2)
        yield Served(base, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_catalogue(tmp_path_factory)


@pytest.fixture(scope="module")
def server(demo: Path) -> Iterator[str]:
    with running_server(demo / "morgue.db", "--warc-dir", str(demo / "warc")) as base:
        yield base


def seed_article(server: str, seed_expected: dict[str, Any]) -> dict[str, Any]:
    """The seed article's row, found through the JSON API's full-text search."""
    found = get_json(f"{server}/morgue/articles.json?_search={SEED_WORD}&_shape=objects")
    rows = found["rows"]
    assert [row["title"] for row in rows] == [seed_expected["title"]]
    return dict(rows[0])


def test_json_search_finds_the_seed_article(server: str, seed_expected: dict[str, Any]) -> None:
    article = seed_article(server, seed_expected)
    assert article["byline"] == seed_expected["byline"]
    by_title = get_json(f"{server}/morgue/articles.json?_search=Kim-Xi+summit&_shape=objects")
    assert seed_expected["title"] in [row["title"] for row in by_title["rows"]]


def test_captions_are_searchable_by_credit(server: str) -> None:
    rows = get_json(f"{server}/morgue/captions.json?_search=Yonhap&_shape=objects")["rows"]
    assert rows
    assert all("Yonhap" in (row["credit"] or "") + row["text"] for row in rows)


def test_metadata_title_source_license_and_descriptions(server: str) -> None:
    metadata = get_json(f"{server}/-/metadata.json")
    for key in ("title", "source", "license"):
        assert metadata[key]
    status, _, page = http(f"{server}/morgue/articles")
    assert status == 200
    text = page.decode()
    assert "One row per article" in text
    assert "The byline as printed" in text


def test_articles_newest_first_with_facets(server: str) -> None:
    data = get_json(f"{server}/morgue/articles.json?_shape=objects&_size=100")
    dates = [row["date_published"] for row in data["rows"] if row["date_published"]]
    assert dates == sorted(dates, reverse=True)
    facets = data["facet_results"]
    assert {"site", "section", "language", "byline", "date_published"} <= set(facets)
    languages = {item["value"]: item["count"] for item in facets["language"]["results"]}
    assert languages.get("en", 0) >= 1


def test_canned_queries_answer(server: str, seed_expected: dict[str, Any]) -> None:
    def rows(name: str, **params: str) -> list[dict[str, Any]]:
        query = urlencode({**params, "_shape": "array"})
        return list(get_json(f"{server}/morgue/{name}.json?{query}"))

    assert rows("latest_articles")
    credited = rows("captions_by_credit", credit="Yonhap")
    assert credited
    assert all("yonhap" in row["credit"].lower() for row in credited)
    seed_captions = [c["text"] for c in seed_expected["captions"] if c["credit"] == "Yonhap"]
    assert set(seed_captions) <= {row["caption"] for row in credited}
    by_author = rows("articles_by_author", author=seed_expected["authors"][0])
    assert seed_expected["title"] in [row["title"] for row in by_author]
    assert all(row["version"] > 1 for row in rows("articles_changed_since", since="2000-01-01"))
    run_id = str(get_json(f"{server}/morgue/crawl_runs.json?_shape=array")[0]["id"])
    for row in rows("failed_captures_by_run", run_id=run_id):
        assert row["capture_status"] != "ok"
    rows("runs_with_failures")


def _seed_capture(server: str, seed_expected: dict[str, Any]) -> tuple[dict[str, Any], int]:
    article = seed_article(server, seed_expected)
    version = get_json(
        f"{server}/morgue/article_versions/{article['latest_version_id']}.json?_shape=objects"
    )["rows"][0]
    capture = get_json(f"{server}/morgue/captures/{version['capture_id']}.json?_shape=objects")
    return article, int(capture["rows"][0]["id"])


def test_raw_capture_is_the_archived_bytes(
    server: str, demo: Path, seed_expected: dict[str, Any]
) -> None:
    _, capture_id = _seed_capture(server, seed_expected)
    row = get_json(f"{server}/morgue/captures/{capture_id}.json?_shape=objects")["rows"][0]
    with (demo / "warc" / row["warc_filename"]).open("rb") as stream:
        archived = read_record_at(stream, row["warc_offset"]).payload

    status, headers, raw = http(f"{server}/-/morgue/capture/{capture_id}/raw")
    assert status == 200
    assert raw == archived
    assert headers["x-archived-content-encoding"] == "gzip"
    assert "attachment" in headers["content-disposition"]

    status, headers, shown = http(f"{server}/-/morgue/capture/{capture_id}/page")
    assert status == 200
    assert shown == gzip.decompress(archived)
    assert headers["content-type"].startswith("text/html")
    assert "sandbox" in headers["content-security-policy"]

    status, _, record = http(f"{server}/-/morgue/capture/{capture_id}/record")
    assert status == 200
    assert gzip.decompress(record).startswith(b"WARC/1.1")

    status, _, page = http(f"{server}/-/morgue/capture/{capture_id}")
    assert status == 200
    assert b"Content-Encoding" in page
    assert row["warc_record_id"].encode().replace(b"<", b"&lt;").replace(b">", b"&gt;") in page


def test_article_links_to_versions_and_archived_page(
    server: str, seed_expected: dict[str, Any]
) -> None:
    article, capture_id = _seed_capture(server, seed_expected)
    status, _, listing = http(f"{server}/morgue/articles?_search={SEED_WORD}")
    assert status == 200
    page = listing.decode()
    assert f'href="/-/morgue/article/{article["id"]}"' in page
    assert f"/-/morgue/version/{article['latest_version_id']}" in page
    assert f"article_id={article['id']}" in page  # all versions

    with _OPENER.open(f"{server}/-/morgue/version/{article['latest_version_id']}") as response:
        assert response.url.endswith(f"/-/morgue/capture/{capture_id}")

    status, _, reading = http(f"{server}/-/morgue/article/{article['id']}")
    assert status == 200
    text = html.unescape(reading.decode())
    for caption in seed_expected["captions"]:
        assert caption["text"] in text


def test_unknown_capture_is_404(server: str) -> None:
    assert http(f"{server}/-/morgue/capture/999999")[0] == 404
    assert http(f"{server}/-/morgue/capture/999999/raw")[0] == 404
    assert http(f"{server}/-/morgue/version/999999")[0] == 404


def _counts(db: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(db)) as conn:
        return (
            conn.execute("select count(*) from articles").fetchone()[0],
            conn.execute("select count(*) from captures").fetchone()[0],
        )


def test_nothing_served_writes(server: str, demo: Path) -> None:
    before = _counts(demo / "morgue.db")
    sql = quote("delete from articles")
    status, _, body = http(f"{server}/morgue.json?sql={sql}")
    assert status == 400, body
    assert http(f"{server}/morgue/latest_articles", data=b"")[0] >= 400
    assert _counts(demo / "morgue.db") == before


def test_sees_a_crawl_writing_meanwhile(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "morgue.db"
    shutil.copy(demo / "morgue.db", db)
    with running_server(db, "--warc-dir", str(demo / "warc")) as base:
        assert get_json(f"{base}/morgue/articles.json?_search=zeugma")["rows"] == []
        writer = sqlite3.connect(db, isolation_level=None)
        try:
            writer.execute("PRAGMA journal_mode=WAL")
            writer.execute("BEGIN IMMEDIATE")
            writer.execute(
                "insert into articles (url, title, body) values (?, ?, ?)",
                ("http://news.example/zeugma", "Zeugma mosaics return", "zeugma " * 30),
            )
            # While the write transaction is open, the server still answers (WAL readers).
            assert get_json(f"{base}/morgue/articles.json?_search=zeugma")["rows"] == []
            writer.execute("COMMIT")
        finally:
            writer.close()
        found = get_json(f"{base}/morgue/articles.json?_search=zeugma&_shape=objects")["rows"]
        assert [row["title"] for row in found] == ["Zeugma mosaics return"]


def test_warc_dir_defaults_to_the_catalogue_folder(
    demo: Path, seed_expected: dict[str, Any], tmp_path: Path
) -> None:
    # Run from a folder with no ./warc: the WARC folder beside --db is used.
    with running_server(demo / "morgue.db", cwd=tmp_path) as base:
        _, capture_id = _seed_capture(base, seed_expected)
        assert http(f"{base}/-/morgue/capture/{capture_id}/raw")[0] == 200


def test_serve_without_a_catalogue_is_a_usage_error(tmp_path: Path) -> None:
    result = run_morgue("serve", "--db", "missing.db", cwd=tmp_path)
    assert result.returncode == 2
    assert "no catalogue at missing.db" in result.stderr
    with closing(sqlite3.connect(tmp_path / "other.db")) as conn:
        conn.execute("create table t (x)")
    result = run_morgue("serve", "--db", "other.db", cwd=tmp_path)
    assert result.returncode == 2
    assert "not a morgue catalogue" in result.stderr


def test_home_page_says_what_the_archive_holds(server: str, demo: Path) -> None:
    with closing(sqlite3.connect(demo / "morgue.db")) as conn:
        articles, captures, captions, runs = (
            conn.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("articles", "captures", "captions", "crawl_runs")
        )
        last = conn.execute("select max(finished_at) from crawl_runs").fetchone()[0]
    status, _, page = http(server + "/")
    assert status == 200
    crawl_runs = f"{runs} crawl run" + ("s" if runs != 1 else "")
    expected = (
        f"This archive holds {articles} articles, {captures} captures, {captions} photo captions "
        f"and {crawl_runs}; last crawled {last[:10]} {last[11:16]} UTC."
    )
    assert expected in html.unescape(page.decode())


def test_table_pages_keep_column_descriptions_collapsed_above_the_data(server: str) -> None:
    for table in ("articles", "captions", "captures", "crawl_runs"):
        status, _, body = http(f"{server}/morgue/{table}")
        assert status == 200
        page = body.decode()
        details = page.index('<details class="morgue-columns">')  # not open
        summary = page.index("<summary>About these columns</summary>", details)
        descriptions = page.index('<dl class="column-descriptions">')
        closed = page.index("</details>", descriptions)
        rows = page.index('<table class="rows-and-columns"')
        assert details < summary < descriptions < closed < rows
        assert page.count('<dl class="column-descriptions">') == 1


def test_search_shows_where_the_words_matched(server: str, seed_expected: dict[str, Any]) -> None:
    status, _, listing = http(f"{server}/morgue/articles?_search={SEED_WORD}")
    assert status == 200
    assert f'href="/morgue/search_articles?q={SEED_WORD}"' in listing.decode()

    status, _, page = http(f"{server}/morgue/search_articles?q={SEED_WORD}")
    assert status == 200
    text = page.decode()
    assert f"<mark>{SEED_WORD}</mark>" in text
    assert html.escape(seed_expected["title"], quote=False) in text
    rows = get_json(f"{server}/morgue/search_articles.json?q={SEED_WORD}&_shape=array")
    assert [row["title"] for row in rows] == [seed_expected["title"]]
    assert f"\x02{SEED_WORD}\x03" in rows[0]["snippet"]
    # Words are searched as words: quotes and hyphens typed by a reader are no FTS syntax error.
    typed = quote('Kim-Xi "summit')
    odd = get_json(f"{server}/morgue/search_articles.json?q={typed}&_shape=array")
    assert seed_expected["title"] in [row["title"] for row in odd]

    status, _, page = http(f"{server}/morgue/search_captions?q=Yonhap")
    assert status == 200
    assert "<mark>Yonhap</mark>" in page.decode()
