"""Who wrote it: byline as printed, authors (people) and organisations (agencies, publisher)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from archive.extraction.bylines import (
    LABELLED_AUTHOR,
    byline_elements,
    element_credits,
    without_teaser_lists,
)
from archive.extraction.dates import MONTHS
from archive.extraction.html_tree import collapse, node_text
from archive.extraction.jsonld import as_list, resolve, text_value, types_of
from archive.extraction.names import (
    Credits,
    clean_byline,
    dedupe,
    has_byline_label,
    is_agency,
    looks_like_handle,
    name_key,
    parse_byline,
    strip_name,
    without_people,
)
from archive.extraction.page import Page
from archive.extraction.regions import in_foreign_container
from archive.extraction.titles import site_names

AUTHOR_META = (
    "dc:creator", "dcterms:creator", "author", "article:author", "article:author_name",
    "parsely-author", "dc.creator", "dcterms.creator", "sailthru.author", "byl",
    "cxenseparse:author", "og:article:author", "citation_author",
)  # fmt: skip
# Printed bylines ("By A and B", "Von A", "홍길동 기자", "A | Staff Writer").
PRINTED_BYLINE = re.compile(
    r"^(?:by|von|par|por|door|av|af|text|texto|written by|posted by|published by|"
    r"geschrieben von|verfasst von|erstellt von|publié par|escrito por|scritto da)"
    r"\s*:?\s+\S.{1,120}$"
    r"|^(?:autor|autorin|autoren|author|authors|verfasser|verfasserin|auteur|autore)"
    r"(?:\s*:\s*\S.{1,120}|\s+[A-ZÄÖÜ].{1,120})$"
    r"|^[가-힣]{2,4}\s*(?:기자|특파원)(?:\s|$|=).{0,60}$"
    r"|^[^|,]{3,60}\s*[|,]\s*(?:staff|senior|chief)?\s*(?:writer|reporter|correspondent)\b.{0,30}$",
    re.IGNORECASE,
)
LINES_AFTER_TITLE = 40
# A byline word or label printed on a line of its own, the names on the next line.
BARE_LABEL = re.compile(
    r"(?i:by|von|text|autor|autorin|autoren|author|authors|verfasser|verfasserin|auteur|"
    r"written by|posted by)\s*:?"
)
# Bylines printed just above the headline, beside the section name ("Von A | 31. Mai").
LINES_BEFORE_TITLE = 3
# "Jane Doe | 05.04.2025", "05.04.2025 - Jane Doe", "jdoe 05.04.2025, 10:07 Uhr".
DATELINE_SEPARATORS = re.compile(r"\s+[-–—]\s+|\s*[|·•∙]\s*")
NAME_BEFORE_NUMBER = re.compile(r"^(\D{3,60}?[^,\s])\s+(\d.*)$")  # "Berlin, 5. Mai": a place
# A day written out: 05.04.2025, 2025-04-05, 5/4/25, 5. April 2025, April 5.
CALENDAR_DATE = re.compile(
    r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"\d{1,2}\.?\s+[^\W\d_]{3,9}\.?\s+\d{4}|[^\W\d_]{3,9}\.?\s+\d{1,2}\b"
)
# A one-word label before a date.
LABEL = re.compile(r"^[^\W\d_]+\s?:\s*")
# Labels of a date, never a name ("Stand 05.04.2025", "Updated | May 3").
DATE_LABELS = re.compile(
    r"\b(?:stand|datum|date|updated|aktualisiert|erschienen|zuletzt|last|posted|published|"
    r"veröffentlicht|erstellt|publié|publicado|created|modified)\b",
    re.IGNORECASE,
)
# A one-word name beside a date counts (as a user name) only this close under the headline.
HANDLE_LINES_AFTER_TITLE = 3
# A paragraph that is only a bold name, opening or closing the story's paragraphs.
SIGNATURE_XPATH = "//p[count(*) = 1][b or strong]"
MAX_SIGNATURE_WORDS = 5
MIN_SIGNATURE_SIBLINGS = 3
# Separators a printed byline may start with ("| By Jane Doe | May 3").
LEADING_PUNCTUATION = " |·•–—-:"
EMAIL_OR_LINK = re.compile(r"\S+@\S+\.\w+|https?://\S+")
# A byline inside a dateline: "Posted on May 3, 2020 by jane", "Erstellt von Fabian am 6. Mai".
POSTED_BY = re.compile(r"(?:^|\s)(?i:by|von|vom|par|por|door)\s+(?P<name>\S.*)$")
POSTING_WORDS = re.compile(
    r"\b(?:posted|published|written|filed|submitted|edited|erstellt|eingestellt|gespeichert|"
    r"veröffentlicht|verfasst|geschrieben|eingetragen|aktualisiert|publié|publicado|escrito|"
    r"pubblicato)\b",
    re.IGNORECASE,
)
# Where the name in a dateline ends: a date, a time, "am …", "on …", "under …", a separator.
NAME_END = re.compile(
    r"\s+(?i:am|um|on|at|le|à|el|il|op|under|unter|in|im|a las)\s.*$|\s*[@|·•—–(].*$|\s+\d.*$"
)
MAX_DATELINE_CHARS = 120
# "Posted in Datenschutz by …": a few words besides the date before the byline word.
MAX_POSTED_HEAD_WORDS = 3
# How a signature line further down opens: "Von A", "By A", "Autor: A" (not "Text Without").
SIGNED = re.compile(r"(?i:von|by|par|por|door)\s|[^\W\d_]+\s?:\s")
# Words a date is written with besides numbers and month names ("on Monday the 3rd of May").
DATE_FILLERS = frozenset(
    {"on", "am", "le", "el", "the", "of", "de", "del", "um", "at", "uhr", "den", "der", "à", "h",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag",
     "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi",
     "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles",
     "jueves", "viernes", "sábado", "domingo", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
     "mo", "di", "mi", "do", "fr", "sa", "so"}
)  # fmt: skip
MAX_DATELINE_ORGANISATION_WORDS = 3
DATE_PUNCTUATION = " ,.:;|-–—/()[]"


@dataclass(frozen=True)
class Authorship:
    """The byline as printed and the names it was resolved into."""

    byline: str | None = None
    authors: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


def jsonld_credits(page: Page, names: tuple[str, ...]) -> Credits:
    """People and organisations from the JSON-LD article's author (and creator) values."""
    if not page.article:
        return Credits()
    people: list[str] = []
    organisations: list[str] = []
    for value in as_list(page.article.get("author")) or as_list(page.article.get("creator")):
        _add_declared(resolve(value, page.jsonld), people, organisations, names)
    return Credits(tuple(dedupe(people)), tuple(dedupe(organisations)))


