"""Schema.org objects from JSON-LD scripts, flattened (@graph, lists) and typed loosely."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from lxml.html import HtmlElement

JsonObject = dict[str, Any]

# Schema.org types that describe the article itself, best first.
ARTICLE_TYPES = (
    "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting", "Article", "BlogPosting",
    "Report", "ScholarlyArticle", "TechArticle", "SocialMediaPosting", "VideoObject", "WebPage",
)  # fmt: skip
_SCRIPTS = "//script[contains(translate(@type, 'JSONLD', 'jsonld'), 'ld+json')]"
# HTML comments and CDATA sections some CMSs wrap around the JSON.
_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def jsonld_objects(tree: HtmlElement) -> list[JsonObject]:
    """Every typed object in the page's JSON-LD scripts, @graph members and lists flattened."""
    found: list[JsonObject] = []
    for script in tree.xpath(_SCRIPTS):
        data = _load(script.text or "")
        if data is not None:
            _flatten(data, found)
    return found


def _load(raw: str) -> Any:
    """Parse a script body leniently (HTML comments, trailing commas); None when hopeless."""
    raw = _WRAPPERS.sub("", raw).strip().rstrip(";")
    for candidate in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            continue
    return None


def _flatten(data: Any, found: list[JsonObject]) -> None:
    """Collect top-level objects and @graph members (but not every nested value)."""
    if isinstance(data, list):
        for item in data:
            _flatten(item, found)
    elif isinstance(data, dict):
        if "@graph" in data:
            _flatten(data["@graph"], found)
        if "@type" in data:
            found.append(data)


def resolve(value: Any, objects: list[JsonObject]) -> Any:
    """A bare {"@id": …} reference replaced by the object of that @id elsewhere in the page."""
    if isinstance(value, dict) and "@id" in value and "@type" not in value and "name" not in value:
        for obj in objects:
            if obj.get("@id") == value["@id"] and obj is not value:
                return obj
    return value


def types_of(obj: JsonObject) -> list[str]:
    """The object's @type values as a list of bare type names."""
    value = obj.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return [str(v).rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def article_object(objects: list[JsonObject]) -> JsonObject | None:
    """The JSON-LD object that describes the article (the best-ranked article type)."""
    best: tuple[int, JsonObject] | None = None
    for obj in objects:
        for type_name in types_of(obj):
            if type_name in ARTICLE_TYPES:
                rank = ARTICLE_TYPES.index(type_name)
                if best is None or rank < best[0]:
                    best = (rank, obj)
    return best[1] if best else None


def as_list(value: Any) -> list[Any]:
    """A JSON-LD value that may be single or repeated, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text_value(value: Any) -> str | None:
    """A plain string from a JSON-LD value (string, @value object or first list item)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or _full_name(value)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        if "&" in text:  # some CMSs put HTML-escaped text in JSON ("Swift&#8217;s")
            text = html.unescape(text)
        return text or None
    return None


def _full_name(obj: JsonObject) -> str | None:
    """A person's name from givenName and familyName when there is no name."""
    parts = [obj.get("givenName"), obj.get("familyName")]
    name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return name or None
