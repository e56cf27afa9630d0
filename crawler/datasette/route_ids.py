"""Row ids in the plugin's URLs: any path segment matches, so a bad one gets a 404 that says so.

A route pattern of digits only would leave `/-/morgue/capture/abc` to Datasette's generic 404,
and an id past SQLite's 64-bit integers fails when bound as a query parameter.
"""

from __future__ import annotations

import re

# The URL segment a route captures as `name`; checked by `row_id`, not by the pattern.
SEGMENT = "(?P<{}>[^/]+)"
_DIGITS = re.compile(r"-?[0-9]{1,19}")
_SQLITE_INTEGERS = range(-(2**63), 2**63)


def row_id(segment: str) -> int | None:
    """The integer a URL segment names, or None if it is no SQLite integer."""
    if not _DIGITS.fullmatch(segment):
        return None
    number = int(segment)
    return number if number in _SQLITE_INTEGERS else None


def not_in_catalogue(kind: str, segment: str) -> str:
    """The one-line message for a `kind` (capture, version, article) the catalogue lacks."""
    if row_id(segment) is None:
        return f"{kind} {segment[:40]!r} is not in the catalogue: its ids are whole numbers"
    return f"{kind} {segment} is not in the catalogue"
