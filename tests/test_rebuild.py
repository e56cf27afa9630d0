"""Rebuilding the catalogue from WARC files alone gives the crawl's rows back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from archive.catalogue import Catalogue, open_database
from archive.rebuild.from_warcs import find_warc_files, rebuild_catalogue, warc_order
from archive.warc.reader import UnreadableRecord, iter_records_tolerant
from crawler.site_server import serve_site
from tests.conftest import DEMO_SITE, LOCAL_CRAWL, free_port, run_morgue

# Compared as archivists see them: tables and the views over how bodies are stored.
COMPARED_TABLES = (
    "captures",
    "articles",
    "article_versions",
    "authors",
    "article_authors",
    "captions",
)
# Run bookkeeping is not in the WARC files (the contract's "rebuild exactness" exclusions).
EXCLUDED_COLUMNS = {"run_id"}


def table_rows(db: Path, table: str) -> list[dict[str, Any]]:
    with sqlite3.connect(db) as conn:
        width = len(conn.execute(f"SELECT * FROM {table} LIMIT 0").description)
        order = ", ".join(str(n) for n in range(1, width + 1))  # views have no rowid
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY {order}")
        names = [d[0] for d in cursor.description]
        return [
            {n: v for n, v in zip(names, row, strict=True) if n not in EXCLUDED_COLUMNS}
            for row in cursor
        ]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site crawled twice, the second time with --refetch after one page changed."""
    work = tmp_path_factory.mktemp("crawled")
    site = work / "site"
    shutil.copytree(DEMO_SITE, site)
    port = free_port()  # the same URLs both times
    for round_ in range(2):
        if round_ == 1:
            page = site / "www/nation/2018/03/103_246280.html"
            page.write_bytes(page.read_bytes().replace(b"low ebb.", b"low ebb, officials said."))
        with serve_site(site, port) as base:
            refetch = ["--refetch"] if round_ else []
            result = run_morgue(
                "crawl", base + "/index.html", "--db", "m.db", *refetch, *LOCAL_CRAWL, cwd=work
            )
        assert result.returncode == 0, result.stderr[-3000:]
    return work


@pytest.mark.integration
def test_rebuild_from_warcs_gives_the_crawls_rows_table_by_table(
    crawled: Path, tmp_path: Path
) -> None:
    rebuilt = tmp_path / "rebuilt.db"
    result = run_morgue(
        "rebuild", "--warc-dir", str(crawled / "warc"), "--db", str(rebuilt), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for table in COMPARED_TABLES:
        assert table_rows(rebuilt, table) == table_rows(crawled / "m.db", table), table
    versions = table_rows(rebuilt, "article_versions")
    assert [v["version"] for v in versions if v["version"] > 1] == [2]
    kinds = {r["record_type"] for r in table_rows(rebuilt, "captures")}
    assert kinds == {"response", "revisit"}


def test_rebuild_in_one_process_equals_rebuild_in_a_pool(crawled: Path, tmp_path: Path) -> None:
    paths = find_warc_files(crawled / "warc")
    for name, workers in (("one.db", 1), ("pool.db", 2)):
        catalogue = Catalogue(open_database(tmp_path / name))
        report = rebuild_catalogue(paths, catalogue, workers=workers)
        catalogue.db.close()
        assert report.skipped == []
    for table in COMPARED_TABLES:
        assert table_rows(tmp_path / "one.db", table) == table_rows(tmp_path / "pool.db", table)


@pytest.mark.integration
def test_rebuild_skips_a_damaged_record_counts_it_and_keeps_the_rest(
    crawled: Path, tmp_path: Path
) -> None:
    """Tried: 200 bytes of garbage written over the middle of the first WARC file."""
    damaged_dir = tmp_path / "warc"
    shutil.copytree(crawled / "warc", damaged_dir)
    first = find_warc_files(damaged_dir)[0]
    data = bytearray(first.read_bytes())
    # In the middle of a catalogued response: the middle of the file may fall in a request
    # record, whose loss costs no capture, depending on the order pages were fetched in.
    with sqlite3.connect(crawled / "m.db") as conn:
        offset, length = conn.execute(
            "SELECT warc_offset, warc_length FROM captures WHERE warc_filename = ? "
            "AND record_type = 'response' ORDER BY abs(warc_offset - ?) LIMIT 1",
            [first.name, len(data) // 2],
        ).fetchone()
    middle = offset + length // 2
    data[middle : middle + 200] = b"\x00garbage" * 25
    first.write_bytes(bytes(data))
    with first.open("rb") as handle:
        items = list(iter_records_tolerant(handle))
    damaged = [i for i in items if isinstance(i, UnreadableRecord)]
    assert len(damaged) >= 1
    assert len(items) - len(damaged) > 10  # records after the damage were still read

    result = run_morgue(
        "rebuild", "--warc-dir", str(damaged_dir), "--db", str(tmp_path / "r.db"), cwd=tmp_path
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "skipped" in result.stderr
    original = len(table_rows(crawled / "m.db", "captures"))
    rebuilt = len(table_rows(tmp_path / "r.db", "captures"))
    assert original - 3 <= rebuilt < original


@pytest.mark.integration
def test_rebuild_refuses_to_overwrite_an_existing_database(crawled: Path) -> None:
    result = run_morgue("rebuild", "--warc-dir", "warc", "--db", "m.db", cwd=crawled)
    assert result.returncode == 2
    assert "exists" in result.stderr


def test_warc_files_sort_in_writing_order() -> None:
    names = [
        "morgue-20261129080000000-00002-h-1.warc.gz",
        "morgue-20261129070000000-00009-h-2.warc.gz.open",
        "morgue-20261129080000000-00001-h-1.warc.gz",
    ]
    assert [p.name for p in warc_order(Path(n) for n in names)] == [names[1], names[2], names[0]]


def test_second_crawl_writes_responses_only_for_the_changed_page(crawled: Path) -> None:
    with sqlite3.connect(crawled / "m.db") as conn:
        second_run = conn.execute(
            "SELECT url, record_type FROM captures WHERE run_id = 2 ORDER BY id"
        ).fetchall()
        versions = conn.execute("SELECT count(*) FROM article_versions WHERE version > 1")
        assert versions.fetchone() == (1,)
    responses = [url for url, kind in second_run if kind == "response"]
    assert [url.split("/", 3)[3] for url in responses] == ["www/nation/2018/03/103_246280.html"]
    assert len(second_run) > 30
    assert {kind for _, kind in second_run} == {"response", "revisit"}


@pytest.mark.parametrize("where", [0.15, 0.3, 0.45, 0.6, 0.75, 0.9])
def test_damage_anywhere_in_a_file_is_reported_and_reading_goes_on(
    crawled: Path, tmp_path: Path, where: float
) -> None:
    """Tried: 64 bytes of garbage at six places in a WARC file (inside requests, responses,
    headers or bodies, wherever they fall): each time a damaged record is reported."""
    original = find_warc_files(crawled / "warc")[0].read_bytes()
    data = bytearray(original)
    at = int(len(data) * where)
    data[at : at + 64] = b"\xffgarbage" * 8
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(bytes(data))
    with path.open("rb") as handle:
        items = list(iter_records_tolerant(handle))
    assert any(isinstance(i, UnreadableRecord) for i in items)
    good = [i for i in items if not isinstance(i, UnreadableRecord)]
    assert all(i.offset + i.length <= at or i.offset >= at + 64 for i in good)
