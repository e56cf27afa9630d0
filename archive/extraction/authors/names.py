"""Byline text to names: roles stripped, people told apart from agencies and organisations."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from archive.extraction.authors.words import ROLE_AFTER_NAME, clean_byline
from archive.extraction.lexicon import (
    agencies,
    alternatives,
    full_month_names,
    gather,
    language,
)

# Job titles printed next to names ("Jane Doe, Staff Reporter", "홍길동 기자").
_ROLES = alternatives(gather("ROLE_WORDS"))
ROLE_WORDS = re.compile(rf"\b{_ROLES}\b\.?", re.IGNORECASE)
# A job title with what it covers ends the names: "Jane Doe, Redakteur für Wirtschaft und
# Umwelt", "Jane Doe, Projektleiterin der Stiftung", "Jane Doe, head of X".
# Tried only where a run of separators starts, so a run such as ", , , …" is scanned once.
ROLE_TAIL = re.compile(
    rf"(?<![\s,])[\s,]++(?i:{alternatives((*gather('ROLE_WORDS'), *gather('ROLE_HEADS')))})"
    rf"\s+(?:{alternatives(gather('ROLE_LINKS'))})\s.*$"
)
# Credits to the site's own staff in general: nothing to add beside a named writer.
COLLECTIVES = frozenset(gather("COLLECTIVES"))
# News agencies and collective credits: they go to organisations, not authors.
AGENCIES = COLLECTIVES | frozenset(agencies.AGENCIES) | frozenset(agencies.WIRE_CREDITS)
ORGANISATION_WORDS = re.compile(
    rf"\b{alternatives(gather('ORGANISATION_WORDS'))}\b"
    rf"|\.{alternatives(agencies.SITE_DOMAINS)}\b",
    re.IGNORECASE,
)
# Words joining names. One-letter ones only in lower case and never before a full stop, so
# initials like "E." or "Y." are never split on.
_JOINERS = gather("NAME_CONJUNCTIONS")
NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|\||/|·|•|&|\+|"
    rf"\b(?i:{alternatives(w for w in _JOINERS if len(w) > 1)})\b|"
    rf"\b{alternatives(w for w in _JOINERS if len(w) == 1)}\b(?!\.))\s*"
)
_PLACE = re.compile(rf"\s+{alternatives(gather('PLACE_WORDS'))}\s+[A-Z][\w\s.-]*$")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
# A name ending in an initial or a suffix keeps its full stop.
INITIAL_END = re.compile(r"(?:^|[\s.])(?:\w|jr|sr|st|dr|prof)\.$", re.IGNORECASE)
NAME_PARTICLES = frozenset(gather("NAME_PARTICLES"))
# Dates written out and page furniture: never part of a name. Months and weekdays that are
# also names ("April", "Domingo") are left out.
_DATE_WORDS = frozenset(
    (*full_month_names(), *gather("WEEKDAYS"), *gather("RELATIVE_DATE_WORDS"))
) - frozenset(gather("NAME_LIKE_DATE_WORDS"))
NOT_NAMES = re.compile(
    rf"\b{alternatives((*_DATE_WORDS, *gather('NOT_NAME_WORDS')))}\b", re.IGNORECASE
)
# A user name: one token of letters, digits and a few joiners.
HANDLE = re.compile(r"[\w][\w.\-]{1,29}")
MAX_NAME_WORDS = 5
MAX_ORGANISATION_WORDS = 5
# Hangul Jamo, kana + CJK ideographs, Hangul syllables.
CJK_RANGES = (("\u1100", "\u11ff"), ("\u3040", "\u9fff"), ("\uac00", "\ud7af"))
MAX_NAME_CHARS = 60
# A credit in capitals of a few letters is an organisation's initials ("By TPN", "NDR").
ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,6}")
SECTION_LEAD = re.compile(rf"{alternatives(gather('SECTION_PREPOSITIONS'))}\s")
# Punctuation of sentences and labels, never inside a name.
NOT_IN_NAMES = re.compile(r"[:?!;“”„«»()\[\]{}<>=*#]")
# Printed CJK names are 2-5 characters; a declared one may carry a unit ("校园网王小明").
MAX_CJK_NAME_CHARS = 5
MAX_DECLARED_CJK_NAME_CHARS = 10
# Names listed with spaces between them: after a Chinese label ("记者 李华 王明"), or Korean
# names before their title ("홍길동 김철수 기자"). Japanese spaces inside a name ("山田 太郎").
_HAN_NAME = r"[\u3400-\u9fff]{2,4}"
_CHINESE_LABELS = alternatives(
    (*language("zh").AUTHOR_LABELS, *language("zh").ROLE_WORDS, *language("zh").EDITOR_LABELS)
)
CHINESE_LISTED_NAMES = re.compile(
    rf"[（(]?\s*{_CHINESE_LABELS}\s*[:：]?\s*(?P<names>{_HAN_NAME}(?:\s+{_HAN_NAME})+)\s*[）)]?"
)
KOREAN_LISTED_NAMES = re.compile(r"[가-힣]{2,4}(?:\s+[가-힣]{2,4})+")
# Academic degrees printed after a name as a part of their own ("Jane Doe, PhD").
DEGREES = frozenset(
    {"ma", "m.a.", "ms", "msc", "m.sc.", "phd", "ph.d.", "md", "m.d.", "mba", "bsc", "ba", "rn",
     "jd", "mph", "llm", "dr", "dr.", "prof", "prof."}
)  # fmt: skip


@dataclass(frozen=True)
class Credits:
    """People and organisations named in one byline."""

    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


def name_key(name: str) -> str:
    """A comparison key for names: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def is_agency(name: str) -> bool:
    """True for news agencies and collective credits (Reuters, AP, dpa, Staff…)."""
    key = name_key(name).strip(" .")
    return key in AGENCIES or key.removeprefix("the ") in AGENCIES


