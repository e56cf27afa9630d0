"""The catalogue's tables, as sqlite-utils migrations: the one place that defines the schema.

Every other module reads and writes through these tables; a schema change is a new migration
appended to `MIGRATIONS`, never an edit of an applied one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from archive.catalogue.bodies import text_sha256
from archive.catalogue.version_captions import CAPTIONS_JSON_SQL
from archive.errors import StorageError

MIGRATIONS = Migrations("morgue")

ARTICLE_FTS_COLUMNS = ["title", "body", "byline"]
CAPTION_FTS_COLUMNS = ["text", "credit"]
AUTHOR_FTS_COLUMNS = ["name"]
# Each full-text index's columns, by the table it indexes.
FTS_COLUMNS = {
    "articles": ARTICLE_FTS_COLUMNS,
    "captions": CAPTION_FTS_COLUMNS,
    "authors": AUTHOR_FTS_COLUMNS,
}


@MIGRATIONS(name="0001_initial")
def _initial(db: Database) -> None:
    db.table("crawl_runs").create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "exit_code": int,
            "pages_fetched": int,
            "pages_new": int,
            "pages_changed": int,
            "pages_failed": int,
            "warc_files": str,
            "command": str,
            "hostname": str,
            "pid": int,
        },
        pk="id",
    )
    db.table("captures").create(
        {
            "id": int,
            "url": str,
            "fetched_at": str,
            "status": int,
            "content_type": str,
            "record_type": str,
            "warc_filename": str,
            "warc_offset": int,
            "warc_length": int,
            "warc_record_id": str,
            "payload_digest": str,
            "refers_to": str,
            "capture_status": str,
            "error": str,
            "run_id": int,
            "site": str,
        },
        pk="id",
        foreign_keys=[("run_id", "crawl_runs", "id")],
    )
    db.table("captures").create_index(["url", "fetched_at"])
    db.table("captures").create_index(["payload_digest"])
    db.table("captures").create_index(["warc_record_id"])
    db.table("articles").create(
        {
            "id": int,
            "url": str,
            "site": str,
            "title": str,
            "byline": str,
            "date_published": str,
            "date_modified": str,
            "body": str,
            "language": str,
            "section": str,
            "description": str,
            "canonical_url": str,
            "site_name": str,
            "tags": str,
            "organisations": str,
            "extractor": str,
            "first_seen": str,
            "last_seen": str,
            "latest_version_id": int,
        },
        pk="id",
        not_null=["url"],
    )
    db.table("articles").create_index(["url"], unique=True)
    db.table("articles").create_index(["date_published"])
    db.table("article_versions").create(
        {
            "id": int,
            "article_id": int,
            "capture_id": int,
            "version": int,
            "title": str,
            "byline": str,
            "authors": str,
            "body": str,
            "date_published": str,
            "date_modified": str,
            "captions": str,
            "changed_fields": str,
            "body_diff": str,
            "content_hash": str,
            "extractor": str,
            "captured_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("capture_id", "captures", "id")],
    )
    db.table("article_versions").create_index(["article_id", "version"], unique=True)
    db.table("authors").create({"id": int, "name": str}, pk="id", not_null=["name"])
    db.table("authors").create_index(["name"], unique=True)
    db.table("article_authors").create(
        {"article_id": int, "author_id": int, "position": int, "role": str},
        pk=("article_id", "author_id"),
        foreign_keys=[("article_id", "articles", "id"), ("author_id", "authors", "id")],
    )
    db.table("captions").create(
        {
            "id": int,
            "article_id": int,
            "version_id": int,
            "position": int,
            "image_url": str,
            "text": str,
            "credit": str,
            "alt": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("version_id", "article_versions", "id")],
    )
    db.table("captions").create_index(["credit"])
    db.table("articles").enable_fts(ARTICLE_FTS_COLUMNS, create_triggers=True)
    db.table("captions").enable_fts(CAPTION_FTS_COLUMNS, create_triggers=True)


def open_database(path: Path | str) -> Database:
    """Open (creating if needed) a catalogue: WAL, foreign keys on, migrations applied."""
    try:
        if isinstance(path, Path):
            path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(path)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 10000")
        if str(path) != ":memory:":
            db.enable_wal()
            # In WAL mode NORMAL keeps the database consistent through crashes (a power cut may
            # lose the last commits, never corrupt); FULL would fsync on every capture.
            db.execute("PRAGMA synchronous = NORMAL")
        MIGRATIONS.apply(db)
    except (sqlite3.DatabaseError, OSError) as exc:
        raise StorageError(
            f"cannot open the catalogue {path}: {exc}. Check the path is writable and is a "
            "morgue SQLite database."
        ) from exc
    return db


@MIGRATIONS(name="0002_revalidation_and_discovery")
def _revalidation_and_discovery(db: Database) -> None:
    captures = db.table("captures")
    captures.add_column("etag", str)
    captures.add_column("last_modified", str)
    captures.add_column("article_id", int, fk="articles", fk_col="id")
    captures.add_column("status_evidence", str)
    captures.create_index(["article_id"])
    db.table("discoveries").create(
        {
            "id": int,
            "url": str,
            "source_capture_id": int,
            "source_kind": str,
            "title": str,
            "published": str,
            "modified": str,
            "language": str,
        },
        pk="id",
        foreign_keys=[("source_capture_id", "captures", "id")],
    )
    db.table("discoveries").create_index(["url"])


@MIGRATIONS(name="0003_pending_captures")
def _pending_captures(db: Database) -> None:
    # Captures archived but not yet processed; a killed run leaves some, the next run catches up.
    db.table("pending_captures").create(
        {"capture_id": int}, pk="capture_id", foreign_keys=[("capture_id", "captures", "id")]
    )


@MIGRATIONS(name="0004_scale_out")
def _scale_out(db: Database) -> None:
    # A run that spans several crawl workers (scrapy-redis) is known by the token they share.
    runs = db.table("crawl_runs")
    runs.add_column("run_token", str)
    runs.add_column("workers", int)
    runs.add_column("finish_reasons", str)
    runs.create_index(["run_token"], unique=True)
    # Messages from workers already stored, so one delivered twice is stored once.
    db.table("ingested_messages").create(
        {"id": str, "kind": str, "run_id": int, "ingested_at": str},
        pk="id",
        foreign_keys=[("run_id", "crawl_runs", "id")],
    )


@MIGRATIONS(name="0005_workers_lost")
def _workers_lost(db: Database) -> None:
    # Scale-out workers of a run that stopped beating their heartbeat (killed, machine lost).
    db.table("crawl_runs").add_column("workers_lost", int, not_null_default=0)


# Columns Datasette's table pages sort or facet on, and the saved queries join or filter on: one
# index each, so a page over a million articles reads an index, never the whole table.
BROWSE_INDEXES = {
    "articles": [["site"], ["section"], ["language"], ["byline"]],
    "captures": [["site"], ["capture_status"], ["status"], ["content_type"],
                 ["run_id", "capture_status"], ["fetched_at"]],
    "captions": [["article_id"], ["version_id"]],
    "article_versions": [["capture_id"], ["changed_fields"]],
    "article_authors": [["author_id"], ["role"]],
    "discoveries": [["source_capture_id"], ["source_kind"], ["language"]],
    "crawl_runs": [["started_at"], ["status"], ["exit_code"]],
}  # fmt: skip
# Expressions the pages sort or facet on: "latest articles" (first seen when undated) and the
# date facet. SQLite uses an expression index only for the very same expression, and reads the
# table unless the index also holds the columns the expression names.
EXPRESSION_INDEXES = {
    "idx_articles_published": "articles (coalesce(date_published, first_seen) desc, id desc)",
    "idx_articles_date": "articles (date(date_published), date_published)",
    # Versions after the first, the few "articles changed since" looks through.
    "idx_article_versions_changes": "article_versions (capture_id) WHERE version > 1",
}


@MIGRATIONS(name="0006_browse_indexes")
def _browse_indexes(db: Database) -> None:
    for table, indexes in BROWSE_INDEXES.items():
        for columns in indexes:
            db.table(table).create_index(columns, if_not_exists=True)
    for name, target in EXPRESSION_INDEXES.items():
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    db.execute("ANALYZE")


@MIGRATIONS(name="0007_discovery_cut")
def _discovery_cut(db: Database) -> None:
    # Sitemaps and feeds a run's limits kept it from fetching, so a cut-off crawl shows as one.
    db.table("crawl_runs").add_column("discovery_cut", int)


@MIGRATIONS(name="0008_requisites")
def _requisites(db: Database) -> None:
    # A page's requisites (photos, stylesheets, …) are captures too: what each is and which
    # page's capture needed it; a caption points at the capture of its photo.
    captures = db.table("captures")
    captures.add_column("resource_type", str)
    captures.add_column("requisite_of", int, fk="captures", fk_col="id")
    captures.create_index(["requisite_of"])
    captions = db.table("captions")
    captions.add_column("image_capture_id", int, fk="captures", fk_col="id")
    captions.create_index(["image_url"])
    # Adding a foreign key rebuilds the table, which drops its full-text triggers: made again.
    captions.enable_fts(CAPTION_FTS_COLUMNS, create_triggers=True, replace=True)


@MIGRATIONS(name="0009_lead_image")
def _lead_image(db: Database) -> None:
    # The article's lead image (og:image, JSON-LD image) and the capture holding its bytes.
    articles = db.table("articles")
    articles.add_column("image_url", str)
    articles.add_column("image_capture_id", int, fk="captures", fk_col="id")
    articles.create_index(["image_url"])
    # Adding a foreign key rebuilds the table, which drops its full-text triggers: made again.
    articles.enable_fts(ARTICLE_FTS_COLUMNS, create_triggers=True, replace=True)


@MIGRATIONS(name="0010_author_lookup")
def _author_lookup(db: Database) -> None:
    # Authors found by part of a name ("Min-hy") through a trigram index, which answers
    # `LIKE '%…%'` on three characters or more without reading every name.
    db.table("authors").enable_fts(AUTHOR_FTS_COLUMNS, create_triggers=True, tokenize="trigram")


# What archivists read as `article_versions`: each version's columns, its body from `bodies`, or,
# while it is still the article's text, from `articles` (one copy of each distinct text).
# The body is a subquery, not a join: counts and facets over the view then read the version
# table's indexes alone (SQLite drops an unused LEFT JOIN only outside aggregate queries).
# As migration 0011 made it; 0013 replaced it with ARTICLE_VERSIONS_VIEW.
VERSIONS_VIEW_0011 = """CREATE VIEW article_versions AS
SELECT v.id, v.article_id, v.capture_id, v.version, v.title, v.byline, v.authors,
  CASE WHEN v.body_id IS NULL THEN (SELECT a.body FROM articles a WHERE a.id = v.article_id)
    ELSE (SELECT b.text FROM bodies b WHERE b.id = v.body_id) END AS body,
  v.date_published, v.date_modified, v.captions, v.changed_fields, v.body_diff, v.content_hash,
  v.extractor, v.captured_at
