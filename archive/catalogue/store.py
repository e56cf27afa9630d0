"""Writes captures, articles, versions, authors, captions and runs into the catalogue."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from archive.catalogue.versions import body_diff, changed_fields, content_hash, content_of
from archive.discovery.records import DiscoveryDocument
from archive.pages.outcome import PageOutcome
from archive.records import Article, Capture


@dataclass(frozen=True)
class StoredArticle:
    """What storing an extraction did: a new article, a new version, or nothing new."""

    article_id: int
    version_id: int | None
    is_new: bool
    changed_fields: tuple[str, ...]


@dataclass(frozen=True)
class RunTotals:
    """Counts a crawl run reports in `crawl_runs`."""

    pages_fetched: int = 0
    pages_new: int = 0
    pages_changed: int = 0
    pages_failed: int = 0


def site_of(url: str) -> str:
    """The site a URL belongs to, until site configs name them: its host."""
    return urlsplit(url).netloc.lower()


class Catalogue:
    """The SQLite catalogue seen as operations on morgue's records."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def start_run(self, started_at: str, command: str, hostname: str, pid: int) -> int:
        """A `crawl_runs` row for a run that has just begun.

        The caller holds the run lock, so a row still 'running' is from a killed run.
        """
        with self.db.atomic():
            self.db.execute("UPDATE crawl_runs SET status = 'interrupted' WHERE status = 'running'")
            return _insert(
                self.db,
                "crawl_runs",
                {
                    "started_at": started_at,
                    "status": "running",
                    "command": command,
                    "hostname": hostname,
                    "pid": pid,
                    "pages_fetched": 0,
                    "pages_new": 0,
                    "pages_changed": 0,
                    "pages_failed": 0,
                },
            )

    def finish_run(
        self,
        run_id: int,
        finished_at: str,
        status: str,
        exit_code: int,
        totals: RunTotals,
        warc_files: list[str],
    ) -> None:
        """Close a run's row with its outcome, counts and the WARC files it wrote."""
        with self.db.atomic():
            _update(
                self.db,
                "crawl_runs",
                run_id,
                {
                    "finished_at": finished_at,
                    "status": status,
                    "exit_code": exit_code,
                    "pages_fetched": totals.pages_fetched,
                    "pages_new": totals.pages_new,
                    "pages_changed": totals.pages_changed,
                    "pages_failed": totals.pages_failed,
                    "warc_files": json.dumps(warc_files),
                },
            )

    def add_capture(self, capture: Capture, run_id: int | None, pending: bool = False) -> int:
        """A `captures` row; captures are inserted in WARC record order.

        `pending` marks a page still to be processed (see `pending_captures`).
        """
        row = {
            "url": capture.url,
            "fetched_at": capture.fetched_at,
            "status": capture.status,
            "content_type": capture.content_type,
            "record_type": capture.record_type,
            "warc_filename": capture.warc_filename,
            "warc_offset": capture.warc_offset,
            "warc_length": capture.warc_length,
            "warc_record_id": capture.warc_record_id,
            "payload_digest": capture.payload_digest,
            "refers_to": capture.refers_to,
            "capture_status": capture.capture_status,
            "error": capture.error,
            "run_id": run_id,
            "site": capture.site or site_of(capture.url),
            "etag": capture.etag,
            "last_modified": capture.last_modified,
        }
        with self.db.atomic():
            capture_id = _insert(self.db, "captures", row)
            if pending:
                _insert(self.db, "pending_captures", {"capture_id": capture_id})
            return capture_id

    def pending_captures(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Captures archived but never processed (a killed run's), in capture order; only
        `run_id`'s when given."""
        where, params = ("WHERE captures.run_id = ?", [run_id]) if run_id is not None else ("", [])
        return list(
            self.db.query(
                "SELECT captures.* FROM pending_captures JOIN captures "
                f"ON captures.id = pending_captures.capture_id {where} ORDER BY captures.id",
                params,
            )
        )

    def capture_id_of(self, record_id: str) -> int | None:
        """The catalogue id of the capture of a WARC record, if it is catalogued."""
        row = self.db.execute(
            "SELECT id FROM captures WHERE warc_record_id = ? ORDER BY id LIMIT 1", [record_id]
        ).fetchone()
        return int(row[0]) if row else None

    def settle_pending(self, capture_id: int) -> None:
        """A capture that will never be processed as a page (its fetch failed after it was
        archived, or its body can't be decoded) stops waiting in `pending_captures`."""
        with self.db.atomic():
            self.db.execute("DELETE FROM pending_captures WHERE capture_id = ?", [capture_id])

    def mark_capture_failed(self, capture_id: int, reason: str) -> None:
        """Record why a capture that reached the archive gave no usable page."""
        with self.db.atomic():
            _update(self.db, "captures", capture_id, {"capture_status": "failed", "error": reason})

    def store_page(
        self, capture_id: int, url: str, fetched_at: str, outcome: PageOutcome
    ) -> StoredArticle | None:
        """Store what a page turned out to be; the one entry point for crawl and rebuild."""
        with self.db.atomic():
            self.db.execute("DELETE FROM pending_captures WHERE capture_id = ?", [capture_id])
            if outcome.status.status != "ok":
                _update(
                    self.db, "captures", capture_id,
                    {"capture_status": outcome.status.status,
                     "status_evidence": outcome.status.evidence},
                )  # fmt: skip
            if outcome.discovery is not None:
                self._add_discoveries(capture_id, outcome.discovery)
            if outcome.not_modified:
                self._note_not_modified(capture_id, url, fetched_at)
            if outcome.article is None:
                return None
            if not outcome.replaces_versions:
                existing = self._article_by_url(outcome.article.canonical_url or url)
                if existing is not None:  # a paywall or consent page never replaces content
                    self._link_capture(capture_id, int(existing["id"]))
                    return StoredArticle(int(existing["id"]), None, False, ())
            return self.store_article(capture_id, outcome.article, fetched_at)

    def store_article(
        self, capture_id: int, article: Article, seen_at: str, article_id: int | None = None
    ) -> StoredArticle:
        """Add or update the article from a capture; a new version only when content changed.

        The article is found by its canonical URL, or by `article_id` when re-extracting.
        """
        url = article.canonical_url or article.url
        if not url:
            raise ValueError("an article needs a URL to be catalogued")
        content = content_of(article)
        digest = content_hash(content)
        with self.db.atomic():
            if article_id is not None:
                existing = _first_row(self.db, "SELECT * FROM articles WHERE id = ?", [article_id])
                if existing is None:
                    raise LookupError(f"no article {article_id}")
            else:
                existing = self._article_by_url(url)
            if existing is None:
                article_id = self._insert_article(url, article, seen_at)
                self._link_capture(capture_id, article_id)
                version_id = self._insert_version(
                    article_id, 1, capture_id, article, digest, [], ""
                )
                self._replace_people_and_captions(article_id, version_id, article)
                self._set_latest(article_id, version_id, article)
                return StoredArticle(article_id, version_id, True, ())
            article_id = int(existing["id"])
            self._link_capture(capture_id, article_id)
            latest = self._latest_version(article_id)
            if latest is not None and latest["content_hash"] == digest:
                # Nothing that matters changed; a bumped "last updated" time is still noted.
                _update(
                    self.db, "articles", article_id,
                    {"last_seen": seen_at, "date_modified": article.date_modified},
                )  # fmt: skip
                return StoredArticle(article_id, None, False, ())
            old = _content_of_row(latest) if latest else {}
            changes = changed_fields(old, content)
            diff = body_diff(old.get("body", ""), article.body) if "body" in changes else ""
            number = int(latest["version"]) + 1 if latest else 1
            version_id = self._insert_version(
                article_id, number, capture_id, article, digest, changes, diff
            )
            self._replace_people_and_captions(article_id, version_id, article)
            self._set_latest(article_id, version_id, article)
            _update(self.db, "articles", article_id, {"last_seen": seen_at})
            return StoredArticle(article_id, version_id, False, tuple(changes))

    def _link_capture(self, capture_id: int, article_id: int) -> None:
        _update(self.db, "captures", capture_id, {"article_id": article_id})

    def _add_discoveries(self, capture_id: int, document: DiscoveryDocument) -> None:
        _insert_many(
            self.db, "discoveries",
            [{"url": link.url, "source_capture_id": capture_id, "source_kind": link.source_kind,
              "title": link.title, "published": link.published, "modified": link.modified,
              "language": link.language}
             for link in document.links],
        )  # fmt: skip

    def _note_not_modified(self, capture_id: int, url: str, seen_at: str) -> None:
        """A 304: the article last captured at this URL is still current."""
        row = next(
            self.db.query(
                "SELECT article_id FROM captures WHERE url = ? AND article_id IS NOT NULL "
                "ORDER BY id DESC LIMIT 1",
                [url],
            ),
            None,
        )
        if row is not None:
            self._link_capture(capture_id, row["article_id"])
            _update(self.db, "articles", row["article_id"], {"last_seen": seen_at})

    def _article_by_url(self, url: str) -> dict[str, Any] | None:
        return _first_row(self.db, "SELECT * FROM articles WHERE url = ? LIMIT 1", [url])

    def _latest_version(self, article_id: int) -> dict[str, Any] | None:
        return _first_row(
            self.db,
            "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version DESC LIMIT 1",
            [article_id],
        )

    def _insert_article(self, url: str, article: Article, seen_at: str) -> int:
        return _insert(
            self.db, "articles",
            {"url": url, "site": site_of(article.url or url), "first_seen": seen_at,
             "last_seen": seen_at},
        )  # fmt: skip

    def _insert_version(
        self,
        article_id: int,
        number: int,
        capture_id: int,
        article: Article,
        digest: str,
        changes: list[str],
        diff: str,
    ) -> int:
        return _insert(
            self.db,
            "article_versions",
            {
                "article_id": article_id,
                "capture_id": capture_id,
                "version": number,
                "title": article.title,
                "byline": article.byline,
                "authors": json.dumps(list(article.authors), ensure_ascii=False),
                "body": article.body,
                "date_published": article.date_published,
                "date_modified": article.date_modified,
                "changed_fields": json.dumps(changes),
                "body_diff": diff,
                "content_hash": digest,
                "extractor": article.extractor,
                "captions": json.dumps([c.to_dict() for c in article.captions], ensure_ascii=False),
            },
        )

    def _set_latest(self, article_id: int, version_id: int, article: Article) -> None:
        _update(
            self.db,
            "articles",
            article_id,
            {
                "title": article.title,
                "byline": article.byline,
                "date_published": article.date_published,
                "date_modified": article.date_modified,
                "body": article.body,
                "language": article.language,
                "section": article.section,
                "description": article.description,
                "canonical_url": article.canonical_url,
                "site_name": article.site_name,
                "tags": json.dumps(list(article.tags), ensure_ascii=False),
                "organisations": json.dumps(list(article.organisations), ensure_ascii=False),
                "extractor": article.extractor,
                "latest_version_id": version_id,
            },
        )

    def _replace_people_and_captions(
        self, article_id: int, version_id: int, article: Article
    ) -> None:
        self.db.execute("DELETE FROM article_authors WHERE article_id = ?", [article_id])
        for position, name in enumerate(article.authors):
            self.db.execute("INSERT OR IGNORE INTO authors (name) VALUES (?)", [name])
            found = self.db.execute("SELECT id FROM authors WHERE name = ?", [name]).fetchone()
            self.db.execute(
                "INSERT OR REPLACE INTO article_authors (article_id, author_id, position, role) "
                "VALUES (?, ?, ?, 'author')",
                [article_id, found[0], position],
            )
        self.db.execute("DELETE FROM captions WHERE article_id = ?", [article_id])
        _insert_many(
            self.db, "captions",
            [{"article_id": article_id, "version_id": version_id, "position": caption.position,
              "image_url": caption.image_url, "text": caption.text, "credit": caption.credit,
              "alt": caption.alt}
             for caption in article.captions],
        )  # fmt: skip


# Rows are written by plain SQL: sqlite-utils' insert/update/lookup read the table's schema on
# every call, which cost more than the writes themselves (4.5 ms a page on the hot path).
def _insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one row and return its rowid."""
    columns = ", ".join(f"[{column}]" for column in row)
    marks = ", ".join("?" * len(row))
    cursor = db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values()))
    if cursor.lastrowid is None:
        raise RuntimeError(f"no row was inserted into {table}")
    return int(cursor.lastrowid)


def _insert_many(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the same columns."""
    if not rows:
        return
    columns = ", ".join(f"[{column}]" for column in rows[0])
    marks = ", ".join("?" * len(rows[0]))
    db.conn.executemany(
        f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", [list(r.values()) for r in rows]
    )


def _update(db: Database, table: str, row_id: int, values: dict[str, Any]) -> None:
    """Set columns of the row with this id."""
    assignments = ", ".join(f"[{column}] = ?" for column in values)
    db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*values.values(), row_id])


def _first_row(db: Database, sql: str, params: list[Any]) -> dict[str, Any] | None:
    """The first row a query returns, as a dict, or None."""
    cursor = db.execute(sql, params)
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


def _content_of_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": row["title"],
        "byline": row["byline"],
        "authors": json.loads(row["authors"] or "[]"),
        "date_published": row["date_published"],
        "date_modified": row["date_modified"],
        "body": row["body"],
        "captions": json.loads(row.get("captions") or "[]"),
    }
