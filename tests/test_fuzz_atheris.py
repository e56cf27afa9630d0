"""Short coverage-guided runs of `tests.fuzz_atheris` from seed inputs (atheris, if it installs:
`pip install atheris`; skipped otherwise). Longer runs are for CI or by hand."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzzing import seed_pages
from tests.loopback_only import REPO, guarded_env

pytest.importorskip("atheris", reason="atheris is not installed (pip install atheris)")

RUNS = {"extract": 60, "links": 3000, "warc": 1500, "decode": 1500, "patterns": 3000}
SCALE = 10 if os.environ.get("CI") else 1


def corpus(target: str, folder: Path) -> Path:
    from tests.test_fuzz_warc import WARC

    folder.mkdir()
    seeds = {
        "extract": seed_pages()[:6],
        "links": seed_pages(),
        "warc": [WARC, WARC[:2000]],
        "decode": [b"\x00" + gzip.compress(b"<p>hello</p>" * 50), b"\x02plain"],
        "patterns": pattern_seeds(),
    }[target]
    for n, seed in enumerate(seeds):
        (folder / f"seed-{n}").write_bytes(seed)
    return folder


def pattern_seeds() -> list[bytes]:
    """For each family (the first byte picks it), texts of its words: each word once, a run."""
    from tests.pattern_text import APPLIERS, SEPARATORS, VOCABULARY

    seeds = []
    for number, family in enumerate(sorted(APPLIERS)):
        words = VOCABULARY[family]
        glued = "".join(w + SEPARATORS[i % len(SEPARATORS)] for i, w in enumerate(words))
        seeds += [
            bytes([number]) + glued.encode(),
            bytes([number]) + (words[0] + " ").encode() * 30,
        ]
    return seeds


# Extraction and link finding import Scrapy and trafilatura (seconds per run): under CI only.
CI_ONLY = {"extract", "links"}


@pytest.mark.integration
@pytest.mark.parametrize("target", sorted(RUNS))
def test_a_short_coverage_guided_run_finds_no_crash(tmp_path: Path, target: str) -> None:
    if target in CI_ONLY and not os.environ.get("CI"):
        pytest.skip("runs under CI=true (slow to start); `python -m tests.fuzz_atheris` by hand")
    result = subprocess.run(
        [
            sys.executable, "-m", "tests.fuzz_atheris", target,
            f"-runs={RUNS[target] * SCALE}", "-seed=8", "-max_len=300000",
            "-timeout=20", "-rss_limit_mb=2048", f"-artifact_prefix={tmp_path}/",
            str(corpus(target, tmp_path / "corpus")),
        ],
        cwd=REPO,
        env=guarded_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )  # fmt: skip
    crashes = list(tmp_path.glob("crash-*")) + list(tmp_path.glob("timeout-*"))
    assert not crashes, result.stderr[-4000:]
    assert result.returncode == 0, result.stderr[-4000:]
