"""Bylines opening a story's first paragraph: wire leads ("(서울=연합뉴스) 홍길동 기자 = …",
"例示网11月20日电（记者 李华）…"), read as credits and, where the form is a dateline, cut off.
"""

from __future__ import annotations

import re

from archive.extraction.authors.names import Credits, dedupe, parse_byline
from archive.extraction.lexicon import alternatives, language

# "(서울=연합뉴스) 홍길동 기자 = ", "[세종=뉴시스] 홍길동 김철수 기자 =": place and agency in
# brackets, the reporters with their title, an equals sign before the story.
KOREAN_WIRE_LEAD = re.compile(
    r"[(\[【]\s*[^=()\[\]【】]{1,15}?\s*=\s*(?P<agency>[^=()\[\]【】]{1,20}?)\s*[)\]】]\s*"
    rf"(?P<names>[가-힣][가-힣\s·,]{{0,40}}?{alternatives(language('ko').ROLE_WORDS)})\s*=\s*"
)
# "新华社北京11月20日电（记者 李华 王明）", "本报讯（记者 李华）": a dateline ending in 电 or 讯
# (wired, reported), then the reporters in brackets.
CHINESE_WIRE_LEAD = re.compile(
    r"(?:[^（()）\s]{1,30}?[电電讯訊])?[（(]\s*"
    rf"(?P<names>{alternatives(language('zh').AUTHOR_LABELS)}[^（()）]{{1,40}}?)\s*[）)]"
)


def lead_byline(paragraph: str) -> str | None:
    """The byline a paragraph opens with, as printed ("(서울=연합뉴스) 홍길동 기자"), or None."""
    found = KOREAN_WIRE_LEAD.match(paragraph) or CHINESE_WIRE_LEAD.match(paragraph)
    return found.group().strip(" =") if found else None


def lead_credits(lead: str, names: tuple[str, ...]) -> Credits:
    """The reporters of a wire lead, and its agency as an organisation (as "Jane Doe, AP" is)."""
    korean = KOREAN_WIRE_LEAD.match(f"{lead} =")
    if korean:
        credits = parse_byline(korean.group("names"), strict=True, site_names=names)
        organisations = dedupe([*credits.organisations, korean.group("agency")])
        return Credits(credits.people, tuple(organisations))
    chinese = CHINESE_WIRE_LEAD.match(lead)
    if chinese:
        return parse_byline(chinese.group("names"), strict=True, site_names=names)
    return Credits()


def without_wire_lead(paragraph: str) -> str:
    """A paragraph without the Korean wire lead it opens with: place, agency and reporters."""
    found = KOREAN_WIRE_LEAD.match(paragraph)
    return paragraph[found.end() :] if found else paragraph
