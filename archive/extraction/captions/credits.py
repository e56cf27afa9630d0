"""Split a photo credit off caption text: "… / Yonhap", "(AP Photo/X)", "Photo: X", "© X"."""

from __future__ import annotations

import re

from archive.extraction.html_tree import collapse

# Words that make a short fragment a photo credit.
CREDIT_WORDS = re.compile(
    r"\b(?:photo|photos|foto|fotos|bild|image|images|picture|pictures|credit|getty|reuters|ap|"
    r"afp|dpa|epa|efe|imago|shutterstock|istock|istockphoto|alamy|keystone|handout|pool|file|"
    r"picture[- ]alliance|yonhap|newsis|xinhua|bloomberg|anadolu|apa|sda|ansa|kyodo|"
    r"supplied|courtesy|archive|archiv|privat|screenshot|wikimedia|unsplash|pexels)\b",
    re.IGNORECASE,
)
CREDIT_LABELS = (
    r"photos?|fotos?|bild(?:er)?|images?|pictures?|credits?|photograph(?:s|y)?|source|quelle|"
    r"crédits?|fotografía|imagen|foto ?credit|photo credit|bildquelle|사진|写真|图片|출처"
)
# Label-introduced credit, anywhere after the caption text ("… Photo: X", "Foto: X").
LABELLED = re.compile(
    rf"(?:^|(?<=[\s.;,|(\[]))(?:(?:{CREDIT_LABELS})\s*){{1,2}}[:：]\s*(.+?)[)\]]?$", re.I
)
COPYRIGHT = re.compile(r"(?:^|\s)(?:©|ⓒ|\(c\)|copyright)\s*(.+)$", re.IGNORECASE)
PARENTHESISED = re.compile(r"\s*[(\[]([^()\[\]]{2,100})[)\]]\s*\.?$")
SLASHED = re.compile(r"\s+/\s+([^/]{2,80})$")
# Separators before a trailing credit written as a last short sentence or segment.
TRAILING = re.compile(r"(?:\.\s+|\s+\|\s+|\s+[-–—]\s+)([^.|]{2,80})$")
MAX_CREDIT_WORDS = 8
HOLDER_SEPARATOR = re.compile(r"\s+\|\s+")
# What is left of a caption that was only a credit ("Image Credits: X", "Foto: X").
LABEL_ONLY = re.compile(r"^(?:image|images|photo|photos|foto|fotos|bild|picture)?$", re.I)
RIGHTS_NOTICE = re.compile(
    r"\s*[/|,;]?\s*(?:copyright|©)?\s*(?:\d{4})?\s*[^/|,;]*all rights reserved\.?$", re.I
)
RIGHTS_PHRASE = "all rights reserved"
# Parenthesised notes that mention photos but credit nobody.
NOT_CREDITS = frozenset({"file photo", "file", "archive photo", "photo", "photos", "archivbild"})


def _short(text: str) -> bool:
    """True when a fragment is short enough to be a credit."""
    return 0 < len(text.split()) <= MAX_CREDIT_WORDS


def clean_credit(credit: str) -> str | None:
    """A credit without its label, copyright sign, rights notice or wrapping punctuation."""
    credit = _strip_wrapping(collapse(credit))
    labelled = re.match(rf"(?:(?:{CREDIT_LABELS})\s*){{1,2}}(?:[:：]|\bby\b)\s*(.+)$", credit, re.I)
    if labelled:
        credit = labelled.group(1)
    credit = re.sub(r"^(?:©|ⓒ|\(c\)|copyright)\s*", "", credit, flags=re.IGNORECASE)
    if RIGHTS_PHRASE in credit.lower():  # spares the notice's search, quadratic in the credit
        credit = RIGHTS_NOTICE.sub("", credit)
    return join_holders(_strip_wrapping(credit)) or None


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
    text = collapse(text)
    for pattern, needs_words in (
        (COPYRIGHT, False),
        (LABELLED, False),
        (PARENTHESISED, True),
        (SLASHED, False),
        (TRAILING, True),
    ):
        match = pattern.search(text)
        if not match:
            continue
        credit = match.group(1)
        if not _short(credit) or (needs_words and not CREDIT_WORDS.search(credit)):
            continue
        if credit.strip(" .").lower() in NOT_CREDITS:
            continue
        rest = text[: match.start()].strip(" |-–—/([")
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
    before = re.sub(rf"(?:{CREDIT_LABELS})\s*[:：]?$|(?:©|ⓒ)$", "", before, flags=re.I)
    return collapse(before + " " + text[index + len(credit) :]).strip(" |/-–—(")
