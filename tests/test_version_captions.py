"""Captions stored once: the latest version's are the rows of `captions`, an older version keeps
its own JSON, and `article_versions` shows each version's captions as the store always wrote
them; catalogues made before convert."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from archive.catalogue import Catalogue, open_database
from archive.catalogue.schema import MIGRATIONS, VERSIONS_VIEW_0011
from archive.records import Caption
from tests.test_catalogue import article, capture

FIRST_NEW_MIGRATION = "0013_version_captions"


def written(captions: tuple[Caption, ...]) -> str:
    """The JSON a version row held for these captions before migration 0013."""
    return json.dumps([c.to_dict() for c in captions], ensure_ascii=False)


def shown(path: Path) -> list[dict[str, Any]]:
    """The versions' captions as a plain sqlite3 connection (no functions of ours) reads them."""
    with sqlite3.connect(path) as conn:
        query = "SELECT id, version, captions FROM article_versions ORDER BY id"
        return [{"id": i, "version": n, "captions": c} for i, n, c in conn.execute(query)]


def stored(db: Database) -> list[str | None]:
    return [row[0] for row in db.execute("SELECT captions FROM article_version_rows ORDER BY id")]


def store(catalogue: Catalogue, offset: int, captions: tuple[Caption, ...]) -> None:
    capture_id = catalogue.add_capture(capture(offset=offset), None)
    catalogue.store_article(capture_id, article(captions=captions), f"2026-11-{offset + 1:02d}")


FIRST = (
    Caption(0, "http://news.test/i/1.jpg", 'Ana "Mina" Ruiz\nat the café ☕ 🌊', "Yonhap", None),
    Caption(3, None, "Tab\there, back\\slash, bell\x07", None, "alt text"),
    Caption(1, "http://news.test/i/2.jpg", "Listed after the one at position 3", "AP", ""),
)
SECOND = (Caption(0, "http://news.test/i/1.jpg", "The harbour at dawn", "Reuters", None),)


def test_the_latest_version_keeps_no_copy_of_its_captions(tmp_path: Path) -> None:
    catalogue = Catalogue(open_database(tmp_path / "m.db"))
    store(catalogue, 0, FIRST)
    assert stored(catalogue.db) == [None]
    assert [v["captions"] for v in shown(tmp_path / "m.db")] == [written(FIRST)]


def test_a_superseded_version_keeps_its_captions_and_each_version_shows_its_own(
    tmp_path: Path,
) -> None:
    catalogue = Catalogue(open_database(tmp_path / "m.db"))
    store(catalogue, 0, FIRST)
    store(catalogue, 1, SECOND)
    store(catalogue, 2, ())
    assert stored(catalogue.db) == [written(FIRST), written(SECOND), None]
    assert [v["captions"] for v in shown(tmp_path / "m.db")] == [
        written(FIRST),
        written(SECOND),
        "[]",
    ]


def test_the_view_writes_every_character_as_the_store_did(tmp_path: Path) -> None:
    characters = "".join(chr(n) for n in range(0x110000) if not 0xD800 <= n <= 0xDFFF)
    captions = (Caption(0, characters[:5000], characters, characters[-5000:], characters[::7]),)
    catalogue = Catalogue(open_database(tmp_path / "m.db"))
    store(catalogue, 0, captions)
    assert stored(catalogue.db) == [None]
    assert shown(tmp_path / "m.db")[0]["captions"] == written(captions)


def _catalogue_before_0013(path: Path) -> None:
    """A catalogue as migration 0012 left it: every version with its captions as JSON."""
    catalogue = Catalogue(open_database(path))
    store(catalogue, 0, FIRST)
    store(catalogue, 1, SECOND)
    store(catalogue, 2, FIRST[:1])
    capture_id = catalogue.add_capture(capture("http://news.test/a/2.html", 3), None)
    other = article(url="http://news.test/a/2.html", canonical_url="http://news.test/a/2.html")
    catalogue.store_article(capture_id, other, "2026-11-04")
    catalogue.close()
    db = Database(path)
    # Back to 0012: the view without captions of its own, each row with the JSON it had.
    db.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [FIRST_NEW_MIGRATION])
    db.execute("DROP VIEW article_versions")
    db.execute(VERSIONS_VIEW_0011)
    for version_id, captions in enumerate([FIRST, SECOND, FIRST[:1], other.captions], start=1):
        # The last as another writer might have spelled it: the same captions, ASCII-escaped.
        text = (
            written(captions)
            if version_id < 4
            else json.dumps([c.to_dict() for c in captions], ensure_ascii=True, indent=1)
        )
        db.execute("UPDATE article_version_rows SET captions = ? WHERE id = ?", [text, version_id])
    db.close()


def test_migration_keeps_each_versions_captions_and_drops_the_latests_copy(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    _catalogue_before_0013(path)
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT * FROM article_versions ORDER BY id").fetchall()
    assert MIGRATIONS.pending(Database(path))[0].name == FIRST_NEW_MIGRATION
    db = open_database(path)
    assert MIGRATIONS.pending(db) == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT * FROM article_versions ORDER BY id").fetchall() == before
    # The latest of the first article matched the captions rows; the other's spelling did not.
    assert stored(db)[2] is None
    assert stored(db)[:2] == [written(FIRST), written(SECOND)]
    assert stored(db)[3] is not None
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
