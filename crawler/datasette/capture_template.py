"""The page for one archived response, in Datasette's look (a Jinja template kept as data)."""

from __future__ import annotations

CAPTURE_TEMPLATE = """{% extends "base.html" %}
{% block title %}Capture {{ capture.id }}: {{ capture.url }}{% endblock %}
{% block crumbs %}<p class="crumbs"><a href="{{ urls.instance() }}">home</a> /
<a href="{{ urls.database(database) }}">{{ database }}</a> /
<a href="{{ urls.table(database, 'captures') }}">captures</a> /
<a href="{{ urls.row(database, 'captures', capture.id) }}">{{ capture.id }}</a></p>{% endblock %}
{% block content %}
<h1>Archived response: capture {{ capture.id }}</h1>
<p class="morgue-url"><strong>{{ capture.url }}</strong></p>
<p>Fetched {{ capture.fetched_at }}{% if capture.status %}, HTTP {{ capture.status }}{% endif %}
 — {{ capture.capture_status }}{% if capture.error %} ({{ capture.error }}){% endif %}.</p>
{% if error %}<p class="message-error">{{ error }}</p>{% endif %}
{% if original %}<p class="message-info">This capture is a revisit: the server sent the same body
as <a href="{{ original_url }}">capture {{ original.id }}</a>, so the body was not stored again.
The links below show that body.</p>{% endif %}
<ul class="morgue-capture-links">
{% if body_url %}<li><a id="morgue-open-page" href="{{ body_url }}">Open the page as archived</a>
 (Content-Encoding undone; without scripts or outside resources)</li>
<li><a id="morgue-raw-body" href="{{ raw_url }}">Download the body exactly as archived</a>
 ({{ body_size }} bytes{% if content_encoding %}, {{ content_encoding }}-encoded{% endif %})</li>
{% endif %}
{% if record_url %}<li><a href="{{ record_url }}">Download the WARC record</a>
 ({{ capture.warc_length }} bytes at offset {{ capture.warc_offset }} of
 {{ capture.warc_filename }})</li>{% endif %}
<li><a href="{{ urls.row(database, 'captures', capture.id) }}">Catalogue row</a></li>
{% for v in versions %}<li>Read as <a href="{{ urls.row(database, 'articles', v.article_id) }}"
>{{ v.title or "article " ~ v.article_id }}</a>,
<a href="{{ version_url(v.id) }}">version {{ v.version }}</a></li>
{% endfor %}
</ul>
{% if metadata_text %}<h2>Record content</h2><pre>{{ metadata_text }}</pre>{% endif %}
{% if http_headers %}<h2>HTTP response headers</h2>
<table class="morgue-headers">{% for name, value in http_headers %}
<tr><th>{{ name }}</th><td>{{ value }}</td></tr>{% endfor %}</table>{% endif %}
{% if warc_headers %}<h2>WARC record headers</h2>
<table class="morgue-headers">{% for name, value in warc_headers %}
<tr><th>{{ name }}</th><td>{{ value }}</td></tr>{% endfor %}</table>{% endif %}
<p>For faithful replay with scripts and images, open the WARC files in a replay tool
(pywb, ReplayWeb.page).</p>
{% endblock %}
"""
