"""Link values from discovery documents made absolute, keeping only fetchable web URLs."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

FETCHABLE_SCHEMES = frozenset({"http", "https"})


def absolute_url(value: str | None, base_url: str) -> str | None:
    """`value` resolved against `base_url`; None when empty or not http(s)."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        url = urljoin(base_url, text)
        scheme = urlsplit(url).scheme
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return url if scheme.lower() in FETCHABLE_SCHEMES else None
