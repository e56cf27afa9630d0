"""`make eval COMPARE=REF`: which pages and publishers a change wins and loses, per set.

A rule earns its place when it helps at least two publishers (or two sets) and hurts none; the
set-level figures hide that, the per-page scores show it. The other side is the same evaluation
run from a git worktree of REF, so any commit can be compared with the working tree.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
# Differences smaller than this are rounding, not a change.
EPSILON = 1e-9


def _f1(matched: float, predicted: float, gold: float) -> float:
    if not predicted or not gold:
        return float(predicted == gold)
    precision, recall = matched / predicted, matched / gold
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# A page's score on each field as one number, from the scorer's per-page row.
FIELD_SCORES: dict[str, Callable[[dict[str, Any]], float | None]] = {
    "title": lambda r: r["title"][0] if "title" in r else None,
    "authors": lambda r: r["authors"][3] if "authors" in r else None,
    "date": lambda r: float(r["date"]) if "date" in r else None,
    "body": lambda r: r["body_tok"][2] if "body_tok" in r else None,
    "snippets": lambda r: (
        (r["snip"][0] + r["snip"][3]) / max(1, sum(r["snip"])) if "snip" in r else None
    ),
    "captions": lambda r: _f1(*r["captions"][:3]) if "captions" in r else None,
    "credits": lambda r: (
        r["captions"][3] / r["captions"][4] if r.get("captions", [0] * 5)[4] else None
    ),
}


def publisher_of(set_name: str, page_id: str, url: str | None = None) -> str:
    """The publisher a page comes from: its URL's host, else read off its id
    (de_Example_2024_11_05 -> de_Example, example-site-3 -> example-site)."""
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or page_id
    if set_name == "fundus":
        return re.sub(r"_\d{4}_\d{2}_\d{2}$", "", page_id)
    return re.sub(r"-\d+$", "", page_id)


def page_urls(evaldata: Path, sets: Iterable[str]) -> dict[tuple[str, str], str]:
    """{(set, page id): the page's URL} from the ground-truth files, where they give one."""
    urls = {}
    for name in sets:
        for path in (evaldata / name).glob("*.json"):
            if path.name != "MANIFEST.json":
                url = json.loads(path.read_text(encoding="utf-8")).get("url")
                if url:
                    urls[(name, path.stem)] = url
    return urls


@dataclass
class FieldChange:
    """The pages of one set whose score on one field went up or down."""

    won: list[tuple[str, float, float]] = field(default_factory=list)
    lost: list[tuple[str, float, float]] = field(default_factory=list)


def compare_pages(
    before: Iterable[dict[str, Any]], after: Iterable[dict[str, Any]]
) -> dict[tuple[str, str], FieldChange]:
    """{(set, field): pages won and lost} between two per-page score files' rows."""
    old = {(row["set"], row["id"]): row["scores"] for row in before}
    changes: dict[tuple[str, str], FieldChange] = defaultdict(FieldChange)
    for row in after:
        key = (row["set"], row["id"])
        if key not in old:
            continue
        for name, score in FIELD_SCORES.items():
            was, now = score(old[key]), score(row["scores"])
            if was is None or now is None or abs(now - was) <= EPSILON:
                continue
            change = changes[(row["set"], name)]
            (change.won if now > was else change.lost).append((row["id"], was, now))
    return dict(changes)


def report(
    changes: dict[tuple[str, str], FieldChange], urls: dict[tuple[str, str], str] | None = None
) -> str:
    """Wins and losses as text: per set and field, the pages and the publishers they are from."""
    urls = urls or {}
    if not changes:
        return "compare: no page's score changed on any field"
    lines = []
    for (set_name, name), change in sorted(changes.items()):
        won = {publisher_of(set_name, p, urls.get((set_name, p))) for p, _, _ in change.won}
        lost = {publisher_of(set_name, p, urls.get((set_name, p))) for p, _, _ in change.lost}
        lines.append(
            f"{set_name:<12} {name:<9} +{len(change.won)} pages ({len(won)} publishers) "
            f"-{len(change.lost)} pages ({len(lost)} publishers)"
        )
        for sign, pages in (("+", change.won), ("-", change.lost)):
            for page, was, now in sorted(pages):
                lines.append(f"    {sign} {page}  {was:.3f} -> {now:.3f}")
    return "\n".join(lines)


def per_page_scores_at(
    ref: str, sets: list[str], limit: int | None, evaldata: Path
) -> list[dict[str, Any]]:
    """Per-page scores of the extraction at git `ref`, run from a worktree of it."""
    with tempfile.TemporaryDirectory(prefix="morgue-compare-") as scratch:
        tree = Path(scratch) / "tree"
        out = Path(scratch) / "pages.jsonl"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), ref],
            cwd=REPO, check=True, capture_output=True,
        )  # fmt: skip
        try:
            command = [sys.executable, "tests/eval_run.py", "--sets", *sets, "--no-baseline"]
            command += ["--per-page", str(out), *(["--limit", str(limit)] if limit else [])]
            environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            subprocess.run(
                command,
                cwd=tree,
                check=True,
                env={**environment, "PYTHONPATH": str(tree), "MORGUE_EVALDATA": str(evaldata)},
            )
            return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False
            )
