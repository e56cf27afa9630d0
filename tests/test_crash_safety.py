"""Killed at any moment, or out of disk: the archive loses nothing and is never corrupt.

The kill loop starts `morgue crawl` again and again on the same archive and SIGKILLs it at a
different point each time: while a WARC record is being written, right after a catalogue
commit, at a WARC rotation, or at a random moment (start-up and recovery included). After
every kill: each closed WARC file passes `warcio check` and was never touched again; the
`.open` file is readable up to its last whole record; every catalogue row points at a whole
record on disk. The next start finishes the `.open` file; the last run completes with every
page archived once.

A full disk is imitated with RLIMIT_FSIZE (`ulimit -f`; SIGXFSZ ignored, so writes fail with
EFBIG as they would with ENOSPC): the crawl stops with exit 5 and a message saying what to do.
"""

from __future__ import annotations

import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import redirect_stdout, suppress
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from warcio.checker import Checker

from archive.warc.reader import (
    StoredRecord,
    UnreadableRecord,
    iter_records_tolerant,
    read_record_at,
)
from archive.warc.recovery import complete_length
from crawler.site_server import serve_site
from tests.conftest import LOCAL_CRAWL, free_port
from tests.loopback_only import guarded_command, guarded_env, run_morgue_loopback_only
from tests.scheduled_site import config, slug, write_site

pytestmark = pytest.mark.integration

KILLS = 25
EXTRA_WRITE_KILLS = 40  # at most, until one kill has struck in the middle of a record
ARTICLES = 240
STRATEGIES = ("warc-write", "catalogue-commit", "rotation", "moment", "recovery")


