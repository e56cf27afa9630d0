"""`make eval COMPARE=REF`: per-page wins and losses, and the publishers they come from."""

from __future__ import annotations

from tests.eval_compare import compare_pages, publisher_of, report


def row(set_name: str, page: str, **scores: object) -> dict[str, object]:
    return {"set": set_name, "id": page, "scores": scores}


def test_a_page_whose_author_score_rises_is_a_win_and_one_that_falls_a_loss() -> None:
    before = [
        row("fundus", "de_Example_2024_01_02", authors=(0.0, 0.0, 0.0, 0.0), title=(1.0, 1.0)),
        row("fundus", "uk_Sample_2025_03_04", authors=(1.0, 1.0, 1.0, 1.0)),
    ]
    after = [
        row("fundus", "de_Example_2024_01_02", authors=(1.0, 1.0, 1.0, 1.0), title=(1.0, 1.0)),
        row("fundus", "uk_Sample_2025_03_04", authors=(0.0, 0.5, 0.5, 0.5)),
    ]
    changes = compare_pages(before, after)
    assert set(changes) == {("fundus", "authors")}
    assert [page for page, _, _ in changes[("fundus", "authors")].won] == ["de_Example_2024_01_02"]
    assert [page for page, _, _ in changes[("fundus", "authors")].lost] == ["uk_Sample_2025_03_04"]
    text = report(changes)
    assert "+1 pages (1 publishers) -1 pages (1 publishers)" in text
    assert "- uk_Sample_2025_03_04  1.000 -> 0.500" in text


def test_unchanged_scores_report_no_change() -> None:
    rows = [row("readability", "site-1", body_tok=(0.9, 0.9, 0.9), date=1.0)]
    assert report(compare_pages(rows, rows)) == "compare: no page's score changed on any field"


def test_publishers_are_read_off_the_page_ids() -> None:
    assert publisher_of("fundus", "de_Example_2024_11_05") == "de_Example"
    assert publisher_of("readability", "example-site-12") == "example-site"
    url = "https://www.news.example.de/2024/story.html"
    assert publisher_of("trafilatura", "0a24692a9ea846c1819bd6a5f92a8874", url) == "news.example.de"
