"""Split a photo credit off caption text: "… / Yonhap", "(AP Photo/X)", "Photo: X", "© X"."""

from __future__ import annotations

import re

from archive.extraction.html_tree import collapse
from archive.extraction.lexicon import agencies, alternatives, compile_words
from archive.extraction.lexicon import credits as vocabulary

# Words that make a short fragment a photo credit.
CREDIT_WORDS = compile_words((*vocabulary.CREDIT_WORDS, *agencies.PHOTO_SOURCES))
CREDIT_LABELS = alternatives(vocabulary.LABELS)
SIGNS = alternatives(vocabulary.COPYRIGHT_SIGNS)
# What separates a label from its credit: a colon, or "=" in Korean ("사진=연합뉴스").
LABEL_END = r"[:：=＝]"
# Label-introduced credit, anywhere after the caption text ("… Photo: X", "Foto: X").
LABELLED = re.compile(
    rf"(?:^|(?<=[\s.;,|(\[（【]))(?:{CREDIT_LABELS}\s*){{1,2}}{LABEL_END}\s*(.+?)[)\]）】]?$",
    re.I,
)
# "… Photo by Jane Doe" as the caption's last sentence or bracket.
BY = re.compile(
    rf"(?:^|(?<=[.|(\[]))\s*(?:{alternatives(vocabulary.BY_LABELS)})\s+by\s+(.+?)[)\]]?$", re.I
)
# "Jane Doe/Example Post": a full name and a house joined by a slash ("Kyiv/Kiev" is none).
SLASHED_NAMES = re.compile(r"^[^\W\d_][^\s/]*\s[^/]*[^\W\d_]\s?/\s?[^\W\d_]")
COPYRIGHT = re.compile(rf"(?:^|\s){SIGNS}\s*(.+)$", re.IGNORECASE)
PARENTHESISED = re.compile(r"\s*[(\[（]([^()\[\]（）]{2,100})[)\]）]\s*\.?$")
SLASHED = re.compile(r"\s+/\s+([^/]{2,80})$")
# Japanese papers end a caption with its credit after a full-width equals sign ("…＝共同"),
# or with a bracketed "(name 撮影)"; a dateline after the sign ("＝13日、東京で") is no credit.
EQUALS = re.compile(r"＝\s*([^＝=\s、，。\d０-９]{1,20})$")
SUFFIXED = re.compile(
    rf"\s*[（(]([^（）()]{{1,30}}?)\s*{alternatives(vocabulary.SUFFIX_LABELS)}[）)]$"
)
# Separators before a trailing credit written as a last short sentence or segment.
TRAILING = re.compile(r"(?:\.\s+|\s+\|\s+|\s+[-–—]\s+)([^.|]{2,80})$")
MAX_CREDIT_WORDS = 8
HOLDER_SEPARATOR = re.compile(r"\s+\|\s+")
# What is left of a caption that was only a credit ("Image Credits: X", "Foto: X").
LABEL_ONLY = re.compile(rf"^{alternatives(vocabulary.BARE_LABELS)}?$", re.I)
# A credit element may also print its label with an ellipsis ("Credit…Jane Doe").
LEADING_LABEL = re.compile(
    rf"(?:{CREDIT_LABELS}\s*){{1,2}}(?:{LABEL_END}|\.{{3}}|…|\bby\b)\s*(.+)$", re.I
)
BARE_LABEL = re.compile(rf"^(?:{CREDIT_LABELS}\s*){{1,2}}{LABEL_END}?$", re.I)
# A line that opens with a credit's sign or label ("© Jane Doe", "Foto: Jane Doe").
LEADING_CREDIT = re.compile(rf"^(?:{SIGNS}|(?:{CREDIT_LABELS}\s*){{1,2}}{LABEL_END})", re.I)
# A label glued to the credit by markup ("Credit" in a hidden span: "CreditJane Doe").
GLUED_LABEL = re.compile(rf"^({CREDIT_LABELS})(?=(?-i:[A-ZÀ-Þ]))", re.I)
LEADING_SIGN = re.compile(rf"^{SIGNS}\s*", re.IGNORECASE)
TRAILING_LABEL = re.compile(rf"(?<!\w)(?:{CREDIT_LABELS})\s*{LABEL_END}?$|(?:©|ⓒ)$", re.I)
RIGHTS_NOTICE = re.compile(
    r"\s*[/|,;]?\s*(?:copyright|©)?\s*(?:\d{4})?\s*[^/|,;]*all rights reserved\.?$", re.I
)
RIGHTS_PHRASE = "all rights reserved"
# Parenthesised notes that mention photos but credit nobody.
NOT_CREDITS = frozenset(vocabulary.NOT_CREDITS)


