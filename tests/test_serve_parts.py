"""The parts of `morgue serve`: metadata coverage, saved queries, links, archived-capture routes."""

from __future__ import annotations

import asyncio
import gzip
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.plugins import pm
from datasette.utils import escape_fts
from markupsafe import Markup

from archive.catalogue import Catalogue, open_database
from archive.errors import CatalogueNotFoundError, StorageError, WarcReadError
from archive.records import HttpExchange, PriorRecord
from archive.warc.writer import WarcRecordWriter
from crawler.datasette.app import build_datasette, check_catalogue, warc_dir_for
from crawler.datasette.home_summary import summary_sentence
from crawler.datasette.links import render_link, web_url
from crawler.datasette.metadata import TABLES, catalogue_metadata
from crawler.datasette.plugin import MorguePlugin, hookimpl, registered
from crawler.datasette.queries import CANNED_QUERIES
from crawler.datasette.query_limits import ResultBudget, limit_connection
from crawler.datasette.route_ids import row_id
from crawler.datasette.sql_gate import carries_sql
from crawler.datasette.warc_access import warc_file_for
from tests.test_catalogue import article as stored_article
from tests.test_catalogue import capture as stored_capture

FTS_SHADOW = re.compile(r"_fts_(data|idx|config|docsize|content)$")
PAGE = b"<html><head><title>Archived</title></head><body><p>hello archive</p></body></html>"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    path = tmp_path / "cat.db"
    open_database(path).close()
    return path


def _columns(db: Path) -> dict[str, list[str]]:
    with closing(sqlite3.connect(db)) as conn:
        tables = [
            r[0]
            for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")
        ]
        return {
            t: [r[1] for r in conn.execute(f"pragma table_info([{t}])")]
            for t in tables
            if not FTS_SHADOW.search(t) and not t.startswith("sqlite_")
        }


def test_every_table_and_column_is_described(catalogue: Path) -> None:
    for table, columns in _columns(catalogue).items():
        assert TABLES.get(table, {}).get("description"), f"table {table} is not described"
        described = TABLES[table]["columns"]
        for column in columns:
            assert described.get(column), f"column {table}.{column} is not described"


def test_configured_columns_exist(catalogue: Path) -> None:
    tables = _columns(catalogue)
    for table, meta in TABLES.items():
        assert table in tables, f"metadata describes {table}, which the schema lacks"
        named = [meta.get(key) for key in ("sort", "sort_desc", "label_column")]
        for facet in meta.get("facets", []):
            named.extend(facet.values() if isinstance(facet, dict) else [facet])
        named.extend(meta["columns"])
        for column in filter(None, named):
            assert column in tables[table], f"{table}.{column} is configured but absent"


def test_metadata_names_the_served_database() -> None:
    metadata = catalogue_metadata("news")
    assert set(metadata["databases"]) == {"news"}
    assert 'href="/news/articles"' in metadata["description_html"]
    assert all(metadata[key] for key in ("title", "source", "license"))


@pytest.mark.parametrize("name", sorted(CANNED_QUERIES))
def test_canned_query_runs_on_a_catalogue(catalogue: Path, name: str) -> None:
    sql = CANNED_QUERIES[name]["sql"]
    params = {p: "1" for p in re.findall(r":(\w+)", sql)}
    with closing(sqlite3.connect(catalogue)) as conn:
        conn.create_function("escape_fts", 1, escape_fts)  # Datasette adds it to every connection
        conn.execute(sql, params).fetchall()
    assert CANNED_QUERIES[name]["title"]
    assert "write" not in CANNED_QUERIES[name]


@pytest.mark.parametrize(
    "name",
    ["../x.warc.gz", "/etc/passwd", "a/b.warc.gz", ".hidden.warc.gz", "x.txt", "", "..\\x.warc"],
)
def test_warc_file_names_from_the_catalogue_stay_in_the_warc_folder(
    tmp_path: Path, name: str
) -> None:
    with pytest.raises(WarcReadError):
        warc_file_for(tmp_path, name)


def test_links_only_to_web_addresses() -> None:
    assert web_url("https://news.example/a") == "https://news.example/a"
    assert web_url("javascript:alert(1)") is None
    assert web_url(None) is None


class _Urls:
    def path(self, path: str, format: str | None = None) -> str:
        return path

    def table(self, database: str, table: str, format: str | None = None) -> str:
        return f"/{database}/{table}"

    def row(self, database: str, table: str, row_path: str, format: str | None = None) -> str:
        return f"/{database}/{table}/{row_path}"


