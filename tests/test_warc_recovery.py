"""A WARC file left `.open` by a killed run is finished at the next start, losing nothing whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from archive.warc.reader import iter_records
from archive.warc.recovery import recover_open_files

KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from archive.records import HttpExchange
from archive.warc.files import RotatingWarcFiles
files = RotatingWarcFiles(Path(sys.argv[1]), host=sys.argv[2], warcinfo={"software": "t"})
for n in range(3):
    body = f"<p>page {n}</p>".encode() * 50
    files.write_exchange(HttpExchange(f"http://127.0.0.1/{n}.html", "GET", (), b"", "HTTP/1.1",
                                      200, "OK", (("Content-Type", "text/html"),), body))
os.kill(os.getpid(), signal.SIGKILL)
"""


def killed_run(directory: Path, host: str = "box") -> Path:
    """A real writer process killed with SIGKILL after three exchanges."""
    result = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(directory), host], check=False
    )
    assert result.returncode == -9
    (open_path,) = directory.glob("*.warc.gz.open")
    return open_path


@pytest.mark.integration
def test_half_written_last_record_is_cut_and_the_file_finished(tmp_path: Path) -> None:
    """Tried: a killed writer whose last record stopped 100 bytes into its gzip member."""
    open_path = killed_run(tmp_path)
    whole = open_path.stat().st_size
    with open_path.open("ab") as handle:
        handle.write(b"\x1f\x8b\x08\x00" + b"\x00" * 96)
    (finished,) = recover_open_files(tmp_path, host="box", alive=lambda pid: False)
    assert not open_path.exists()
    assert finished.name == open_path.name.removesuffix(".open")
    assert finished.stat().st_size == whole
    with finished.open("rb") as handle:
        kinds = [r.record_type for r in iter_records(handle)]
    assert kinds == ["warcinfo"] + ["response", "request"] * 3
    warcio = Path(sys.executable).parent / "warcio"
    assert subprocess.run([str(warcio), "check", str(finished)], check=False).returncode == 0


@pytest.mark.integration
def test_files_of_live_writers_and_other_machines_are_left_alone(tmp_path: Path) -> None:
    mine = killed_run(tmp_path / "a", host="box")
    theirs = killed_run(tmp_path / "b", host="otherbox")
    assert recover_open_files(tmp_path / "a", host="box", alive=lambda pid: True) == []
    assert recover_open_files(tmp_path / "b", host="box", alive=lambda pid: False) == []
    assert mine.exists()
    assert theirs.exists()
