"""Portuguese: byline words, job titles, dates and the words around them."""

from __future__ import annotations

BYLINE_WORDS = ("por",)
WEAK_BYLINE_WORDS = ("de",)
BYLINE_PHRASES: tuple[str, ...] = ()
AUTHOR_LABELS = ("texto",)
ROLE_WORDS: tuple[str, ...] = ()
ROLE_HEADS: tuple[str, ...] = ()
ROLE_LINKS: tuple[str, ...] = ()
COLLECTIVES: tuple[str, ...] = ()
ORGANISATION_WORDS: tuple[str, ...] = ()
NAME_CONJUNCTIONS = ("e",)
NAME_PARTICLES = ("da", "das", "dos", "e")
PLACE_WORDS: tuple[str, ...] = ()
NOT_NAME_WORDS: tuple[str, ...] = ()
MONTHS = {
    "janeiro": 1, "fevereiro": 2, "março": 3, "abril": 4, "maio": 5, "junho": 6, "julho": 7,
    "agosto": 8, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
}  # fmt: skip
NAME_LIKE_DATE_WORDS: tuple[str, ...] = ()
WEEKDAYS: tuple[str, ...] = ()
RELATIVE_DATE_WORDS: tuple[str, ...] = ()
DATE_PREPOSITIONS: tuple[str, ...] = ()
TIME_WORDS: tuple[str, ...] = ()
DATE_FILLERS = ("de",)
PUBLISHED_LABELS: tuple[str, ...] = ()
MODIFIED_LABELS: tuple[str, ...] = ()
DATE_LABELS: tuple[str, ...] = ()
POSTING_WORDS: tuple[str, ...] = ()
FILED_UNDER: tuple[str, ...] = ()
RELATED_LEADS = ("leia também", "veja também")
MORE_LEADS = ("leia mais", "veja mais", "saiba mais")
TEASER_LEADS: tuple[str, ...] = ()
PAGE_LABELS: tuple[str, ...] = ()
SECTION_PREPOSITIONS: tuple[str, ...] = ()
AUTHOR_PAGE_WORDS: tuple[str, ...] = ()
READER_PROMPTS = (r"\bnossa\b.{0,30}newsletter", r"\bsiga-nos\b")
PROMPT_HINTS = ("newsletter", "siga-nos")
EDITOR_LABELS: tuple[str, ...] = ()
CHROME_LINES: tuple[str, ...] = ()
SIGN_UP_WORDS: tuple[str, ...] = ()
