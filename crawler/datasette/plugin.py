"""morgue's Datasette plugin: links in catalogue cells, the archived-capture routes, and the
bounds that keep the server answering whatever SQL a visitor sends."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from datasette.plugins import pm  # type: ignore[import-untyped,unused-ignore]
from markupsafe import Markup
from pluggy import HookimplMarker

from crawler.datasette import MAX_SQL_QUERIES
from crawler.datasette.article_page import ArticlePage
from crawler.datasette.capture_pages import CapturePages
from crawler.datasette.error_pages import expected_error, is_expected, out_of_memory
from crawler.datasette.home_summary import archive_summary
from crawler.datasette.links import render_link
from crawler.datasette.page_bounds import PageBounds
from crawler.datasette.query_limits import limit_connection
from crawler.datasette.replay_page import ReplayPages
from crawler.datasette.search import SEARCH_QUERIES
from crawler.datasette.sql_gate import App, SqlGate
from crawler.datasette.version_rows import VersionRows

hookimpl = HookimplMarker("datasette")  # the marker `datasette.hookimpl` is, typed

PLUGIN_NAME = "morgue"


class MorguePlugin:
    """Hook implementations bound to one catalogue and its WARC folder."""

    def __init__(
        self, database: str, warc_dir: Path, max_sql_queries: int = MAX_SQL_QUERIES
    ) -> None:
        self.__name__ = PLUGIN_NAME  # Datasette's /-/plugins lists plugins by __name__
        self.database = database
        self.max_sql_queries = max_sql_queries
        self.captures = CapturePages(database, warc_dir)
        self.articles = ArticlePage(database)
        self.replay = ReplayPages(database, warc_dir)
        self.versions = VersionRows(database)

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
        """The /-/morgue/ routes (article reading pages, archived responses, replay) and the
        row pages of the view `article_versions`."""
        return (
            self.articles.routes()
            + self.captures.routes()
            + self.replay.routes()
            + self.versions.routes()
        )

    @hookimpl
    def extra_template_vars(
        self, view_name: str, datasette: Any
    ) -> Callable[[], Awaitable[dict[str, Any]]]:
        """For morgue's templates: the home page's summary, the tables' snippet searches."""

        async def variables() -> dict[str, Any]:
            found: dict[str, Any] = {"search_queries": SEARCH_QUERIES}
            if view_name == "index":
                database = datasette.get_database(self.database)
                found["archive_summary"] = await archive_summary(database)
            return found

        return variables

    @hookimpl
    def prepare_connection(self, conn: sqlite3.Connection) -> None:
        """Memory bounds on every connection Datasette opens."""
        limit_connection(conn)

    @hookimpl
    def asgi_wrapper(self, datasette: Any) -> Callable[[App], App]:
        """The cap on visitors' SQL queries running at once; big tables' whole-table pages and
        common-word searches served without facets."""
        return lambda app: PageBounds(
            SqlGate(app, datasette, self.max_sql_queries), datasette, self.database
        )

    @hookimpl(wrapper=True)
    def handle_exception(
        self, datasette: Any, request: Any, exception: BaseException
    ) -> Generator[None, list[Any], list[Any]]:
        """Visitors' errors answered without a traceback; SQLite out of memory is a 503."""
        answers = yield  # the other handlers' answers, not yet awaited: dropping one skips it
        if isinstance(exception, MemoryError):
            return [lambda: out_of_memory(datasette, request)]
        if is_expected(exception):
            return [lambda: expected_error(datasette, request, exception)]
        return answers


@contextmanager
def registered(plugin: MorguePlugin) -> Iterator[MorguePlugin]:
    """Datasette's plugin manager with `plugin` in it, for as long as the block runs."""
    pm.register(plugin, name=PLUGIN_NAME)
    try:
        yield plugin
    finally:
        pm.unregister(plugin)
