"""Replay of an archived page with ReplayWeb.page, from the archive alone.

/-/morgue/capture/<id>/replay          the page, embedded in ReplayWeb.page's <replay-web-page>
/-/morgue/capture/<id>/replay.warc.gz  what it replays: the page's record, its requisites' and
                                       those of the archived pages it links to (with the
                                       originals of revisits), cut from the WARC files by offset
/-/morgue/replay/ui.js, sw.js          ReplayWeb.page itself (package data fetched by `make`);
                                       the service worker's scope is /-/morgue/replay/

Links to archived pages replay; links to others show ReplayWeb.page's own "not archived" page.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from datasette.utils.asgi import Response  # type: ignore[import-untyped,unused-ignore]

from archive.errors import WarcReadError
from archive.warc.encoding import UndecodableBodyError, decode_body
from archive.warc.reader import StoredRecord
from crawler.datasette.error_pages import not_found
from crawler.datasette.links import CAPTURE_PATH, REPLAY_BASE
from crawler.datasette.route_ids import SEGMENT, row_id
from crawler.datasette.warc_access import read_capture_record, read_record_bytes

ASSETS = Path(__file__).parent / "replay"
ASSET_NAMES = ("ui.js", "sw.js")
# Linked pages whose records go with a page (a page with more links replays the first ones).
MAX_LINKED_PAGES = 200
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
PLAYABLE = "record_type IN ('response', 'revisit') AND status BETWEEN 200 AND 299"

REPLAY_TEMPLATE = """{% extends "base.html" %}
{% block title %}Archived page: {{ capture.url }}{% endblock %}
{% block content %}
<h1>Archived page</h1>
<p>{{ capture.url }}, fetched {{ capture.fetched_at }} (capture
<a href="{{ capture_url }}">{{ capture.id }}</a>), replayed from the archive by ReplayWeb.page.</p>
{% if ui_url %}<script src="{{ ui_url }}"></script>
<replay-web-page id="morgue-replay" source="{{ source }}" url="{{ capture.url }}"
 ts="{{ ts }}" replaybase="{{ replay_base }}" embed="replayonly"
 style="display:block;width:100%;height:80vh;border:1px solid #ccc"></replay-web-page>
{% else %}<p class="morgue-error">ReplayWeb.page is not installed in this copy of morgue: run
<code>make</code> (it fetches it with npm) and start <code>morgue serve</code> again.</p>{% endif %}
{% endblock %}
"""


def wayback_timestamp(warc_date: str) -> str:
    """`2026-12-03T10:48:49.123456Z` -> `20261203104849`."""
    return "".join(c for c in warc_date if c.isdigit())[:14]


def ranged(data: bytes, range_header: str | None) -> Any:
    """`data` as a WARC file, or the byte range asked for: ReplayWeb.page reads a source's
    size from its Content-Length or Content-Range before loading it."""
    headers = {"accept-ranges": "bytes"}
    match = RANGE.match(range_header or "")
    if match is None or not data:
        headers["content-length"] = str(len(data))
        return Response(data, content_type="application/warc", headers=headers)
    start = int(match[1]) if match[1] else max(len(data) - int(match[2] or 0), 0)
    end = min(int(match[2]), len(data) - 1) if match[1] and match[2] else len(data) - 1
    if start > end:
        headers["content-range"] = f"bytes */{len(data)}"
        return Response(b"", status=416, headers=headers)
    part = data[start : end + 1]
    headers |= {"content-range": f"bytes {start}-{end}/{len(data)}"}
    headers["content-length"] = str(len(part))
    return Response(part, status=206, content_type="application/warc", headers=headers)


class ReplayPages:
    """ReplayWeb.page over the catalogue `database` and the WARC files in `warc_dir`."""

    def __init__(self, database: str, warc_dir: Path) -> None:
        self.database = database
        self.warc_dir = warc_dir.resolve()

    def routes(self) -> list[tuple[str, Any]]:
        """(regex, view) pairs for Datasette's register_routes hook."""
        capture = "^" + CAPTURE_PATH.format(capture_id=SEGMENT.format("capture_id"))
        return [
            (capture + "/replay$", self.page),
            (capture + "/replay\\.warc\\.gz$", self.archive),
            ("^" + REPLAY_BASE + "(?P<name>.*)$", self.asset),
        ]

    async def _rows(self, datasette: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        result = await datasette.get_database(self.database).execute(sql, params)
        return [dict(row) for row in result.rows]

    async def _capture(self, datasette: Any, request: Any) -> dict[str, Any] | None:
        capture_id = row_id(request.url_vars["capture_id"])
        if capture_id is None:
            return None
        rows = await self._rows(
            datasette,
            "select * from captures where id = ? and warc_filename is not null",
            [capture_id],
        )
        return rows[0] if rows else None

    async def page(self, datasette: Any, request: Any) -> Any:
        """The capture in ReplayWeb.page (or what is missing to show it)."""
        capture = await self._capture(datasette, request)
        if capture is None:
            message = f"capture {request.url_vars['capture_id'][:40]} has no archived record"
            return await not_found(datasette, request, message)
        path = CAPTURE_PATH.format(capture_id=capture["id"])
        installed = all((ASSETS / name).is_file() for name in ASSET_NAMES)
        context = {
            "capture": capture,
            "capture_url": datasette.urls.path(path),
            "source": datasette.urls.path(path + "/replay.warc.gz"),
            "ts": wayback_timestamp(capture["fetched_at"] or ""),
            "replay_base": datasette.urls.path(REPLAY_BASE),
            "ui_url": datasette.urls.path(REPLAY_BASE + "ui.js") if installed else None,
        }
        template = datasette.jinja_env.from_string(REPLAY_TEMPLATE)
        html = await datasette.render_template(template, context, request=request)
        return Response.html(html)

    async def archive(self, datasette: Any, request: Any) -> Any:
        """The records the page needs to replay, as one WARC file (gzip member per record)."""
        capture = await self._capture(datasette, request)
        if capture is None:
            return Response.text("no archived record for this capture", status=404)
        captures = [capture, *await self._requisites(datasette, [capture["id"]])]
        linked = await self._linked_pages(datasette, capture)
        captures += linked + await self._requisites(datasette, [c["id"] for c in linked])
        captures += await self._originals(datasette, captures)
        seen: set[int] = set()
        chunks = []
        for row in sorted(captures, key=lambda c: int(c["id"])):
            if row["id"] in seen or not row["warc_filename"] or not row["warc_length"]:
                continue
            seen.add(row["id"])
            try:
                chunks.append(
                    await asyncio.to_thread(
                        read_record_bytes,
                        self.warc_dir,
                        row["warc_filename"],
                        int(row["warc_offset"]),
                        int(row["warc_length"]),
                    )
                )
            except WarcReadError:
                continue  # a record that can't be read replays as not archived
        return ranged(b"".join(chunks), request.headers.get("range"))

    async def _requisites(self, datasette: Any, page_ids: list[int]) -> list[dict[str, Any]]:
        if not page_ids:
            return []
        marks = ",".join("?" * len(page_ids))
        return await self._rows(
            datasette,
            f"select * from captures where requisite_of in ({marks}) and {PLAYABLE}",
            page_ids,
        )

    async def _originals(
        self, datasette: Any, captures: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The records that revisits among `captures` refer to (they hold the bodies)."""
        refers = sorted({c["refers_to"] for c in captures if c["refers_to"]})
        if not refers:
            return []
        marks = ",".join("?" * len(refers))
        return await self._rows(
            datasette,
            f"select * from captures where warc_record_id in ({marks}) "
            "and record_type = 'response'",
            refers,
        )

    async def _linked_pages(self, datasette: Any, capture: dict[str, Any]) -> list[dict[str, Any]]:
        """The latest playable capture of each archived page the page links to."""
        try:
            record = await self._body_record(datasette, capture)
            body = decode_body(record.payload, record.http_header("Content-Encoding"))
        except (WarcReadError, UndecodableBodyError):
            return []
        if "html" not in (record.http_header("Content-Type") or "").lower():
            return []
        # Here, not at the top: the link finder brings Scrapy, which `morgue serve` never loads
        # unless a page is replayed.
        from crawler.link_finder import find_links

        urls = list(dict.fromkeys(find_links(body, capture["url"])))
        urls = [u for u in urls if u != capture["url"]][:MAX_LINKED_PAGES]
        if not urls:
            return []
        marks = ",".join("?" * len(urls))
        return await self._rows(
            datasette,
            f"select * from captures where id in (select max(id) from captures "
            f"where url in ({marks}) and resource_type is null and {PLAYABLE} group by url)",
            urls,
        )

    async def _body_record(self, datasette: Any, capture: dict[str, Any]) -> StoredRecord:
        row = capture
        if capture["record_type"] == "revisit":
            originals = await self._originals(datasette, [capture])
            if not originals:
                raise WarcReadError("the revisit's original is not catalogued")
            row = originals[0]
        return await asyncio.to_thread(
            read_capture_record,
            self.warc_dir,
            row["warc_filename"],
            int(row["warc_offset"]),
            row["warc_record_id"],
        )

    async def asset(self, datasette: Any, request: Any) -> Any:
        """ReplayWeb.page's own files; anything else under its scope is not here."""
        name = request.url_vars["name"]
        if name not in ASSET_NAMES or not (ASSETS / name).is_file():
            return Response.text(f"{REPLAY_BASE}{name} is not part of ReplayWeb.page", status=404)
        data = await asyncio.to_thread((ASSETS / name).read_bytes)
        return Response(
            data, content_type="application/javascript", headers={"cache-control": "no-cache"}
        )
