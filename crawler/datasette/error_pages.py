"""Error pages in Datasette's look, answered directly: not found, out of memory, a visitor's error.

Raising Datasette's NotFound would also work, but its exception handler prints a full
traceback (with locals, when rich is installed) for every miss, which is slow and noisy.
"""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import Base400, Response  # type: ignore[import-untyped,unused-ignore]
from datasette.views.base import DatasetteError  # type: ignore[import-untyped,unused-ignore]
from markupsafe import Markup

from crawler.datasette.query_limits import HARD_HEAP_BYTES


async def error_page(
    datasette: Any,
    request: Any,
    status: int,
    title: str | None,
    message: str,
    headers: dict[str, str] | None = None,
) -> Any:
    """Datasette's error page (or its JSON error, for a .json path) saying `message`."""
    context = {"ok": False, "error": message, "status": status, "title": title}
    if request.path.endswith(".json"):
        return Response.json(context, status=status, headers=headers)
    html = await datasette.render_template("error.html", context, request=request)
    return Response.html(html, status=status, headers=headers)


async def not_found(datasette: Any, request: Any, message: str) -> Any:
    """Datasette's error page saying `message`, with status 404."""
    return await error_page(datasette, request, 404, "Not in the catalogue", message)


async def out_of_memory(datasette: Any, request: Any) -> Any:
    """The answer when SQLite hit the server's memory limit: 503, try a smaller query."""
    message = (
        f"This page's query needed more memory than the server gives all queries together "
        f"({HARD_HEAP_BYTES >> 20} MB): ask for fewer rows, or try again in a moment."
    )
    return await error_page(datasette, request, 503, "Out of memory", message)


def is_expected(exception: BaseException) -> bool:
    """Whether an exception is a visitor's doing (not found, bad or slow SQL), not a bug."""
    if isinstance(exception, DatasetteError):
        return int(exception.status) < 500
    return isinstance(exception, Base400)


async def expected_error(datasette: Any, request: Any, exception: Any) -> Any:
    """Datasette's answer to a visitor's error, without the traceback its handler prints.

    Datasette's own handler prints a traceback with every local variable (hundreds of lines,
    a second or more on the event loop, during which no page is served) for errors as
    ordinary as a query over its time limit.
    """
    if isinstance(exception, DatasetteError):
        status, title = exception.status, exception.title
        message = Markup(exception.message) if exception.message_is_html else exception.message
    else:
        status, title, message = exception.status, None, exception.args[0] if exception.args else ""
    return await error_page(datasette, request, status, title, message)
