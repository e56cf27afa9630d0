"""What a fetched page is on its way to the catalogue: the page, a failed fetch, and the outcome
of processing it (status, article, discovery document).

A leaf of the core: it imports only records, so the catalogue, the scale-out messages and the
pipelines can name these types without loading extraction or classification.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.discovery.records import DiscoveryDocument
from archive.records import Article

# Statuses whose extraction may become or replace an article version.
GOOD_STATUSES = frozenset({"ok"})
# Pages archived but not extracted: extraction ran past its time limit, failed inside morgue
# (a bug; the error is the evidence), or the page is too big.
EXTRACTION_TIMEOUT = "extraction_timeout"
EXTRACTION_ERROR = "extraction_error"
TOO_LARGE = "too_large"
UNEXTRACTED = frozenset({EXTRACTION_TIMEOUT, EXTRACTION_ERROR, TOO_LARGE})
# Of those, the ones a crawl counts as failed pages (cron should see the missing article).
FAILED_EXTRACTIONS = frozenset({EXTRACTION_TIMEOUT, EXTRACTION_ERROR})


@dataclass(frozen=True)
class PageStatus:
    """Whether a fetched page holds its article, and if not, the evidence why."""

    status: str
    evidence: str | None = None

    @property
    def good(self) -> bool:
        """Whether the page's extraction may become or replace an article version."""
        return self.status in GOOD_STATUSES


OK = PageStatus("ok")


@dataclass(frozen=True)
class PageOutcome:
    """The catalogue's view of a page: at most one of article / discovery / not-modified."""

    status: PageStatus
    article: Article | None = None
    discovery: DiscoveryDocument | None = None
    not_modified: bool = False

    @property
    def replaces_versions(self) -> bool:
        """Whether the page's content may become a new version of its article."""
        return self.status.status in GOOD_STATUSES


@dataclass(frozen=True)
class FetchedPage:
    """A page the spider received, on its way through the item pipelines."""

    url: str
    capture_id: int | None
    body: bytes = field(repr=False)
    content_type: str | None = None
    content_encoding: str | None = None  # codings still on `body` (it could not be decoded)
    status: int = 200
    fetched_at: str | None = None
    outcome: PageOutcome | None = None
    capture_record_id: str | None = None  # its capture's WARC-Record-ID


@dataclass(frozen=True)
class FailedFetch:
    """A request that ended without a usable page: HTTP error, timeout, refused connection."""

    url: str
    reason: str
    status: int | None = None
    capture_id: int | None = None
    capture_record_id: str | None = None  # WARC-Record-ID of what was archived of it
