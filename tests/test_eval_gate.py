"""Quality gate: extraction on the fundus set stays at or above the floors in eval_floors.json.

The floors are never lowered silently: `make eval-floors` (tests/eval_run.py --raise-floors)
only raises them, and lowering one is a reviewed edit of the JSON file. This test scores the
fundus set (130 pages, seconds); `make eval` scores all three sets and checks them all.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import needs_evaldata
from tests.eval_run import FLOORS, GATED, METRICS, below_floor, read_floors, run

GATE_SETS = ("fundus",)
pytestmark = needs_evaldata


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, dict[str, Any]]]:
    return run(GATE_SETS, baseline=False)


def test_floors_file_is_well_formed() -> None:
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    floors = read_floors()
    assert set(GATE_SETS) <= set(floors)
    for name, by_metric in floors.items():
        assert by_metric, f"{name} has no floors"
        for key, floor in by_metric.items():
            assert key in GATED, f"{name}: unknown metric {key!r} (known: {sorted(METRICS)})"
            assert 0.0 < floor <= 1.0, f"{name} {key}: floor {floor} is not a share"
    assert all(k.startswith("_") or k in floors for k in data)


@pytest.mark.parametrize("name", GATE_SETS)
def test_no_metric_below_its_floor(
    name: str, results: dict[str, dict[str, dict[str, Any]]]
) -> None:
    failures = below_floor({name: results[name]}, {name: read_floors()[name]})
    assert not failures, "extraction quality fell below its floor:\n" + "\n".join(failures)


def test_no_page_crashes(results: dict[str, dict[str, dict[str, Any]]]) -> None:
    for name in GATE_SETS:
        assert results[name]["morgue"]["errors"] == 0
