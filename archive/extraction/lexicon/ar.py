"""Arabic: byline words and job titles; and Arabic names in Latin letters: particles ("bin")."""

from __future__ import annotations

# "بقلم: محمد أحمد" (by the pen of).
BYLINE_WORDS = ("بقلم",)
WEAK_BYLINE_WORDS: tuple[str, ...] = ()
BYLINE_PHRASES: tuple[str, ...] = ()
# "كتب: …" (wrote), "كتبت: …" (she wrote), "إعداد: …" (prepared by).
AUTHOR_LABELS = ("كتب", "كتبت", "إعداد")
# Job titles before the name ("بقلم الكاتب محمد أحمد": the writer, the journalist, correspondent).
ROLE_WORDS = (
    "الكاتب", "الكاتبة", "الصحفي", "الصحفية", "الصحافي", "الصحافية", "مراسل", "مراسلة",
    "المراسل", "المراسلة", "المحرر", "المحررة", "محرر", "محررة",
)  # fmt: skip
ROLE_HEADS: tuple[str, ...] = ()
ROLE_LINKS: tuple[str, ...] = ()
COLLECTIVES: tuple[str, ...] = ()
ORGANISATION_WORDS: tuple[str, ...] = ()
# "محمد أحمد و علي حسن": "and", when printed apart (joined to the next word it may begin a name).
NAME_CONJUNCTIONS = ("و",)
NAME_PARTICLES = ("bin", "ibn", "al", "el")
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
RELATED_LEADS: tuple[str, ...] = ()
MORE_LEADS: tuple[str, ...] = ()
TEASER_LEADS: tuple[str, ...] = ()
PAGE_LABELS: tuple[str, ...] = ()
SECTION_PREPOSITIONS: tuple[str, ...] = ()
AUTHOR_PAGE_WORDS: tuple[str, ...] = ()
READER_PROMPTS: tuple[str, ...] = ()
PROMPT_HINTS: tuple[str, ...] = ()
EDITOR_LABELS: tuple[str, ...] = ()
CHROME_LINES: tuple[str, ...] = ()
SIGN_UP_WORDS: tuple[str, ...] = ()
