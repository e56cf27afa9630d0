"""Page chrome that is not article text: share bars, related links, newsletter prompts, ©."""

from __future__ import annotations

import re

from archive.extraction.lexicon import alternatives, chrome, gather
from archive.extraction.words import text_size

# Class/id words of chrome containers pruned before the main-text search, as whole tokens.
CHROME_WORDS = (
    *chrome.SHARING, *chrome.RECOMMENDATIONS, *chrome.PROMOTIONS, *chrome.ADVERTS,
    *chrome.AUTHOR_BOXES, *chrome.PRUNED_TOKENS,
)  # fmt: skip
CHROME_CLASSES = re.compile(r"(?:^|[\s_-])" + alternatives(CHROME_WORDS) + r"(?:$|[\s_-])")
# A paragraph marked "paywall" is story text behind the wall, not the wall's prompt.
PAYWALLED_TEXT = re.compile(r"paywall")
# Chrome containers bigger than this (in characters of text) are left to trafilatura.
MAX_CHROME_CHARS = 600
# Whole paragraphs that are chrome, in the languages morgue meets most.
_SHARE_BUTTON = rf"(?>{alternatives(chrome.SHARE_BUTTONS)})"
BOILERPLATE_LINES = re.compile(
    rf"^(?:{alternatives(gather('CHROME_LINES'))}|{chrome.COPYRIGHT_LINE}|"
    rf".*\bnewsletter\b.{{0,60}}{alternatives(gather('SIGN_UP_WORDS'))}\b.*|"
    # A row of share buttons. Each word is read one way only (atomic, and "email" once: as
    # "e-?mail" and "email" it could be split two ways, doubling the work per repeat).
    rf"{_SHARE_BUTTON}(?:\s*+[|/·,]?+\s*+{_SHARE_BUTTON})*+)$",
    re.IGNORECASE,
)


# Lines that address the reader about the site rather than the story: subscribing, logging in
# to comment, following on social networks, affiliate disclosures. Searched in short paragraphs.
READER_PROMPTS = re.compile(alternatives(gather("READER_PROMPTS")), re.IGNORECASE)
MAX_PROMPT_WORDS = 40
# Every reader prompt holds one of these (lower case); they spare the search on most lines.
PROMPT_HINTS = gather("PROMPT_HINTS")
# A picture credit left standing alone: "Foto: Jane Doe/dpa", "(Credit: Grist)", "Titelbild: …".
CREDIT_LINE = re.compile(
    r"^\(?(?:titelbild|beitragsbild|headerbild|vorschaubild|aufmacherbild|artikelbild|"
    r"bildquellen?|bildnachweise?|bildrechte|bilder|bild|fotos?|photos?|photo credits?|"
    r"image credits?|image source|credits?|crédits? photos?|crédit photo|copyright|"
    r"image illustrative|imagen|fotografía|foto de portada|abbildung)"
    r"\s*:\s*[^.!?]{1,80}\.?\)?$",
    re.IGNORECASE,
)

# Short labelled lines around the story: its taxonomy, the press contact, the source agency.
# Words are taken whole ("\w++"): "(?:\w+\W*){0,12}" could also cut each long word into
# pieces, trying every way to before failing on a line of more than twelve words.
LABEL_LINES = re.compile(
    rf"^{alternatives(gather('PAGE_LABELS'))}"
    r"(?:\s*:\s*+(?:\w++\W*+){0,12}+|\W*)$",
    re.IGNORECASE,
)

# Headings over links to other stories ("Related stories", "Auch interessant", "Czytaj też").
RELATED_LEADS = alternatives(gather("RELATED_LEADS"))
# Links that continue to more text, here or elsewhere ("Read more", "Weiterlesen").
MORE_LEADS = alternatives(gather("MORE_LEADS"))
# Bare imperatives that lead in a teaser only with a colon ("MIRA: …"); alone, they are names.
TEASER_LEADS = alternatives(gather("TEASER_LEADS"))
# "… auf example.de", "… from The Example Times": the heading may name the site.
SITE_SUFFIX = r"(?: (?:auf|bei|von|on|at|from|en|sur|de) \S+(?: \S+){0,3})?"
RELATED_HEADING = re.compile(rf"^(?:{RELATED_LEADS}){SITE_SUFFIX}\W{{0,3}}$", re.IGNORECASE)
MORE_LINE = re.compile(rf"^(?:{MORE_LEADS})\W{{0,3}}$", re.IGNORECASE)
# A lead-in and one linked headline set into the story: "Lea también: Impiden …".
RELATED_TEASER = re.compile(
    rf"^\W{{0,3}}(?:{RELATED_LEADS}|{MORE_LEADS}|{TEASER_LEADS})\s*[:|»>→]", re.I
)
MAX_TEASER_WORDS = 30
# Headlines listed under a related heading: short, and not a sentence ending in a full stop.
MAX_LISTED_HEADLINE_WORDS = 20
SENTENCE_ENDS = (".", ":", "。", "．", "：")  # the ideographic and full-width forms too


def is_boilerplate(paragraph: str) -> bool:
    """True when a paragraph is page chrome rather than article text."""
    text = paragraph.strip()
    return (
        bool(
            BOILERPLATE_LINES.match(text.strip(" .:!"))
            or MORE_LINE.match(text)
            or CREDIT_LINE.match(text)
            or LABEL_LINES.match(text)
        )
        or is_related_teaser(text)
        or is_reader_prompt(text)
    )


def is_reader_prompt(paragraph: str) -> bool:
    """True for a short line asking the reader to subscribe, log in, follow or buy through links."""
    text = paragraph.strip()
    if len(text.split()) > MAX_PROMPT_WORDS:
        return False
    lowered = text.lower()
    return any(hint in lowered for hint in PROMPT_HINTS) and bool(READER_PROMPTS.search(text))


def is_related_teaser(paragraph: str) -> bool:
    """True for a "Read more: <other story>" line set into the article: a lead-in and a
    headline (no full stop, so "Lea: Ja, genau." in an interview stays)."""
    text = paragraph.strip()
    return (
        len(text.split()) <= MAX_TEASER_WORDS
        and not text.endswith(".")
        and bool(RELATED_TEASER.match(text))
    )


def is_related_heading(paragraph: str) -> bool:
    """True for a heading like "Related stories" or "Auch interessant:" over a list of links."""
    return bool(RELATED_HEADING.match(paragraph.strip()))


def is_listed_headline(paragraph: str) -> bool:
    """True for a short line that reads as a headline, not as a sentence of the story."""
    text = paragraph.strip()
    return text_size(text) <= MAX_LISTED_HEADLINE_WORDS and not text.endswith(SENTENCE_ENDS)
