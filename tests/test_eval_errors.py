"""The evaluation counts the pages extraction raised on and `--check` fails on any."""

from __future__ import annotations

from tests.eval_run import page_errors, table


def _results(errors: int) -> dict[str, dict[str, dict[str, object]]]:
    return {"fundus": {"morgue": {"errors": errors, "title": {"exact": 0.9}}}}


def test_no_errors_no_messages() -> None:
    assert page_errors(_results(0)) == []


def test_errors_are_counted_and_the_first_shown() -> None:
    rows = [
        {"set": "fundus", "id": "de_Example_2026_01_01", "pred": {"_error": "ExtractionError: x"}},
        {"set": "fundus", "id": "de_Example_2026_01_02", "pred": {"title": "fine"}},
    ]
    assert page_errors(_results(1), rows) == [
        "fundus: extraction raised on 1 page(s)",
        "  de_Example_2026_01_01: ExtractionError: x",
    ]


def test_the_table_has_an_errors_row() -> None:
    assert "fundus       errors                        2" in table(_results(2))
