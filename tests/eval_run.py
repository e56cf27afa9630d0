"""Score morgue's extraction on the public evaluation sets, beside plain trafilatura.

    python tests/eval_run.py                        # fundus, readability, trafilatura: a table
    python tests/eval_run.py --check                # ... exit 1 under a floor or on any page error
    python tests/eval_run.py --raise-floors         # ... and raise floors to what was reached
    python tests/eval_run.py --sets fundus --no-baseline --per-page /tmp/pages.jsonl
    python tests/eval_run.py --no-baseline --compare main~3   # pages won and lost since main~3

The scorer is `../shared/evaldata/score.py` (or $MORGUE_EVALDATA/score.py), loaded by path: it
is not part of morgue. Ours goes through `tests.eval_adapter.score_adapter`. Both
extractors run in this one process, one after the other on each set, so their pages/s compare.
Floors live in `tests/eval_floors.json`; `--raise-floors` only ever raises them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: `tests.*` helpers import from the checkout
    sys.path.insert(0, str(REPO))

from tests.evaldata import evaldata_dir, exit_unless_present  # noqa: E402

FLOORS = Path(__file__).with_name("eval_floors.json")
SETS = ("fundus", "readability", "trafilatura")
OURS = "morgue"
BASELINE = "trafilatura"
# Metric name -> path into the scorer's summary of a set.
METRICS: dict[str, tuple[str, ...]] = {
    "body_tok_f1": ("body", "tok_f1"),
    "snippets_f1": ("snippets", "f1"),
    "authors_exact": ("authors", "exact"),
    "authors_name_f1": ("authors", "name_f1"),
    "title_exact": ("title", "exact"),
    "date_same_day": ("date", "same_day"),
    "captions_f1": ("captions", "f1"),
    "credit_recall": ("captions", "credit_recall"),
    "pages_per_second": ("pages_per_second",),
}
# Quality metrics only: pages/s depends on the machine and its load, so it has no floor.
GATED = tuple(name for name in METRICS if name != "pages_per_second")
# A floor is set this far under the measured figure, rounded down to 3 decimals.
FLOOR_MARGIN = 0.002
# Pages whose error message is shown per set when extraction raised.
MAX_ERRORS_SHOWN = 5
Extractor = Callable[[bytes, "str | None"], dict[str, Any]]
Results = dict[str, dict[str, dict[str, Any]]]


def load_scorer(folder: Path | None = None) -> ModuleType:
    """Import score.py from the evaluation folder (it is stdlib-only and not a package)."""
    path = (folder or evaldata_dir()) / "score.py"
    spec = importlib.util.spec_from_file_location("morgue_eval_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def extractors(scorer: ModuleType, baseline: bool = True) -> dict[str, Extractor]:
    """Ours through the adapter, and plain trafilatura through the scorer's own baseline."""
    from tests.eval_adapter import score_adapter

    found: dict[str, Extractor] = {OURS: score_adapter}
    if baseline:
        found[BASELINE] = scorer.EXTRACTORS["trafilatura"]
    return found


def metric(summary: dict[str, Any], name: str) -> float | None:
    """One named figure from a set's summary, or None when the set does not annotate it."""
    value: Any = summary
    for key in METRICS[name]:
        if not isinstance(value, dict) or value.get(key) is None:
            return None
        value = value[key]
    return float(value)


def run(
    sets: Iterable[str],
    baseline: bool = True,
    limit: int | None = None,
    per_page: list[dict[str, Any]] | None = None,
    only: str | None = None,
) -> Results:
    """{set: {extractor: scorer summary}} for each set, ours and (optionally) the baseline."""
    scorer = load_scorer()
    results: Results = {}
    for name in sets:
        results[name] = {}
        for label, extractor in extractors(scorer, baseline).items():
            rows = per_page if label == OURS else None
            folder = evaldata_dir() / name
            results[name][label] = scorer.evaluate_set(folder, extractor, limit, rows, only)
    return results


def speed(name: str, rounds: int, extractors_by_label: dict[str, Extractor]) -> dict[str, float]:
    """Pages/s of each extractor on a set, timed page by page in turns.

    Each call is timed in CPU time of this process (file reading excluded), which other
    processes on a busy machine don't move as they move the wall clock. The extractors take
    turns on every page, the first one changing from page to page; the best of `rounds` passes
    is kept for each.
    """
    scorer = load_scorer()
    pages = [(html, truth.get("url")) for _, html, truth in scorer.iter_set(evaldata_dir() / name)]
    labels = list(extractors_by_label)
    for extractor in extractors_by_label.values():
        extractor(b"<html><body><p>warm up</p></body></html>", None)
    best = dict.fromkeys(labels, 0.0)
    for _ in range(rounds):
        spent = dict.fromkeys(labels, 0.0)
        for index, (html, url) in enumerate(pages):
            for label in labels[index % 2 :] + labels[: index % 2]:
                started = time.process_time()
                extractors_by_label[label](html, url)
                spent[label] += time.process_time() - started
        for label in labels:
            best[label] = max(best[label], len(pages) / spent[label])
    return best


