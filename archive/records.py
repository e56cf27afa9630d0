"""The records morgue passes between its layers: frozen dataclasses, never loose dicts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Caption:
    """One image on an article page with its caption split from the photo credit."""

    position: int
    image_url: str | None
    text: str
    credit: str | None = None
    alt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Article:
    """What morgue extracts from one article page; `to_dict()` is the pinned JSON shape."""

    url: str | None
    title: str | None
    byline: str | None
    authors: tuple[str, ...]
    date_published: str | None
    date_modified: str | None
    body: str
    captions: tuple[Caption, ...]
    language: str | None
    canonical_url: str | None
    site_name: str | None
    description: str | None
    section: str | None
    tags: tuple[str, ...]
    extractor: str
    organisations: tuple[str, ...] = field(default=())
    image_url: str | None = None  # the lead image (og:image, JSON-LD image), absolute

    @property
    def paragraphs(self) -> list[str]:
        """The body split back into its paragraphs."""
        return [p for p in self.body.split("\n\n") if p]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values with the field names and types of the interface contract."""
        return {
            "url": self.url,
            "title": self.title,
            "byline": self.byline,
            "authors": list(self.authors),
            "organisations": list(self.organisations),
            "date_published": self.date_published,
            "date_modified": self.date_modified,
            "body": self.body,
            "captions": [c.to_dict() for c in self.captions],
            "language": self.language,
            "canonical_url": self.canonical_url,
            "site_name": self.site_name,
            "description": self.description,
            "section": self.section,
            "tags": list(self.tags),
            "image_url": self.image_url,
            "extractor": self.extractor,
        }


@dataclass(frozen=True)
class RecordLocation:
    """Where a WARC record sits: enough to read it back by offset without scanning."""

    filename: str
    offset: int
    length: int
    record_id: str


@dataclass(frozen=True)
class ArchivedExchange:
    """Where a request/response pair was written, with the response's digest and WARC-Date."""

    response: RecordLocation
    request: RecordLocation
    payload_digest: str
    warc_date: str
    record_type: str = "response"


@dataclass(frozen=True)
class PriorRecord:
    """An earlier response with the same payload, which a revisit record refers to."""

    record_id: str
    url: str
    date: str
    payload_digest: str


@dataclass(frozen=True)
class Capture:
    """One fetch as archived: the HTTP outcome and the WARC record that holds it."""

    url: str
    fetched_at: str
    status: int | None
    content_type: str | None
    record_type: str
    warc_filename: str | None
    warc_offset: int | None
    warc_length: int | None
    warc_record_id: str | None
    payload_digest: str | None
    refers_to: str | None = None
    capture_status: str = "ok"
    error: str | None = None
    site: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    # A page's requisite: what it is (image, stylesheet, …) and the record id of the page's
    # response that needed it (WARC-Resource-Type and WARC-Requisite-Of on its record).
    resource_type: str | None = None
    requisite_of: str | None = None


@dataclass(frozen=True)
class Requisition:
    """Why a requisite was fetched: what it is and which page's response record needed it."""

    resource_type: str
    page_record_id: str | None

    def warc_headers(self) -> dict[str, str]:
        """The WARC header fields that keep this in the requisite's own record."""
        headers = {REQUISITE_TYPE_HEADER: self.resource_type}
        if self.page_record_id:
            headers[REQUISITE_OF_HEADER] = self.page_record_id
        return headers


# What of a page's requisites is archived (MORGUE_REQUISITES, a site's `requisites`): its
# photos, everything it needs to render (like `wget --page-requisites`), or nothing.
REQUISITE_MODES = ("photos", "page", "none")

# WARC header fields of a requisite's response (or failure) record; browsertrix-crawler writes
# WARC-Resource-Type with the same values.
REQUISITE_TYPE_HEADER = "WARC-Resource-Type"
REQUISITE_OF_HEADER = "WARC-Requisite-Of"


@dataclass(frozen=True)
class HttpExchange:
    """One HTTP request and the response as received (body still content-encoded)."""

    url: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes
    protocol: str
    status: int
    reason: str
    response_headers: tuple[tuple[str, str], ...]
    body: bytes = field(repr=False)
    ip_address: str | None = None

    def response_header(self, name: str) -> str | None:
        """The first response header called `name` (case-insensitive), if any."""
        wanted = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == wanted), None)
