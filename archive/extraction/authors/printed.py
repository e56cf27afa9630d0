"""Bylines printed as lines of text near the headline ("By A and B"), or signed in bold."""

from __future__ import annotations

import re

from archive.extraction.authors.datelines import (
    dated_credits,
    named_credits,
    posted_by,
)
from archive.extraction.authors.leads import lead_byline, lead_credits
from archive.extraction.authors.names import Credits, name_key, parse_byline
from archive.extraction.authors.words import (
    AUTHOR_LABELS,
    BYLINE_PHRASES,
    BYLINE_WORDS,
    EDITOR_LABELS,
    clean_byline,
)
from archive.extraction.html_tree import collapse, node_text
from archive.extraction.lexicon import alternatives, language
from archive.extraction.page import Page
from archive.extraction.regions import in_foreign_container

_HAN = r"[\u3400-\u9fff々]"
# Chinese and Japanese labels before the names ("记者 李华", "編輯：李華", "文・山田太郎").
_CJK_LABELS = alternatives((*language("zh").AUTHOR_LABELS, *language("ja").AUTHOR_LABELS))
_HAN_NAMES = rf"{_HAN}{{2,5}}(?:\s+{_HAN}{{2,5}}){{0,5}}"
# An editor's credit ("责任编辑：李华", "（編輯：李華）"): named only when no writer is.
_EDITOR_LINE = rf"^[（(]?{alternatives(EDITOR_LABELS)}\s*[:：]\s*{_HAN_NAMES}[）)]?$"
EDITOR_LINE = re.compile(_EDITOR_LINE)
# "홍길동 기자", "글·사진 홍길동 기자 gildong@example.kr".
_KOREAN_BYLINE = (
    rf"^(?:{alternatives(language('ko').AUTHOR_LABELS)}\s+)?[가-힣]{{2,4}}\s*"
    rf"{alternatives(language('ko').ROLE_WORDS)}(?:\s|$|[=(]).{{0,60}}$"
)
# Bylines closing a story, read past the lines under the headline when no one else is named:
# a Korean reporter's ("홍길동 기자 gildong@example.kr"), an editor's ("责任编辑：李华").
CLOSING_BYLINE = re.compile(rf"{_KOREAN_BYLINE}|{_EDITOR_LINE}")
# Printed bylines ("By A and B", "Von A", "Autor: A", "홍길동 기자", "（记者 李华）",
# "山田太郎記者", "A | Staff Writer").
PRINTED_BYLINE = re.compile(
    rf"^{alternatives((*BYLINE_PHRASES, *BYLINE_WORDS))}\s*:?\s+\S.{{1,120}}$"
    rf"|^{alternatives(AUTHOR_LABELS)}(?:\s*:\s*\S.{{1,120}}|\s+[A-ZÄÖÜ].{{1,120}})$"
    rf"|{_KOREAN_BYLINE}"
    rf"|^[（(]?{_CJK_LABELS}(?:\s*[:：・/／]\s*|\s+){_HAN_NAMES}[）)]?$|{_EDITOR_LINE}"
    rf"|^[（(]?{_HAN}{{2,5}}\s?{alternatives(language('ja').ROLE_WORDS)}[）)]?$"
    r"|^[^|,]{3,60}\s*[|,]\s*(?:staff|senior|chief)?\s*(?:writer|reporter|correspondent)\b.{0,30}$",
    re.IGNORECASE,
)
LINES_AFTER_TITLE = 40
# A byline word or label printed on a line of its own, the names on the next line.
BARE_LABEL = re.compile(
    rf"(?i:{alternatives((*BYLINE_PHRASES, *BYLINE_WORDS, *AUTHOR_LABELS))})\s*[:：]?"
)
# Bylines printed just above the headline, beside the section name ("Von A | 31. Mai").
LINES_BEFORE_TITLE = 3
# A paragraph that is only a bold name, opening or closing the story's paragraphs.
SIGNATURE_XPATH = "//p[count(*) = 1][b or strong]"
MAX_SIGNATURE_WORDS = 5
MIN_SIGNATURE_SIBLINGS = 3
# Separators a printed byline may start with ("| By Jane Doe | May 3").
LEADING_PUNCTUATION = " |·•–—-:\u200e\u200f\u061c"  # and right-to-left marks


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
        elif lead := lead_byline(line):  # "(서울=연합뉴스) 홍길동 기자 = …" opening the story
            line, credits = lead, lead_credits(lead, names)
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


def _only_sites(credits: Credits, sites: set[str]) -> bool:
    """True when the credits name no one but the site itself."""
    return all(name_key(o) in sites for o in credits.organisations)


def line_credits(line: str, names: tuple[str, ...]) -> Credits:
    """Names in a line that reads as a byline ("By A and B", "Posted on May 3 by jdoe").

    An editor's credit names no one here: editors are named only when no writer is.
    """
    if EDITOR_LINE.match(line):
        return Credits()
    if PRINTED_BYLINE.match(line):
        return named_credits(clean_byline(line), names)
    return posted_by(line, names)


def closing_credits(
    page: Page, title: str | None, names: tuple[str, ...]
) -> tuple[str | None, Credits]:
    """A byline closing the story ("홍길동 기자", "责任编辑：李华"), when no one else is named."""
    lines, found = story_lines(page, title)
    for line in lines[found or 0 :]:
        if CLOSING_BYLINE.match(line):
            credits = parse_byline(line, strict=True, site_names=names)
            if credits.people:
                return line, credits
    return None, Credits()


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
