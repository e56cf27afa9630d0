"""The SQLite catalogue: schema, migrations, versions, authors, captions and search."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from archive.catalogue import Catalogue, RunTotals, open_database
from archive.catalogue.schema import MIGRATIONS
from archive.errors import StorageError
from archive.records import Article, Caption, Capture

CONTRACT_COLUMNS = {
    "captures": {
        "id", "url", "fetched_at", "status", "content_type", "record_type", "warc_filename",
        "warc_offset", "warc_length", "warc_record_id", "payload_digest", "refers_to",
        "capture_status", "run_id", "site",
    },
    "articles": {
        "id", "url", "site", "title", "byline", "date_published", "date_modified", "body",
        "language", "section", "description", "extractor", "first_seen", "last_seen",
        "latest_version_id",
    },
    "article_versions": {
        "id", "article_id", "capture_id", "version", "title", "byline", "body",
        "date_published", "date_modified", "changed_fields", "body_diff", "extractor",
    },
    "authors": {"id", "name"},
    "article_authors": {"article_id", "author_id", "position", "role"},
    "captions": {
        "id", "article_id", "version_id", "position", "image_url", "text", "credit", "alt",
    },
    "crawl_runs": {
        "id", "started_at", "finished_at", "status", "exit_code", "pages_fetched", "pages_new",
        "pages_changed", "pages_failed", "warc_files",
    },
}  # fmt: skip


def article(**changes: object) -> Article:
    base = Article(
        url="http://news.test/a/1.html",
        title="Harbour reopens",
        byline="By Ana Ruiz and Tom Lee",
        authors=("Ana Ruiz", "Tom Lee"),
        date_published="2026-11-01",
        date_modified=None,
        body="First paragraph.\n\nSecond paragraph.",
        captions=(Caption(0, "http://news.test/i/1.jpg", "The harbour at dawn", "Yonhap", None),),
        language="en",
        canonical_url="http://news.test/a/1.html",
        site_name="News Test",
        description=None,
        section="Local",
        tags=("harbour",),
        extractor="morgue/0.1 trafilatura/2.3.1",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def capture(url: str = "http://news.test/a/1.html", offset: int = 0) -> Capture:
    return Capture(
        url=url,
        fetched_at="2026-11-29T08:00:00.000001Z",
        status=200,
        content_type="text/html",
        record_type="response",
        warc_filename="morgue-x.warc.gz",
        warc_offset=offset,
        warc_length=100,
        warc_record_id=f"<urn:uuid:{offset}>",
        payload_digest="sha1:ABC",
    )


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    return Catalogue(open_database(tmp_path / "m.db"))


def test_schema_has_the_contract_tables_and_columns(catalogue: Catalogue) -> None:
    for table, columns in CONTRACT_COLUMNS.items():
        assert columns <= set(catalogue.db[table].columns_dict), table


def test_database_uses_wal_and_foreign_keys(catalogue: Catalogue) -> None:
    assert catalogue.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert catalogue.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_apply_once_and_reopening_changes_nothing(tmp_path: Path) -> None:
    open_database(tmp_path / "m.db").close()
    db = open_database(tmp_path / "m.db")
    applied = [m.name for m in MIGRATIONS.applied(db)]
    assert applied == [
        "0001_initial",
        "0002_revalidation_and_discovery",
        "0003_pending_captures",
        "0004_scale_out",
        "0005_workers_lost",
        "0006_browse_indexes",
        "0007_discovery_cut",
        "0008_requisites",
        "0009_lead_image",
        "0010_author_lookup",
        "0011_version_bodies",
        "0012_reclaim_space",
        "0013_version_captions",
        "0014_fts_update_only_on_change",
    ]
    assert MIGRATIONS.pending(db) == []


def test_a_file_that_is_not_sqlite_is_a_storage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="cannot open the catalogue"):
        open_database(bad)


def test_new_article_gets_version_one_with_authors_and_captions(catalogue: Catalogue) -> None:
    capture_id = catalogue.add_capture(capture(), None)
    stored = catalogue.store_article(capture_id, article(), "2026-11-29T08:00:01Z")
    assert stored.is_new
    assert stored.version_id is not None
    db = catalogue.db
    row = db.table("articles").get(stored.article_id)
    assert row["title"] == "Harbour reopens"
    assert row["latest_version_id"] == stored.version_id
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM authors JOIN article_authors ON author_id = authors.id "
            "ORDER BY position"
        )
    ]
    assert names == ["Ana Ruiz", "Tom Lee"]
    captions = list(db.table("captions").rows)
    assert [(c["text"], c["credit"], c["version_id"]) for c in captions] == [
        ("The harbour at dawn", "Yonhap", stored.version_id)
    ]


def test_unchanged_recapture_adds_no_version(catalogue: Catalogue) -> None:
    first = catalogue.add_capture(capture(offset=0), None)
    second = catalogue.add_capture(capture(offset=500), None)
    catalogue.store_article(first, article(), "2026-11-29T08:00:01Z")
    again = catalogue.store_article(second, article(), "2026-11-29T09:00:01Z")
    assert again.version_id is None
    assert not again.is_new
    assert catalogue.db["article_versions"].count == 1
    assert catalogue.db.table("articles").get(again.article_id)["last_seen"] == (
        "2026-11-29T09:00:01Z"
    )


def test_changed_body_adds_a_version_with_changed_fields_and_diff(catalogue: Catalogue) -> None:
    first = catalogue.add_capture(capture(offset=0), None)
    second = catalogue.add_capture(capture(offset=500), None)
    catalogue.store_article(first, article(), "t1")
    changed = article(
        body="First paragraph.\n\nSecond paragraph, corrected.", authors=("Ana Ruiz",)
    )
    stored = catalogue.store_article(second, changed, "t2")
    assert stored.version_id is not None
    assert stored.changed_fields == ("authors", "body")
    version = next(catalogue.db["article_versions"].rows_where("id = ?", [stored.version_id]))
    assert version["version"] == 2
    assert json.loads(version["changed_fields"]) == ["authors", "body"]
    assert "+Second paragraph, corrected." in version["body_diff"]
    assert catalogue.db.table("article_authors").count == 1


def test_full_text_search_finds_articles_and_captions(catalogue: Catalogue) -> None:
    capture_id = catalogue.add_capture(capture(), None)
    catalogue.store_article(capture_id, article(), "t1")
    found = list(catalogue.db.table("articles").search("paragraph"))
    assert [r["title"] for r in found] == ["Harbour reopens"]
    assert [r["credit"] for r in catalogue.db.table("captions").search("Yonhap")] == ["Yonhap"]
    assert list(catalogue.db.table("articles").search("Ruiz"))  # byline is indexed


def test_runs_record_outcome_counts_and_warc_files(catalogue: Catalogue) -> None:
    run_id = catalogue.start_run("2026-11-29T08:00:00Z", "morgue crawl x", "host", 1)
    catalogue.finish_run(
        run_id, "2026-11-29T08:01:00Z", "ok", 0, RunTotals(3, 2, 1, 0), ["a.warc.gz"]
    )
    row = catalogue.db.table("crawl_runs").get(run_id)
    assert (row["status"], row["exit_code"], row["pages_fetched"], row["pages_new"]) == (
        "ok", 0, 3, 2,
    )  # fmt: skip
    assert json.loads(row["warc_files"]) == ["a.warc.gz"]


def test_capture_of_a_missing_run_is_refused_by_foreign_keys(catalogue: Catalogue) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        catalogue.add_capture(capture(), run_id=999)


def test_whitespace_and_a_bumped_update_time_make_no_new_version(catalogue: Catalogue) -> None:
    first = catalogue.add_capture(capture(offset=0), None)
    second = catalogue.add_capture(capture(offset=500), None)
    catalogue.store_article(first, article(), "t1")
    reflowed = article(
        body="First   paragraph.\n\n Second\nparagraph.", date_modified="2026-11-02T10:00:00+00:00"
    )
    stored = catalogue.store_article(second, reflowed, "t2")
    assert stored.version_id is None
    assert catalogue.db["article_versions"].count == 1
    row = catalogue.db.table("articles").get(stored.article_id)
    assert (row["date_modified"], row["last_seen"]) == ("2026-11-02T10:00:00+00:00", "t2")


def test_a_paywalled_recapture_never_replaces_the_good_version(catalogue: Catalogue) -> None:
    from archive.pages.outcome import PageOutcome, PageStatus

    first = catalogue.add_capture(capture(offset=0), None)
    second = catalogue.add_capture(capture(offset=500), None)
    catalogue.store_page(first, "http://news.test/a/1.html", "t1", PageOutcome(
        PageStatus("ok", None), article=article()))  # fmt: skip
    teaser = article(body="First paragraph.")
    paywall = PageOutcome(PageStatus("paywall", "subscribe prompt"), article=teaser)
    stored = catalogue.store_page(second, "http://news.test/a/1.html", "t2", paywall)
    assert stored is not None
    assert stored.version_id is None
    assert catalogue.db["article_versions"].count == 1
    assert catalogue.db.table("articles").get(stored.article_id)["body"] == article().body
    status = catalogue.db.table("captures").get(second)
    assert (status["capture_status"], status["status_evidence"], status["article_id"]) == (
        "paywall", "subscribe prompt", stored.article_id,
    )  # fmt: skip


def test_every_migration_leaves_the_full_text_triggers_in_place(catalogue: Catalogue) -> None:
    """A migration that adds a foreign key rebuilds its table and drops its triggers."""
    triggers = {
        r[0] for r in catalogue.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    for table in ("articles", "captions", "authors"):
        assert {f"{table}_ai", f"{table}_ad", f"{table}_au"} <= triggers
