"""English: byline words, job titles, dates and the words around them."""

from __future__ import annotations

# "By Jane Doe": a word that introduces the names.
BYLINE_WORDS = ("by",)
# Byline words that are also name particles or date words: only stripped, never a byline alone.
WEAK_BYLINE_WORDS: tuple[str, ...] = ()
# Longer ways to say it: "Reported by", "Posted by".
BYLINE_PHRASES = (
    r"(?:written|reported|reporting|text|words|story|interview|compiled|edited)\s+by",
    r"(?:published|posted|submitted)\s+by",
)
# Labels before the names: "Author: Jane Doe".
AUTHOR_LABELS = ("author", "authors", "text", "reporter")
# Job titles printed next to names ("Jane Doe, Staff Reporter").
ROLE_WORDS = (
    "senior", "chief", "deputy", "associate", "contributing", "political", "economics",
    "business", "sports", "foreign", "science", "health", "tech", "technology", "education",
    "financial", "news", "managing", "special", "investigative", "staff", "freelance", "editor",
    "editors", "editorial", "writer", "writers", "reporter", "reporters", "correspondent",
    "correspondents", "columnist", "contributor", "photographer", "photographers", "journalist",
    "journalists", "producer", "analyst", "desk", "team", "at large",
)  # fmt: skip
# Heads of something, a job title only with what they head ("head of X").
ROLE_HEADS = ("director", "head", "manager")
# Words joining a job title to what it covers ("editor for economics").
ROLE_LINKS = ("for", "of", "at")
# Credits to the site's own staff in general.
COLLECTIVES = (
    "staff", "newsroom", "news desk", "web desk", "online desk", "editorial team",
    "editorial staff", "the editors", "editors",
)  # fmt: skip
# Words that make a short credit an organisation ("Example Times", "Example Group Ltd").
ORGANISATION_WORDS = (
    "news", "media", "press", "agency", "times", "post", "tribune", "herald", "journal",
    "magazine", "online", "group", "ltd", "inc", "newsroom", "desk", "team", "staff",
    "editorial", "bureau",
)  # fmt: skip
# Words between two names in one byline ("Jane Doe and John Roe").
NAME_CONJUNCTIONS = ("and", "with")
NAME_PARTICLES = ("st.", "mc", "mac")
# Where a name is followed by the place it was written ("Jane Doe from Springfield").
PLACE_WORDS = ("in", "from", "reporting from")
# Page furniture words, never part of a name.
NOT_NAME_WORDS = (
    "updated", "published", "posted", "share", "follow", "read more", r"comments?", "min read",
    r"minutes?", r"photos?", r"images?", "video", "subscribe", "newsletter", "login", "sign",
    "home", "advertisement", "sponsored", "contact", "email", "print", "facebook", "twitter",
    "linkedin", "whatsapp", "copyright", "rights", "reserved", "my", "menu", "account",
    "tools", "register", "posts", "articles", "more", "view", "profile", "admin",
    "administrator", "pubmed", "pub med", "google scholar", "orcid", "scopus", "unfollow",
    "no author", "last", "feed", "rss",
)  # fmt: skip
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
# Months and weekdays that are also names ("April Doe"): never a reason to reject a name.
NAME_LIKE_DATE_WORDS = ("april", "may", "june", "august")
WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
RELATIVE_DATE_WORDS = ("today", "yesterday", "ago")
# A preposition before a date ("on May 3").
DATE_PREPOSITIONS = ("on",)
# Words of a time of day ("at 10:07").
TIME_WORDS = ("at",)
# Other words a date is written with ("the 3rd of May").
DATE_FILLERS = ("the", "of", "mon", "tue", "wed", "thu", "fri", "sat", "sun")
PUBLISHED_LABELS = ("posted", "published", "first published", "created")
MODIFIED_LABELS = ("updated", "last updated", "modified")
# Other labels of a date ("Date: …", "Last …").
DATE_LABELS = ("date", "last")
# Verbs of posting before a byline word in a dateline ("Filed on May 3 by jdoe").
POSTING_WORDS = ("posted", "published", "written", "filed", "submitted", "edited")
# "Posted in Politics by …": the section a post is filed under.
FILED_UNDER = ("under", "in")
# Headings over links to other stories ("Related stories").
RELATED_LEADS = (
    r"read (?:also|next)",
    "also read",
    "see also",
    r"related(?: articles?| stories| posts?| content| news| coverage| reading)?",
    r"more on this(?: topic| story)?",
    "further reading",
    r"don'?t miss",
    r"you (?:may|might) also (?:like|enjoy|be interested in)",
    r"recommended(?: for you| reading)?",
    "top stories",
    "more stories",
)
# Links that continue to more text ("Read more").
MORE_LEADS = ("read more",)
TEASER_LEADS: tuple[str, ...] = ()
# Labels of short lines around the story: its taxonomy, the press contact, the sources.
PAGE_LABELS = ("category", "categories", r"tags?", "topics", "contact", "press contact")
# "in News", "from Politics": a preposition before a section name, never a credit.
SECTION_PREPOSITIONS = ("in", "at", "on", "from")
# Path words of author pages ("/author/jane-doe"): links to them name one author each.
AUTHOR_PAGE_WORDS = (
    "author", "authors", "journalist", "journalists", "reporter", "reporters", "writer",
    "writers", "columnist", "contributor", "contributors", "people", "profile", "profiles",
    "staff", "user", "users", "member", "members",
)  # fmt: skip
# Lines addressing the reader about the site: subscribing, logging in to comment, following,
# affiliate links. Searched in short paragraphs.
READER_PROMPTS = (
    r"\bour\b.{0,30}newsletter",
    r"newsletter.{0,40}\b(?:sign up|subscribe)",
    "please subscribe",
    "subscribe now",
    "already a subscriber",
    "for the full story",
    r"to (?:view|read|continue reading) the full (?:story|article)",
    r"(?:logged in|log in|sign in)\b.{0,40}\bcomment",
    r"comment\w*\b.{0,60}\b(?:logged in|signed in)\b",
    r"^you are (?:currently )?not logged in",
    r"^(?:no|\d+) comments?\b",
    r"^(?:view|show|load) (?:all )?comments?\b",
    r"\b(?:follow us|follow (?:the|our) (?:\w+ ){1,3}on)\b",
    r"\bour channel (?:on )?(?:youtube|telegram|whatsapp)",
    r"\b(?:download|get) (?:the|our) .{0,40}\bapps?\b.{0,20}\b(?:ios|android)\b",
    r"\baffiliate[- ]?links?\b",
    r"\b(?:may|might) (?:receive|earn) (?:a )?(?:small )?(?:compensation|commission)\b",
)
# Every reader prompt holds one of these (lower case); they spare the search on most lines.
PROMPT_HINTS = (
    "newsletter", "subscri", "full story", "full article", "comment", "logged in", "follow",
    "youtube", "telegram", "whatsapp", "app", "affiliat", "compensation", "commission",
)  # fmt: skip
# Labels before an editor's name, printed apart from the byline: named when no writer is.
EDITOR_LABELS: tuple[str, ...] = ()
# Whole paragraphs that are page chrome: headings of link lists, adverts, share prompts, rights.
CHROME_LINES = (
    r"related(?: articles| stories| content| news| coverage)?", "read more", "more on this",
    "see also", "also read", "recommended", "most read", "most popular", "trending",
    "advertisement", "sponsored", "share", r"share this(?: article| story)?",
    r"(?:follow|like) us on .*", r"sign up .*newsletter.*", r"subscribe .*newsletter.*",
    r".{0,80}all rights reserved\.?.{0,80}",
)  # fmt: skip
# What a newsletter box asks ("Get our newsletter in your inbox").
SIGN_UP_WORDS = ("sign up", "subscribe", "inbox")
