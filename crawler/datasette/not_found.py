"""A 404 page in Datasette's look, answered directly.

Raising Datasette's NotFound would also work, but its exception handler prints a full
traceback (with locals, when rich is installed) for every miss, which is slow and noisy.
"""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import Response  # type: ignore[import-untyped,unused-ignore]


async def not_found(datasette: Any, request: Any, message: str) -> Any:
    """Datasette's error page saying `message`, with status 404."""
    context = {"ok": False, "error": message, "status": 404, "title": "Not in the catalogue"}
    html = await datasette.render_template("error.html", context, request=request)
    return Response.html(html, status=404)
