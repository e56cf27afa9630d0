"""The words around names in a byline (byline words, labels, dates, photo credits), stripped."""

from __future__ import annotations

import re

# "Ein Artikel von", "A column by": the kind of piece, then the byline word.
PIECE_BY = (
    r"(?:ein|eine)\s+(?:artikel|beitrag|gastbeitrag|kolumne|interview|kommentar|bericht|essay|"
    r"analyse|reportage)\s+von|an?\s+(?:article|column|essay|op-ed|analysis)\s+by"
)
# Words that introduce a byline, in the languages morgue meets most.
BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|reported|reporting|text|words|story|interview|compiled|edited)\s+by|"
    r"(?:erstellt|veröffentlicht|geschrieben|verfasst|gepostet|publiziert)\s+von|"
    rf"(?:published|posted|submitted)\s+by|zur person|autorenseite von|{PIECE_BY}|"
    r"by|von|par|por|di|door|av|af|de|text|texto|autor|autorin|autoren|author|authors|auteur|"
    r"autore|verfasser|verfasserin|"
    r"reporter|redakteur|written|posted by)\b\s*[:\-–]?\s*",
    re.IGNORECASE,
)
# Korean job titles printed after a name ("홍길동 기자").
KOREAN_ROLE = re.compile(
    r"\s*(?:기자|특파원|선임기자|객원기자|논설위원|위원|통신원|인턴기자)(?=\s|$|[=,])"
)
# Soft hyphens and zero-width characters, printed inside names to help line breaking.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# An address is tried from the start of a word only: from inside it, it would match from
# the start too, and trying every letter of a long word costs its length squared.
_EMAIL = re.compile(r"(?<!\S)\S+@\S+|https?://\S+|www\.\S+|@\w+")
_DATE_LIKE = re.compile(
    r"\b\d{1,4}[-./:]\d{1,2}(?:[-./:]\d{1,4})?\b.*$|\b(?:updated|published|posted|"
    r"aktualisiert|veröffentlicht|stand|publicado|publié|actualizado|hace|am|le|on)\b.*\d.*$",
    re.IGNORECASE,
)
# Everything from the first number on (dates, times, reading times) is never part of a name.
# A month is looked for only where a run of separators starts (runs are scanned once).
_FROM_NUMBER = re.compile(
    r"(?:(?<![\s,])[\s,]++(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mai|juni|juli|okt|dez)"
    r"[a-zäéû]*+\.?)?(?:^|\s|,)\d.*$"
)
# Lower-case words before the byline word ("eine Kolumne von Jane Doe").
_LEAD_IN = re.compile(r"^(?:[^\W\d_A-ZÀ-ÞА-Я]\S*\s+){1,3}(?=(?i:by|von|par|por)\s)")
# Who took the pictures, after the writer's name ("A Foto: B", "A Illustration von B"). Tried
# only where a run of separators starts (or after a separator opening the stripped text), so a
# long run such as ", , , …" is scanned once, not once from each of its characters.
_PHOTO_TAIL = re.compile(
    r"(?:(?<=[^\s,;|/])|(?<=^[,;|/]))[\s,;|/]++(?i:fotos?|photos?|bilder?|illustrations?|illustrationen|grafik)"
    r"(?:\s*:|\s+(?i:von|by)\s).*$"
)
# A button's label glued to the name by the page's markup ("Jane DoeFollow").
_GLUED_BUTTON = re.compile(
    r"(?<=[a-zäöüß])(?:Follow|Folgen|Abonnieren|Subscribe|Share|Teilen)\b.*$"
)
# Credit labels before the names ("Text und Interview: …", "Text & Fotos: …"). The spaces
# around a joining word are read one way only: "\s*(?:&|…)?\s*" let each label split its
# spaces two ways, doubling the work with every repeated label.
CREDIT_LABELS = re.compile(
    r"^(?:(?:text|texte|interview|fotos?|photos?|bilder|recherche|illustrations?|grafik|video|"
    r"redaktion)"
    r"\s*+(?:(?:&|und|and|/|,)\s*+)?)+:\s*",
    re.IGNORECASE,
)

# A byline is a few names and their labels: a longer text is a sentence or a list of tags, and
# is not read as one (some name patterns cost its length squared).
MAX_BYLINE_CHARS = 1000


def has_byline_label(text: str) -> bool:
    """True when the text opens with a byline word or credit label ("Von …", "Redaktion: …")."""
    return bool(BYLINE_PREFIX.match(text) or CREDIT_LABELS.match(text))


def clean_byline(text: str) -> str:
    """A byline without its "By", e-mails, links, dates and trailing place ("" when too long)."""
    if len(text) > MAX_BYLINE_CHARS:
        return ""
    text = _EMAIL.sub(" ", _GLUED_BUTTON.sub("", _INVISIBLE.sub("", text)))
    text = _PHOTO_TAIL.sub("", CREDIT_LABELS.sub("", text.strip()))
    text = BYLINE_PREFIX.sub("", text)  # before dates: "Posted by A 3.5." is no "posted 3.5."
    text = _DATE_LIKE.sub("", text)
    text = _FROM_NUMBER.sub("", text)
    text = _LEAD_IN.sub("", text.strip())
    text = " ".join(text.split()).strip(" -–—:|,")
    text = KOREAN_ROLE.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = BYLINE_PREFIX.sub("", text).strip(" -–—:|,")
    return text
