"""Re-running the current extractor over archived captures, keeping earlier results as versions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from archive.catalogue import Catalogue
from archive.catalogue.reader import load_capture
from archive.errors import MorgueError
from archive.extraction import extract_article
from archive.records import Article
from archive.warc.encoding import UndecodableBodyError

# page bytes, URL, HTTP Content-Type (whose charset decides decoding)
Extractor = Callable[[bytes, str | None, str | None], Article]


@dataclass
class ReextractReport:
    """How many articles were re-extracted, changed, or could not be read."""

    articles: int = 0
    changed: int = 0
    problems: list[str] = field(default_factory=list)


def reextract_catalogue(
    catalogue: Catalogue, warc_dir: Path, extract: Extractor = extract_article
) -> ReextractReport:
    """Extract each article's latest capture again; a different result becomes a new version."""
    report = ReextractReport()
    for row in catalogue.latest_captures():
        report.articles += 1
        try:
            capture = load_capture(catalogue.db, warc_dir, row)
            body = capture.decoded_body
        except (MorgueError, UndecodableBodyError) as exc:
            report.problems.append(f"{row['url']}: {exc}")
            continue
        article = extract(body, row["url"], row["content_type"])
        stored = catalogue.store_article(
            row["id"], article, row["article_last_seen"], article_id=row["article_id"]
        )
        if stored.version_id is not None:
            report.changed += 1
    return report
