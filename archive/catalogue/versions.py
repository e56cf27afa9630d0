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


# A new "last updated" time alone is no new version (many sites bump it without editing).
COUNTER_FIELDS = frozenset({"date_modified"})


def normalised(value: Any) -> Any:
    """The value with runs of white space folded, so re-flowed text compares equal."""
    if isinstance(value, str):
        return " ".join(value.split())  # str.split folds exactly what \s+ matches
    if isinstance(value, list):
        return [normalised(v) for v in value]
    if isinstance(value, dict):
        return {k: normalised(v) for k, v in value.items()}
    return value


def content_hash(content: dict[str, Any]) -> str:
    """A fingerprint of what matters in versioned content: counters left out, white space
    folded."""
    significant = {k: normalised(v) for k, v in content.items() if k not in COUNTER_FIELDS}
    encoded = json.dumps(significant, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha1(encoded).hexdigest()


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Names of the versioned fields that differ between two contents (white space aside)."""
    return [
        name for name in VERSIONED_FIELDS if normalised(old.get(name)) != normalised(new.get(name))
    ]


def body_diff(old_body: str, new_body: str) -> str:
    """A unified diff of two bodies, paragraph by paragraph."""
    lines = difflib.unified_diff(
        old_body.split("\n\n"), new_body.split("\n\n"), "before", "after", lineterm=""
    )
    return "\n".join(lines)