def test_cells_link_articles_versions_and_captures() -> None:
    urls = _Urls()
    article = {"id": 7, "latest_version_id": 9, "url": "javascript:x", "title": "<b>T</b>"}
    title = render_link(urls, "db", "articles", "title", article, article["title"])
    assert title == Markup(
        '<a href="/-/morgue/article/7" class="morgue-article">&lt;b&gt;T&lt;/b&gt;</a>'
    )
    url_cell = str(render_link(urls, "db", "articles", "url", article, article["url"]))
    assert 'href="javascript' not in url_cell
    assert "/-/morgue/version/9" in url_cell
    assert "/db/article_versions?article_id=7" in url_cell
    capture = {"id": 3, "warc_filename": "a.warc.gz"}
    assert "/-/morgue/capture/3" in str(
        render_link(urls, "db", "captures", "url", capture, "http://x/")
    )
    expanded = {"value": 3, "label": "http://x/"}
    assert "/-/morgue/capture/3" in str(
        render_link(urls, "db", "article_versions", "capture_id", {}, expanded)
    )
    assert "/-/morgue/capture/3" in str(render_link(urls, "db", None, "capture_id", {}, 3))
    assert render_link(urls, "db", None, "capture_id", {}, "not an id") is None
    assert render_link(urls, "db", "captures", "status", capture, 200) is None


