"""Links shown in catalogue cells: from articles and captures to versions and archived pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import urlencode

from markupsafe import Markup

from crawler.datasette.search import marked_snippet

ARTICLE_PATH = "/-/morgue/article/{article_id}"
CAPTURE_PATH = "/-/morgue/capture/{capture_id}"
VERSION_PATH = "/-/morgue/version/{version_id}"
# ReplayWeb.page's files and its service worker's scope.
REPLAY_BASE = "/-/morgue/replay/"


class Urls(Protocol):
    """The part of `datasette.urls` used here."""

    def path(self, path: str, format: str | None = None) -> str: ...
    def table(self, database: str, table: str, format: str | None = None) -> str: ...
    def row(self, database: str, table: str, row_path: str, format: str | None = None) -> str: ...


def web_url(value: Any) -> str | None:
    """`value` if it is an http(s) address, safe to use as a link; else None."""
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        return value
    return None


def _live(value: str) -> Markup:
    href = web_url(value)
    return _a(href, value) if href else Markup("{}").format(value)


def capture_url(urls: Urls, capture_id: int) -> str:
    """The archived-response page of a capture."""
    return urls.path(CAPTURE_PATH.format(capture_id=capture_id))


def version_row_url(urls: Urls, database: str, version_id: int, format: str | None = None) -> str:
    """One version's row: `article_versions` is a view (no row pages), filtered to its id."""
    return f"{urls.table(database, 'article_versions', format=format)}?id={version_id}"


def photo_url(urls: Urls, capture_id: int) -> str:
    """The archived bytes of a capture, with their archived content type (sandboxed)."""
    return urls.path(CAPTURE_PATH.format(capture_id=capture_id) + "/page")


def photo_cell(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
    """captions.image_capture_id: a thumbnail of the archived photo, or that it is missing."""
    capture_id = _row_id(value)
    if capture_id is None:
        return Markup('<span class="morgue-not-archived">photo not archived</span>')
    image = Markup(
        '<img class="morgue-thumbnail" src="{}" alt="archived photo" loading="lazy" '
        'style="max-width:120px;max-height:90px">'
    ).format(photo_url(urls, capture_id))
    return Markup("{}<br><small>{}</small>").format(
        _a(capture_url(urls, capture_id), image), f"capture {capture_id}"
    )


def _a(href: str, text: str, css: str = "") -> Markup:
    css_attr = Markup(' class="{}"').format(css) if css else Markup("")
    return Markup('<a href="{}"{}>{}</a>').format(href, css_attr, text)


def _cell(row: Any, name: str) -> Any:
    try:
        return row[name]
    except (IndexError, KeyError):  # sqlite3.Row raises IndexError for an unknown name
        return None


def _row_id(value: Any) -> int | None:
    """An integer id from a cell, unwrapping Datasette's expanded foreign keys ({"value": …})."""
    if isinstance(value, dict):
        value = value.get("value")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def record_id_cell(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
    """captures.warc_record_id: the archived response, then the record id."""
    capture_id = _row_id(_cell(row, "id"))
    if not value or capture_id is None:
        return None
    link = _a(capture_url(urls, capture_id), "archived response", "morgue-capture")
    return Markup("{}<br><small>{}</small>").format(link, value)


def capture_url_cell(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
    """captures.url: the address on the live web, then its archived response."""
    capture_id = _row_id(_cell(row, "id"))
    if not isinstance(value, str) or capture_id is None or not _cell(row, "warc_filename"):
        return None
    archived = _a(capture_url(urls, capture_id), "archived response", "morgue-capture")
    return Markup("{}<br><small>{}</small>").format(_live(value), archived)


def article_url_cell(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
    """articles.url: the address on the live web, then the archived page and all versions."""
    links = latest_version_cell(urls, database, row, _cell(row, "latest_version_id"))
    if not isinstance(value, str) or links is None:
        return None
    return Markup("{}<br><small>{}</small>").format(_live(value), links)


def latest_version_cell(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
    """articles.latest_version_id: that version, all versions, and the archived page."""
    article_id, version_id = _row_id(_cell(row, "id")), _row_id(value)
    if version_id is None or article_id is None:
        return None
    versions = (
        urls.table(database, "article_versions")
        + "?"
        + urlencode({"article_id": article_id, "_sort": "version"})
    )
    return Markup(" · ").join(
        [
            _a(version_row_url(urls, database, version_id), f"version {version_id}"),
            _a(versions, "all versions", "morgue-versions"),
            _a(urls.path(VERSION_PATH.format(version_id=version_id)), "archived page"),
        ]
    )


def version_capture_cell(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
    """article_versions.capture_id: the capture row and its archived response."""
    capture_id = _row_id(value)
    if capture_id is None:
        return None
    return Markup(" · ").join(
        [
            _a(urls.row(database, "captures", str(capture_id)), f"capture {capture_id}"),
            _a(capture_url(urls, capture_id), "archived response", "morgue-capture"),
        ]
    )


def title_cell(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
    """articles.title: the article's reading page."""
    article_id = _row_id(_cell(row, "id"))
    if article_id is None:
        return None
    href = urls.path(ARTICLE_PATH.format(article_id=article_id))
    return _a(href, value or f"article {article_id}", "morgue-article")


def query_article_cell(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
    """An article_id in query results: the article's reading page."""
    article_id = _row_id(value)
    if article_id is None:
        return None
    href = urls.path(ARTICLE_PATH.format(article_id=article_id))
    return _a(href, f"article {article_id}", "morgue-article")


def _row_link(table: str, label: str) -> Callable[[Urls, str, Any, Any], Markup | None]:
    def render(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
        row_id = _row_id(value)
        if row_id is None:
            return None
        return _a(urls.row(database, table, str(row_id)), f"{label} {row_id}")

    return render


def version_cell(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
    """A version_id in query results: that version's row."""
    version_id = _row_id(value)
    if version_id is None:
        return None
    return _a(version_row_url(urls, database, version_id), f"version {version_id}")


def query_capture_cell(urls: Urls, database: str, row: Any, value: Any) -> Markup | None:
    """A capture_id in query results: its archived response."""
    capture_id = _row_id(value)
    if capture_id is None:
        return None
    return _a(capture_url(urls, capture_id), f"capture {capture_id}", "morgue-capture")


# (table, column) -> renderer, for table and row pages.
TABLE_LINKS = {
    ("articles", "title"): title_cell,
    ("articles", "url"): article_url_cell,
    ("captures", "url"): capture_url_cell,
    ("captures", "warc_record_id"): record_id_cell,
    ("articles", "latest_version_id"): latest_version_cell,
    ("article_versions", "capture_id"): version_capture_cell,
    ("captions", "image_capture_id"): photo_cell,
    ("articles", "image_capture_id"): photo_cell,
    # The foreign key names the stored rows, whose row page lacks the text: the view's row.
    ("captions", "version_id"): version_cell,
}

# column -> renderer, for canned and custom SQL query results.
QUERY_LINKS = {
    "article_id": query_article_cell,
    "version_id": version_cell,
    "run_id": _row_link("crawl_runs", "run"),
    "capture_id": query_capture_cell,
    "snippet": marked_snippet,
    "image_capture_id": photo_cell,
}


def render_link(
    urls: Urls, database: str, table: str | None, column: str, row: Any, value: Any
) -> Markup | None:
    """The cell's HTML with morgue's links, or None to leave it to Datasette."""
    renderer = QUERY_LINKS.get(column) if table is None else TABLE_LINKS.get((table, column))
    if renderer is None:
        return None
    return renderer(urls, database, row, value)
