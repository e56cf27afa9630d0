"""Row pages of `article_versions`, which is a view (bodies are stored once, see
`archive.catalogue.bodies`): Datasette has no row page for a view, so its row URLs, HTML and
JSON, lead to the view's page filtered to that version."""

from __future__ import annotations

import re
from typing import Any

from datasette.utils import tilde_encode  # type: ignore[import-untyped,unused-ignore]
from datasette.utils.asgi import Response  # type: ignore[import-untyped,unused-ignore]

from crawler.datasette.error_pages import not_found
from crawler.datasette.links import version_row_url
from crawler.datasette.route_ids import not_in_catalogue, row_id

VERSIONS = "article_versions"


class VersionRows:
    """The row URLs of the view `article_versions` in the catalogue `database`."""

    def __init__(self, database: str) -> None:
        self.database = database

    def routes(self) -> list[tuple[str, Any]]:
        """(regex, view) pairs for Datasette's register_routes hook (matched before its own)."""
        prefix = "^/" + re.escape(tilde_encode(self.database)) + "/" + VERSIONS
        return [(prefix + r"/(?P<version_id>[^/.]+)(?P<format>\.json)?$", self.row)]

    async def row(self, datasette: Any, request: Any) -> Any:
        """Redirect to the view's page (or JSON) filtered to the version, query string kept."""
        segment = request.url_vars["version_id"]
        version_id = row_id(segment)
        if version_id is None:
            return await not_found(datasette, request, not_in_catalogue("version", segment))
        format = "json" if request.url_vars.get("format") else None
        target = version_row_url(datasette.urls, self.database, version_id, format)
        query = request.query_string
        return Response.redirect(target + ("&" + query if query else ""))
