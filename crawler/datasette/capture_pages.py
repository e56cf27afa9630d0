"""Routes that serve an archived response from its WARC record, read by offset, never by scan.

/-/morgue/capture/<id>          headers and links (a Datasette page)
/-/morgue/capture/<id>/page     the body with Content-Encoding undone, sandboxed, to look at
/-/morgue/capture/<id>/raw      the body exactly as archived (still content-encoded)
/-/morgue/capture/<id>/record   the whole stored WARC record
/-/morgue/version/<id>          the capture an article version was read from
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from datasette.utils.asgi import Response  # type: ignore[import-untyped,unused-ignore]

from archive.errors import WarcReadError
from archive.warc.encoding import UndecodableBodyError, decode_body
from archive.warc.reader import StoredRecord
from crawler.datasette.capture_template import CAPTURE_TEMPLATE
from crawler.datasette.error_pages import not_found
from crawler.datasette.links import CAPTURE_PATH, VERSION_PATH, version_row_url
from crawler.datasette.route_ids import SEGMENT, not_in_catalogue, row_id
from crawler.datasette.warc_access import read_capture_record, read_record_bytes

# What an archived page may do when shown: nothing but its own inline styles.
SANDBOX_HEADERS = {
    "content-security-policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
ENCODING_SUFFIXES = {"gzip": ".gz", "x-gzip": ".gz", "br": ".br", "deflate": ".zz"}
METADATA_TEXT_LIMIT = 20_000


def _plain_header(value: str | None) -> str | None:
    """A header value safe to repeat in a response: printable ASCII only."""
    if value is None or not value.isascii() or not value.isprintable():
        return None
    return value


def _attachment(filename: str, extra: dict[str, str | None]) -> dict[str, str]:
    headers = {"content-disposition": f'attachment; filename="{filename}"'}
    headers |= {name: value for name, value in extra.items() if value is not None}
    return headers


def _missing(request: Any) -> str:
    return not_in_catalogue("capture", request.url_vars["capture_id"])


class CapturePages:
    """Handlers for one catalogue (`database`) whose WARC files are in `warc_dir`."""

    def __init__(self, database: str, warc_dir: Path) -> None:
        self.database = database
        self.warc_dir = warc_dir.resolve()

    def routes(self) -> list[tuple[str, Any]]:
        """(regex, view) pairs for Datasette's register_routes hook."""
        capture = "^" + CAPTURE_PATH.format(capture_id=SEGMENT.format("capture_id"))
        version = "^" + VERSION_PATH.format(version_id=SEGMENT.format("version_id"))
        return [
            (capture + "$", self.page),
            (capture + "/page$", self.body),
            (capture + "/raw$", self.raw),
            (capture + "/record$", self.record),
            (version + "$", self.version),
        ]

    async def _one(self, datasette: Any, sql: str, *params: Any) -> dict[str, Any] | None:
        result = await datasette.get_database(self.database).execute(sql, list(params))
        row = result.first()
        return dict(row) if row is not None else None

    async def _capture(self, datasette: Any, request: Any) -> dict[str, Any] | None:
        capture_id = row_id(request.url_vars["capture_id"])
        if capture_id is None:
            return None
        return await self._one(datasette, "select * from captures where id = ?", capture_id)

    async def _original(self, datasette: Any, capture: dict[str, Any]) -> dict[str, Any] | None:
        """For a revisit, the capture whose record holds the identical body."""
        if capture["record_type"] != "revisit":
            return None
        return await self._one(
            datasette,
            "select * from captures where record_type = 'response' and "
            "(warc_record_id = ? or (? is null and payload_digest = ?)) order by id limit 1",
            capture["refers_to"],
            capture["refers_to"],
            capture["payload_digest"],
        )

    async def _record(self, capture: dict[str, Any]) -> StoredRecord:
        if not capture["warc_filename"] or capture["warc_offset"] is None:
            raise WarcReadError(f"capture {capture['id']} left no WARC record")
        return await asyncio.to_thread(
            read_capture_record,
            self.warc_dir,
            capture["warc_filename"],
            int(capture["warc_offset"]),
            capture["warc_record_id"],
        )

    async def page(self, datasette: Any, request: Any) -> Any:
        """Headers of the archived response, and links to its body and record."""
        capture = await self._capture(datasette, request)
        if capture is None:
            return await not_found(datasette, request, _missing(request))
        original = await self._original(datasette, capture)
        body_source = original or capture
        context: dict[str, Any] = {
            "database": self.database,
            "capture": capture,
            "original": original,
            "versions": await self._versions(datasette, int(capture["id"])),
            "version_url": lambda version_id: version_row_url(
                datasette.urls, self.database, int(version_id)
            ),
        }
        if capture["record_type"] == "revisit" and original is None:
            context["error"] = (
                "This revisit's original (the record with the body) is not catalogued."
            )
        if original:
            context["original_url"] = datasette.urls.path(
                CAPTURE_PATH.format(capture_id=original["id"])
            )
        status = 200
        try:
            record = await self._record(capture)
            body_record = await self._record(original) if original else record
        except WarcReadError as exc:
            context["error"] = f"The archived record cannot be read: {exc}"
            status = 404
        else:
            context |= self._record_context(datasette, capture, record, body_source, body_record)
        template = datasette.jinja_env.from_string(CAPTURE_TEMPLATE)
        html = await datasette.render_template(template, context, request=request)
        return Response.html(html, status=status)

    def _record_context(
        self,
        datasette: Any,
        capture: dict[str, Any],
        record: StoredRecord,
        body_source: dict[str, Any],
        body_record: StoredRecord,
    ) -> dict[str, Any]:
        base = CAPTURE_PATH.format(capture_id=body_source["id"])
        context: dict[str, Any] = {
            "warc_headers": record.warc_headers,
            "http_headers": record.http_headers,
            "record_url": datasette.urls.path(
                CAPTURE_PATH.format(capture_id=capture["id"]) + "/record"
            ),
        }
        if body_record.record_type == "response":
            context |= {
                "body_url": datasette.urls.path(base + "/page"),
                "raw_url": datasette.urls.path(base + "/raw"),
                "body_size": len(body_record.payload),
                "content_encoding": body_record.http_header("Content-Encoding"),
            }
        elif record.record_type == "metadata":
            text = record.payload[:METADATA_TEXT_LIMIT].decode("utf-8", "replace")
            context["metadata_text"] = text
        return context

    async def _versions(self, datasette: Any, capture_id: int) -> list[dict[str, Any]]:
        result = await datasette.get_database(self.database).execute(
            "select v.id, v.version, v.article_id, a.title from article_versions v "
            "join articles a on a.id = v.article_id where v.capture_id = ? order by v.id",
            [capture_id],
        )
        return [dict(row) for row in result.rows]

    async def _body_record(
        self, datasette: Any, request: Any, suffix: str
    ) -> tuple[dict[str, Any], Any]:
        """The capture and its response record, or the Response to send instead."""
        capture = await self._capture(datasette, request)
        if capture is None:
            return {}, Response.text(_missing(request), status=404)
        original = await self._original(datasette, capture)
        if original is not None:
            target = CAPTURE_PATH.format(capture_id=original["id"]) + suffix
            return capture, Response.redirect(datasette.urls.path(target))
        try:
            record = await self._record(capture)
        except WarcReadError as exc:
            return capture, Response.text(f"cannot read the archived record: {exc}", status=404)
        if record.record_type != "response":
            message = f"capture {capture['id']} has no archived body ({record.record_type} record)"
            return capture, Response.text(message, status=404)
        return capture, record

    async def raw(self, datasette: Any, request: Any) -> Any:
        """The body exactly as archived, as a download."""
        capture, record = await self._body_record(datasette, request, "/raw")
        if not isinstance(record, StoredRecord):
            return record
        encoding = _plain_header(record.http_header("Content-Encoding"))
        suffix = ENCODING_SUFFIXES.get((encoding or "").lower(), "")
        headers = _attachment(
            f"capture-{capture['id']}-body{suffix}",
            {
                "x-archived-content-type": _plain_header(record.http_header("Content-Type")),
                "x-archived-content-encoding": encoding,
            },
        )
        return Response(record.payload, headers=headers, content_type="application/octet-stream")

    async def body(self, datasette: Any, request: Any) -> Any:
        """The body decoded for display, as the archived Content-Type, in a sandbox."""
        _, record = await self._body_record(datasette, request, "/page")
        if not isinstance(record, StoredRecord):
            return record
        try:
            body = decode_body(record.payload, record.content_encoding)
        except UndecodableBodyError as exc:
            return Response.text(f"{exc}; download the raw body instead", status=415)
        content_type = _plain_header(record.http_header("Content-Type"))
        return Response(
            body,
            headers=dict(SANDBOX_HEADERS),
            content_type=content_type or "application/octet-stream",
        )

    async def record(self, datasette: Any, request: Any) -> Any:
        """The stored WARC record, byte for byte, as a download."""
        capture = await self._capture(datasette, request)
        if capture is None:
            return Response.text(_missing(request), status=404)
        filename, offset, length = (
            capture["warc_filename"],
            capture["warc_offset"],
            capture["warc_length"],
        )
        if not filename or offset is None or not length:
            return Response.text(f"capture {capture['id']} left no WARC record", status=404)
        try:
            data = await asyncio.to_thread(
                read_record_bytes, self.warc_dir, filename, int(offset), int(length)
            )
        except WarcReadError as exc:
            return Response.text(f"cannot read the archived record: {exc}", status=404)
        gz = ".gz" if filename.endswith(".gz") else ""
        headers = _attachment(f"capture-{capture['id']}.warc{gz}", {})
        return Response(data, headers=headers, content_type="application/warc")

    async def version(self, datasette: Any, request: Any) -> Any:
        """Redirect from an article version to the capture it was read from."""
        segment = request.url_vars["version_id"]
        version_id = row_id(segment)
        row = None
        if version_id is not None:
            row = await self._one(
                datasette, "select capture_id from article_versions where id = ?", version_id
            )
        if row is None or row["capture_id"] is None:
            return await not_found(datasette, request, not_in_catalogue("version", segment))
        target = CAPTURE_PATH.format(capture_id=row["capture_id"])
        return Response.redirect(datasette.urls.path(target))
