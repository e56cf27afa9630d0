"""Class and id words of page chrome, in groups: each use picks the groups it needs.

Words are regex fragments matched inside lower-cased class and id values: as substrings
where the pattern says so ("comment" in "comment-list"), or as whole tokens.
"""

from __future__ import annotations

# Links to other stories: related, recommended, most read, sponsored widgets.
RECOMMENDATIONS = (
    "related", "recommend", "most-?read", "popular", "trending", "more-?stories", "outbrain",
    "taboola",
)  # fmt: skip
PROMOTIONS = ("newsletter", "promo")
COMMENTS = ("comment",)
TEASERS = ("teaser",)
SIDEBARS = ("sidebar",)
NAVIGATION = ("footer", r"\bnav")
MENUS = ("menu",)
SHARING = ("share", "social")
ADVERTS = ("advert", "sponsor")
# Boxes about the writer, beside or under the story.
AUTHOR_BOXES = ("author-?bio", "about-?the-?author")
# Picture captions and credits ("vcard" and "h-card" are hCard bylines, not teaser cards).
PICTURE_NOTES = ("caption", "credit", "copyright")
CARDS = ("widget", r"(?<!v)(?<!h-)card", "list-?item")
BYLINES = ("author", "byline")
# Class, id, rel and itemprop words of byline elements, matched as substrings.
BYLINE_CLASSES = ("byline", "author", "writer", "reporter", "autor")
# Words before "author" in the classes of a picture's credit ("photo-author", "licenseAutor").
PICTURE_AUTHORS = (
    r"licen[cs]e", "photo", "image", "foto", "bild", "credit", "copyright", "caption", "media",
)  # fmt: skip
# Whole class tokens of small chrome boxes pruned before the main-text search ("print" and
# "read more" are left out: print-layout utilities and expanders hold story text).
PRUNED_TOKENS = (
    "sharing", "sns", "subscribe", "subscription", "copyright", "breadcrumbs?", "tags?",
    "tag-?list", "keywords", "advertisement", "ads?", "recommended", "also-?read", "paywall",
    "author-?box", "signup", "sign-?up", "toolbar", "tools", "utility", "disclosure",
    "table-?of-?contents", "toc-?container",
)  # fmt: skip
# A line of rights: "© 2026 Example", "Copyright 2026 …".
COPYRIGHT_LINE = r"(?:©|ⓒ|\(c\)|copyright\s*(?:©|\d{4})).{0,120}"
# Buttons of a share row ("Facebook | X | E-Mail"): no word a prefix of another, nor written
# two ways ("e-?mail" once).
SHARE_BUTTONS = (
    "facebook", "twitter", "x", "linkedin", "whatsapp", "e-?mail", "print", "copy link", "reddit",
    "telegram", "pinterest", "flipboard", "kakao", "naver", "line", "share",
)  # fmt: skip
