"""On a clone with nothing beside it (no ../shared/evaldata), what needs the evaluation sets
skips in one visible line and nothing fails: the gate tests, `make eval`, `make bench` and
`make bench-scale` (tried with MORGUE_EVALDATA pointing at an empty folder)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]
pytestmark = pytest.mark.integration


def without_evaldata(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "MORGUE_EVALDATA": str(tmp_path / "nothing-here")}


@pytest.mark.parametrize(
    ("script", "what"),
    [
        (["tests/eval_run.py", "--check"], "eval"),
        (["tests/benchmarks/run_bench.py"], "make bench"),
        (["tests/benchmarks/scale_bench.py"], "make bench-scale"),
    ],
)
def test_scripts_say_in_one_line_that_they_skip(
    tmp_path: Path, script: list[str], what: str
) -> None:
    result = subprocess.run(
        [sys.executable, *script], cwd=REPO, env=without_evaldata(tmp_path),
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{what}: skipped: ")
    assert "MORGUE_EVALDATA" in lines[0]


def test_the_tests_on_the_sets_skip_and_none_fails(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "tests/test_eval_gate.py", "tests/test_page_status.py", "tests/test_link_finder.py",
         "tests/test_extraction_seed.py"],
        cwd=REPO, env=without_evaldata(tmp_path), capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skipped
    assert all("shared evaluation sets are not at" in line for line in skipped)
    assert " failed" not in result.stdout
