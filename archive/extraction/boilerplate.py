"""Page chrome that is not article text: share bars, related links, newsletter prompts, ©."""

from __future__ import annotations

import re

# Class/id words of chrome containers pruned before the main-text search ("print" and
# "read more" are left out: print-layout utilities and expanders hold story text).
CHROME_CLASSES = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|sns|related|newsletter|subscribe|subscription|copyright|"
    r"breadcrumbs?|tags?|tag-?list|keywords|promo|advert|advertisement|ads?|"
    r"sponsor|outbrain|taboola|recommend|recommended|most-?read|popular|trending|more-?stories|"
    r"also-?read|paywall|author-?bio|signup|sign-?up|toolbar|tools|utility)"
    r"(?:$|[\s_-])"
)
# A paragraph marked "paywall" is story text behind the wall, not the wall's prompt.
PAYWALLED_TEXT = re.compile(r"paywall")
# Chrome containers bigger than this (in characters of text) are left to trafilatura.
MAX_CHROME_CHARS = 600
# Whole paragraphs that are chrome, in the languages morgue meets most.
BOILERPLATE_LINES = re.compile(
    r"^(?:related(?: articles| stories| content| news| coverage)?|read more|more on this|"
    r"see also|also read|recommended|most read|most popular|trending|advertisement|anzeige|"
    r"werbung|publicité|sponsored|share|share this(?: article| story)?|teilen|partager|"
    r"(?:follow|like) us on .*|sign up .*newsletter.*|subscribe .*newsletter.*|"
    r".*\bnewsletter\b.{0,60}(?:sign up|subscribe|inbox|anmelden|abonnieren)\b.*|"
    r"(?:©|ⓒ|\(c\)|copyright\s*(?:©|\d{4})).{0,120}|.{0,80}all rights reserved\.?.{0,80}|"
    r".{0,60}alle rechte vorbehalten.{0,40}|.{0,60}tous droits réservés.{0,40}|"
    r"무단 ?전재.{0,60}|.{0,40}저작권자.{0,60}|"
    r"(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|email|print|copy link|reddit|"
    r"telegram|pinterest|flipboard|kakao|naver|line|share)"
    r"(?:\s*[|/·,]?\s*(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|email|print|copy link|"
    r"reddit|telegram|pinterest|flipboard|kakao|naver|line|share))*)$",
    re.IGNORECASE,
)


def is_boilerplate(paragraph: str) -> bool:
    """True when a paragraph is page chrome rather than article text."""
    return bool(BOILERPLATE_LINES.match(paragraph.strip(" .:!")))