def _short(text: str) -> bool:
    """True when a fragment is short enough to be a credit."""
    return 0 < len(text.split()) <= MAX_CREDIT_WORDS


def _reads_as_credit(text: str) -> bool:
    """True for a fragment with a credit word or agency, or a capitalised "Name/House"."""
    named = text[:1].isupper() and SLASHED_NAMES.match(text)
    return bool(CREDIT_WORDS.search(text) or named)


def clean_credit(credit: str) -> str | None:
    """A credit without its label, copyright sign, rights notice or wrapping punctuation."""
    credit = LEADING_SIGN.sub("", _strip_wrapping(collapse(credit)))  # "© Bild: X" too
    labelled = LEADING_LABEL.match(credit)
    if not labelled and (found := LABELLED.search(credit)):  # "A caption. (Quelle: Jane Doe)"
        labelled = (
            found if credit[: found.start()].rstrip(" ([").endswith((".", "!", "?")) else None
        )
    if labelled:
        credit = labelled.group(1)
    credit = LEADING_SIGN.sub("", credit)
    if RIGHTS_PHRASE in credit.lower():
        credit = without_rights_notice(credit)
    credit = join_holders(_strip_wrapping(credit))
    if not credit or BARE_LABEL.match(credit) or not any(c.isalpha() for c in credit):
        return None  # a label alone ("Bild:") or a photo count ("8") credits nobody
    return credit


def without_rights_notice(credit: str) -> str:
    """The credit less a closing rights notice ("Jane Doe, © 2024 Example. All rights reserved").

    The notice can't hold a separator, so it can only start at the last one (with the spaces
    before it): one match from there, where a search from every position was quadratic.
    """
    start = max(0, *(credit.rfind(separator) for separator in "/|,;"))
    while start > 0 and credit[start - 1].isspace():
        start -= 1
    return credit[:start] if RIGHTS_NOTICE.match(credit, start) else credit


def join_holders(credit: str) -> str:
    """Several rights holders printed "A | B" as "A; B", a repeated holder once."""
    holders: list[str] = []
    for holder in HOLDER_SEPARATOR.split(credit):
        if holder and holder not in holders:
            holders.append(holder)
    return "; ".join(holders)


def _strip_wrapping(text: str) -> str:
    """Trim separators and brackets around a credit, keeping balanced inner brackets."""
    text = text.strip(" .;,|-–—")
    while len(text) > 1 and text[0] in "([" and text[-1] in ")]":
        text = text[1:-1].strip(" .;,|-–—")
    if text.endswith((")", "]")) and "(" not in text and "[" not in text:
        text = text[:-1]
    if text.startswith(("(", "[")) and ")" not in text and "]" not in text:
        text = text[1:]
    return text.strip(" .;,|-–—")


def split_credit(text: str) -> tuple[str, str | None]:
    """(caption text, credit) from a caption that may end with a photo credit."""
    text = GLUED_LABEL.sub(r"\1: ", collapse(text), count=1)
    for pattern, needs_words in (
        (COPYRIGHT, False),
        (LABELLED, False),
        (BY, False),
        (PARENTHESISED, True),
        (SLASHED, False),
        (EQUALS, False),
        (SUFFIXED, False),
        (TRAILING, True),
    ):
        match = pattern.search(text)
        if not match:
            continue
        credit = match.group(1)
        if credit.count("(") > credit.count(")") and match.group(0).endswith(")"):
            credit += ")"  # the bracket closed the credit's own "(CC BY 2.0)", not a wrapper
        if not _short(credit) or (needs_words and not _reads_as_credit(credit)):
            continue
        if credit.strip(" .").lower() in NOT_CREDITS:
            continue
        rest = text[: match.start()].strip(" |-–—/([（【")
        if pattern is TRAILING:
            rest = text[: match.start() + 1].strip(" |-–—/") if text[match.start()] == "." else rest
        cleaned = clean_credit(credit)
        if cleaned:
            return ("" if LABEL_ONLY.match(rest) else rest), cleaned
    return text, None


def remove_credit(text: str, credit: str) -> str:
    """Caption text with a separately printed credit (and its label) taken out."""
    text = collapse(text)
    index = text.rfind(credit)
    if index < 0:
        return text
    before = text[:index].rstrip()
    before = TRAILING_LABEL.sub("", before)
    return collapse(before + " " + text[index + len(credit) :]).strip(" |/-–—(")
