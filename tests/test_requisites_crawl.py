"""Crawls that archive their pages' requisites (photos, or all a page needs) from a second host:
each once, capped in size, revisited or 304 on a recrawl, rebuilt identically from the WARCs."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from archive.warc.reader import iter_records
from crawler.site_server import serve_site
from tests.conftest import LOCAL_CRAWL, free_port, run_morgue
from tests.requisites_site import write_site
from tests.test_crawl_integration import warcio_check
from tests.test_rebuild import COMPARED_TABLES, table_rows

PHOTOS = {
    "/img/lead-0.png", "/img/lead-1.png", "/img/large-0.png", "/img/large-1.png",
    "/img/lazy.png", "/img/masthead.png", "/img/missing.png",
}  # fmt: skip
PAGE_ONLY = {
    "/css/main.css", "/css/fonts.css", "/img/paper.png", "/img/small-0.png", "/img/small-1.png",
}  # fmt: skip


@contextmanager
def served(work: Path) -> Iterator[tuple[str, str]]:
    """The news site on 127.0.0.1 and its CDN on 127.0.0.2, with the same ports every time."""
    ports = work / "ports"
    if not ports.exists():
        ports.write_text(f"{free_port()} {free_port()}")
    site_port, cdn_port = map(int, ports.read_text().split())
    with (
        serve_site(work / "site", site_port) as base,
        serve_site(work / "cdn", cdn_port, host="127.0.0.2") as cdn,
    ):
        write_site(work / "site", work / "cdn", cdn)
        yield base, cdn


def crawl(work: Path, mode: str, *extra: str) -> str:
    """Crawl the site and its articles (depth 1); returns the run's summary line."""
    with served(work) as (base, _):
        result = run_morgue(
            "crawl", base + "/index.html", "--depth", "1", "--db", "m.db",
            "-s", f"MORGUE_REQUISITES={mode}", "-s", "MORGUE_SSRF_ALLOWED=127.0.0.2",
            *extra, *LOCAL_CRAWL, cwd=work,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def records(work: Path) -> list[dict[str, Any]]:
    """Every record of the crawl's WARC files, in order, with the headers tests look at."""
    found = []
    for path in sorted((work / "warc").glob("*.warc.gz")):
        with path.open("rb") as handle:
            for record in iter_records(handle):
                headers = dict(record.warc_headers)
                found.append(
                    {
                        "type": record.record_type,
                        "url": headers.get("WARC-Target-URI", ""),
                        "status": record.http_status,
                        "resource": headers.get("WARC-Resource-Type"),
                        "of": headers.get("WARC-Requisite-Of"),
                        "payload": record.payload,
                    }
                )
    return found


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def photos_crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("photos")
    (work / "summary.txt").write_text(crawl(work, "photos"))
    return work


@pytest.fixture(scope="module")
def page_crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("page")
    crawl(work, "page")
    return work


def response_paths(found: list[dict[str, Any]]) -> Counter[str]:
    """Paths on the CDN of requisite response records (counted, to see each is archived once)."""
    return Counter(
        "/" + r["url"].split("/", 3)[3]
        for r in found
        if r["type"] == "response" and r["resource"] and r["url"].startswith("http://127.0.0.2")
    )


@pytest.mark.integration
def test_photos_archives_each_article_photo_once_from_the_other_host(photos_crawl: Path) -> None:
    found = records(photos_crawl)
    assert response_paths(found) == Counter(PHOTOS)  # each once; 404 archived, robots.txt kept
    assert not [r for r in found if r["url"].endswith(("/js/app.js", ".css"))]
    huge = [r for r in found if r["url"].endswith("/img/huge.png")]
    assert [r["type"] for r in huge] == ["metadata"]
    assert b"fetch-error: too_large" in huge[0]["payload"]
    requests = [r for r in found if r["type"] == "request" and "127.0.0.2" in r["url"]]
    assert {"/" + r["url"].split("/", 3)[3] for r in requests} >= PHOTOS
    assert warcio_check(sorted((photos_crawl / "warc").glob("*.warc.gz"))).returncode == 0


@pytest.mark.integration
def test_requisite_captures_say_what_they_are_and_which_page_needed_them(
    photos_crawl: Path,
) -> None:
    db = photos_crawl / "m.db"
    needed = rows(
        db,
        "SELECT r.url, r.resource_type, r.capture_status, p.url FROM captures r "
        "JOIN captures p ON p.id = r.requisite_of WHERE r.resource_type IS NOT NULL",
    )
    by_path = {"/" + u.split("/", 3)[3]: (kind, status, page) for u, kind, status, page in needed}
    assert by_path["/img/large-1.png"][0] == "image"
    assert by_path["/img/large-1.png"][2].endswith("/news/story-1.html")
    assert by_path["/img/huge.png"][1] == "too_large"
    assert by_path["/img/missing.png"][1] == "failed"
    assert not rows(db, "SELECT 1 FROM pending_captures")
    # the summary counts pages, not photos: a missing photo fails no run
    assert rows(db, "SELECT pages_failed, exit_code FROM crawl_runs") == [(0, 0)]
    summary = (photos_crawl / "summary.txt").read_text()
    assert "6 requisites archived (1 too large, 2 failed)" in summary  # 404 and robots.txt


@pytest.mark.integration
def test_captions_point_at_their_archived_photo(photos_crawl: Path) -> None:
    linked = rows(
        photos_crawl / "m.db",
        "SELECT captions.image_url, captures.url, captures.status FROM captions "
        "JOIN captures ON captures.id = captions.image_capture_id ORDER BY captions.id",
    )
    assert len(linked) == 4  # two articles, two captioned photos each
    assert all(image == url and status == 200 for image, url, status in linked)
    assert {url.rsplit("/", 1)[1] for _, url, _ in linked} == {
        "large-0.png", "large-1.png", "lazy.png",
    }  # fmt: skip


@pytest.mark.integration
def test_page_archives_stylesheets_their_imports_and_images(page_crawl: Path) -> None:
    found = records(page_crawl)
    assert response_paths(found) == Counter(PHOTOS | PAGE_ONLY)
    kinds = {r["url"].rsplit("/", 1)[1]: r["resource"] for r in found if r["type"] == "response"}
    assert kinds["fonts.css"] == "stylesheet"
    assert kinds["app.js"] == "script"
    assert kinds["paper.png"] == "image"
    assert warcio_check(sorted((page_crawl / "warc").glob("*.warc.gz"))).returncode == 0


@pytest.mark.integration
def test_a_recrawl_writes_only_revisits_and_304s(page_crawl: Path, tmp_path: Path) -> None:
    before = len(records(page_crawl))
    crawl(page_crawl, "page")  # articles not due again; the start page and its photo are
    crawl(page_crawl, "page", "--refetch")  # everything again, with plain requests
    later = records(page_crawl)[before:]
    fresh = [
        r["url"]
        for r in later
        if r["type"] == "response" and r["status"] == 200 and not r["url"].endswith("robots.txt")
    ]
    assert fresh == []
    assert any(r["type"] == "response" and r["status"] == 304 for r in later)
    assert {r["type"] for r in later} >= {"revisit", "request"}


@pytest.mark.integration
def test_rebuild_gives_the_crawls_rows_photo_links_included(
    photos_crawl: Path, tmp_path: Path
) -> None:
    rebuilt = tmp_path / "rebuilt.db"
    result = run_morgue(
        "rebuild", "--warc-dir", str(photos_crawl / "warc"), "--db", str(rebuilt), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for table in COMPARED_TABLES:
        assert table_rows(rebuilt, table) == table_rows(photos_crawl / "m.db", table), table
    assert rows(rebuilt, "SELECT count(*) FROM captions WHERE image_capture_id IS NOT NULL") == [
        (4,)
    ]


@pytest.mark.integration
def test_the_wacz_holds_the_requisites_and_lists_the_articles_as_pages(
    photos_crawl: Path, tmp_path: Path
) -> None:
    output = tmp_path / "photos.wacz"
    result = run_morgue(
        "export-wacz", "--warc-dir", str(photos_crawl / "warc"), "--db", "m.db",
        "-o", str(output), cwd=photos_crawl,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    validate = subprocess.run(
        [str(Path(sys.executable).parent / "wacz"), "validate", "-f", str(output)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert validate.returncode == 0, validate.stdout[-2000:]
    with zipfile.ZipFile(output) as wacz:
        pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines()]
        index = b"".join(
            gzip.decompress(wacz.read(n)) if n.endswith(".gz") else wacz.read(n)
            for n in wacz.namelist()
            if n.startswith("indexes/")
        )
    assert sorted(p["url"].rsplit("/", 1)[1] for p in pages[1:]) == [
        "story-0.html", "story-1.html",
    ]  # fmt: skip
    for path in PHOTOS - {"/img/missing.png"}:
        assert path.encode() in index, path


@pytest.mark.integration
def test_each_article_points_at_its_archived_lead_image(photos_crawl: Path) -> None:
    linked = rows(
        photos_crawl / "m.db",
        "SELECT articles.image_url, captures.url, captures.status FROM articles "
        "JOIN captures ON captures.id = articles.image_capture_id ORDER BY articles.id",
    )
    assert len(linked) == 2  # two articles, each with its og:image archived
    assert all(image == url and status == 200 for image, url, status in linked)
    assert {url.rsplit("/", 1)[1] for _, url, _ in linked} == {"lead-0.png", "lead-1.png"}
