"""Re-running the current extractor over archived captures, keeping earlier results as versions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.catalogue import Catalogue
from archive.catalogue.reader import load_capture
from archive.errors import ExtractionError, MorgueError
from archive.extraction import extract_article
from archive.pages.outcome import EXTRACTION_ERROR, PageOutcome, PageStatus
from archive.pages.pool import DEFAULT_TIMEOUT, TimedOut, in_order, one_page_at_a_time
from archive.records import Article
from archive.warc.encoding import UndecodableBodyError

# page bytes, URL, HTTP Content-Type (whose charset decides decoding)
Extractor = Callable[[bytes, str | None, str | None], Article]


@dataclass
class ReextractReport:
    """How many articles were re-extracted, changed, or could not be read or extracted."""

    articles: int = 0
    changed: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Job:
    row: dict[str, Any]
    body: bytes
    extract: Extractor


def reextract_catalogue(
    catalogue: Catalogue,
    warc_dir: Path,
    extract: Extractor = extract_article,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> ReextractReport:
    """Extract each article's latest capture again, each within `timeout` seconds (in a worker
    process; inline without a limit); a different result becomes a new version, and a page that
    runs past the limit or fails keeps the version it has (a failure marks its capture
    `extraction_error`, as a rebuild would)."""
    report = ReextractReport()
    with one_page_at_a_time(timeout) as pool:
        for job, result in in_order(pool, _extract, _jobs(catalogue, warc_dir, extract, report), 1):
            row = job.row
            if isinstance(result, TimedOut):
                report.problems.append(f"{row['url']}: extraction ran past {result.limit:g} s")
                continue
            if isinstance(result, ExtractionError):  # its capture says so; the version stays
                report.problems.append(f"{row['url']}: {result}")
                outcome = PageOutcome(PageStatus(EXTRACTION_ERROR, str(result)))
                catalogue.store_page(row["id"], row["url"], row["article_last_seen"], outcome)
                continue
            stored = catalogue.store_article(
                row["id"], result, row["article_last_seen"], article_id=row["article_id"]
            )
            if stored.version_id is not None:
                report.changed += 1
    return report


def _extract(job: _Job) -> Article | ExtractionError:
    """The page's article, or the extraction error (returned: it crosses from the worker)."""
    try:
        return job.extract(job.body, job.row["url"], job.row["content_type"])
    except ExtractionError as exc:
        return exc


def _jobs(
    catalogue: Catalogue, warc_dir: Path, extract: Extractor, report: ReextractReport
) -> Iterator[_Job]:
    for row in catalogue.latest_captures():
        report.articles += 1
        try:
            capture = load_capture(catalogue.db, warc_dir, row)
            body = capture.decoded_body
        except (MorgueError, UndecodableBodyError) as exc:
            report.problems.append(f"{row['url']}: {exc}")
            continue
        yield _Job(row, body, extract)
