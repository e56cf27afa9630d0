"""Spanish: byline words, job titles, dates and the words around them."""

from __future__ import annotations

BYLINE_WORDS = ("por",)
WEAK_BYLINE_WORDS = ("de",)
BYLINE_PHRASES = (r"escrito\s+por",)
AUTHOR_LABELS = ("texto",)
ROLE_WORDS = ("corresponsal", "redactor", "redactora")
ROLE_HEADS: tuple[str, ...] = ()
ROLE_LINKS = ("de", "del")
COLLECTIVES: tuple[str, ...] = ()
ORGANISATION_WORDS = ("redacción",)
NAME_CONJUNCTIONS = ("con", "y")
NAME_PARTICLES = ("de", "del", "la", "y")
PLACE_WORDS = ("en",)
NOT_NAME_WORDS: tuple[str, ...] = ()
MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
NAME_LIKE_DATE_WORDS = ("abril", "mayo", "domingo")
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
RELATIVE_DATE_WORDS = ("hace",)
DATE_PREPOSITIONS = ("el",)
TIME_WORDS = ("a las",)
# "3 de marzo de 2024": the day, month and year are joined by "de".
DATE_FILLERS = ("de", "del")
PUBLISHED_LABELS = ("publicado",)
MODIFIED_LABELS = ("actualizado",)
DATE_LABELS: tuple[str, ...] = ()
POSTING_WORDS = ("publicado", "escrito")
FILED_UNDER: tuple[str, ...] = ()
RELATED_LEADS = (
    r"más leídas?",
    "lo más leído",
    r"lea (?:también|además)",
    "lee también",
    r"(?:también )?(?:le|te) puede interesar",
    r"vea (?:también|además)",
    "ver también",
    "puedes ver",
    "te recomendamos",
    r"(?:notas|noticias|artículos) relacionad[oa]s",
    "contenido relacionado",
)
MORE_LEADS = ("lea más", "lee más")
# Bare imperatives that lead in a teaser only with a colon ("Mira: …"); alone, names.
TEASER_LEADS = ("lea", "mira", "mire")
PAGE_LABELS = ("temas",)
SECTION_PREPOSITIONS: tuple[str, ...] = ()
AUTHOR_PAGE_WORDS: tuple[str, ...] = ()
READER_PROMPTS = (
    r"\bnuestr[oa]s?\b.{0,30}newsletter",
    r"newsletter.{0,40}\bsuscríbete",
    "ya eres suscriptor",
    r"\bsíguenos\b",
    r"\bnuestro canal (?:de )?(?:youtube|telegram|whatsapp)",
    r"\benlaces? de afiliados?\b",
)
PROMPT_HINTS = ("newsletter", "suscript", "sígu", "youtube", "telegram", "whatsapp", "afiliad")
EDITOR_LABELS: tuple[str, ...] = ()
CHROME_LINES: tuple[str, ...] = ()
SIGN_UP_WORDS: tuple[str, ...] = ()
