"""Italian: byline words, job titles, dates and the words around them."""

from __future__ import annotations

BYLINE_WORDS: tuple[str, ...] = ()
# "di Jane Doe", but "di" is also a name particle ("Di Stefano"): only stripped.
WEAK_BYLINE_WORDS = ("di",)
BYLINE_PHRASES = (r"scritto\s+da",)
AUTHOR_LABELS = ("autore",)
ROLE_WORDS = ("giornalista", "inviato")
ROLE_HEADS: tuple[str, ...] = ()
ROLE_LINKS = ("del", "della")
COLLECTIVES: tuple[str, ...] = ()
ORGANISATION_WORDS = ("redazione",)
NAME_CONJUNCTIONS = ("e",)
NAME_PARTICLES = ("di", "della", "da")
PLACE_WORDS: tuple[str, ...] = ()
NOT_NAME_WORDS: tuple[str, ...] = ()
MONTHS = {
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
    "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
}  # fmt: skip
NAME_LIKE_DATE_WORDS: tuple[str, ...] = ()
WEEKDAYS = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
RELATIVE_DATE_WORDS: tuple[str, ...] = ()
DATE_PREPOSITIONS = ("il",)
TIME_WORDS: tuple[str, ...] = ()
DATE_FILLERS: tuple[str, ...] = ()
PUBLISHED_LABELS = ("pubblicato",)
MODIFIED_LABELS = ("aggiornato",)
DATE_LABELS: tuple[str, ...] = ()
POSTING_WORDS = ("pubblicato",)
FILED_UNDER: tuple[str, ...] = ()
RELATED_LEADS = ("leggi anche", "vedi anche")
MORE_LEADS: tuple[str, ...] = ()
TEASER_LEADS: tuple[str, ...] = ()
PAGE_LABELS: tuple[str, ...] = ()
SECTION_PREPOSITIONS: tuple[str, ...] = ()
AUTHOR_PAGE_WORDS = ("autore", "autori")
READER_PROMPTS = (r"\bnostra\b.{0,30}newsletter", r"\bseguici\b")
PROMPT_HINTS = ("newsletter", "segui")
EDITOR_LABELS: tuple[str, ...] = ()
CHROME_LINES: tuple[str, ...] = ()
SIGN_UP_WORDS: tuple[str, ...] = ()
