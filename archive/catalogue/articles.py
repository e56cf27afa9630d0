"""Articles and what hangs off them: versions, authors, captions, discoveries, 304 notes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from archive.catalogue.bodies import keep_superseded_body
from archive.catalogue.captures import photo_capture_id, site_of
from archive.catalogue.sql import first_row, insert, insert_many, update
from archive.catalogue.version_captions import keep_superseded_captions
from archive.catalogue.versions import body_diff, changed_fields, content_hash, content_of
from archive.discovery.records import DiscoveryDocument
from archive.pages.outcome import PageOutcome
from archive.records import Article


@dataclass(frozen=True)
class StoredArticle:
    """What storing an extraction did: a new article, a new version, or nothing new."""

    article_id: int
    version_id: int | None
    is_new: bool
    changed_fields: tuple[str, ...]


class ArticleRows:
    """The catalogue's operations on articles, their versions, people and captions."""

    db: Database

    def store_page(
        self, capture_id: int, url: str, fetched_at: str, outcome: PageOutcome
    ) -> StoredArticle | None:
        """Store what a page turned out to be; the one entry point for crawl and rebuild."""
        with self.db.atomic():
            self.db.execute("DELETE FROM pending_captures WHERE capture_id = ?", [capture_id])
            if outcome.status.status != "ok":
                update(
                    self.db,
                    "captures",
                    capture_id,
                    {
                        "capture_status": outcome.status.status,
                        "status_evidence": outcome.status.evidence,
                    },
                )
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
                existing = first_row(self.db, "SELECT * FROM articles WHERE id = ?", [article_id])
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
                update(self.db, "articles", article_id, {"latest_version_id": version_id})
                return StoredArticle(article_id, version_id, True, ())
            article_id = int(existing["id"])
            self._link_capture(capture_id, article_id)
            latest = self._latest_version(article_id)
            if latest is not None and latest["content_hash"] == digest:
                # Nothing that matters changed; a bumped "last updated" time is still noted.
                update(
                    self.db,
                    "articles",
                    article_id,
                    {"last_seen": seen_at, "date_modified": article.date_modified},
                )
                return StoredArticle(article_id, None, False, ())
            old = _content_of_row(latest) if latest else {}
            changes = changed_fields(old, content)
            diff = body_diff(old.get("body", ""), article.body) if "body" in changes else ""
            number = int(latest["version"]) + 1 if latest else 1
            keep_superseded_body(self.db, article_id, article.body)
            if latest is not None:
                keep_superseded_captions(self.db, int(latest["id"]), old["captions"])
            version_id = self._insert_version(
                article_id, number, capture_id, article, digest, changes, diff
            )
            self._replace_people_and_captions(article_id, version_id, article)
            self._set_latest(article_id, version_id, article)
            update(self.db, "articles", article_id, {"last_seen": seen_at})
            return StoredArticle(article_id, version_id, False, tuple(changes))

    def _link_capture(self, capture_id: int, article_id: int) -> None:
        update(self.db, "captures", capture_id, {"article_id": article_id})

    def _add_discoveries(self, capture_id: int, document: DiscoveryDocument) -> None:
        insert_many(
            self.db,
            "discoveries",
            [
                {
                    "url": link.url,
                    "source_capture_id": capture_id,
                    "source_kind": link.source_kind,
                    "title": link.title,
                    "published": link.published,
                    "modified": link.modified,
                    "language": link.language,
                }
                for link in document.links
            ],
        )

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
            update(self.db, "articles", row["article_id"], {"last_seen": seen_at})

    def _article_by_url(self, url: str) -> dict[str, Any] | None:
        return first_row(self.db, "SELECT * FROM articles WHERE url = ? LIMIT 1", [url])

    def _latest_version(self, article_id: int) -> dict[str, Any] | None:
        return first_row(
            self.db,
            "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version DESC LIMIT 1",
            [article_id],
        )

    def _insert_article(self, url: str, article: Article, seen_at: str) -> int:
        # Whole, not filled in by a later update: its text is indexed for search once.
        return insert(
            self.db,
            "articles",
            {
                "url": url,
                "site": site_of(article.url or url),
                "first_seen": seen_at,
                "last_seen": seen_at,
                **self._latest_fields(article),
            },
        )

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
        # No body of its own: a new version is the article's latest, whose body `articles` holds.
        return insert(
            self.db,
            "article_version_rows",
            {
                "article_id": article_id,
                "capture_id": capture_id,
                "version": number,
                "title": article.title,
                "byline": article.byline,
                "authors": json.dumps(list(article.authors), ensure_ascii=False),
                "date_published": article.date_published,
                "date_modified": article.date_modified,
                "changed_fields": json.dumps(changes),
                "body_diff": diff,
                "content_hash": digest,
                "extractor": article.extractor,
                # None: while it is the latest, its captions are the rows of `captions`.
                "captions": None,
            },
        )

    def _set_latest(self, article_id: int, version_id: int, article: Article) -> None:
        values = {**self._latest_fields(article), "latest_version_id": version_id}
        update(self.db, "articles", article_id, values)

    def _latest_fields(self, article: Article) -> dict[str, Any]:
        """The article's columns that show its latest version."""
        return {
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
            "image_url": article.image_url,
            "image_capture_id": photo_capture_id(self.db, article.image_url),
        }

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
        insert_many(
            self.db,
            "captions",
            [
                {
                    "article_id": article_id,
                    "version_id": version_id,
                    "position": caption.position,
                    "image_url": caption.image_url,
                    "text": caption.text,
                    "credit": caption.credit,
                    "alt": caption.alt,
                    "image_capture_id": photo_capture_id(self.db, caption.image_url),
                }
                for caption in article.captions
            ],
        )

    def article_pages(self) -> list[dict[str, Any]]:
        """One WACZ page per article: its URL, first capture time and title."""
        rows = self.db.query(
            "SELECT articles.id, captures.url, captures.fetched_at, articles.title "
            "FROM articles JOIN article_versions v ON v.article_id = articles.id "
            "AND v.version = 1 JOIN captures ON captures.id = v.capture_id ORDER BY articles.id"
        )
        return [
            {
                "id": f"article-{row['id']}",
                "url": row["url"],
                "ts": row["fetched_at"],
                "title": row["title"] or row["url"],
            }
            for row in rows
        ]


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
