"""A reading page for one article: its text, photo captions with credits, and its versions."""

from __future__ import annotations

import json
from typing import Any

from datasette.utils.asgi import Response  # type: ignore[import-untyped,unused-ignore]

from crawler.datasette.error_pages import not_found
from crawler.datasette.links import (
    ARTICLE_PATH,
    CAPTURE_PATH,
    photo_url,
    version_row_url,
    web_url,
)
from crawler.datasette.route_ids import SEGMENT, not_in_catalogue, row_id

ARTICLE_TEMPLATE = """{% extends "base.html" %}
{% block title %}{{ article.title or "Article " ~ article.id }}{% endblock %}
{% block crumbs %}<p class="crumbs"><a href="{{ urls.instance() }}">home</a> /
<a href="{{ urls.database(database) }}">{{ database }}</a> /
<a href="{{ urls.table(database, 'articles') }}">articles</a> /
<a href="{{ urls.row(database, 'articles', article.id) }}">{{ article.id }}</a></p>{% endblock %}
{% block content %}
<article class="morgue-article">
<h1 class="morgue-title">{{ article.title or "(no title)" }}</h1>
{% if article.byline %}<p class="morgue-byline"><strong>{{ article.byline }}</strong></p>{% endif %}
<p>{% if article.date_published %}Published {{ article.date_published }}{% endif %}
{% if article.date_modified %} · updated {{ article.date_modified }}{% endif %}
 · {{ article.site_name or article.site }}
{% if article.section %} · {{ article.section }}{% endif %}
{% if article.language %} · {{ article.language }}{% endif %}</p>
<p>{% if live_url %}<a href="{{ live_url }}">{{ article.url }}</a>
{% else %}{{ article.url }}{% endif %}
 (address on the live web)</p>
<ul class="morgue-article-links">
{% if latest and latest.capture_id %}<li><a id="morgue-archived-page"
 href="{{ capture_url(latest.capture_id) }}/replay">Archived page</a> (replayed with its photos
 and styles; <a id="morgue-capture-page" href="{{ capture_url(latest.capture_id) }}">capture
 {{ latest.capture_id }}</a>,
 fetched {{ latest.fetched_at }})</li>{% endif %}
<li><a id="morgue-versions" href="{{ versions_url }}">All versions</a> ({{ versions|length }})</li>
<li><a href="{{ urls.row(database, 'articles', article.id) }}">Catalogue row</a></li>
{% if authors %}<li>Authors: {% for a in authors %}<a href="{{ urls.row(database, 'authors', a.id)
 }}">{{ a.name }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</li>{% endif %}
</ul>
{% if article.description %}<p><em>{{ article.description }}</em></p>{% endif %}
{% if captions %}<h2>Photos</h2>
<ol class="morgue-captions">{% for c in captions %}
<li><figure class="morgue-photo">{% if c.image_capture_id %}<a
 href="{{ capture_url(c.image_capture_id) }}"><img class="morgue-archived-photo"
 src="{{ photo_url(c.image_capture_id) }}" alt="{{ c.alt or '' }}"
 style="max-width:100%;max-height:30em"></a>{% else %}<p class="morgue-not-archived"><em>Photo
 not archived.</em></p>{% endif %}
<figcaption><span class="morgue-caption">{{ c.text }}</span>
{% if c.credit %} — credit: <strong class="morgue-credit">{{ c.credit }}</strong>{% endif %}
{% if c.image_url %}<br><small>{{ c.image_url }} (address on the live web)</small>{% endif %}
</figcaption></figure></li>
{% endfor %}</ol>
<p><a href="{{ captions_url }}">These captions as a table</a></p>{% endif %}
<h2>Text</h2>
<div class="morgue-body">{% for p in paragraphs %}<p>{{ p }}</p>{% endfor %}</div>
<h2>Versions</h2>
<table class="rows-and-columns"><thead><tr><th>version</th><th>captured</th>
<th>what changed</th><th>archived</th></tr></thead><tbody>
{% for v in versions %}<tr><td><a href="{{ version_url(v.id) }}"
>{{ v.version }}</a></td><td>{{ v.fetched_at or "" }}</td><td>{{ v.changes }}</td>
<td>{% if v.capture_id %}<a href="{{ capture_url(v.capture_id) }}">capture {{ v.capture_id }}</a>
{% endif %}</td></tr>{% endfor %}</tbody></table>
</article>
{% endblock %}
"""


def _changes(version: dict[str, Any]) -> str:
    """What a version changed, in words."""
    if version["version"] == 1:
        return "first capture"
    try:
        fields = json.loads(version["changed_fields"] or "[]")
    except ValueError:
        return str(version["changed_fields"])
    return ", ".join(map(str, fields))


class ArticlePage:
    """The reading page of articles in the catalogue `database`."""

    def __init__(self, database: str) -> None:
        self.database = database

    def routes(self) -> list[tuple[str, Any]]:
        """(regex, view) pairs for Datasette's register_routes hook."""
        return [
            ("^" + ARTICLE_PATH.format(article_id=SEGMENT.format("article_id")) + "$", self.page)
        ]

    async def _rows(self, datasette: Any, sql: str, article_id: int) -> list[dict[str, Any]]:
        result = await datasette.get_database(self.database).execute(sql, [article_id])
        return [dict(row) for row in result.rows]

    async def page(self, datasette: Any, request: Any) -> Any:
        """The article as read from its latest version, with captions and versions."""
        segment = request.url_vars["article_id"]
        article_id = row_id(segment)
        found = []
        if article_id is not None:
            found = await self._rows(datasette, "select * from articles where id = ?", article_id)
        if article_id is None or not found:
            return await not_found(datasette, request, not_in_catalogue("article", segment))
        article = found[0]
        versions = await self._rows(
            datasette,
            "select v.id, v.version, v.changed_fields, v.capture_id, c.fetched_at "
            "from article_versions v left join captures c on c.id = v.capture_id "
            "where v.article_id = ? order by v.version",
            article_id,
        )
        for version in versions:
            version["changes"] = _changes(version)
        latest = next((v for v in versions if v["id"] == article["latest_version_id"]), None)
        urls = datasette.urls
        table_url = urls.table(self.database, "article_versions")
        context = {
            "database": self.database,
            "article": article,
            "paragraphs": [p for p in (article["body"] or "").split("\n\n") if p.strip()],
            "captions": await self._rows(
                datasette,
                "select * from captions where article_id = ? order by position",
                article_id,
            ),
            "authors": await self._rows(
                datasette,
                "select au.id, au.name from article_authors aa join authors au "
                "on au.id = aa.author_id where aa.article_id = ? order by aa.position",
                article_id,
            ),
            "live_url": web_url(article["url"]),
            "photo_url": lambda capture_id: photo_url(urls, int(capture_id)),
            "versions": versions,
            "latest": latest,
            "versions_url": f"{table_url}?article_id={article_id}&_sort=version",
            "captions_url": urls.table(self.database, "captions")
            + f"?article_id={article_id}&_sort=position",
            "version_url": lambda version_id: version_row_url(urls, self.database, int(version_id)),
            "capture_url": lambda capture_id: urls.path(
                CAPTURE_PATH.format(capture_id=int(capture_id))
            ),
        }
        template = datasette.jinja_env.from_string(ARTICLE_TEMPLATE)
        html = await datasette.render_template(template, context, request=request)
        return Response.html(html)
