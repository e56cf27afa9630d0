"""Deciding a page's status from its signals, most decisive status first."""

from __future__ import annotations

import re
from collections.abc import Callable

from archive.extraction.article import ParsedPage
from archive.pages.outcome import OK, PageStatus
from archive.pages.status import patterns as p
from archive.pages.status.page_facts import Body, PageFacts, body_of, read_facts
from archive.records import Article

# Per status, a body at least this long (in words) is an article whatever else the page says.
BLOCKED_MAX_BODY = 100
CONSENT_MAX_BODY = 60
CONSENT_TITLE_MAX_BODY = 300  # when the title says it is a consent page
NOT_FOUND_MAX_BODY = 150
NOT_FOUND_TEXT_MAX_BODY = 50  # when only the page text, not its title or heading, says so
# Pages with less text than this (words, chrome included) have "nearly no content".
BARE_PAGE_WORDS = 150
# Pages with more text than this are a site's pages, not a wall or an error page: phrases in
# their text (a server-rendered cookie banner, a headline) do not make them one.
WALL_MAX_PAGE_WORDS = 800
# Paywall: the longest body still taken for a preview, by the strength of the evidence.
MARKED_MAX_BODY = 60  # only paywall markup or subscriber labels
PAYWALL_MAX_BODY = 150  # declared not free (JSON-LD, content tier)
PAYWALL_PROMPT_MAX_BODY = 300  # a prompt to subscribe to read on
TRUNCATED_MAX_BODY = 1000  # a notice of how much is missing, or a body cut off
# Teaser: a short lead on an article page much larger than it, linking to the full story.
TEASER_MAX_BODY = 80
TEASER_MAX_PARAGRAPHS = 2
TEASER_PAGE_RATIO = 4
QUOTE_CHARS = 60


Rule = Callable[[PageFacts, Body, int], PageStatus | None]


def classify_page(
    html: bytes, article: Article | None, http_status: int, page: ParsedPage | None = None
) -> PageStatus:
    """The page's status: ok, paywall, consent, blocked, soft404 or teaser, with evidence;
    `page` is extraction's parse of `html`, which the rules then read instead of their own."""
    facts = read_facts(html, page)
    body = body_of(article)
    for rule in RULES:
        found = rule(facts, body, http_status)
        if found is not None:
            return found
    return OK


def blocked(facts: PageFacts, body: Body, http_status: int) -> PageStatus | None:
    """A bot wall: challenge page, captcha, or a refusal, with no article behind it."""
    if body.words >= BLOCKED_MAX_BODY:
        return None
    found = (
        _quoted("title", p.BLOCKED_TITLE, facts.title)
        or _contained("challenge markup", p.BLOCKED_MARKUP, facts.source)
        or _wall_text("text", p.BLOCKED_TEXT, facts)
    )
    if found is None and facts.text_words < BARE_PAGE_WORDS:
        found = _contained("captcha", p.CAPTCHA_WIDGET, facts.source)
    return PageStatus("blocked", _with_status(found, http_status)) if found else None


def soft404(facts: PageFacts, body: Body, http_status: int) -> PageStatus | None:
    """A page saying it does not exist, without an article body."""
    if body.words >= NOT_FOUND_MAX_BODY:
        return None
    found = _quoted("title", p.NOT_FOUND_TITLE, facts.title) or next(
        (e for h in facts.headings if (e := _quoted("heading", p.NOT_FOUND_TITLE, h))), None
    )
    if found is None and body.words < NOT_FOUND_TEXT_MAX_BODY:
        found = _wall_text("text", p.NOT_FOUND_TEXT, facts)
    if found is None:
        return None
    return PageStatus("soft404", f"{_with_status(found, http_status)} and {body.describe()}")


def consent(facts: PageFacts, body: Body, http_status: int) -> PageStatus | None:
    """A cookie or privacy wall standing where the article should be.

    The extractor often takes the wall's own text for the body, so a consent title allows a
    longer body; phrases and consent-manager markup count only with almost no body.
    """
    if body.words >= CONSENT_TITLE_MAX_BODY or facts.locked:
        return None
    found = None
    if body.words < CONSENT_TITLE_MAX_BODY:
        found = _quoted("title", p.CONSENT_TITLE, facts.title)
    if found is None and body.words < CONSENT_MAX_BODY:
        found = _wall_text("text", p.CONSENT_TEXT, facts)
    if found is None and body.words < CONSENT_MAX_BODY and facts.text_words < BARE_PAGE_WORDS:
        marker = _contained("consent-manager markup", p.CONSENT_MARKUP, facts.source)
        found = marker and f"{marker} and {facts.text_words} words of page text"
    return PageStatus("consent", _with_status(found, http_status)) if found else None


