"""Names that come from configurations, settings, catalogue rows or pages never make a path
outside the output folders."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.errors import WarcReadError
from archive.warc.files import safe_name_part, warc_filename
from archive.warc.reader import resolve_warc_path
from crawler.datasette.warc_access import warc_file_for
from tests.conftest import LOCAL_CRAWL
from tests.fault_server import serve_faults
from tests.fuzzing import FUZZ_SETTINGS
from tests.loopback_only import run_morgue_loopback_only

HOSTILE_NAMES = st.one_of(
    st.text(),
    st.sampled_from(
        ["..", ".", "../../etc/passwd", "/etc/passwd", "a/../../b", "..\\..\\x", "\x00", "~",
         "C:\\Windows", "con", "-rf", ".hidden", "a\nb", "名前", "\u202e", " ", ""]
    ),
)  # fmt: skip


@FUZZ_SETTINGS
@given(HOSTILE_NAMES)
def test_a_name_part_is_one_plain_file_name(text: str) -> None:
    part = safe_name_part(text)
    assert part
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in part)
    assert not part.startswith(".")
    assert safe_name_part(part) == part


@FUZZ_SETTINGS
@given(HOSTILE_NAMES, HOSTILE_NAMES, st.integers(0, 99_999), st.integers(0, 2**22))
def test_warc_file_names_stay_in_the_warc_folder(
    prefix: str, host: str, serial: int, pid: int
) -> None:
    name = warc_filename(prefix, datetime(2026, 11, 29, tzinfo=UTC), serial, host, pid)
    assert name == Path(name).name
    assert os.sep not in name
    assert "\x00" not in name
    assert not name.startswith(".")
    folder = Path("/srv/morgue/warc")
    assert (folder / name).resolve().parent == folder.resolve()


@FUZZ_SETTINGS
@given(HOSTILE_NAMES)
def test_catalogue_file_names_cannot_reach_outside_the_warc_folder(filename: str) -> None:
    folder = Path(__file__).parent / "fixtures"  # exists, holds no WARC file
    for resolve in (resolve_warc_path, warc_file_for):
        try:
            path = resolve(folder, filename)
        except WarcReadError:
            continue
        assert path.parent == folder


def test_a_real_file_outside_is_refused(tmp_path: Path) -> None:
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    (tmp_path / "secret.warc.gz").write_bytes(b"x")
    for name in ("../secret.warc.gz", str(tmp_path / "secret.warc.gz")):
        with pytest.raises(WarcReadError):
            resolve_warc_path(warc_dir, name)
        with pytest.raises(WarcReadError):
            warc_file_for(warc_dir, name)


@pytest.mark.integration
def test_a_crawl_with_hostile_names_writes_only_into_its_folders(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    before = set(tmp_path.parent.iterdir())
    with serve_faults(plain=True) as site:
        (work / "sites.toml").write_text(
            '[[site]]\nname = "../../../escaped-site"\n'
            f'start_urls = ["{site.url}/"]\n'
            'article_pattern = "/news/"\n'
        )
        result = run_morgue_loopback_only(
            "crawl", "--config", "sites.toml", *LOCAL_CRAWL,
            "-s", "MORGUE_WARC_PREFIX=../../escaped-prefix/x",
            cwd=work, netlog=work / "net.log",
        )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert set(tmp_path.parent.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["work"]
    written = {p.relative_to(work).parts[0] for p in work.rglob("*") if p.is_file()}
    assert written <= {"sites.toml", "morgue.db", "morgue.db-wal", "morgue.db-shm",
                       "morgue.db.lock", "warc", "logs"}  # fmt: skip
    (warc,) = (work / "warc").iterdir()
    assert warc.name.startswith("escaped-prefix_x-")