def test_check_catalogue(tmp_path: Path, catalogue: Path) -> None:
    check_catalogue(catalogue)
    with pytest.raises(CatalogueNotFoundError) as missing:
        check_catalogue(tmp_path / "missing.db")
    assert missing.value.exit_code == 2
    (tmp_path / "garbage.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StorageError):
        check_catalogue(tmp_path / "garbage.db")


def test_warc_dir_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "crawls" / "morgue.db"
    assert warc_dir_for(db, Path("given")) == Path("given")
    assert warc_dir_for(db, None) == tmp_path / "crawls" / "warc"
    (tmp_path / "warc").mkdir()
    assert warc_dir_for(db, None) == Path("warc")


def _write_warc(path: Path) -> list[tuple[int, str]]:
    """A WARC file with one gzip-encoded response and a revisit of it: (offset, record id)."""
    exchange = HttpExchange(
        url="http://news.example/a",
        method="GET",
        request_headers=(),
        request_body=b"",
        protocol="HTTP/1.1",
        status=200,
        reason="OK",
        response_headers=(
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
        ),
        body=gzip.compress(PAGE, mtime=0),
    )
    with path.open("wb") as stream:
        writer = WarcRecordWriter(stream, path.name)
        first = writer.write_exchange(exchange)
        prior = PriorRecord(
            first.response.record_id, exchange.url, first.warc_date, first.payload_digest
        )
        again = writer.write_exchange(exchange, revisit_of=prior)
    return [(x.response.offset, x.response.record_id) for x in (first, again)]


@pytest.fixture
def archive(tmp_path: Path, catalogue: Path) -> tuple[Path, Path]:
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    (response_at, response_id), (revisit_at, revisit_id) = _write_warc(warc_dir / "t.warc.gz")
    (tmp_path / "outside.warc.gz").write_bytes((warc_dir / "t.warc.gz").read_bytes())
    rows: list[dict[str, Any]] = [
        {"record_type": "response", "warc_offset": response_at, "warc_record_id": response_id},
        {"record_type": "revisit", "warc_offset": revisit_at, "warc_record_id": revisit_id,
         "refers_to": response_id},
        {"record_type": "response", "warc_offset": response_at, "warc_record_id": "<other>"},
        {"record_type": "response", "warc_offset": response_at, "warc_record_id": response_id,
         "warc_filename": "../outside.warc.gz"},
    ]  # fmt: skip
    db = open_database(catalogue)
    for row in rows:
        db.table("captures").insert(
            {"url": "http://news.example/a", "warc_filename": "t.warc.gz", "status": 200} | row
        )
    db.close()
    return catalogue, warc_dir


def _get(db: Path, warc_dir: Path, path: str) -> httpx.Response:
    async def fetch() -> httpx.Response:
        with registered(MorguePlugin(db.stem, warc_dir)):
            response: httpx.Response = await build_datasette(db).client.get(path)
            return response

    return asyncio.run(fetch())


def test_capture_routes_serve_the_archived_response(archive: tuple[Path, Path]) -> None:
    db, warc_dir = archive
    raw = _get(db, warc_dir, "/-/morgue/capture/1/raw")
    assert raw.status_code == 200
    assert raw.content == gzip.compress(PAGE, mtime=0)
    shown = _get(db, warc_dir, "/-/morgue/capture/1/page")
    assert shown.content == PAGE
    assert shown.headers["content-type"] == "text/html; charset=utf-8"
    page = _get(db, warc_dir, "/-/morgue/capture/1")
    assert page.status_code == 200
    assert "Open the page as archived" in page.text


def test_a_revisit_leads_to_the_stored_body(archive: tuple[Path, Path]) -> None:
    db, warc_dir = archive
    page = _get(db, warc_dir, "/-/morgue/capture/2")
    assert "This capture is a revisit" in page.text
    assert 'href="/-/morgue/capture/1/raw"' in page.text
    raw = _get(db, warc_dir, "/-/morgue/capture/2/raw")
    assert raw.status_code == 302
    assert raw.headers["location"] == "/-/morgue/capture/1/raw"


def test_a_record_that_is_not_the_catalogued_one_is_refused(archive: tuple[Path, Path]) -> None:
    db, warc_dir = archive
    raw = _get(db, warc_dir, "/-/morgue/capture/3/raw")
    assert raw.status_code == 404
    assert "disagree" in raw.text


def test_a_file_name_outside_the_warc_folder_is_refused(archive: tuple[Path, Path]) -> None:
    db, warc_dir = archive
    for suffix in ("/raw", "/page", "/record", ""):
        response = _get(db, warc_dir, f"/-/morgue/capture/4{suffix}")
        assert response.status_code == 404
        assert b"hello archive" not in response.content
        assert response.content != gzip.compress(PAGE, mtime=0)


@pytest.mark.parametrize(
    "path",
    [
        "/-/morgue/capture/99",
        "/-/morgue/capture/99/raw",
        "/-/morgue/capture/99/page",
        "/-/morgue/capture/99/record",
        "/-/morgue/version/99",
        "/-/morgue/article/99",
    ],
)
def test_what_is_not_catalogued_is_404(archive: tuple[Path, Path], path: str) -> None:
    response = _get(*archive, path)
    assert response.status_code == 404
    assert "is not in the catalogue" in response.text


def test_a_missing_warc_file_is_404_on_every_capture_route(archive: tuple[Path, Path]) -> None:
    db, warc_dir = archive
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("update captures set warc_length = 100 where id = 1")
    (warc_dir / "t.warc.gz").unlink()
    for suffix in ("", "/page", "/raw", "/record"):
        response = _get(db, warc_dir, f"/-/morgue/capture/1{suffix}")
        assert response.status_code == 404, suffix
        assert "t.warc.gz is not in" in response.text, suffix


def test_a_record_length_past_the_file_end_is_404(archive: tuple[Path, Path]) -> None:
    db, warc_dir = archive
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("update captures set warc_length = 1 << 40 where id = 1")
    response = _get(db, warc_dir, "/-/morgue/capture/1/record")
    assert response.status_code == 404
    assert "ends before" in response.text


@pytest.mark.parametrize(
    ("segment", "expected"),
    [("7", 7), ("-1", -1), ("9223372036854775807", 2**63 - 1), ("9223372036854775808", None),
     ("99999999999999999999999", None), ("abc", None), ("1e3", None), ("", None), (" 7", None)],
)  # fmt: skip
def test_row_ids_in_urls(segment: str, expected: int | None) -> None:
    assert row_id(segment) == expected


def test_a_query_result_over_its_budget_fails() -> None:
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.row_factory = ResultBudget(1000)
        rows = conn.execute("select 'x' || ?", ["y" * 500]).fetchall()
        assert rows[0][0] == "x" + "y" * 500  # rows stay sqlite3.Row
        assert conn.execute("select ?", ["y" * 600]).fetchall()  # each query has its own budget
        many = "with recursive c(x) as (select 1 union all select x+1 from c limit 10) "
        with pytest.raises(sqlite3.DataError, match="over 0 MB"):
            conn.execute(many + "select hex(zeroblob(100)) from c").fetchall()


def test_connections_refuse_huge_values(catalogue: Path) -> None:
    with closing(sqlite3.connect(catalogue)) as conn:
        limit_connection(conn)
        with pytest.raises(sqlite3.DataError, match="too big"):
            conn.execute("select length(hex(zeroblob(400000000)))").fetchall()
        assert conn.execute("select count(*) from articles").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("query", "gated"),
    [(b"sql=select+1", True), (b"_where=id%3D1", True), (b"_search=yonhap", False),
     (b"sql=", False), (b"", False), (b"_sort=id&_size=1", False)],
)  # fmt: skip
def test_requests_with_their_own_sql_are_gated(query: bytes, gated: bool) -> None:
    assert carries_sql({"type": "http", "query_string": query, "path": "/morgue"}) is gated