FROM article_version_rows v"""


@MIGRATIONS(name="0011_version_bodies")
def _version_bodies(db: Database) -> None:
    # A version's body was a second full copy of the article's (the text stored twice). Now a
    # version row holds no text while its body is the article's current one (body_id null), and
    # a superseded body once per distinct text in `bodies`, keyed by its SHA-256; the view
    # `article_versions` shows every version with its body as before.
    db.table("bodies").create(
        {"id": int, "sha256": str, "text": str}, pk="id", not_null=["sha256", "text"]
    )
    db.table("bodies").create_index(["sha256"], unique=True)
    # SQLite renames the foreign keys of captions.version_id along with the table.
    db.execute("ALTER TABLE article_versions RENAME TO article_version_rows")
    db.execute("ALTER TABLE article_version_rows ADD COLUMN body_id INTEGER REFERENCES bodies(id)")
    # Set-based, so a big catalogue's superseded texts are never all in memory at once.
    db.conn.create_function("morgue_sha256", 1, text_sha256, deterministic=True)
    superseded = (
        "FROM article_version_rows v WHERE v.body IS NOT NULL "
        "AND v.body IS NOT (SELECT a.body FROM articles a WHERE a.id = v.article_id)"
    )
    db.execute(
        "INSERT OR IGNORE INTO bodies (sha256, text) "
        f"SELECT morgue_sha256(v.body), v.body {superseded} ORDER BY v.id"
    )
    db.execute(
        "UPDATE article_version_rows AS v SET body_id = b.id FROM bodies b "
        f"WHERE b.sha256 = morgue_sha256(v.body) AND v.id IN (SELECT v.id {superseded})"
    )
    db.execute("ALTER TABLE article_version_rows DROP COLUMN body")
    db.execute(VERSIONS_VIEW_0011)
    # The planner's statistics still name the old table, and without any for the renamed one it
    # sorted every version for "newest first" instead of reading the rowid backwards.
    if db["sqlite_stat1"].exists():
        db.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'article_versions'")
    db.execute("ANALYZE article_version_rows")


# Free space worth a VACUUM after the conversion (the copies dropped from a real catalogue).
RECLAIM_AT_LEAST_BYTES = 1 << 20


@MIGRATIONS(name="0012_reclaim_space", transactional=False)
def _reclaim_space(db: Database) -> None:
    reclaim_free_space(db)


def reclaim_free_space(db: Database) -> None:
    """After a migration dropped stored copies: the free pages given back to the file system."""
    # VACUUM runs outside a transaction; each full-text index is first merged into one segment
    # ("optimize": some 5% smaller). A new or small catalogue has little to give back, and
    # rewriting it would only grow its WAL.
    free_pages = db.execute("PRAGMA freelist_count").fetchone()[0]
    if free_pages * db.execute("PRAGMA page_size").fetchone()[0] < RECLAIM_AT_LEAST_BYTES:
        return
    with db.atomic():
        for fts in ("articles_fts", "captions_fts"):
            db.execute(f"INSERT INTO [{fts}] ([{fts}]) VALUES ('optimize')")
    db.execute("VACUUM")


# The view as migration 0013 left it: a version's captions from its row, or, while it is the
# article's latest, from the rows of `captions` (see archive.catalogue.version_captions).
ARTICLE_VERSIONS_VIEW = VERSIONS_VIEW_0011.replace(
    " v.captions,",
    f" CASE WHEN v.captions IS NULL THEN {CAPTIONS_JSON_SQL} ELSE v.captions END AS captions,",
)


@MIGRATIONS(name="0013_version_captions", transactional=False)
def _version_captions(db: Database) -> None:
    # Every version kept its captions as JSON, the latest's a second copy of the `captions` rows.
    # A row keeps none where the view makes the very same text from those rows.
    with db.atomic():
        db.execute("DROP VIEW article_versions")
        db.execute(ARTICLE_VERSIONS_VIEW)
        db.execute(
            "UPDATE article_version_rows AS v SET captions = NULL "
            f"WHERE v.captions = {CAPTIONS_JSON_SQL}"
        )
    reclaim_free_space(db)


def fts_update_trigger(table: str, columns: list[str]) -> str:
    """The trigger that keeps `{table}_fts` in step with an update of `table` (whose rowid is
    its `id`), run only when the id or an indexed column changed value."""
    fts = f"{table}_fts"
    listed = ", ".join(f"[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    changed = " OR ".join(f"old.[{c}] IS NOT new.[{c}]" for c in ["id", *columns])
    return (
        f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF [id], {listed} ON [{table}] WHEN {changed} "
        "BEGIN\n"
        f"  INSERT INTO [{fts}] ([{fts}], rowid, {listed}) VALUES ('delete', old.rowid, {old});\n"
        f"  INSERT INTO [{fts}] (rowid, {listed}) VALUES (new.rowid, {new});\n"
        "END"
    )


@MIGRATIONS(name="0014_fts_update_only_on_change")
def _fts_update_only_on_change(db: Database) -> None:
    # sqlite-utils' update trigger re-indexed the row on any update: noting when an unchanged
    # article was last seen, or that its lead photo was captured, tokenised its whole body twice.
    for table, columns in FTS_COLUMNS.items():
        db.execute(f"DROP TRIGGER IF EXISTS [{table}_au]")
        db.execute(fts_update_trigger(table, columns))