def table(results: Results) -> str:
    """The figures as a plain-text table: one row per set and metric, one column per extractor."""
    labels = [OURS, BASELINE]
    lines = [f"{'set':<12} {'metric':<18} " + " ".join(f"{x:>12}" for x in labels)]
    for name, by_extractor in results.items():
        for key in METRICS:
            values = [metric(by_extractor[x], key) if x in by_extractor else None for x in labels]
            if values[0] is None:
                continue
            cells = " ".join(f"{v:>12.4f}" if v is not None else f"{'-':>12}" for v in values)
            lines.append(f"{name:<12} {key:<18} {cells}")
        counts = [by_extractor[x].get("errors") if x in by_extractor else None for x in labels]
        cells = " ".join(f"{c:>12d}" if c is not None else f"{'-':>12}" for c in counts)
        lines.append(f"{name:<12} {'errors':<18} {cells}")
        if BASELINE in by_extractor:
            ours = metric(by_extractor[OURS], "pages_per_second") or 0.0
            theirs = metric(by_extractor[BASELINE], "pages_per_second") or 1.0
            lines.append(f"{name:<12} {'speed ratio':<18} {ours / theirs:>12.2f}")
    return "\n".join(lines)


def read_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    """The floors file: {set: {metric: floor}} (keys starting with "_" are comments)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def below_floor(results: Results, floors: dict[str, dict[str, float]]) -> list[str]:
    """One message per figure under its floor, naming the metric and both numbers."""
    failures: list[str] = []
    for name, by_metric in floors.items():
        if name not in results:
            continue
        for key, floor in by_metric.items():
            value = metric(results[name][OURS], key)
            if value is None or value < floor:
                shown = "missing" if value is None else f"{value:.4f}"
                failures.append(f"{name} {key}: {shown} is below its floor {floor:.3f}")
    return failures


def page_errors(results: Results, rows: list[dict[str, Any]] | None = None) -> list[str]:
    """One message per set where extraction raised on some pages (zero are allowed), with the
    first errors from the per-page rows when given."""
    messages: list[str] = []
    for name, by_extractor in results.items():
        count = int(by_extractor[OURS].get("errors") or 0)
        if count:
            messages.append(f"{name}: extraction raised on {count} page(s)")
            raised = [r for r in rows or [] if r["set"] == name and "_error" in r["pred"]]
            messages += [f"  {r['id']}: {r['pred']['_error']}" for r in raised[:MAX_ERRORS_SHOWN]]
    return messages


def raised_floors(results: Results, floors: dict[str, dict[str, float]]) -> dict[str, Any]:
    """Floors raised to just under what was measured; a floor is never lowered."""
    raised: dict[str, Any] = {k: dict(v) for k, v in floors.items()}
    for name, by_extractor in results.items():
        for key in GATED:
            value = metric(by_extractor[OURS], key)
            if value is None:
                continue
            candidate = math.floor((value - FLOOR_MARGIN) * 1000) / 1000
            current = raised.setdefault(name, {}).get(key, 0.0)
            raised[name][key] = max(current, candidate)
    return raised


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS))
    parser.add_argument("--no-baseline", action="store_true", help="skip plain trafilatura")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--only", help="regex on page ids")
    parser.add_argument("--json", type=Path, help="write the summaries here")
    parser.add_argument("--per-page", type=Path, help="write our per-page scores here (JSONL)")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when under a floor or a page raised"
    )
    parser.add_argument("--speed-set", default="fundus", help="set for the speed comparison")
    parser.add_argument("--speed-rounds", type=int, default=3, help="0 skips the comparison")
    parser.add_argument("--raise-floors", action="store_true", help="raise floors, never lower")
    parser.add_argument(
        "--compare", metavar="REF", help="list the pages and publishers won and lost against REF"
    )
    args = parser.parse_args()
    exit_unless_present("eval")
    rows: list[dict[str, Any]] = []
    results = run(args.sets, not args.no_baseline, args.limit, rows, args.only)
    print(table(results))
    if args.speed_rounds and not args.no_baseline:
        rates = speed(args.speed_set, args.speed_rounds, extractors(load_scorer()))
        ratio = rates[OURS] / rates[BASELINE]
        print(
            f"speed on {args.speed_set}, page by page in turns, best of {args.speed_rounds}: "
            f"{OURS} {rates[OURS]:.1f} pages/s, {BASELINE} {rates[BASELINE]:.1f} pages/s, "
            f"ratio {ratio:.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=float) + "\n")
    if args.compare:
        from tests.eval_compare import compare_pages, page_urls, per_page_scores_at, report

        before = per_page_scores_at(args.compare, args.sets, args.limit, evaldata_dir())
        print(f"\ncompared with {args.compare}:")
        print(report(compare_pages(before, rows), page_urls(evaldata_dir(), args.sets)))
    if args.per_page:
        with args.per_page.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    floors = read_floors()
    if args.raise_floors and not (args.limit or args.only):
        comments = {k: v for k, v in json.loads(FLOORS.read_text()).items() if k.startswith("_")}
        updated = {**comments, **raised_floors(results, floors)}
        FLOORS.write_text(json.dumps(updated, indent=2, ensure_ascii=False) + "\n")
        floors = read_floors()
    failures = below_floor(results, floors)
    for failure in failures:
        print(f"BELOW FLOOR {failure}")
    errors = page_errors(results, rows)
    for error in errors:
        print(f"EXTRACTION ERROR {error}")
    if args.check and (failures or errors):
        sys.exit(1)


if __name__ == "__main__":
    main()