class _RaisesMemoryError:
    __name__ = "raises-memory-error"

    @hookimpl
    def register_routes(self) -> list[tuple[str, Any]]:
        async def view() -> None:
            raise MemoryError

        return [("^/-/oom(\\.json)?$", view)]


def test_a_query_out_of_memory_is_503_not_500(
    catalogue: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    extra = _RaisesMemoryError()
    pm.register(extra, name=extra.__name__)
    try:
        page = _get(catalogue, tmp_path, "/-/oom")
        data = _get(catalogue, tmp_path, "/-/oom.json")
    finally:
        pm.unregister(extra)
    assert page.status_code == 503
    assert "more memory than the server gives" in page.text
    assert data.status_code == 503
    assert data.json()["ok"] is False
    assert "Traceback" not in capfd.readouterr().err


def test_snippets_mark_the_matched_words_and_escape_the_rest() -> None:
    snippet = "…the <b>reclusive</b> \x02regime\x03 & its \x02envoys\x03…"
    cell = str(render_link(_Urls(), "db", None, "snippet", {}, snippet))
    assert cell == (
        '<span class="morgue-snippet">…the &lt;b&gt;reclusive&lt;/b&gt; <mark>regime</mark> '
        "&amp; its <mark>envoys</mark>…</span>"
    )
    assert render_link(_Urls(), "db", None, "snippet", {}, "no match marked") is None


def test_home_page_sentence() -> None:
    row = {"articles": 1234, "captures": 1, "photos": 0, "runs": 2,
           "last_crawled": "2024-05-01T09:30:12.5Z"}  # fmt: skip
    assert summary_sentence(row) == (
        "This archive holds 1,234 articles, 1 capture, 0 photo captions and 2 crawl runs; "
        "last crawled 2024-05-01 09:30 UTC."
    )
    empty = {"articles": 0, "captures": 0, "photos": 0, "runs": 0, "last_crawled": None}
    assert summary_sentence(empty).endswith("0 crawl runs; nothing crawled yet.")


def test_version_rows_lead_to_the_view_filtered_to_them(tmp_path: Path) -> None:
    """article_versions is a view (bodies stored once): its row URLs still show the version."""
    urls = _Urls()
    article = {"id": 7, "latest_version_id": 9, "url": "http://x/"}
    assert "/db/article_versions?id=9" in str(
        render_link(urls, "db", "articles", "latest_version_id", article, 9)
    )
    assert "/db/article_versions?id=9" in str(render_link(urls, "db", None, "version_id", {}, 9))
    expanded = {"value": 9, "label": "Harbour reopens"}
    assert "/db/article_versions?id=9" in str(
        render_link(urls, "db", "captions", "version_id", {}, expanded)
    )
    db = tmp_path / "cat.db"
    catalogue = Catalogue(open_database(db))
    stored = catalogue.store_article(
        catalogue.add_capture(stored_capture(), None), stored_article(), "2026-11-29T08:00:01Z"
    )
    catalogue.close()
    page = _get(db, tmp_path, f"/cat/article_versions/{stored.version_id}")
    assert page.status_code == 302
    assert page.headers["location"] == f"/cat/article_versions?id={stored.version_id}"
    data = _get(db, tmp_path, f"/cat/article_versions/{stored.version_id}.json?_shape=objects")
    assert data.headers["location"] == (
        f"/cat/article_versions.json?id={stored.version_id}&_shape=objects"
    )
    shown = _get(db, tmp_path, data.headers["location"]).json()["rows"]
    assert [(r["id"], r["body"]) for r in shown] == [(stored.version_id, stored_article().body)]
    assert _get(db, tmp_path, "/cat/article_versions/x").status_code == 404
