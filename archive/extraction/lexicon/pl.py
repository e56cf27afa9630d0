"""Polish: byline words, job titles, dates and the words around them."""

from __future__ import annotations

BYLINE_WORDS: tuple[str, ...] = ()
# "przez Jana Kowalskiego", but "Przez lata …" opens sentences: only stripped.
WEAK_BYLINE_WORDS = ("przez",)
BYLINE_PHRASES: tuple[str, ...] = ()
AUTHOR_LABELS: tuple[str, ...] = ()
ROLE_WORDS: tuple[str, ...] = ()
ROLE_HEADS: tuple[str, ...] = ()
ROLE_LINKS: tuple[str, ...] = ()
COLLECTIVES: tuple[str, ...] = ()
ORGANISATION_WORDS: tuple[str, ...] = ()
NAME_CONJUNCTIONS = ("oraz", "i")
NAME_PARTICLES: tuple[str, ...] = ()
PLACE_WORDS: tuple[str, ...] = ()
NOT_NAME_WORDS: tuple[str, ...] = ()
MONTHS: dict[str, int] = {}
NAME_LIKE_DATE_WORDS: tuple[str, ...] = ()
WEEKDAYS: tuple[str, ...] = ()
RELATIVE_DATE_WORDS: tuple[str, ...] = ()
DATE_PREPOSITIONS: tuple[str, ...] = ()
TIME_WORDS: tuple[str, ...] = ()
DATE_FILLERS: tuple[str, ...] = ()
PUBLISHED_LABELS: tuple[str, ...] = ()
MODIFIED_LABELS: tuple[str, ...] = ()
DATE_LABELS: tuple[str, ...] = ()
POSTING_WORDS: tuple[str, ...] = ()
FILED_UNDER: tuple[str, ...] = ()
RELATED_LEADS = (
    r"czytaj (?:też|także|również)",
    r"(?:zobacz|przeczytaj) (?:też|także|również)",
)
MORE_LEADS = ("czytaj więcej", "dowiedz się więcej")
TEASER_LEADS: tuple[str, ...] = ()
PAGE_LABELS: tuple[str, ...] = ()
SECTION_PREPOSITIONS: tuple[str, ...] = ()
AUTHOR_PAGE_WORDS: tuple[str, ...] = ()
READER_PROMPTS: tuple[str, ...] = ()
PROMPT_HINTS: tuple[str, ...] = ()
EDITOR_LABELS: tuple[str, ...] = ()
CHROME_LINES: tuple[str, ...] = ()
SIGN_UP_WORDS: tuple[str, ...] = ()
