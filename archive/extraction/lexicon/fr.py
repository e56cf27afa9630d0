"""French: byline words, job titles, dates and the words around them."""

from __future__ import annotations

BYLINE_WORDS = ("par",)
WEAK_BYLINE_WORDS = ("de",)
BYLINE_PHRASES = (r"publié\s+par",)
AUTHOR_LABELS = ("auteur",)
ROLE_WORDS = ("journaliste", "envoyé spécial", "envoyée spéciale", "rédacteur", "rédactrice")
ROLE_HEADS: tuple[str, ...] = ()
ROLE_LINKS = ("de", "du")
COLLECTIVES: tuple[str, ...] = ()
ORGANISATION_WORDS = ("rédaction",)
NAME_CONJUNCTIONS = ("avec", "et")
NAME_PARTICLES = ("de", "du", "le", "la")
PLACE_WORDS = ("en", "à")
NOT_NAME_WORDS: tuple[str, ...] = ()
MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}  # fmt: skip
NAME_LIKE_DATE_WORDS: tuple[str, ...] = ()
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
RELATIVE_DATE_WORDS: tuple[str, ...] = ()
DATE_PREPOSITIONS = ("le",)
TIME_WORDS = ("à", "h")
DATE_FILLERS: tuple[str, ...] = ()
PUBLISHED_LABELS = ("publié",)
MODIFIED_LABELS = ("mis à jour", "modifié")
DATE_LABELS: tuple[str, ...] = ()
POSTING_WORDS = ("publié",)
FILED_UNDER: tuple[str, ...] = ()
RELATED_LEADS = (
    "les plus lus",
    r"(?:à )?lire (?:aussi|également)",
    r"(?:à )?voir aussi",
    "sur le même sujet",
)
MORE_LEADS = ("lire la suite",)
TEASER_LEADS: tuple[str, ...] = ()
PAGE_LABELS: tuple[str, ...] = ()
SECTION_PREPOSITIONS = ("dans", "en")
AUTHOR_PAGE_WORDS = ("auteur", "auteurs")
READER_PROMPTS = (
    r"\b(?:notre|nos)\b.{0,30}newsletter",
    r"newsletter.{0,40}\babonnez",
    "déjà abonné",
    r"\bsuivez-nous\b",
    r"\bnotre canal (?:de )?(?:youtube|telegram|whatsapp)",
)
PROMPT_HINTS = ("newsletter", "abonn", "suivez", "youtube", "telegram", "whatsapp")
EDITOR_LABELS: tuple[str, ...] = ()
CHROME_LINES = ("publicité", "partager", r".{0,60}tous droits réservés.{0,40}")
SIGN_UP_WORDS: tuple[str, ...] = ()
