"""morgue's Datasette plugin: links in catalogue cells and the archived-capture routes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from datasette.plugins import pm  # type: ignore[import-untyped,unused-ignore]
from markupsafe import Markup
from pluggy import HookimplMarker

from crawler.datasette.article_page import ArticlePage
from crawler.datasette.capture_pages import CapturePages
from crawler.datasette.links import render_link

hookimpl = HookimplMarker("datasette")  # the marker `datasette.hookimpl` is, typed

PLUGIN_NAME = "morgue"


class MorguePlugin:
    """Hook implementations bound to one catalogue and its WARC folder."""

    def __init__(self, database: str, warc_dir: Path) -> None:
        self.__name__ = PLUGIN_NAME  # Datasette's /-/plugins lists plugins by __name__
        self.database = database
        self.captures = CapturePages(database, warc_dir)
        self.articles = ArticlePage(database)

    @hookimpl
    def render_cell(
        self, row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
    ) -> Markup | None:
        """Links from articles, versions and captures to each other and to archived pages."""
        if database != self.database:
            return None
        return render_link(datasette.urls, database, table, column, row, value)

    @hookimpl
    def register_routes(self, datasette: Any) -> list[tuple[str, Any]]:
        """The /-/morgue/ routes: article reading pages and archived responses."""
        return self.articles.routes() + self.captures.routes()


@contextmanager
def registered(plugin: MorguePlugin) -> Iterator[MorguePlugin]:
    """Datasette's plugin manager with `plugin` in it, for as long as the block runs."""
    pm.register(plugin, name=PLUGIN_NAME)
    try:
        yield plugin
    finally:
        pm.unregister(plugin)
