"""German: byline words, job titles, dates and the words around them."""

from __future__ import annotations

BYLINE_WORDS = ("von",)
WEAK_BYLINE_WORDS: tuple[str, ...] = ()
BYLINE_PHRASES = (
    r"(?:erstellt|veröffentlicht|geschrieben|verfasst|gepostet|publiziert)\s+von",
    r"autorenseite\s+von",
)
AUTHOR_LABELS = (
    "autor", "autorin", "autoren", "verfasser", "verfasserin", "text", "redakteur", "zur person",
)  # fmt: skip
ROLE_WORDS = (
    "redaktion", r"\w*redakteur(?:in)?", r"\w*korrespondent(?:in)?", "freier autor",
    "freie autorin", r"gastautor(?:in)?", r"\w*anwalt", r"\w*anwältin",
)  # fmt: skip
ROLE_HEADS = (r"\w*leiter(?:in)?", r"\w*sprecher(?:in)?", r"\w*referent(?:in)?")
ROLE_LINKS = ("für", "der", "des", "bei", "im", "am")
COLLECTIVES = ("redaktion", "die redaktion", "red.", "red")
ORGANISATION_WORDS = (r"\w*agentur", r"\w*redaktion", r"\w*zeitung", r"\w*verlag", "gmbh")
NAME_CONJUNCTIONS = ("und", "mit")
NAME_PARTICLES = ("von", "zu")
PLACE_WORDS = ("aus",)
NOT_NAME_WORDS = (
    "uhr", "beiträge", "artikel", "mehr", "profil", "folgen", "entfolgen",
    "abonnieren", "gesponsert", "weitere", "informationen", "inhalte", "datum", "nachricht",
)  # fmt: skip
MONTHS = {
    "januar": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "okt": 10, "november": 11, "dezember": 12,
    "dez": 12,
}  # fmt: skip
NAME_LIKE_DATE_WORDS = ("mai",)
WEEKDAYS = (
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
)
RELATIVE_DATE_WORDS = ("heute", "gestern")
DATE_PREPOSITIONS = ("am",)
TIME_WORDS = ("um", "uhr")
DATE_FILLERS = ("den", "der", "mo", "di", "mi", "do", "fr", "sa", "so")
PUBLISHED_LABELS = ("veröffentlicht", "erstellt")
MODIFIED_LABELS = ("aktualisiert", "geändert")
DATE_LABELS = ("stand", "datum", "erschienen", "zuletzt")
POSTING_WORDS = (
    "erstellt", "eingestellt", "gespeichert", "veröffentlicht", "verfasst", "geschrieben",
    "eingetragen", "aktualisiert",
)  # fmt: skip
FILED_UNDER = ("unter", "im")
RELATED_LEADS = (
    r"lesen sie (?:auch|hier)",
    "lies auch",
    "auch lesen",
    r"mehr (?:zum thema|dazu|themen)",
    "zum weiterlesen",
    "auch interessant",
    "siehe auch",
    r"passend (?:dazu|zum thema)",
    "schon gelesen",
    r"(?:das (?:thema )?)?(?:könnte|dürfte) (?:sie|dich) auch interessieren",
    r"empfohlene (?:beiträge|artikel)",
    r"ähnliche (?:artikel|beiträge)",
    "lust auf mehr",
    r"top-?themen",
    r"weitere (?:\w+ )?(?:artikel|beiträge|themen|nachrichten|meldungen)"
    r"(?: zum thema| aus .{1,30})?",
)
MORE_LEADS = (r"lesen sie (?:mehr|weiter)", "weiterlesen")
TEASER_LEADS: tuple[str, ...] = ()
PAGE_LABELS = (
    r"kategorien?", "rubrik", "schlagwörter", "schlagworte", "stichwörter", "themen", "kontakt",
    "pressekontakt", r"quellen?",
)  # fmt: skip
SECTION_PREPOSITIONS = ("in", "im", "aus", "bei")
AUTHOR_PAGE_WORDS = (
    "autor", "autoren", "autorin", "redakteur", "redakteurin", "journalist",
    "journalisten", "mitarbeiter", "benutzer",
)  # fmt: skip
READER_PROMPTS = (
    r"\bunser\w*\b.{0,30}newsletter",
    r"newsletter.{0,40}\b(?:anmelden|abonnieren)",
    "jetzt abonnieren",
    "bereits abonnent",
    r"(?:eingeloggt|angemeldet)\b.{0,40}\bkommentar",
    r"kommentar\w*\b.{0,60}\b(?:eingeloggt|angemeldet)\b",
    r"^(?:sie sind|du bist) (?:aktuell |derzeit )?nicht (?:eingeloggt|angemeldet)",
    r"^(?:keine|\d+) kommentare?\b",
    "^kommentare insgesamt",
    r"\b(?:folgen sie uns|folgt uns|folge uns)\b",
    r"\bunser\w* kanal (?:auf )?(?:youtube|telegram|whatsapp)",
    r"\beine provision\b",
    r"\benthält werbung\b",
)
PROMPT_HINTS = (
    "newsletter", "abonn", "komment", "eingeloggt", "angemeldet", "folg", "youtube", "telegram",
    "whatsapp", "provision", "werbung",
)  # fmt: skip
EDITOR_LABELS: tuple[str, ...] = ()
CHROME_LINES = ("anzeige", "werbung", "teilen", r".{0,60}alle rechte vorbehalten.{0,40}")
SIGN_UP_WORDS = ("anmelden", "abonnieren")
