"""Dutch: byline words, job titles, dates and the words around them."""

from __future__ import annotations

BYLINE_WORDS = ("door",)
WEAK_BYLINE_WORDS: tuple[str, ...] = ()
BYLINE_PHRASES: tuple[str, ...] = ()
AUTHOR_LABELS: tuple[str, ...] = ()
ROLE_WORDS: tuple[str, ...] = ()
ROLE_HEADS: tuple[str, ...] = ()
ROLE_LINKS: tuple[str, ...] = ()
COLLECTIVES: tuple[str, ...] = ()
ORGANISATION_WORDS: tuple[str, ...] = ()
NAME_CONJUNCTIONS = ("en",)
NAME_PARTICLES = ("van", "der", "den", "ter", "ten")
PLACE_WORDS: tuple[str, ...] = ()
NOT_NAME_WORDS: tuple[str, ...] = ()
MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
NAME_LIKE_DATE_WORDS = ("mei",)
WEEKDAYS: tuple[str, ...] = ()
RELATIVE_DATE_WORDS: tuple[str, ...] = ()
DATE_PREPOSITIONS = ("op",)
TIME_WORDS: tuple[str, ...] = ()
DATE_FILLERS: tuple[str, ...] = ()
PUBLISHED_LABELS = ("gepubliceerd",)
MODIFIED_LABELS = ("bijgewerkt",)
DATE_LABELS: tuple[str, ...] = ()
POSTING_WORDS: tuple[str, ...] = ()
FILED_UNDER: tuple[str, ...] = ()
RELATED_LEADS = ("lees ook", "zie ook")
MORE_LEADS = ("lees meer",)
TEASER_LEADS: tuple[str, ...] = ()
PAGE_LABELS: tuple[str, ...] = ()
SECTION_PREPOSITIONS: tuple[str, ...] = ()
AUTHOR_PAGE_WORDS: tuple[str, ...] = ()
READER_PROMPTS: tuple[str, ...] = ()
PROMPT_HINTS: tuple[str, ...] = ()
EDITOR_LABELS: tuple[str, ...] = ()
CHROME_LINES: tuple[str, ...] = ()
SIGN_UP_WORDS: tuple[str, ...] = ()
