"""A cap on visitors' own SQL running at once, so reading pages stays served meanwhile.

Datasette runs every query in a small pool of threads; a few endless queries fill it and every
page waits behind them. Requests carrying SQL a visitor wrote (`?sql=`, `?_where=`) pass this
gate only while fewer than `limit` of them are running; the rest get a 503 at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from datasette.utils.asgi import Request  # type: ignore[import-untyped,unused-ignore]

from crawler.datasette.error_pages import error_page

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# Query-string parameters whose value is SQL written by the visitor.
SQL_PARAMETERS = ("sql", "_where")
RETRY_AFTER_SECONDS = 5


def carries_sql(scope: Scope) -> bool:
    """Whether an HTTP request brings SQL of its own for Datasette to run."""
    if scope.get("type") != "http":
        return False
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return any(any(v.strip() for v in query.get(name, ())) for name in SQL_PARAMETERS)


class SqlGate:
    """ASGI middleware letting at most `limit` requests with their own SQL run at once."""

    def __init__(self, app: App, datasette: Any, limit: int) -> None:
        self.app = app
        self.datasette = datasette
        self.limit = limit
        self.running = 0  # one event loop: no lock needed between the check and the count

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not carries_sql(scope):
            await self.app(scope, receive, send)
            return
        if self.running >= self.limit:
            response = await self._busy(Request(scope, receive))
            await response.asgi_send(send)
            return
        self.running += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.running -= 1

    async def _busy(self, request: Any) -> Any:
        message = (
            f"{self.limit} SQL queries of visitors are already running, the most this server "
            f"runs at once; try again in a few seconds"
        )
        headers = {"retry-after": str(RETRY_AFTER_SECONDS)}
        title = "Too many queries at once"
        return await error_page(self.datasette, request, 503, title, message, headers)