def paywall(facts: PageFacts, body: Body, http_status: int) -> PageStatus | None:
    """An article cut short, with evidence that the rest is for subscribers.

    The shorter the body, the less evidence it takes: a notice of what is missing or a body cut
    off mid-text allows a long preview, a subscribe prompt a medium one, a declaration that the
    article is not free a short one, and paywall markup alone only a very short one.
    """
    if body.words >= TRUNCATED_MAX_BODY:
        return None
    notice = None
    if p.TRUNCATION_MARK in facts.text:
        notice = _shown("notice", p.TRUNCATION_NOTICE, facts, body)
    cut = notice or _cut_off(facts, body)
    if body.words >= PAYWALL_PROMPT_MAX_BODY and not cut:
        return None
    prompt = _shown("prompt", p.PAYWALL_PROMPT, facts, body)
    if not (facts.is_article or facts.locked or notice or prompt):
        return None
    limit = MARKED_MAX_BODY
    if cut:
        limit = TRUNCATED_MAX_BODY
    elif prompt:
        limit = PAYWALL_PROMPT_MAX_BODY
    elif facts.locked:
        limit = PAYWALL_MAX_BODY
    if body.words >= limit:
        return None  # before the markup and labels are read: the whole page's classes
    label = _shown("label", p.SUBSCRIBER_LABEL, facts, body) if facts.is_article else None
    found = [e for e in (notice, prompt, facts.locked, _paywall_markup(facts), label) if e]
    if not found:
        return None
    evidence = list(dict.fromkeys([cut, *found] if cut else found))
    return PageStatus("paywall", f"{', '.join(evidence[:2])} and {body.describe()}")


def _cut_off(facts: PageFacts, body: Body) -> str | None:
    """Evidence that the body stops short: it trails off, or the page holds fewer words than
    the article declares."""
    if body.trails_off:
        return "body trails off"
    declared = facts.declared_words or 0
    if declared > max(facts.text_words, body.words):
        return f"JSON-LD wordCount {declared} beyond the page's {facts.text_words} words"
    return None


def teaser(facts: PageFacts, body: Body, http_status: int) -> PageStatus | None:
    """An article page showing only a lead and a link to the full story."""
    short = 0 < body.words < TEASER_MAX_BODY and body.paragraphs <= TEASER_MAX_PARAGRAPHS
    if not (short and facts.is_article) or facts.text_words < TEASER_PAGE_RATIO * body.words:
        return None
    link = next((t for t in facts.links if p.READ_FULL_LINK.search(t)), None)
    if link is None:
        return None
    return PageStatus("teaser", f"link {_quote(link)} and {body.describe()}")


def http_error(facts: PageFacts, body: Body, http_status: int) -> PageStatus | None:
    """An error status the content rules did not explain: never an ok page."""
    if http_status in p.NOT_FOUND_STATUSES:
        return PageStatus("soft404", f"HTTP {http_status}")
    if http_status >= 400:
        return PageStatus("blocked", f"HTTP {http_status}")
    return None


RULES: tuple[Rule, ...] = (blocked, soft404, consent, paywall, teaser, http_error)


def _shown(what: str, pattern: re.Pattern[str], facts: PageFacts, body: Body) -> str | None:
    """Evidence for a phrase the page shows beyond the article quoting it, or None."""
    for match in pattern.finditer(facts.text):
        phrase = match.group(0)
        if facts.text.count(phrase) > body.quoting.count(phrase):
            return f"{what} {_quote(phrase)}"
    return None


def _wall_text(what: str, pattern: re.Pattern[str], facts: PageFacts) -> str | None:
    """Evidence for a phrase on a page small enough to be a wall, or None. (Only asked with
    almost no body, so the body is the wall's text, not an article quoting it.)"""
    return _quoted(what, pattern, facts.text) if facts.text_words <= WALL_MAX_PAGE_WORDS else None


def _quoted(what: str, pattern: re.Pattern[str], text: str) -> str | None:
    """Evidence (what and the matched text) for the first match, or None."""
    match = pattern.search(text)
    return None if match is None else f"{what} {_quote(match.group(0))}"


def _contained(what: str, needles: tuple[str, ...], source: bytes) -> str | None:
    """Evidence (what and the needle) for the first needle found in the source, or None."""
    found = next((needle for needle in needles if needle.encode() in source), None)
    return None if found is None else f"{what} {_quote(found)}"


def _paywall_markup(facts: PageFacts) -> str | None:
    """Evidence for a class or id word of a paywall container, or None."""
    found = sorted(
        w
        for w in facts.class_words
        if p.PAYWALL_MARKUP.search(w) and not p.NO_PAYWALL_MARKUP.search(w)
    )
    return f"paywall markup {_quote(found[0])}" if found else None


def _quote(text: str) -> str:
    """Text shortened for evidence, in single quotes."""
    text = " ".join(text.split())
    return f"'{text[:QUOTE_CHARS]}{'…' if len(text) > QUOTE_CHARS else ''}'"


def _with_status(found: str, http_status: int) -> str:
    """Evidence with the HTTP status added when it is not a success."""
    return found if http_status < 300 else f"HTTP {http_status}, {found}"
