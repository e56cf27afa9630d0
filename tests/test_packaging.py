"""What an installed copy of morgue carries: the demo site as package data, the console script."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DEMO_SITE, REPO


@pytest.mark.integration
def test_wheel_ships_every_demo_site_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path), str(REPO)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("morgue-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt")))
    site_files = {
        "crawler/demo_site/" + p.relative_to(DEMO_SITE).as_posix()
        for p in DEMO_SITE.rglob("*")
        if p.is_file()
    }
    assert len(site_files) > 30
    assert site_files <= names
    templates = {f"crawler/datasette/templates/{name}.html" for name in ("table", "index")}
    assert templates <= names  # morgue serve's pages extend Datasette's
    assert b"morgue = crawler.cli:main" in entry_points
