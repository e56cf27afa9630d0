"""The database page counts visible tables within Datasette's time limit, never hidden ones."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from archive.catalogue import open_database
from crawler.datasette.app import build_datasette
from crawler.datasette.plugin import MorguePlugin, registered
from crawler.datasette.table_counts import COUNT_SQL, CatalogueDatabase


def _database_page(db: Path) -> dict[str, Any]:
    async def fetch() -> dict[str, Any]:
        with registered(MorguePlugin(db.stem, db.parent)):
            datasette = build_datasette(db)
            assert isinstance(datasette.get_database(db.stem), CatalogueDatabase)
            response = await datasette.client.get(f"/{db.stem}.json")
            assert response.status_code == 200, response.text
            found: dict[str, Any] = response.json()
            return found

    return asyncio.run(fetch())


def test_visible_tables_are_counted_hidden_ones_are_not(tmp_path: Path) -> None:
    path = tmp_path / "cat.db"
    db = open_database(path)
    db.table("articles").insert({"id": 1, "url": "https://news.example/1", "body": "Harbour."})
    db.close()
    tables = {t["name"]: t for t in _database_page(path)["tables"]}
    assert tables["articles"]["count"] == 1
    assert tables["captures"]["count"] == 0
    assert tables["articles_fts_data"]["hidden"]
    assert tables["articles_fts_data"]["count"] is None


def test_counts_are_a_loop_the_time_limit_can_stop(tmp_path: Path) -> None:
    # SQLite answers a plain `count(*)` of a table in one step no progress handler interrupts.
    conn = open_database(tmp_path / "cat.db").conn
    plan = [row[1] for row in conn.execute("explain " + COUNT_SQL.format(table="articles"))]
    assert "Count" not in plan
    assert "Count" in [row[1] for row in conn.execute("explain select count(*) from articles")]
