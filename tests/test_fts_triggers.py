"""The full-text indexes follow their tables' text, and only their text: noting when an
unchanged article was last seen, or that its photo was captured, re-indexes nothing."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from archive.catalogue import Catalogue, open_database
from archive.catalogue.schema import FTS_COLUMNS
from archive.records import Article, Caption, Capture

PHOTO = "http://news.test/i/1.jpg"


def article(**changes: object) -> Article:
    base = Article(
        url="http://news.test/a/1.html",
        title="Harbour reopens",
        byline="By Ana Ruiz",
        authors=("Ana Ruiz",),
        date_published="2026-11-01",
        date_modified=None,
        body="The ferry pier opened at dawn.\n\nFishermen cheered.",
        captions=(Caption(0, PHOTO, "The pier at dawn", "Yonhap", None),),
        language="en",
        canonical_url="http://news.test/a/1.html",
        site_name="News Test",
        description=None,
        section="Local",
        tags=(),
        extractor="morgue",
        image_url=PHOTO,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def capture(offset: int, url: str = "http://news.test/a/1.html", **changes: object) -> Capture:
    base = Capture(
        url=url,
        fetched_at=f"2026-11-29T08:00:{offset % 60:02d}Z",
        status=200,
        content_type="text/html",
        record_type="response",
        warc_filename="morgue-x.warc.gz",
        warc_offset=offset,
        warc_length=100,
        warc_record_id=f"<urn:uuid:{offset}>",
        payload_digest=f"sha1:{offset}",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def catalogue(tmp_path: Path) -> Iterator[Catalogue]:
    catalogue = Catalogue(open_database(tmp_path / "m.db"))
    yield catalogue
    catalogue.close()


@contextmanager
def index_writes(catalogue: Catalogue) -> Iterator[list[str]]:
    """The statements SQLite runs on the full-text tables meanwhile (triggers included)."""
    seen: list[str] = []
    catalogue.db.conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        catalogue.db.conn.set_trace_callback(None)
        seen[:] = [s for s in seen if "_fts" in s]


def search(catalogue: Catalogue, table: str, words: str) -> list[int]:
    query = f"SELECT rowid FROM [{table}_fts] WHERE [{table}_fts] MATCH ? ORDER BY rowid"
    return [row[0] for row in catalogue.db.execute(query, [words])]


def assert_indexes_sound(catalogue: Catalogue) -> None:
    for table in FTS_COLUMNS:
        fts = f"{table}_fts"
        catalogue.db.execute(f"INSERT INTO [{fts}] ([{fts}], rank) VALUES ('integrity-check', 1)")


def test_an_unchanged_recapture_reindexes_nothing(catalogue: Catalogue) -> None:
    stored = catalogue.store_article(catalogue.add_capture(capture(0), None), article(), "t1")
    with index_writes(catalogue) as writes:
        again = catalogue.store_article(catalogue.add_capture(capture(1), None), article(), "t2")
    assert again.version_id is None
    assert catalogue.db.table("articles").get(stored.article_id)["last_seen"] == "t2"
    assert writes == []
    assert search(catalogue, "articles", "ferry") == [stored.article_id]
    assert_indexes_sound(catalogue)


def test_capturing_the_photo_later_reindexes_nothing(catalogue: Catalogue) -> None:
    stored = catalogue.store_article(catalogue.add_capture(capture(0), None), article(), "t1")
    with index_writes(catalogue) as writes:
        photo = catalogue.add_capture(capture(1, PHOTO, content_type="image/jpeg"), None)
    row = catalogue.db.table("articles").get(stored.article_id)
    assert row["image_capture_id"] == photo
    assert [c["image_capture_id"] for c in catalogue.db["captions"].rows] == [photo]
    assert writes == []
    assert search(catalogue, "captions", "yonhap") == [1]
    assert_indexes_sound(catalogue)


def test_a_changed_text_is_found_by_its_new_words_only(catalogue: Catalogue) -> None:
    first = catalogue.store_article(catalogue.add_capture(capture(0), None), article(), "t1")
    corrected = article(
        title="Harbour reopens late",
        body="The ferry pier opened at noon.\n\nFishermen waited.",
        captions=(Caption(0, PHOTO, "The pier at noon", "Reuters", None),),
    )
    with index_writes(catalogue) as writes:
        catalogue.store_article(catalogue.add_capture(capture(1), None), corrected, "t2")
    assert writes
    assert search(catalogue, "articles", "noon") == [first.article_id]
    assert search(catalogue, "articles", "late") == [first.article_id]
    assert search(catalogue, "articles", "dawn") == []
    assert search(catalogue, "captions", "reuters") != []
    assert search(catalogue, "captions", "yonhap") == []
    assert_indexes_sound(catalogue)


def test_each_indexed_column_and_the_row_id_still_reach_the_index(catalogue: Catalogue) -> None:
    db = catalogue.db
    db.execute("INSERT INTO articles (id, url, title, body, byline) VALUES (1, 'u', 'a', 'b', 'c')")
    db.execute("INSERT INTO captions (id, text, credit) VALUES (1, 'd', 'e')")
    db.execute("INSERT INTO authors (id, name) VALUES (1, 'Fatima Okafor')")
    for table, column, word in [
        ("articles", "title", "tide"), ("articles", "body", "gale"), ("articles", "byline", "hale"),
        ("captions", "text", "dune"), ("captions", "credit", "kyodo"), ("authors", "name", "Obi"),
    ]:  # fmt: skip
        db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE id = 1", [word])
        assert search(catalogue, table, word) == [1], (table, column)
    for table in FTS_COLUMNS:
        db.execute(f"UPDATE [{table}] SET id = 7 WHERE id = 1")
    assert search(catalogue, "articles", "tide") == [7]
    assert search(catalogue, "captions", "kyodo") == [7]
    assert search(catalogue, "authors", "Obi") == [7]
    assert_indexes_sound(catalogue)


def test_a_catalogue_with_the_old_triggers_gets_the_new_ones(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    open_database(path).close()
    with sqlite3.connect(path) as conn:  # as sqlite-utils wrote them: any update re-indexes
        conn.execute("DROP TRIGGER articles_au")
        conn.execute(
            "CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN "
            "INSERT INTO articles_fts (articles_fts, rowid, title, body, byline) "
            "VALUES ('delete', old.rowid, old.title, old.body, old.byline); "
            "INSERT INTO articles_fts (rowid, title, body, byline) "
            "VALUES (new.rowid, new.title, new.body, new.byline); END"
        )
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0014_fts_update_only_on_change'")
    catalogue = Catalogue(open_database(path))
    sql = catalogue.db.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'articles_au'"
    ).fetchone()[0]
    assert "UPDATE OF" in sql
    assert "WHEN" in sql
    stored = catalogue.store_article(catalogue.add_capture(capture(0), None), article(), "t1")
    with index_writes(catalogue) as writes:
        catalogue.store_article(catalogue.add_capture(capture(1), None), article(), "t2")
    assert writes == []
    assert search(catalogue, "articles", "ferry") == [stored.article_id]
    catalogue.close()
