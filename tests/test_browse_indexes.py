"""Every default sort, facet and saved query of `morgue serve` reads an index, never a whole
table: checked on SQLite's query plans, so it holds at a million articles without timing them."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from datasette.utils import escape_fts

from archive.catalogue import open_database
from crawler.datasette.metadata import TABLES
from crawler.datasette.queries import CANNED_QUERIES, LISTED_ROWS
from crawler.datasette.search import RANKED_MATCHES

# A plan step that reads a whole table or index; not a full-text lookup, nor a walk along an
# index in the order asked for (which stops at the rows wanted).
WHOLE_TABLE = re.compile(r"^SCAN (?!\w+ VIRTUAL TABLE)(?!\w+ USING INDEX)")
SORTS_ALL_ROWS = "TEMP B-TREE FOR ORDER BY"
# Saved queries that go through every row on purpose: over crawl runs, a small table.
SMALL_TABLE_QUERIES = {"runs_with_failures"}
# Saved queries that sort what they found (the matches only), not the table.
SORT_MATCHES = {
    "articles_by_author",
    "captions_by_credit",
    "failed_captures_by_run",
    "search_articles",
    "search_captions",
}


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path: Path = tmp_path_factory.mktemp("plans") / "cat.db"
    open_database(path).close()
    connection = sqlite3.connect(path)
    connection.create_function("escape_fts", 1, escape_fts)
    return connection


def _plan(conn: sqlite3.Connection, sql: str, params: dict[str, str] | None = None) -> list[str]:
    return [row[3] for row in conn.execute("explain query plan " + sql, params or {})]


def _whole_table_steps(plan: list[str]) -> list[str]:
    return [s for s in plan if WHOLE_TABLE.search(s)]


@pytest.mark.parametrize("table", sorted(t for t, m in TABLES.items() if "sort_desc" in m))
def test_default_sort_reads_an_index(conn: sqlite3.Connection, table: str) -> None:
    column = TABLES[table]["sort_desc"]
    plan = _plan(conn, f"select * from [{table}] order by [{column}] desc, rowid desc limit 51")
    assert SORTS_ALL_ROWS not in " ".join(plan), plan


@pytest.mark.parametrize(
    ("table", "facet"),
    sorted(
        (table, facet)
        for table, meta in TABLES.items()
        for facet in meta.get("facets", [])
        if isinstance(facet, str)
    ),
)
def test_facet_counts_read_a_covering_index(
    conn: sqlite3.Connection, table: str, facet: str
) -> None:
    plan = _plan(
        conn,
        f"select [{facet}] as value, count(*) from (select * from [{table}]) "
        f"where [{facet}] is not null group by [{facet}] order by count(*) desc limit 6",
    )
    assert any("COVERING INDEX" in step for step in plan), plan


def test_date_facet_reads_an_expression_index(conn: sqlite3.Connection) -> None:
    plan = _plan(
        conn,
        "select date(date_published) as value, count(*) from (select * from articles) "
        "where date(date_published) is not null group by date(date_published)",
    )
    assert any("idx_articles_date" in step for step in plan), plan


@pytest.mark.parametrize("name", sorted(set(CANNED_QUERIES) - SMALL_TABLE_QUERIES))
def test_saved_query_reads_indexes(conn: sqlite3.Connection, name: str) -> None:
    sql = CANNED_QUERIES[name]["sql"]
    params = {p: "1" for p in re.findall(r":(\w+)", sql)}
    plan = _plan(conn, sql, params)
    assert not _whole_table_steps(plan), plan
    assert name in SORT_MATCHES or SORTS_ALL_ROWS not in " ".join(plan), plan
    if name == "latest_articles":
        assert any("idx_articles_published" in step for step in plan), plan
    if name == "articles_by_author":  # FTS5's plan for LIKE on its first column: "L0"
        assert any(step.startswith("SCAN authors_fts VIRTUAL TABLE INDEX 0:L0") for step in plan)


@pytest.fixture
def many_matches(tmp_path: Path) -> sqlite3.Connection:
    """RANKED_MATCHES + 200 articles holding "harbour", the oldest ones the most often; each
    with a caption credited to "Harbour Agency"."""
    path = tmp_path / "cat.db"
    open_database(path).close()
    connection = sqlite3.connect(path)
    connection.create_function("escape_fts", 1, escape_fts)
    total = RANKED_MATCHES + 200
    with connection:
        for article in range(1, total + 1):
            body = " ".join(["harbour"] * (20 if article <= 100 else 1) + ["news"] * 30)
            connection.execute(
                "insert into articles (id, url, title, body, date_published) "
                "values (?, ?, ?, ?, ?)",
                [article, f"https://news.example/{article}", f"Story {article}", body,
                 f"2024-01-{1 + article % 28:02d}"],
            )  # fmt: skip
            connection.execute(
                "insert into captions (id, article_id, position, text, credit) "
                "values (?, ?, 0, 'Boats', 'Harbour Agency')",
                [article, article],
            )
    return connection


def _saved(conn: sqlite3.Connection, name: str, **params: str) -> list[sqlite3.Row]:
    conn.row_factory = sqlite3.Row
    return conn.execute(CANNED_QUERIES[name]["sql"], params).fetchall()


def test_saved_searches_rank_the_newest_matches_of_a_common_word(
    many_matches: sqlite3.Connection,
) -> None:
    # The 100 oldest articles match best, but are older than the RANKED_MATCHES archived last.
    found = [row["article_id"] for row in _saved(many_matches, "search_articles", q="harbour")]
    assert len(found) == 100
    assert min(found) > 200, found
    captions = _saved(many_matches, "search_captions", q="harbour")
    assert len(captions) == 100
    assert min(row["article_id"] for row in captions) > 200


def test_saved_search_ranks_every_match_of_a_rarer_word(
    many_matches: sqlite3.Connection,
) -> None:
    with many_matches:
        many_matches.execute("update articles set body = body || ' lighthouse' where id <= 150")
        many_matches.execute(
            "update articles set body = body || ' lighthouse lighthouse lighthouse' where id = 3"
        )
    found = [row["article_id"] for row in _saved(many_matches, "search_articles", q="lighthouse")]
    assert len(found) == 100
    assert found[0] == 3


def test_captions_by_credit_are_the_newest_archived_newest_published_first(
    many_matches: sqlite3.Connection,
) -> None:
    rows = _saved(many_matches, "captions_by_credit", credit="Harbour Agency")
    assert len(rows) == LISTED_ROWS
    assert min(row["article_id"] for row in rows) == RANKED_MATCHES + 200 - LISTED_ROWS + 1
    dates = [row["date_published"] for row in rows]
    assert dates == sorted(dates, reverse=True)


def test_articles_by_author_finds_part_of_a_name(tmp_path: Path) -> None:
    path = tmp_path / "cat.db"
    db = open_database(path)
    db.table("authors").insert_all([{"id": 1, "name": "Lee Min-hyung"}, {"id": 2, "name": "Kleen"}])
    for article, author in ((1, 1), (2, 2), (3, 1)):
        db.table("articles").insert({"id": article, "url": f"https://n.example/{article}"})
        db.table("article_authors").insert({"article_id": article, "author_id": author})
    db.close()
    conn = sqlite3.connect(path)
    assert [r["article_id"] for r in _saved(conn, "articles_by_author", author="min-hy")] == [3, 1]
    assert len(_saved(conn, "articles_by_author", author="lee")) == 3
    assert (
        len(_saved(conn, "articles_by_author", author="K")) == 1
    )  # under 3 characters: read whole