def write_heavy_site(
    root: Path, articles: int, blob: int, big_every: int = 0, big_blob: int = 0
) -> None:
    """The scheduled-crawl test site, each article carrying `blob` bytes of script that do
    not compress but stay out of the text; every `big_every`-th one `big_blob` bytes, so
    writing its WARC record takes long enough to be killed in the middle of it."""
    write_site(root, articles)
    rng = random.Random(8)
    for n in range(articles):
        page = root / "news" / f"{slug(n)}.html"
        size = big_blob if big_every and n % big_every == big_every - 1 else blob
        data = rng.randbytes(size * 3 // 4).hex()[:size]
        page.write_text(
            page.read_text().replace("</head>", f"<script>var d='{data}';</script></head>")
        )


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchall()


def responses(path: Path) -> list[StoredRecord]:
    """The whole response records of a WARC file."""
    with path.open("rb") as handle:
        return [
            r
            for r in iter_records_tolerant(handle)
            if isinstance(r, StoredRecord) and r.record_type == "response"
        ]


def warcio_check(paths: list[Path]) -> str:
    """What `warcio check` says about the files ("" when they pass)."""
    out = io.StringIO()
    with redirect_stdout(out):
        failed = Checker(SimpleNamespace(inputs=[str(p) for p in paths], verbose=False))
        code = failed.process_all()
    return out.getvalue() if code else ""


@dataclass(frozen=True)
class KillPoint:
    """Where a kill left the archive."""

    strategy: str
    closed_files: int
    open_bytes: int
    partial_bytes: int  # bytes of a half-written record at the end of the `.open` file
    captures: int


class Archive:
    """The work folder of the crawls, and the checks that must hold after any kill."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.warc_dir = work / "warc"
        self.db = work / "morgue.db"
        self.closed: dict[str, tuple[int, int]] = {}  # name -> (size, mtime) when first seen
        self._counted: dict[Path, int] = {}

    def closed_files(self) -> list[Path]:
        return sorted(self.warc_dir.glob("*.warc.gz")) if self.warc_dir.is_dir() else []

    def open_files(self) -> list[Path]:
        return sorted(self.warc_dir.glob("*.warc.gz.open")) if self.warc_dir.is_dir() else []

    def warc_bytes(self, growing: list[Path] | None = None) -> int:
        """Bytes in the WARC folder; with `growing`, its size at the last full count plus the
        growth of those files since (much quicker to poll)."""
        if not self.warc_dir.is_dir():
            return 0
        if growing is None:
            self._counted = {p: p.stat().st_size for p in self.warc_dir.iterdir()}
            return sum(self._counted.values())
        base = sum(self._counted.values())
        return base + sum(p.stat().st_size - self._counted.get(p, 0) for p in growing)

    def captures(self) -> int:
        if not self.db.exists():
            return 0
        try:
            return int(rows(self.db, "SELECT count(*) FROM captures")[0][0])  # type: ignore[call-overload]
        except sqlite3.Error:
            return 0

    def check(self, strategy: str) -> KillPoint:
        """Every invariant a kill must leave intact; returns where the kill struck."""
        new = []
        for path in self.closed_files():
            stat = path.stat()
            if path.name in self.closed:  # finished files are never touched again
                assert self.closed[path.name] == (stat.st_size, stat.st_mtime_ns), path.name
            else:
                self.closed[path.name] = (stat.st_size, stat.st_mtime_ns)
                new.append(path)
        assert warcio_check(new) == ""
        partial = open_bytes = 0
        limits = {p.name: p.stat().st_size for p in self.closed_files()}
        for path in self.open_files():
            whole = complete_length(path)
            size = path.stat().st_size
            open_bytes += size
            partial += size - whole
            with path.open("rb") as handle:
                readable = list(iter_records_tolerant(handle))
            good = [r for r in readable if not isinstance(r, UnreadableRecord)]
            assert sum(r.length for r in good if r.offset < whole) == whole
            if whole:  # else killed as it was created, before its warcinfo was whole
                assert good[0].record_type == "warcinfo"
                prefix = self.work / "open-prefix.warc.gz"
                prefix.write_bytes(path.read_bytes()[:whole])
                assert warcio_check([prefix]) == "", path.name
            limits[path.name.removesuffix(".open")] = whole
        captures = self.check_catalogue(limits)
        return KillPoint(
            strategy, len(limits) - len(self.open_files()), open_bytes, partial, captures
        )

    def check_catalogue(self, limits: dict[str, int]) -> int:
        """No row points at a missing or partial record; returns the number of captures."""
        if not self.db.exists():
            return 0
        assert rows(self.db, "PRAGMA integrity_check") == [("ok",)]
        located = rows(
            self.db,
            "SELECT warc_filename, warc_offset, warc_length, warc_record_id FROM captures "
            "WHERE warc_filename IS NOT NULL",
        )
        for name, offset, length, record_id in located:
            assert isinstance(name, str)
            assert isinstance(offset, int)
            assert isinstance(length, int)
            assert name in limits, f"{name} is missing"
            assert offset + length <= limits[name], f"{name} row points past its last record"
            path = self.warc_dir / name
            path = path if path.exists() else path.with_name(name + ".open")
            with path.open("rb") as handle:
                assert read_record_at(handle, offset).warc_header("WARC-Record-ID") == record_id
        return len(located)


def wait_then_kill(
    victim: subprocess.Popen[bytes], archive: Archive, strategy: str, rng: random.Random
) -> None:
    """SIGKILL the crawl when `strategy`'s moment comes (or when it ends by itself)."""
    trigger = _trigger(archive, strategy, rng, victim.pid)
    deadline = time.monotonic() + 60
    pause = 0.0 if strategy == "warc-write" else 0.0005  # catch a record half on disk
    while victim.poll() is None and time.monotonic() < deadline and not trigger():
        time.sleep(pause)
    if victim.poll() is None:
        os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    with suppress(ProcessLookupError):  # stray children of the killed crawl: ours to end
        os.killpg(victim.pid, signal.SIGKILL)


def _trigger(archive: Archive, strategy: str, rng: random.Random, pid: int) -> Callable[[], bool]:
    """When to kill: `warc-write` once the WARC files grew by a random amount (often in the
    middle of a large record); `catalogue-commit` right after a random number of commits;
    `rotation` as soon as this run finished a WARC file; `recovery` as soon as the start-up
    finished one a killed run left open; `moment` at a random time after writing began."""
    closed_before = len(archive.closed_files())
    bytes_before = archive.warc_bytes()
    wal = archive.work / "morgue.db-wal"
    mine = f"-{pid}.warc.gz"
    if strategy == "moment":
        delay = rng.uniform(0.0, 2.0)
        began: list[float] = []

        def moment() -> bool:
            if not began and any(p.name.endswith(mine + ".open") for p in archive.open_files()):
                began.append(time.monotonic())
            return bool(began) and time.monotonic() - began[0] > delay

        return _ignoring_races(moment)
    if strategy == "rotation":
        return lambda: any(p.name.endswith(mine) for p in archive.closed_files())
    if strategy == "recovery":
        return lambda: len(archive.closed_files()) > closed_before
    if strategy == "warc-write":
        grow = rng.randrange(5_000, 120_000)
        watched: list[Path] = []

        def grown() -> bool:
            # Listing the folder is slow next to a record's write: stat the .open file alone.
            if watched and watched[0].exists():
                return archive.warc_bytes(watched) > bytes_before + grow
            watched[:] = archive.open_files()[-1:]
            return archive.warc_bytes() > bytes_before + grow

        return _ignoring_races(grown)
    commits = rng.randrange(1, 5)  # the crawl commits about once a second
    seen: list[int] = []

    def committed() -> bool:
        stamp = wal.stat().st_mtime_ns
        if not seen or seen[-1] != stamp:
            seen.append(stamp)
        return len(seen) > commits

    return _ignoring_races(committed)


def _ignoring_races(check: Callable[[], bool]) -> Callable[[], bool]:
    def safe() -> bool:
        try:
            return check()
        except FileNotFoundError:  # renamed or not yet created between listing and stat
            return False

    return safe


@pytest.fixture
def heavy_site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    write_heavy_site(root, articles=ARTICLES, blob=10_000, big_every=8, big_blob=1_500_000)
    port = free_port()
    (tmp_path / "sites.toml").write_text(config(f"http://127.0.0.1:{port}", '"7d"'))
    with serve_site(root, port, delay=0.02):
        yield f"http://127.0.0.1:{port}"


CRAWL = [
    "crawl", "--config", "sites.toml", *LOCAL_CRAWL,
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
    "-s", "MORGUE_EXTRACT_WORKERS=0",
    "-s", "MORGUE_WARC_MAX_SIZE=120000",
]  # fmt: skip


@pytest.mark.slow
def test_killed_at_twenty_points_it_loses_nothing_and_corrupts_nothing(
    tmp_path: Path, heavy_site: str
) -> None:
    archive = Archive(tmp_path)
    rng = random.Random(20)
    points: list[KillPoint] = []

    def kill_once(kill: int, strategy: str) -> None:
        left_open = set(archive.open_files())
        victim = subprocess.Popen(
            guarded_command(tmp_path / "net.log", *CRAWL),
            cwd=tmp_path,
            env=guarded_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_then_kill(victim, archive, strategy, rng)
        assert victim.returncode == -signal.SIGKILL, f"kill {kill}: the crawl ended by itself"
        point = archive.check(strategy)
        points.append(point)
        if point.captures > (points[-2].captures if len(points) > 1 else 0):
            # The run got as far as crawling, so it finished the files the last one left open.
            assert not left_open & set(archive.open_files()), f"kill {kill}"

    for kill in range(KILLS):
        kill_once(kill, STRATEGIES[kill % len(STRATEGIES)])
    # A kill leaves half a record only if it lands during a write() (~0.1 ms for the large
    # records); a loaded machine can keep the poller off the CPU through all of them. So kill
    # mid-write again until one lands there: the test waits for that, not for a lucky moment.
    for kill in range(KILLS, KILLS + EXTRA_WRITE_KILLS):
        if any(p.partial_bytes for p in points):
            break
        kill_once(kill, "warc-write")

    print("\n".join(map(str, points)))  # where the kills struck (pytest -s shows it)
    distinct = {(p.closed_files, p.open_bytes, p.captures) for p in points}
    assert len(distinct) >= 20, "\n".join(map(str, points))
    assert any(p.partial_bytes for p in points), "no kill struck in the middle of a record"
    assert len({p.closed_files for p in points}) > 5, "rotations were not reached"

    final = run_morgue_loopback_only(*CRAWL, cwd=tmp_path, netlog=tmp_path / "net.log")
    assert final.returncode == 0, final.stderr[-3000:]
    assert not archive.open_files()
    archive.check("final")
    db = tmp_path / "morgue.db"
    assert rows(db, "SELECT count(*) FROM articles") == [(ARTICLES,)]
    assert (
        rows(
            db,
            "SELECT url FROM captures WHERE url LIKE '%/news/%' AND record_type = 'response' "
            "GROUP BY url HAVING count(*) > 1",
        )
        == []
    )  # nothing the catalogue had was fetched again
    archived = [r for path in archive.closed_files() for r in responses(path)]
    urls = [u for r in archived if "/news/" in (u := r.warc_header("WARC-Target-URI") or "")]
    assert len(urls) == len(set(urls)) == ARTICLES  # nor was anything the WARC files had
    catalogued = {i for (i,) in rows(db, "SELECT warc_record_id FROM captures")}
    assert {r.warc_header("WARC-Record-ID") for r in archived} <= catalogued
    statuses = [s for (s,) in rows(db, "SELECT status FROM crawl_runs ORDER BY id")]
    assert statuses[-1] == "ok"
    assert set(statuses[:-1]) == {"interrupted"}
    assert not (tmp_path / "net.log").exists()


# -- a full disk ----------------------------------------------------------------------------


# One WARC file that outgrows the catalogue's WAL; or small rotated ones that the WAL outgrows.
ONE_WARC_CRAWL = [*CRAWL, "-s", "MORGUE_WARC_MAX_SIZE=1000000000"]


def crawl_with_file_size_limit(
    work: Path, kilobytes: int, crawl: list[str]
) -> subprocess.CompletedProcess[str]:
    """`morgue crawl` where no file may grow past `kilobytes` (writes beyond fail with EFBIG)."""
    limited = f"ulimit -f {kilobytes}; trap '' XFSZ; exec \"$@\""
    return subprocess.run(
        ["bash", "-c", limited, "bash", *guarded_command(work / "net.log", *crawl)],
        cwd=work,
        env=guarded_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def small_site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    write_heavy_site(root, articles=40, blob=200_000)
    port = free_port()
    (tmp_path / "sites.toml").write_text(config(f"http://127.0.0.1:{port}", '"7d"'))
    with serve_site(root, port):
        yield f"http://127.0.0.1:{port}"


@pytest.mark.parametrize(
    ("kilobytes", "crawl", "says"),
    [
        (1500, ONE_WARC_CRAWL, "could not write WARC record to"),
        # Opening a new catalogue (all migrations, through the WAL) takes ~500 kB; the 40
        # articles need more than the rest: the limit strikes at a commit, mid-crawl or the
        # run's last (writes are committed about once a second), and the next run catalogues
        # from the WARC files what that commit lost.
        (800, CRAWL, "could not write to the catalogue morgue.db"),
    ],
    ids=["warc", "catalogue"],
)
def test_a_full_disk_stops_the_crawl_with_exit_5_and_no_corruption(
    tmp_path: Path, small_site: str, kilobytes: int, crawl: list[str], says: str
) -> None:
    result = crawl_with_file_size_limit(tmp_path, kilobytes, crawl)
    assert result.returncode == 5, result.stderr[-3000:]
    assert f"morgue: storage error: {says}" in result.stderr
    assert "run again" in result.stderr
    assert "Traceback" not in result.stderr
    archive = Archive(tmp_path)
    if crawl is ONE_WARC_CRAWL:
        assert not archive.open_files()  # cut back to its last whole record and finished
    archive.check("disk full")
    runs = rows(tmp_path / "morgue.db", "SELECT status, exit_code FROM crawl_runs")
    # A catalogue that can't write may not take the run's end either: the next run marks it
    # interrupted. (Under RLIMIT_FSIZE the catalogue now also reports "disk I/O error" in the
    # WARC case, before the WARC file reaches the limit; not yet understood, see the note.)
    assert runs in ([("storage_error", 5)], [("running", None)])

    again = run_morgue_loopback_only(*CRAWL, cwd=tmp_path, netlog=tmp_path / "net.log")
    assert again.returncode == 0, again.stderr[-3000:]
    archive.check("after")
    assert not archive.open_files()
    assert rows(tmp_path / "morgue.db", "SELECT count(*) FROM articles") == [(40,)]
    assert rows(tmp_path / "morgue.db", "SELECT status FROM crawl_runs WHERE id = 2") == [("ok",)]


FULL_DISK_WRITER = """
import resource, signal, sys
from pathlib import Path
from archive.errors import StorageError
from archive.records import HttpExchange
from archive.warc.files import RotatingWarcFiles
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
files = RotatingWarcFiles(Path(sys.argv[1]), warcinfo={"software": "t"})
for n in range(1000):
    body = bytes(range(256)) * 100
    try:
        files.write_exchange(HttpExchange(f"http://127.0.0.1/{n}.html", "GET", (), b"",
                                          "HTTP/1.1", 200, "OK", (), body))
    except StorageError as exc:
        print(n, exc)
        break
"""


def test_a_failed_warc_write_leaves_a_finished_file_of_whole_records(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_WRITER, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    written, message = result.stdout.split(" ", 1)
    assert "File too large" in message
    assert "Free space in" in message
    (finished,) = tmp_path.glob("*.warc.gz")
    assert not list(tmp_path.glob("*.open"))
    assert warcio_check([finished]) == ""
    with finished.open("rb") as handle:
        kinds = [r.record_type for r in iter_records_tolerant(handle)]  # type: ignore[union-attr]
    assert kinds == ["warcinfo"] + ["response", "request"] * int(written)
