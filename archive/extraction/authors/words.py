"""The words around names in a byline (byline words, labels, dates), stripped."""

from __future__ import annotations

import re

from archive.extraction.lexicon import alternatives, gather, language, months

# Words and phrases that introduce a byline, and labels before the names ("By", "Von",
# "Written by", "Autor:").
BYLINE_WORDS = gather("BYLINE_WORDS")
BYLINE_PHRASES = gather("BYLINE_PHRASES")
AUTHOR_LABELS = gather("AUTHOR_LABELS")
EDITOR_LABELS = gather("EDITOR_LABELS")
_STRIPPED = (
    *BYLINE_PHRASES, *BYLINE_WORDS, *gather("WEAK_BYLINE_WORDS"), *AUTHOR_LABELS, *EDITOR_LABELS,
)  # fmt: skip
BYLINE_PREFIX = re.compile(
    rf"^{alternatives(_STRIPPED)}"
    r"\b\s*[:：\-–・/／]?\s*",
    re.IGNORECASE,
)
# Job titles printed after a name, spaced or not ("홍길동 기자", "山田太郎記者").
_ROLES_AFTER_NAME = (*language("ko").ROLE_WORDS, *language("ja").ROLE_WORDS)
ROLE_AFTER_NAME = re.compile(rf"\s*{alternatives(_ROLES_AFTER_NAME)}(?=\s|$|[=,(、）])")
# Soft hyphens and zero-width characters, printed inside names to help line breaking, and the
# direction marks and isolates right-to-left pages set around names.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u061c\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# A byline in full-width brackets, as CJK pages print one on its own line ("（记者 李华）").
_BRACKETED = re.compile(r"^[（【]\s*([^（）【】]+?)\s*[）】]$")
# An address is tried from the start of a word only (or just inside a bracket: "Jane Doe
# (jdoe@example.com)"): from inside a word it would match from the start too, and trying every
# letter of a long word costs its length squared. Brackets are never part of it.
_ADDRESS = r"(?<![^\s(<\[])[^\s()<>\[\]]+@[^\s()<>\[\]]+"
EMAIL_OR_LINK = re.compile(rf"{_ADDRESS}|https?://\S+")
_EMAIL = re.compile(rf"{_ADDRESS}|https?://\S+|www\.\S+|@\w+")
# The brackets an address leaves behind.
EMPTY_BRACKETS = re.compile(r"\(\s*\)|<\s*>|\[\s*\]")
# Words that open a date after the names ("Jane Doe, updated 3 May", "Jane Doe am 3. Mai").
DATE_LEADS = (
    *gather("PUBLISHED_LABELS"), *gather("MODIFIED_LABELS"), *gather("DATE_LABELS"),
    *gather("DATE_PREPOSITIONS"),
)  # fmt: skip
_DATE_LIKE = re.compile(
    r"\b\d{1,4}[-./:]\d{1,2}(?:[-./:]\d{1,4})?\b.*$|"
    rf"\b{alternatives(DATE_LEADS)}\b.*\d.*$",
    re.IGNORECASE,
)
# Everything from the first number on (dates, times, reading times) is never part of a name.
# A month is looked for only where a run of separators starts (runs are scanned once).
_FROM_NUMBER = re.compile(
    rf"(?:(?<![\s,])[\s,]++(?i:{alternatives(months())})[a-zäéû]*+\.?)?(?:^|\s|,)\d.*$"
)

# A byline is a few names and their labels: a longer text is a sentence or a list of tags, and
# is not read as one (some name patterns cost its length squared).
MAX_BYLINE_CHARS = 1000


def clean_byline(text: str) -> str:
    """A byline without its "By", e-mails, links, dates and trailing place ("" when too long)."""
    if len(text) > MAX_BYLINE_CHARS:
        return ""
    text = EMPTY_BRACKETS.sub(" ", _EMAIL.sub(" ", _INVISIBLE.sub("", text)))
    text = _BRACKETED.sub(r"\1", text.strip())
    text = BYLINE_PREFIX.sub("", text)  # before dates: "Posted by A 3.5." is no "posted 3.5."
    text = _DATE_LIKE.sub("", text)
    text = _FROM_NUMBER.sub("", text)
    text = " ".join(text.split()).strip(" -–—:|,")
    text = ROLE_AFTER_NAME.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = BYLINE_PREFIX.sub("", text).strip(" -–—:|,")
    return text
