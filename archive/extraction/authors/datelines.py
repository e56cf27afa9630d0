"""Bylines printed beside a date: "Jane Doe | 05.04.2025", "Posted on May 3, 2020 by jdoe"."""

from __future__ import annotations

import re

from archive.extraction.authors.names import (
    Credits,
    is_agency,
    looks_like_handle,
    parse_byline,
    strip_name,
)
from archive.extraction.authors.words import BYLINE_WORDS
from archive.extraction.dates import MONTHS
from archive.extraction.lexicon import alternatives, compile_words, gather

# "Jane Doe | 05.04.2025", "05.04.2025 - Jane Doe", "jdoe 05.04.2025, 10:07 Uhr".
DATELINE_SEPARATORS = re.compile(r"\s+[-–—]\s+|\s*[|·•∙]\s*")
NAME_BEFORE_NUMBER = re.compile(r"^(\D{3,60}?[^,\s])\s+(\d.*)$")  # "Berlin, 5. Mai": a place
# A day written out: 05.04.2025, 2025-04-05, 5/4/25, 5. April 2025, April 5.
CALENDAR_DATE = re.compile(
    r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"\d{1,2}\.?\s+[^\W\d_]{3,9}\.?\s+\d{4}|[^\W\d_]{3,9}\.?\s+\d{1,2}\b"
)
# Labels of a date, never a name ("Stand 05.04.2025", "Updated | May 3").
DATE_LABELS = compile_words(
    (*gather("PUBLISHED_LABELS"), *gather("MODIFIED_LABELS"), *gather("DATE_LABELS"))
)
# A one-word name beside a date counts (as a user name) only this close under the headline.
HANDLE_LINES_AFTER_TITLE = 3
# A byline inside a dateline: "Posted on May 3, 2020 by jane", "Erstellt von jdoe am 6. Mai".
POSTED_BY = re.compile(rf"(?:^|\s)(?i:{alternatives(BYLINE_WORDS)})\s+(?P<name>\S.*)$")
POSTING_WORDS = compile_words(
    (*gather("POSTING_WORDS"), *gather("PUBLISHED_LABELS"), *gather("MODIFIED_LABELS"))
)
# Where the name in a dateline ends: a date, a time, "am …", "on …", "under …", a separator.
_NAME_ENDS = (*gather("DATE_PREPOSITIONS"), *gather("TIME_WORDS"), *gather("FILED_UNDER"))
NAME_END = re.compile(rf"\s+(?i:{alternatives(_NAME_ENDS)})\s.*$|\s*[@|·•—–(].*$|\s+\d.*$")
MAX_DATELINE_CHARS = 120
# "Posted in Datenschutz by …": a few words besides the date before the byline word.
MAX_POSTED_HEAD_WORDS = 3
# Words a date is written with besides numbers and month names ("on Monday the 3rd of May").
DATE_FILLERS = frozenset(
    word
    for concept in ("DATE_PREPOSITIONS", "TIME_WORDS", "DATE_FILLERS", "WEEKDAYS")
    for word in gather(concept)
    if " " not in word
)
MAX_DATELINE_ORGANISATION_WORDS = 3
DATE_PUNCTUATION = " ,.:;|-–—/()[]"


def dated_credits(
    lines: list[str], names: tuple[str, ...], handle_lines: int = HANDLE_LINES_AFTER_TITLE
) -> tuple[str | None, Credits]:
    """The first line that is only a name and a date ("Jane Doe | 05.04.2025").

    One word counts only in the first `handle_lines`: an agency, or a user name ("jdoe78",
    "JaneDoe"); a capitalised word beside a date is more often a label ("Deadline 5.4.2025").
    """
    for offset, line in enumerate(lines):
        name = dated_name(line)
        if name is None:
            continue
        credits = parse_byline(name, strict=True, site_names=names)
        if credits.people and not credits.organisations:
            return line, credits
        if offset >= handle_lines:
            continue
        if is_agency(name):
            return line, Credits((), (name,))
        if looks_like_handle(name) and not name.istitle():
            return line, Credits((name,), ())
    return None, Credits()


def dated_name(line: str) -> str | None:
    """The name in a line that is only a name and a date ("Jane Doe | 05.04.2025 10:00")."""
    if len(line) > MAX_DATELINE_CHARS or not any(ch.isdigit() for ch in line):
        return None
    parts = [p for p in DATELINE_SEPARATORS.split(line) if p.strip()]
    if len(parts) == 1 and (match := NAME_BEFORE_NUMBER.match(line)):
        parts = list(match.groups())
    timed = [p for p in parts if any(ch.isdigit() for ch in p) and is_date_text(p)]
    named = [p for p in parts if p not in timed]
    if (
        not any(CALENDAR_DATE.search(p) for p in timed)
        or len(named) != 1
        or DATE_LABELS.search(named[0])
    ):
        return None
    name = strip_name(named[0])
    last = name.rsplit(None, 1)[-1].lower().rstrip(".")
    return None if last in MONTHS else name


def posted_by(line: str, names: tuple[str, ...]) -> Credits:
    """The poster named in a dateline ("Gespeichert von jdoe am 24. Juli 2017").

    Only short lines that also say when, or that this was posted; there one word may be a
    user name.
    """
    match = POSTED_BY.search(line) if len(line) <= MAX_DATELINE_CHARS else None
    if match is None:
        return Credits()
    head = line[: match.start()]
    posted = POSTING_WORDS.search(head) and len(_undated_words(head)) <= MAX_POSTED_HEAD_WORDS
    if not (posted or (head.strip() and is_date_text(head))):
        return Credits()  # "Example Blog is written and produced by …" is a sentence
    return named_credits(strip_name(NAME_END.sub("", match.group("name"))), names)


def is_date_text(text: str) -> bool:
    """True when every word of the text is a number, a month or a filler ("May 3, 2020 at")."""
    return not _undated_words(text)


def _undated_words(text: str) -> list[str]:
    """The words of a text that are not part of a date (numbers, months, fillers)."""
    words = (w.strip(DATE_PUNCTUATION).lower() for w in text.split())
    return [
        w
        for w in words
        if w
        and not any(ch.isdigit() for ch in w)
        and w.rstrip(".") not in MONTHS
        and w not in DATE_FILLERS
    ]


def named_credits(name: str, names: tuple[str, ...]) -> Credits:
    """Credits for the name after an explicit byline word; one word counts as a user name."""
    credits = parse_byline(name, strict=True, site_names=names)
    if credits.people:
        return credits
    if any(len(o.split()) > MAX_DATELINE_ORGANISATION_WORDS for o in credits.organisations):
        return Credits()  # a sentence, not a credit
    handle = strip_name(NAME_END.sub("", name))
    if credits.organisations or not looks_like_handle(handle):
        return credits
    return Credits((handle,), ())