def is_organisation(name: str, site_names: tuple[str, ...] = ()) -> bool:
    """True for agencies, the site's own names and short names that read like an organisation."""
    key = name_key(name)
    sites = {name_key(s) for s in site_names}
    if is_agency(name) or key in sites:
        return True
    return len(name.split()) <= MAX_ORGANISATION_WORDS and bool(ORGANISATION_WORDS.search(name))


def looks_like_name(text: str, strict: bool = True) -> bool:
    """True when text reads like a person's name (strict: at least two words or CJK)."""
    if not text or len(text) > MAX_NAME_CHARS or any(ch.isdigit() for ch in text):
        return False
    if NOT_IN_NAMES.search(text):
        return False
    if NOT_NAMES.search(text):
        return False
    words = text.split()
    if _is_cjk(text):
        letters = text.replace(" ", "").replace("·", "")
        longest = MAX_CJK_NAME_CHARS if strict else MAX_DECLARED_CJK_NAME_CHARS
        return 2 <= len(letters) <= longest and letters.isalpha()
    if len(words) > MAX_NAME_WORDS or (strict and len(words) < 2) or words[-1] in NAME_PARTICLES:
        return False  # a name never ends on "von" or "zu"
    capitalised = [w for w in words if _is_capital(w[0]) or w.lower() in NAME_PARTICLES]
    return len(capitalised) == len(words) and any(ch.isalpha() for ch in text)


def looks_like_handle(text: str) -> bool:
    """True for a user name the markup marks as the author ("jdoe", "j.doe42", "Janey")."""
    return (
        bool(HANDLE.fullmatch(text))
        and any(ch.isalpha() for ch in text)
        and not NOT_NAMES.search(text)
        and not ROLE_WORDS.fullmatch(text)
        and not is_agency(text)
    )


def _is_capital(letter: str) -> bool:
    """True for a capital letter, or a letter of a script without case (Arabic, Hebrew)."""
    return letter.isupper() or (letter.isalpha() and letter.lower() == letter.upper())


def _is_cjk(text: str) -> bool:
    """True when the text is written in Hangul, kana or Han characters."""
    return any(low <= ch <= high for ch in text for low, high in CJK_RANGES)


def parse_byline(text: str, strict: bool = True, site_names: tuple[str, ...] = ()) -> Credits:
    """Split a printed or declared byline into people and organisations."""
    people: list[str] = []
    organisations: list[str] = []
    if listed := CHINESE_LISTED_NAMES.fullmatch(text.strip()):
        text = ", ".join(listed.group("names").split())
    text = ROLE_TAIL.sub("", clean_byline(text))
    outside = _PARENTHESES.sub(" ", text)
    if is_agency(outside):
        return Credits((), (outside.strip(),))
    for part in NAME_SEPARATORS.split(outside):
        cleaned = ROLE_AFTER_NAME.sub("", part).strip()
        names = cleaned.split() if KOREAN_LISTED_NAMES.fullmatch(cleaned) else [part]
        for name in names:
            _classify(name, people, organisations, strict, site_names)
    if people or organisations:  # else the brackets close a sentence: "University of X (UX)"
        for inner in _PARENTHESES.findall(text):
            if not (ROLE_WORDS.search(inner) or NOT_NAMES.search(inner)):  # "(Sponsored Post)"
                _classify(inner, people, organisations, strict, site_names)
    return without_people(Credits(tuple(dedupe(people)), tuple(dedupe(organisations))))


def without_people(credits: Credits) -> Credits:
    """Credits minus organisations that only repeat a person ("Jane Doe Example Staff")."""
    keys = [name_key(p) for p in credits.people]
    kept = [o for o in credits.organisations if not any(k in name_key(o) for k in keys)]
    return Credits(credits.people, tuple(kept))


def strip_name(text: str) -> str:
    """A name without surrounding punctuation; the full stop of an initial stays ("Joe S.")."""
    text = text.strip(" -–—:,'\"").lstrip(".")
    if text.endswith(".") and not INITIAL_END.search(text):
        text = text.rstrip(". ")
    return text


def _classify(
    part: str,
    people: list[str],
    organisations: list[str],
    strict: bool,
    site_names: tuple[str, ...],
) -> None:
    """Put one byline fragment in people or organisations, or drop it (roles, noise)."""
    part = strip_name(clean_byline(part))
    if not part or part.casefold() in DEGREES:
        return
    if is_agency(part):
        organisations.append(part)
        return
    without_roles = strip_name(" ".join(_PLACE.sub("", ROLE_WORDS.sub(" ", part)).split()))
    if not without_roles:
        return
    if not strict and " " not in without_roles and " " in part and not _PLACE.search(part):
        without_roles = part  # a declared pen name that ends in a role: "Flying Reporter"
    if is_organisation(part, site_names) or (strict and ACRONYM.fullmatch(part)):
        if not SECTION_LEAD.match(part):  # "in News" is a section, not a credit
            organisations.append(part)
    elif looks_like_name(without_roles, strict):
        people.append(without_roles)


def dedupe(names: list[str]) -> list[str]:
    """Names without repeats (compared case- and space-insensitively), first spelling kept."""
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        key = name_key(name)
        if key and key not in seen:
            seen.add(key)
            kept.append(name)
    return kept