def _add_declared(
    value: Any, people: list[str], organisations: list[str], names: tuple[str, ...]
) -> None:
    """File one declared author (object or string) under people or organisations."""
    if isinstance(value, dict):
        name = text_value(value)
        if not name:
            return
        if "Organization" in types_of(value) or "NewsMediaOrganization" in types_of(value):
            organisations.append(name)
            return
        value = name
    if isinstance(value, str) and not value.startswith("http"):
        credits = parse_byline(value, strict=False, site_names=names)
        people.extend(credits.people)
        organisations.extend(credits.organisations)


def meta_credits(page: Page, names: tuple[str, ...]) -> Credits:
    """People and organisations from author meta tags (URLs and handles skipped)."""
    for key in AUTHOR_META:
        people: list[str] = []
        organisations: list[str] = []
        for value in page.meta.get(key, []):
            if value and not value.startswith(("http", "@")):
                _add_declared(value, people, organisations, names)
        if people or organisations:
            return Credits(tuple(dedupe(people)), tuple(dedupe(organisations)))
    return Credits()


def headline_index(lines: list[str], title: str | None, skip: int = 0) -> int | None:
    """Where the headline is printed: the line that is the title, else the first holding it.

    The first `skip` lines are passed over (the document's <title>, above the navigation).
    """
    if not title:
        return None
    holding = [i for i in range(skip, len(lines)) if title in lines[i]]
    return next((i for i in holding if lines[i] == title), holding[0] if holding else None)


def story_lines(page: Page, title: str | None) -> tuple[list[str], int | None]:
    """The lines to read bylines from and the headline's index among them.

    Own lines leave out comments and teasers; when the headline itself is left out (a page
    wrapper whose class reads like a sidebar), every line is read instead.
    """
    own = page.own_lines
    skip = _document_title_lines(page, own)
    found = headline_index(own, title, skip)
    if found is not None and own[found] == title:
        return own, found
    every = page.lines
    printed = headline_index(every, title, skip)
    if printed is not None and every[printed] == title:
        return every, printed
    return own, headline_index(own, title)


