"""Why a fetch got no response, in the words an operator acts on: DNS, refused, timeout, TLS.

Scrapy and Twisted name the same failure several ways (`CannotResolveHostError`,
`DNSLookupError`, ...); the summary of an unreachable site should say which one it was.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
)
from twisted.internet import error as twisted_errors

# Failure kinds, first match wins, with the exception types that mean them.
KINDS: tuple[tuple[str, tuple[type[BaseException], ...]], ...] = (
    ("DNS lookup failed", (CannotResolveHostError, twisted_errors.DNSLookupError)),
    (
        "connection refused",
        (DownloadConnectionRefusedError, twisted_errors.ConnectionRefusedError),
    ),
    (
        "timed out",
        (DownloadTimeoutError, twisted_errors.TimeoutError, twisted_errors.TCPTimedOutError),
    ),
    ("TLS handshake failed", (twisted_errors.SSLError,)),
)

# TLS failures mostly arrive wrapped (ResponseNeverReceived, DownloadFailedError); their text
# names OpenSSL.
TLS_WORDS = ("SSL", "TLS", "certificate", "handshake")


def failure_kind(error: BaseException) -> str | None:
    """ "connection refused", "DNS lookup failed", "timed out", "TLS handshake failed" or None."""
    for kind, types in KINDS:
        if isinstance(error, types):
            return kind
    text = f"{type(error).__name__} {error}"
    if any(word in text for word in TLS_WORDS):
        return "TLS handshake failed"
    return None


def describe_error(error: BaseException | None) -> str:
    """A one-line reason: the kind first where known, then what the library said."""
    if error is None:
        return "unknown error"
    text = str(error).strip()
    said = f"{type(error).__name__}: {text}" if text else type(error).__name__
    kind = failure_kind(error)
    return f"{kind} ({said})" if kind else said
