"""A version's captions stored once: the latest version's are the rows of `captions`, and only a
superseded version keeps them as JSON of its own (`article_version_rows.captions`).

The view `article_versions` shows every version's captions as the JSON the store wrote before
(`json.dumps([caption.to_dict(), …], ensure_ascii=False)`), made in plain SQL from the rows of
`captions` when the version row holds none, so the sqlite3 shell reads the view too.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

# `json_quote` escapes as Python's json.dumps(ensure_ascii=False) does, character for character
# (checked over every code point by the tests); rows in the order the store inserted them.
CAPTIONS_JSON_SQL = """coalesce((SELECT '[' || group_concat(item, ', ') || ']' FROM (
    SELECT '{"position": ' || json_quote(c.position) || ', "image_url": ' || json_quote(c.image_url)
      || ', "text": ' || json_quote(c.text) || ', "credit": ' || json_quote(c.credit)
      || ', "alt": ' || json_quote(c.alt) || '}' AS item
    FROM captions c WHERE c.version_id = v.id ORDER BY c.id)), '[]')"""


def captions_json(captions: list[dict[str, Any]]) -> str:
    """Captions as a version row stores them: the JSON list of `Caption.to_dict()` values."""
    return json.dumps(captions, ensure_ascii=False)


def keep_superseded_captions(db: Database, version_id: int, captions: list[dict[str, Any]]) -> None:
    """Before the article's `captions` rows are replaced by a new version's: the version that
    showed them (the article's latest) keeps them as JSON."""
    db.execute(
        "UPDATE article_version_rows SET captions = ? WHERE id = ? AND captions IS NULL",
        [captions_json(captions), version_id],
    )
