"""Article bodies stored once: versions share the article's text or a row of `bodies`, and
`article_versions` (a view) still shows every version with its body; older catalogues convert."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from archive.catalogue import Catalogue, open_database
from archive.catalogue.schema import MIGRATIONS
from tests.test_catalogue import article, capture

FIRST_NEW_MIGRATION = "0011_version_bodies"


def rows(db: Database, sql: str) -> list[dict[str, Any]]:
    return [dict(row) for row in db.query(sql)]


def store(catalogue: Catalogue, offset: int, **changes: object) -> int:
    """Store a recapture of the test article with `changes`; returns its version id."""
    capture_id = catalogue.add_capture(capture(offset=offset), None)
    stored = catalogue.store_article(capture_id, article(**changes), f"2026-11-{offset + 1:02d}")
    assert stored.version_id is not None
    return stored.version_id


def test_a_version_keeps_no_copy_of_the_articles_current_body(tmp_path: Path) -> None:
    catalogue = Catalogue(open_database(tmp_path / "m.db"))
    store(catalogue, 0)
    db = catalogue.db
    assert "body" not in db["article_version_rows"].columns_dict
    assert rows(db, "select body_id from article_version_rows") == [{"body_id": None}]
    assert db["bodies"].count == 0
    assert rows(db, "select body from article_versions") == [{"body": article().body}]


def test_a_superseded_body_is_stored_once_for_the_versions_that_had_it(tmp_path: Path) -> None:
    catalogue = Catalogue(open_database(tmp_path / "m.db"))
    first = article().body
    store(catalogue, 0)
    store(catalogue, 1, title="Harbour reopens at last")  # same body, new title
    store(catalogue, 2, body="A new text.\n\nSecond paragraph.")
    store(catalogue, 3, body="Newest text.")
    db = catalogue.db
    shown = rows(db, "select version, title, body from article_versions order by version")
    assert [(r["version"], r["body"]) for r in shown] == [
        (1, first),
        (2, first),
        (3, "A new text.\n\nSecond paragraph."),
        (4, "Newest text."),
    ]
    assert [r["text"] for r in rows(db, "select text from bodies order by id")] == [
        first,
        "A new text.\n\nSecond paragraph.",
    ]
    assert rows(db, "select body from articles") == [{"body": "Newest text."}]


def test_a_body_going_back_to_an_earlier_text_shows_each_version_right(tmp_path: Path) -> None:
    catalogue = Catalogue(open_database(tmp_path / "m.db"))
    store(catalogue, 0)
    store(catalogue, 1, body="Corrected.")
    store(catalogue, 2)  # the correction withdrawn
    shown = rows(catalogue.db, "select body from article_versions order by version")
    assert [r["body"] for r in shown] == [article().body, "Corrected.", article().body]
    assert catalogue.db["bodies"].count == 2


def _old_catalogue(path: Path) -> Database:
    """A catalogue as migration 0009 left it: every version with its own copy of the body."""
    db = Database(path)
    MIGRATIONS.apply(db, stop_before=FIRST_NEW_MIGRATION)
    assert "body" in db["article_versions"].columns_dict
    for offset in range(4):
        db["captures"].insert(dataclasses.asdict(capture(offset=offset)) | {"id": offset + 1})
    texts = ["First text.", "First text.", "Second text.", "Only text."]
    titles = ["One", "One, retitled", "One, rewritten", "Two"]
    for number, (text, title) in enumerate(zip(texts, titles, strict=True), start=1):
        article_id = 1 if number <= 3 else 2
        db["article_versions"].insert(
            {
                "id": number, "article_id": article_id, "capture_id": number,
                "version": number if article_id == 1 else 1, "title": title, "body": text,
                "authors": "[]", "captions": "[]", "changed_fields": "[]", "body_diff": "",
                "content_hash": f"h{number}", "extractor": "x",
            }
        )  # fmt: skip
    for article_id, latest in ((1, 3), (2, 4)):
        db["articles"].insert(
            {
                "id": article_id, "url": f"http://news.test/{article_id}",
                "title": titles[latest - 1], "body": texts[latest - 1],
                "latest_version_id": latest,
            }
        )  # fmt: skip
    db["captions"].insert({"id": 1, "article_id": 1, "version_id": 3, "text": "A harbour"})
    db.execute("ANALYZE")  # as migration 0006 left real catalogues: with statistics
    return db


def test_migration_converts_an_old_catalogue_to_the_same_logical_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = _old_catalogue(path)
    before = {
        name: rows(old, f"select * from {name} order by id")
        for name in ("articles", "article_versions", "captions")
    }
    old.close()
    db = open_database(path)
    for name, shown in before.items():
        assert rows(db, f"select * from {name} order by id") == shown, name
    assert [r["text"] for r in rows(db, "select text from bodies")] == ["First text."]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    newest_first = "explain query plan select * from article_versions order by id desc limit 5"
    sorts = [row for row in db.execute(newest_first) if "TEMP B-TREE" in row[3]]
    assert [row for row in sorts if row[1] == 0] == []  # statistics renamed: no sort of them all
    assert (
        "article_version_rows"
        in db.execute("select sql from sqlite_master where name = 'captions'").fetchone()[0]
    )
    assert [r["id"] for r in db["articles"].search("Second")] == [1]  # full-text search intact
    catalogue = Catalogue(db)
    catalogue.store_article(
        catalogue.add_capture(capture(offset=9), None),
        article(url="http://news.test/2", canonical_url="http://news.test/2", body="Changed."),
        "2026-12-01",
    )
    versions = rows(db, "select article_id, body from article_versions order by id")
    assert versions[3:] == [
        {"article_id": 2, "body": "Only text."},
        {"article_id": 2, "body": "Changed."},
    ]
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_conversion_gives_the_dropped_copies_back(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before=FIRST_NEW_MIGRATION)
    text = "A long paragraph of the article. " * 60_000  # some 2 MB, stored twice
    db["articles"].insert({"id": 1, "url": "http://news.test/1", "body": text})
    db["article_versions"].insert({"id": 1, "article_id": 1, "version": 1, "body": text})
    db.close()
    before = path.stat().st_size
    migrated = open_database(path)
    assert migrated.execute("PRAGMA freelist_count").fetchone()[0] == 0
    migrated.close()
    assert path.stat().st_size < before - len(text) * 0.9
