"""The architecture's import rules: the core stays free of Scrapy, Twisted and the CLI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[1]


def test_importing_archive_pulls_in_no_scrapy_or_twisted() -> None:
    code = (
        "import sys, archive, archive.catalogue, archive.warc_reader, archive.warc_files\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'scrapy', 'twisted'})\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == ""


def imported_packages(package: str) -> set[str]:
    found: set[str] = set()
    for path in (REPO / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def test_imports_point_downwards_only() -> None:
    assert not imported_packages("archive") & {"crawler", "pipelines", "scrapy", "twisted", "click"}
    assert "crawler" not in imported_packages("pipelines")
    assert "pipelines" not in imported_packages("crawler")
