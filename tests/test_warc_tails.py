"""A crawl killed between commits loses nothing: the next start catalogues what its WARC files
hold past the last commit, so no archived page is fetched again and the catalogue is what a
rebuild from the WARC files gives."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.catalogue import Catalogue, open_database
from archive.rebuild.from_warcs import find_warc_files
from archive.rebuild.warc_tails import catalogue_killed_runs_tails, run_warc_files
from archive.warc.reader import StoredRecord, iter_records_tolerant
from crawler.site_server import serve_site
from tests.conftest import LOCAL_CRAWL, free_port, run_morgue
from tests.loopback_only import guarded_command, guarded_env
from tests.scheduled_site import config, write_site
from tests.test_rebuild import COMPARED_TABLES, table_rows

pytestmark = pytest.mark.integration

ARTICLES = 150
CRAWL = [
    "crawl", "--config", "sites.toml", *LOCAL_CRAWL,
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
    "-s", "MORGUE_EXTRACT_WORKERS=0",
]  # fmt: skip
# Bytes the WARC file grows after a commit before the kill: a few pages' records.
GROWTH = 40_000
TRIES = 4


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    write_site(root, ARTICLES)
    port = free_port()
    (tmp_path / "sites.toml").write_text(config(f"http://127.0.0.1:{port}", '"7d"'))
    with serve_site(root, port, delay=0.02):
        yield f"http://127.0.0.1:{port}"


def archived(warc_dir: Path) -> list[tuple[str, StoredRecord]]:
    """(file name, record) of every whole response or revisit record, in writing order."""
    found = []
    for path in find_warc_files(warc_dir):
        with path.open("rb") as handle:
            for item in iter_records_tolerant(handle):
                if isinstance(item, StoredRecord) and item.record_type in ("response", "revisit"):
                    found.append((path.name.removesuffix(".open"), item))
    return found


def catalogued_ids(db: Path) -> Counter[str]:
    catalogue = Catalogue(open_database(db))
    try:
        rows = catalogue.db.execute("SELECT warc_record_id FROM captures").fetchall()
    finally:
        catalogue.close()
    return Counter(str(row[0]) for row in rows if row[0])


def uncatalogued(work: Path) -> int:
    ids = catalogued_ids(work / "morgue.db")
    return sum(1 for _, r in archived(work / "warc") if r.warc_header("WARC-Record-ID") not in ids)


def kill_between_commits(work: Path) -> None:
    """Start the crawl; SIGKILL it once its WARC file grew GROWTH bytes after a commit."""
    crawl = subprocess.Popen(
        guarded_command(work / "net.log", *CRAWL),
        cwd=work,
        env=guarded_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wal, warc_dir = work / "morgue.db-wal", work / "warc"
    last_commit, size_then = None, None
    deadline = time.monotonic() + 60
    try:
        while crawl.poll() is None and time.monotonic() < deadline:
            files = sorted(warc_dir.glob("*.open")) if warc_dir.is_dir() else []
            try:
                size = files[-1].stat().st_size if files else 0
                stamp = wal.stat().st_mtime_ns if wal.exists() else None
            except FileNotFoundError:
                continue
            if stamp != last_commit:
                last_commit, size_then = stamp, size
            elif stamp is not None and size_then is not None and size > size_then + GROWTH:
                break
            time.sleep(0.001)
    finally:
        if crawl.poll() is None:
            os.killpg(crawl.pid, signal.SIGKILL)
        crawl.wait()
    assert crawl.returncode == -signal.SIGKILL, "the crawl ended before it could be killed"


def test_a_crawl_killed_between_commits_loses_nothing_and_fetches_nothing_again(
    tmp_path: Path, site: str
) -> None:
    left = 0
    for _ in range(TRIES):  # a kill can land just after a commit: then nothing is left over
        kill_between_commits(tmp_path)
        left = uncatalogued(tmp_path)
        if left:
            break
    assert left > 0, "no kill left archived pages uncatalogued"
    catalogue = Catalogue(open_database(tmp_path / "morgue.db"))
    try:  # what the next start does first; a start killed meanwhile does it again, no harm
        assert catalogue_killed_runs_tails(catalogue, tmp_path / "warc") == left
        assert catalogue_killed_runs_tails(catalogue, tmp_path / "warc") == 0
    finally:
        catalogue.close()
    assert uncatalogued(tmp_path) == 0

    final = run_morgue(*CRAWL, cwd=tmp_path)
    assert final.returncode == 0, final.stderr[-3000:]
    records = archived(tmp_path / "warc")
    ids = catalogued_ids(tmp_path / "morgue.db")
    record_ids = [r.warc_header("WARC-Record-ID") or "" for _, r in records]
    assert all(ids[i] == 1 for i in record_ids)  # every archived response once in the catalogue
    responses = [r for _, r in records if r.record_type == "response"]
    fetched = Counter(r.warc_header("WARC-Target-URI") for r in responses)
    assert [url for url, n in fetched.items() if n > 1] == []  # nothing archived was fetched again
    rebuilt = tmp_path / "rebuilt.db"
    result = run_morgue(
        "rebuild", "--warc-dir", str(tmp_path / "warc"), "--db", str(rebuilt), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for table in COMPARED_TABLES:
        assert table_rows(rebuilt, table) == table_rows(tmp_path / "morgue.db", table), table
    assert len(table_rows(rebuilt, "articles")) == ARTICLES


def test_a_runs_files_are_those_named_with_its_host_and_pid_since_it_began(tmp_path: Path) -> None:
    run = {"hostname": "news-box.local", "pid": 4321, "started_at": "2026-11-29T08:00:00.500Z"}
    names = {
        "morgue-20261129080001000-00001-news-box.local-4321.warc.gz": True,
        "my-prefix-20261129080002000-00002-news-box.local-4321.warc.gz.open": True,
        "morgue-20261129075959000-00001-news-box.local-4321.warc.gz": False,  # before it began
        "morgue-20261129080001000-00001-news-box.local-43210.warc.gz": False,  # another pid
        "morgue-20261129080001000-00001-other-box.local-4321.warc.gz": False,  # another host
        "morgue-20261129080001000-00001-box.local-4321.warc.gz": False,
        "morgue-x-00001-news-box.local-4321.warc.gz": False,  # no time in its name
    }
    for name in names:
        (tmp_path / name).write_bytes(b"")
    found = {path.name for path in run_warc_files(tmp_path, run)}
    assert found == {name for name, mine in names.items() if mine}
    assert run_warc_files(tmp_path, {**run, "pid": None}) == []
