"""Capture status: whether a page fetched fine holds its article or a paywall, consent wall,
bot challenge, soft 404 or teaser instead.

Pure and tolerant: page bytes, the extracted `Article` and the HTTP status in, a `PageStatus`
with human-readable evidence out; never raises. Signals are generic data in `patterns`.
"""

from archive.pages.status.classify import classify_page

__all__ = ["classify_page"]
