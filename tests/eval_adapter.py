"""Adapter for the public evaluation scorer (../shared/evaldata/score.py --callable)."""

from __future__ import annotations

from typing import Any

from archive.extraction.article import extract_article


def score_adapter(html: bytes, url: str | None) -> dict[str, Any]:
    """Map an Article to the scorer's keys; credited agencies count as authors, as in the sets."""
    data = extract_article(html, url).to_dict()
    return {
        "title": data["title"],
        "authors": data["authors"] + data["organisations"],
        "date": data["date_published"],
        "body": data["body"],
        "captions": [{"text": c["text"], "credit": c["credit"]} for c in data["captions"]],
    }
