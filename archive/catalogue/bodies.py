"""Article bodies stored once per distinct text: superseded version bodies, keyed by SHA-256.

An article's current body lives in `articles.body`; a version whose body is still that text
keeps none of its own (`body_id` null). When an article's body changes, the versions that
shared the old text are pointed at it in `bodies`, stored once however many share it.
"""

from __future__ import annotations

import hashlib

from sqlite_utils import Database


def text_sha256(text: str) -> str:
    """The key of a body in `bodies`: the SHA-256 of its UTF-8 bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def body_id(db: Database, text: str) -> int:
    """The `bodies` row holding `text`, added if no row holds it yet."""
    key = text_sha256(text)
    db.execute("INSERT OR IGNORE INTO bodies (sha256, text) VALUES (?, ?)", [key, text])
    row = db.execute("SELECT id FROM bodies WHERE sha256 = ?", [key]).fetchone()
    return int(row[0])


def keep_superseded_body(db: Database, article_id: int, new_body: str | None) -> None:
    """Before the article's body becomes `new_body`: versions still showing the old body get
    it from `bodies`."""
    row = db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()
    old = row[0] if row else None
    if old is None or old == new_body:
        return
    db.execute(
        "UPDATE article_version_rows SET body_id = ? WHERE article_id = ? AND body_id IS NULL",
        [body_id(db, old), article_id],
    )
