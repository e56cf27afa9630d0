"""Publication and modification dates, as ISO 8601: date-time with offset, or just the day."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from htmldate import find_date

from archive.extraction.jsonld import text_value
from archive.extraction.lexicon import alternatives, gather, months
from archive.extraction.page import Page

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "parsely-pub-date", "sailthru.date", "publish-date", "publishdate", "pubdate", "publish_date",
    "article.published", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
    "dc.date.created", "citation_publication_date", "date", "created",
)  # fmt: skip
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "dcterms.modified", "dc.date.modified", "last-modified", "article.updated", "lastmod",
)  # fmt: skip
PUBLISHED_TIME_XPATH = "//time[@itemprop='datePublished' or @pubdate][@datetime]/@datetime"
MODIFIED_TIME_XPATH = "//*[@itemprop='dateModified'][@datetime or @content]"
ANY_TIME_XPATH = "//time[@datetime]/@datetime"
# Printed labels before a date ("Posted : 2018-03-27 17:02 | Updated : …").
PUBLISHED_LABELS = alternatives(gather("PUBLISHED_LABELS"))
MODIFIED_LABELS = alternatives(gather("MODIFIED_LABELS"))
MONTHS = months()
_MONTH = alternatives(MONTHS)
# Words between day, month and year ("3 de marzo de 2024").
_JOIN = rf"(?:\s{alternatives(gather('DATE_FILLERS'))})?"
_DATE = (
    r"(\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}|\d{1,2}[./]\s?\d{1,2}[./]\s?\d{4}|"
    rf"{_MONTH}\.? \d{{1,2}},? \d{{4}}|\d{{1,2}}\.?{_JOIN} {_MONTH}\.?{_JOIN} \d{{4}})"
)
# "Published on …", "Veröffentlicht am …", "Publié le …": a preposition between label and date.
_ON = alternatives((*gather("DATE_PREPOSITIONS"), ":"))
PUBLISHED_LINE = re.compile(rf"{PUBLISHED_LABELS}\s*{_ON}?\s*:?\s*{_DATE}", re.I)
MODIFIED_LINE = re.compile(rf"{MODIFIED_LABELS}\s*{_ON}?\s*:?\s*{_DATE}", re.I)
MAX_DATELINE_CHARS = 160
# A printed day: "March 27, 2018", "27. März 2018", "3 de marzo de 2024".
_MONTH_FIRST = re.compile(r"([^\W\d_]{3,10})\.? (\d{1,2}),? (\d{4})")
_DAY_FIRST = re.compile(rf"(\d{{1,2}})\.?{_JOIN} ([^\W\d_]{{3,10}})\.?{_JOIN} (\d{{4}})", re.I)
MIN_YEAR, MAX_YEAR = 1990, 2100
_HAS_TIME = re.compile(r"\d:\d\d")


def normalise_date(raw: str | None) -> str | None:
    """ISO 8601 from a machine date: date-time with offset when zoned, else YYYY-MM-DD."""
    raw = (raw or "").strip()
    if not raw:
        return None
    parsed = _parse_machine(raw)
    if parsed is None:
        day = _parse_printed(raw)
        return day.isoformat() if day else None
    if isinstance(parsed, datetime):
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            return None
        if parsed.tzinfo is not None and _HAS_TIME.search(raw):
            return parsed.replace(microsecond=0).isoformat()
        return parsed.date().isoformat()
    return parsed.isoformat() if MIN_YEAR <= parsed.year <= MAX_YEAR else None


def _parse_machine(raw: str) -> datetime | date | None:
    """ISO 8601 (with Z, compact offsets, fractions) or RFC 2822; None when neither."""
    text = raw.replace("Z", "+00:00").replace("z", "+00:00")
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw[:10]):
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None


def _parse_printed(text: str) -> date | None:
    """A day from a printed date: 2018-03-27, 2018.03.27, 27.03.2018, March 27, 2018."""
    numeric = re.search(r"(\d{4})[-./]\s?(\d{1,2})[-./]\s?(\d{1,2})", text)
    if numeric:
        return _day(*map(int, numeric.groups()))
    european = re.search(r"(\d{1,2})[./]\s?(\d{1,2})[./]\s?(\d{4})", text)
    if european:
        d, m, y = map(int, european.groups())
        return _day(y, m, d)
    named = _MONTH_FIRST.search(text)
    if named and named.group(1).lower() in MONTHS:
        return _day(int(named.group(3)), MONTHS[named.group(1).lower()], int(named.group(2)))
    named = _DAY_FIRST.search(text)
    if named and named.group(2).lower() in MONTHS:
        return _day(int(named.group(3)), MONTHS[named.group(2).lower()], int(named.group(1)))
    return None


def _day(year: int, month: int, day: int) -> date | None:
    """A valid date in the plausible range, or None."""
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None
    return parsed if MIN_YEAR <= year <= MAX_YEAR else None


def is_dateline(text: str) -> bool:
    """True for a short printed line that states when the article was posted or updated."""
    return len(text) <= MAX_DATELINE_CHARS and bool(
        PUBLISHED_LINE.search(text) or MODIFIED_LINE.search(text)
    )


def printed_dates(page: Page) -> tuple[str | None, str | None]:
    """Published and updated days from printed datelines like "Posted : …  | Updated : …"."""
    published = modified = None
    for line in page.lines:
        if len(line) > MAX_DATELINE_CHARS:
            continue
        if published is None and (match := PUBLISHED_LINE.search(line)):
            published = normalise_date(match.group(1))
        if modified is None and (match := MODIFIED_LINE.search(line)):
            modified = normalise_date(match.group(1))
        if published and modified:
            break
    return published, modified


def _first(candidates: Iterable[str | None]) -> str | None:
    """The first candidate that normalises to a date."""
    for candidate in candidates:
        normalised = normalise_date(candidate)
        if normalised:
            return normalised
    return None


def extract_dates(page: Page) -> tuple[str | None, str | None]:
    """(date_published, date_modified) from JSON-LD, meta tags, <time>, datelines, htmldate.

    Sources are read in that order and only as far as needed: the printed datelines need a
    walk over the whole page, which pages with structured dates are spared.
    """
    article = page.article or {}
    printed: list[tuple[str | None, str | None]] = []

    def printed_date(index: int) -> str | None:
        if not printed:
            printed.append(printed_dates(page))
        return printed[0][index]

    def published_candidates() -> Iterator[str | None]:
        yield text_value(article.get("datePublished"))
        yield text_value(article.get("dateCreated"))
        yield from (page.meta_first(key) for key in PUBLISHED_META)
        yield from page.tree.xpath(PUBLISHED_TIME_XPATH)
        yield printed_date(0)
        yield from page.tree.xpath(ANY_TIME_XPATH)[:1]

    def modified_candidates() -> Iterator[str | None]:
        yield text_value(article.get("dateModified"))
        yield from (page.meta_first(key) for key in MODIFIED_META)
        for node in page.tree.xpath(MODIFIED_TIME_XPATH):
            yield node.get("datetime") or node.get("content")
        yield printed_date(1)

    published = _first(published_candidates())
    if published is None:
        published = normalise_date(_htmldate(page))
    return published, _first(modified_candidates())


def _htmldate(page: Page) -> str | None:
    """htmldate's guess at the original publication day, as a last resort."""
    try:
        found = find_date(page.tree, url=page.url, original_date=True, extensive_search=True)
    except Exception:  # htmldate is defensive but not total; a date is never worth a crash
        return None
    return found if isinstance(found, str) else None