def _document_title_lines(page: Page, lines: list[str]) -> int:
    """1 when the lines open with the document's <title>, else 0."""
    return int(bool(lines) and lines[0] == collapse(page.tree.findtext("head/title")))


def printed_credits(
    page: Page, title: str | None, names: tuple[str, ...]
) -> tuple[str | None, Credits, bool]:
    """A byline printed as a line of text ("By A and B") near the headline.

    The flag says whether the headline itself was found printed, so the line is the story's.
    """
    lines, found = story_lines(page, title)
    start, end = 0, len(lines)  # the whole page unless the headline is found
    if found is not None:
        start, end = found, found + LINES_AFTER_TITLE
    under_headline = found is not None and lines[found] == title
    label, site_credit = None, None
    sites = {name_key(n) for n in names}
    for line in lines[max(0, start - LINES_BEFORE_TITLE) : end]:
        line = line.lstrip(LEADING_PUNCTUATION)
        if label:  # "Autor:" on a line of its own, the name on the next
            credits = named_credits(clean_byline(line), names)
            line = f"{label} {line}"
        else:
            credits = line_credits(line, names)
        if credits.people or (credits.organisations and not _only_sites(credits, sites)):
            return line, credits, under_headline
        if credits.organisations and site_credit is None:  # "By Example News": look on
            site_credit = line, credits
        label = line if BARE_LABEL.fullmatch(line) else None
    if site_credit:
        return *site_credit, under_headline
    if found is not None:
        byline, credits = dated_credits(lines[start + 1 : end], names)
        if byline is None:  # "05.02.2020 - Redaktion: Jane Doe" above the headline
            above = lines[max(0, start - LINES_BEFORE_TITLE) : start]
            labelled = [a for a in above if has_byline_label(dated_name(a) or "")]
            byline, credits = dated_credits(labelled, names, 0)
        if byline is None:  # a signed story: "Autor: Jane Doe" after its last paragraph
            byline, credits = signed_credits(lines[end:], names)
        if byline is None and lines is page.own_lines:
            byline, credits = boxed_credits(page, title, names)
        return byline, credits, under_headline
    return None, Credits(), False


def boxed_credits(
    page: Page, title: str | None, names: tuple[str, ...]
) -> tuple[str | None, Credits]:
    """A byline under the headline inside a box that reads like a widget or teaser.

    Read only when the story's own lines name no one ("widget", "card" boxes that hold it).
    """
    lines = page.lines
    found = headline_index(lines, title, _document_title_lines(page, lines))
    if found is None or lines[found] != title:
        return None, Credits()
    for line in lines[found + 1 : found + LINES_AFTER_TITLE]:
        credits = line_credits(line.lstrip(LEADING_PUNCTUATION), names)
        if credits.people:
            return line, credits
    return None, Credits()


def signed_credits(lines: list[str], names: tuple[str, ...]) -> tuple[str | None, Credits]:
    """The first line further down that opens with a byline word and names people."""
    for line in lines:
        if len(line) <= MAX_DATELINE_CHARS and SIGNED.match(line) and PRINTED_BYLINE.match(line):
            credits = parse_byline(line, strict=True, site_names=names)
            if credits.people:
                return line, credits
    return None, Credits()


def _only_sites(credits: Credits, sites: set[str]) -> bool:
    """True when the credits name no one but the site itself."""
    return all(name_key(o) in sites for o in credits.organisations)


def line_credits(line: str, names: tuple[str, ...]) -> Credits:
    """Names in a line that reads as a byline ("By A and B", "Posted on May 3 by jdoe")."""
    if PRINTED_BYLINE.match(line):
        return named_credits(clean_byline(line), names)
    labelled = LABELLED_AUTHOR.search(line)  # "Veröffentlicht: 5.1.2020 | Autor: jdoe | Tags: …"
    if labelled:
        return named_credits(strip_name(NAME_END.sub("", labelled.group("name"))), names)
    return posted_by(line, names)


