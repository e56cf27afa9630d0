"""End to end: a real server on 127.0.0.1, the real `morgue` CLI, real WARC and SQLite files."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from archive.runs.lock import lock_path_for, run_lock
from archive.warc.reader import iter_records, read_record_at
from crawler.site_server import serve_site
from tests.conftest import LOCAL_CRAWL, REPO, free_port, run_morgue, write_seed_site

pytestmark = pytest.mark.integration


def warcio_check(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    warcio = str(Path(sys.executable).parent / "warcio")
    return subprocess.run(
        [warcio, "check", *map(str, paths)], capture_output=True, text=True, check=False
    )


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def seed_site(tmp_path: Path) -> Path:
    write_seed_site(tmp_path / "site")
    return tmp_path / "site"


def test_seed_article_crawl_gives_one_article_four_captions_and_exact_warc_bytes(
    tmp_path: Path, seed_site: Path, seed_html: bytes, seed_expected: dict[str, Any]
) -> None:
    with serve_site(seed_site) as base:
        url = base + seed_expected["url_path"]
        result = run_morgue(
            "crawl", url, "--depth", "0", "--db", "t.db", "--warc-dir", "w", *LOCAL_CRAWL,
            cwd=tmp_path,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    db = tmp_path / "t.db"
    articles = rows(db, "SELECT id, title, byline, date_published, date_modified FROM articles")
    assert len(articles) == 1
    article_id, title, byline, published, modified = articles[0]
    assert title == seed_expected["title"]
    assert byline == seed_expected["byline"]
    assert published[:10] == seed_expected["date_published"]
    assert modified[:10] == seed_expected["date_modified"]
    authors = rows(
        db,
        "SELECT name FROM authors JOIN article_authors ON author_id = id "
        "WHERE article_id = ? ORDER BY position",
        article_id,
    )
    assert [a[0] for a in authors] == seed_expected["authors"]
    captions = rows(db, "SELECT text, credit, image_url FROM captions ORDER BY position")
    assert [(t, c) for t, c, _ in captions] == [
        (c["text"], c["credit"]) for c in seed_expected["captions"]
    ]
    assert [u for _, _, u in captions] == [
        base + c["image_path"] for c in seed_expected["captions"]
    ]

    # The WARC response record holds the body exactly as served: gzip-encoded.
    (filename, offset, record_id, digest), = rows(
        db,
        "SELECT warc_filename, warc_offset, warc_record_id, payload_digest FROM captures "
        "WHERE url = ? AND record_type = 'response'",
        url,
    )  # fmt: skip
    warc = tmp_path / "w" / filename
    with warc.open("rb") as handle:
        record = read_record_at(handle, offset)
    assert record.warc_header("WARC-Record-ID") == record_id
    assert record.http_header("Content-Encoding") == "gzip"
    assert record.payload == gzip.compress(seed_html, mtime=0)
    assert gzip.decompress(record.payload) == seed_html
    assert record.warc_header("WARC-Payload-Digest") == digest
    assert warcio_check([warc]).returncode == 0


def test_warc_file_has_warcinfo_first_and_linked_request_response_pairs(
    tmp_path: Path, seed_site: Path, seed_expected: dict[str, Any]
) -> None:
    with serve_site(seed_site) as base:
        result = run_morgue(
            "crawl", base + seed_expected["url_path"], "--depth", "0",
            "-s", "MORGUE_REQUISITES=none", *LOCAL_CRAWL, cwd=tmp_path,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "morgue.db").exists()  # the contract's default paths
    (warc,) = (tmp_path / "warc").glob("*.warc.gz")
    assert not list((tmp_path / "warc").glob("*.open"))
    with warc.open("rb") as handle:
        records = list(iter_records(handle))
    assert records[0].record_type == "warcinfo"
    responses = {r.warc_header("WARC-Record-ID"): r for r in records if r.record_type == "response"}
    requests = [r for r in records if r.record_type == "request"]
    assert len(requests) == len(responses) == 2  # robots.txt and the article
    for request in requests:
        linked = responses[request.warc_header("WARC-Concurrent-To")]
        assert linked.warc_header("WARC-Target-URI") == request.warc_header("WARC-Target-URI")
    date = records[1].warc_header("WARC-Date") or ""
    assert "." in date
    assert date.endswith("Z")


def test_demo_crawl_archives_the_whole_site(tmp_path: Path) -> None:
    result = run_morgue("demo", "--dir", "out", cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "datasette" in result.stdout
    db = tmp_path / "out" / "morgue.db"
    expected = json.loads((REPO / "tests/fixtures/demo_expected.json").read_text("utf-8"))
    paths = {row[0].split("/", 3)[3]: row[1] for row in rows(db, "SELECT url, title FROM articles")}
    assert len(paths) >= 20
    for path, truth in expected["articles"].items():
        assert paths.get(path.lstrip("/")) == truth["title"], path
    for path in expected["non_articles"]:
        assert path.lstrip("/") not in paths
    (run,) = rows(db, "SELECT status, exit_code, pages_failed, warc_files FROM crawl_runs")
    assert run[:3] == ("ok", 0, 0)
    warcs = sorted((tmp_path / "out" / "warc").glob("*.warc.gz"))
    assert [w.name for w in warcs] == json.loads(run[3])
    check = warcio_check(warcs)
    assert check.returncode == 0, check.stdout[-2000:]
    responses = rows(db, "SELECT count(*) FROM captures WHERE record_type = 'response'")[0][0]
    assert responses > len(paths)


def test_scrapy_crawl_news_works_from_the_project_folder(
    tmp_path: Path, seed_site: Path, seed_expected: dict[str, Any]
) -> None:
    scrapy = shutil.which("scrapy", path=str(Path(sys.executable).parent))
    assert scrapy
    with serve_site(seed_site) as base:
        result = subprocess.run(
            [
                scrapy, "crawl", "news", "-a", f"start_urls={base}{seed_expected['url_path']}",
                "-a", "depth=0", "-s", f"MORGUE_DB={tmp_path / 's.db'}",
                "-s", f"MORGUE_WARC_DIR={tmp_path / 'w'}", *LOCAL_CRAWL,
            ],
            cwd=REPO, capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(tmp_path / "s.db", "SELECT title FROM articles") == [(seed_expected["title"],)]


def test_depth_limits_how_far_links_are_followed(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    for n in range(3):
        (root / f"p{n}.html").write_text(
            f'<html><body><a href="p{n + 1}.html">next</a></body></html>'
        )
    with serve_site(root) as base:
        result = run_morgue("crawl", base + "/p0.html", "--depth", "1", *LOCAL_CRAWL, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    fetched = {
        u.rsplit("/", 1)[1] for (u,) in rows(tmp_path / "morgue.db", "SELECT url FROM captures")
    }
    assert fetched == {"robots.txt", "p0.html", "p1.html"}


def test_some_failed_pages_exit_1_and_are_recorded_with_a_reason(
    tmp_path: Path, seed_site: Path, seed_expected: dict[str, Any]
) -> None:
    with serve_site(seed_site) as base:
        result = run_morgue(
            "crawl", base + seed_expected["url_path"], base + "/missing.html", "--depth", "0",
            *LOCAL_CRAWL, cwd=tmp_path,
        )  # fmt: skip
    assert result.returncode == 1, result.stderr[-3000:]
    db = tmp_path / "morgue.db"
    assert rows(
        db, "SELECT capture_status, error FROM captures WHERE url LIKE '%missing.html'"
    ) == [("failed", "HTTP 404")]
    assert rows(db, "SELECT status, exit_code, pages_failed FROM crawl_runs") == [
        ("finished_with_failures", 1, 1)
    ]


def test_nothing_fetched_exits_4_and_records_the_connection_failure(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    result = run_morgue("crawl", url, "-s", "RETRY_TIMES=0", *LOCAL_CRAWL, cwd=tmp_path)
    assert result.returncode == 4, result.stderr[-3000:]
    (status, error), = rows(
        tmp_path / "morgue.db", "SELECT capture_status, error FROM captures WHERE url = ?", url
    )  # fmt: skip
    assert status == "failed"
    assert "Connection" in error


def test_a_second_run_on_the_same_catalogue_exits_3(tmp_path: Path) -> None:
    with run_lock(lock_path_for(tmp_path / "morgue.db")):
        result = run_morgue("crawl", "http://127.0.0.1:9/", cwd=tmp_path)
    assert result.returncode == 3
    assert "another morgue run" in result.stderr


@pytest.mark.parametrize(
    "args",
    [("crawl",), ("crawl", "not-a-url"), ("crawl", "http://x.test/", "-s", "NOEQUALS"), ("nope",)],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run_morgue(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert not (tmp_path / "morgue.db").exists()


def test_extract_command_prints_the_article_as_json(tmp_path: Path) -> None:
    from tests.conftest import SEED_DIR

    result = run_morgue(
        "extract", str(SEED_DIR / "page.html"), "--url", "http://kt.test/a.html", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["authors"] == ["Lee Min-hyung"]
    assert len(data["captions"]) == 4


def test_recrawl_of_unchanged_pages_writes_revisit_records_and_no_versions(
    tmp_path: Path, seed_site: Path, seed_expected: dict[str, Any]
) -> None:
    with serve_site(seed_site) as base:
        url = base + seed_expected["url_path"]
        for _ in range(2):
            result = run_morgue("crawl", url, "--depth", "0", *LOCAL_CRAWL, cwd=tmp_path)
            assert result.returncode == 0, result.stderr[-3000:]
    db = tmp_path / "morgue.db"
    captures = rows(
        db,
        "SELECT id, record_type, refers_to, warc_record_id, warc_filename, warc_offset "
        "FROM captures WHERE url = ? ORDER BY id",
        url,
    )
    (first_id, first_type, _, first_record, *_), (_, second_type, refers_to, _, name, offset) = (
        captures
    )
    assert (first_type, second_type) == ("response", "revisit")
    assert refers_to == first_record
    assert rows(db, "SELECT count(*) FROM article_versions") == [(1,)]
    with (tmp_path / "warc" / name).open("rb") as handle:
        revisit = read_record_at(handle, offset)
    assert revisit.record_type == "revisit"
    assert revisit.payload == b""
    assert revisit.warc_header("WARC-Refers-To-Target-URI") == url
    assert revisit.warc_header("WARC-Refers-To") == first_record
    assert (revisit.warc_header("WARC-Profile") or "").endswith(
        "1.1/revisit/identical-payload-digest"
    )
    warcs = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert len(warcs) == 2
    assert warcio_check(warcs).returncode == 0
    assert first_id == 2  # robots.txt is capture 1
