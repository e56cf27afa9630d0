"""Deciding whether a new extraction is a new version of an article, and what changed."""

from __future__ import annotations

import difflib
import hashlib
import json
from typing import Any

from archive.records import Article

VERSIONED_FIELDS = (
    "title",
    "byline",
    "authors",
    "date_published",
    "date_modified",
    "body",
    "captions",
)


def content_of(article: Article) -> dict[str, Any]:
    """The fields whose change makes a new version, as JSON-ready values."""
    data = article.to_dict()
    return {name: data[name] for name in VERSIONED_FIELDS}


def content_hash(content: dict[str, Any]) -> str:
    """A stable fingerprint of versioned content."""
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha1(encoded).hexdigest()


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Names of the versioned fields that differ between two contents."""
    return [name for name in VERSIONED_FIELDS if old.get(name) != new.get(name)]


def body_diff(old_body: str, new_body: str) -> str:
    """A unified diff of two bodies, paragraph by paragraph."""
    lines = difflib.unified_diff(
        old_body.split("\n\n"), new_body.split("\n\n"), "before", "after", lineterm=""
    )
    return "\n".join(lines)