def dated_credits(
    lines: list[str], names: tuple[str, ...], handle_lines: int = HANDLE_LINES_AFTER_TITLE
) -> tuple[str | None, Credits]:
    """The first line that is only a name and a date ("Jane Doe | 05.04.2025").

    One word counts only in the first `handle_lines`: an agency, or a user name ("jdoe78",
    "MikeNils"); a capitalised word beside a date is more often a label ("Deadline 5.4.2025").
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
    timed = [
        p for p in parts if any(ch.isdigit() for ch in p) and is_date_text(LABEL.sub("", p))
    ]  # "Updated: 05.04.2025", "Güncelleme : 05.04.2025"
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
    """The poster named in a dateline ("Gespeichert von rasos am 24. Juli 2017").

    Only short lines that also say when, or that this was posted; there one word may be a
    user name.
    """
    match = POSTED_BY.search(line) if len(line) <= MAX_DATELINE_CHARS else None
    if match is None:
        return Credits()
    head = line[: match.start()]
    posted = POSTING_WORDS.search(head) and len(_undated_words(head)) <= MAX_POSTED_HEAD_WORDS
    if not (posted or (head.strip() and is_date_text(head))):
        return Credits()  # "Daring Fireball is written and produced by …" is a sentence
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


def signature_credits(page: Page, names: tuple[str, ...]) -> tuple[str | None, Credits]:
    """A name printed in bold as the first or last paragraph of the story ("**Jane Doe**")."""
    for paragraph in page.tree.xpath(SIGNATURE_XPATH):
        bold = paragraph[0]
        if (paragraph.text or "").strip() or (bold.tail or "").strip():
            continue
        text = node_text(paragraph)
        if len(text.split()) > MAX_SIGNATURE_WORDS or in_foreign_container(paragraph):
            continue
        parent = paragraph.getparent()
        siblings = (
            [p for p in parent if p.tag == "p" and node_text(p)] if parent is not None else []
        )
        if len(siblings) < MIN_SIGNATURE_SIBLINGS or paragraph not in (siblings[0], siblings[-1]):
            continue
        credits = parse_byline(text, strict=True, site_names=names)
        if credits.people and not credits.organisations:
            return text, credits
    return None, Credits()


def nearest_first(elements: list[HtmlElement], page: Page, title: str | None) -> list[HtmlElement]:
    """Byline elements, those printed nearest the headline first (source lines apart).

    Lists of columnists to follow or teasers come before the story in many pages.
    """
    headline = next((h for h in page.tree.iter("h1") if title and node_text(h) == title), None)
    if headline is None or headline.sourceline is None or len(elements) < 2:
        return elements
    line = headline.sourceline
    return sorted(elements, key=lambda e: abs((e.sourceline or line) - line))


def clean_printed(byline: str | None) -> str | None:
    """The byline as printed, minus e-mail addresses and links."""
    cleaned = collapse(EMAIL_OR_LINK.sub(" ", byline or "")).strip(" |,;-–—")
    return cleaned or None


def extract_authorship(
    page: Page, title: str | None, bylines: list[HtmlElement] | None = None
) -> Authorship:
    """Byline, authors and organisations from structured data first, then the printed page.

    `bylines` are the page's byline elements when the caller has found them already.
    """
    names = tuple(site_names(page))
    declared = jsonld_credits(page, names)
    if bylines is None:
        bylines = byline_elements(page.tree)
    story_bylines = without_teaser_lists(bylines)
    ranked = nearest_first(story_bylines, page, title)
    element_byline, from_elements = element_credits(story_bylines, names, ranked)
    printed_byline, from_text = None, Credits()  # read only when needed: a walk of the page
    if element_byline is None or not (declared.people or from_elements.people):
        printed_byline, from_text, under_headline = printed_credits(page, title, names)
        if not (from_elements.people or (under_headline and from_text.people)):
            # on index pages the first teaser's byline is all there is
            ranked = nearest_first(bylines, page, title)
            teaser_byline, from_teasers = element_credits(bylines, names, ranked)
            if from_teasers.people:
                element_byline, from_elements = teaser_byline, from_teasers
    from_meta = meta_credits(page, names)
    signature, from_signature = None, Credits()
    if not (declared.people or from_elements.people or from_text.people or from_meta.people):
        signature, from_signature = signature_credits(page, names)
    byline = clean_printed(element_byline or printed_byline or signature)
    for credits in (declared, from_elements, from_text, from_meta, from_signature):
        if credits.people:
            break
    else:
        credits = next(
            (c for c in (declared, from_elements, from_text, from_meta) if c.organisations),
            Credits(),
        )
    organisations = list(without_people(credits).organisations)
    if credits.people:  # the site's own name adds nothing next to its journalists
        sites = {name_key(n) for n in names}
        organisations = [o for o in organisations if name_key(o) not in sites]
    return Authorship(byline, credits.people, tuple(dedupe(organisations)))
