"""Datasette metadata for a catalogue: every table and column described in archivists' words."""

from __future__ import annotations

from typing import Any

from datasette.utils import tilde_encode  # type: ignore[import-untyped,unused-ignore]

from crawler.datasette.queries import CANNED_QUERIES

TITLE = "morgue: news archive"
INTRODUCTION_HTML = (
    "<p>News articles archived by <strong>morgue</strong>: every page is kept in WARC files "
    "exactly as the server sent it, and what was read from it (headline, byline, dates, text, "
    "photo captions and credits) is catalogued here.</p>"
)
START_HERE_HTML = """<ul>
<li><a href="{db}/articles">Articles</a>, newest first: search headlines, text and bylines;
 open one to read it with its photos, versions and the page as archived.</li>
<li><a href="{db}/captions">Photo captions</a>: search captions and credits
 (e.g. <a href="{db}/captions_by_credit?credit=Yonhap">all Yonhap photos</a>).</li>
<li><a href="{db}/captures">Captures</a>: every response archived, each linking to the archived
 response; <a href="{db}/crawl_runs">crawl runs</a> and their failures.</li>
<li><a href="{db}/search_articles">Search articles</a> and
 <a href="{db}/search_captions">photo captions</a>, with snippets showing where the words
 matched.</li>
<li><a href="{db}#queries">Saved queries</a>: latest articles, articles changed since a date,
 articles by an author, captions by credit, failed captures of a run, runs with failures.</li>
</ul>"""
SOURCE = "Crawled by morgue: WARC files (the evidence) and this catalogue (the index)"
LICENSE = (
    "Articles and photos remain the copyright of their publishers; archived for preservation "
    "and research"
)

_CAPTURE_STATUS = (
    "Outcome of the fetch: ok, redirect, not_modified, failed (HTTP error, timeout, refused), "
    "or what the page turned out to be (paywall, consent, blocked, soft404, teaser), or "
    "why it was archived but not extracted (extraction_timeout, extraction_error, too_large); "
    "for a page's requisite, too_large means over MORGUE_MAX_REQUISITE_BYTES and not archived."
)

# The columns of article_versions (a view) and, but for the text, of article_version_rows.
VERSION_COLUMNS = {
    "id": "Version number in this catalogue.",
    "article_id": "The article this is a version of.",
    "capture_id": "The archived response this version was read from.",
    "version": "1 for the first text seen, 2 for the first change, and so on.",
    "title": "Headline in this version.",
    "byline": "Byline as printed in this version.",
    "authors": "Author names in this version (JSON list).",
    "body": "Article text in this version.",
    "date_published": "Publication date given in this version.",
    "date_modified": "Update date given in this version.",
    "captions": "Photo captions in this version (JSON list).",
    "changed_fields": "What changed since the previous version (JSON list).",
    "body_diff": "Line-by-line difference of the text from the previous version.",
    "content_hash": "Fingerprint of the versioned content (SHA-1).",
    "extractor": "Software and version that read the page.",
    "captured_at": "When the capture behind this version was made, if recorded.",
}

TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "One row per article (by canonical URL), as it reads in its latest version.",
        "label_column": "title",
        "sort_desc": "date_published",
        "facets": ["site", "section", "language", "byline", {"date": "date_published"}],
        "columns": {
            "id": "Article number in this catalogue.",
            "url": "The article's address (its canonical URL where the page declares one).",
            "site": "The website it came from (host name).",
            "title": "Headline.",
            "byline": "The byline as printed, e.g. “By Lee Min-hyung”.",
            "date_published": "When the publisher says it was first published (ISO 8601).",
            "date_modified": "When the publisher says it was last updated (ISO 8601).",
            "image_url": "The lead image the page names (og:image, else the JSON-LD image).",
            "image_capture_id": "The archived lead image: its latest capture holding the "
            "image's bytes; empty when it was not archived.",
            "body": "The article text, paragraphs separated by a blank line.",
            "language": "Language code of the text, e.g. en, ko.",
            "section": "Section or desk the publisher filed it under.",
            "description": "The publisher's summary (meta description).",
            "canonical_url": "The canonical URL the page declared, if any.",
            "site_name": "The publication's name as the page gives it.",
            "tags": "Keywords and tags the publisher attached (JSON list).",
            "organisations": "News agencies and organisations credited (JSON list).",
            "extractor": "Software and version that read the page, e.g. morgue/0.1 trafilatura/2.",
            "first_seen": "When morgue first archived this article (UTC).",
            "last_seen": "When morgue last archived this article (UTC).",
            "latest_version_id": "Its latest version; links to all versions and the archived page.",
        },
    },
    "article_versions": {
        "description": (
            "Each distinct text of an article, in order: a new version is recorded only when the "
            "content changed, with what changed and a diff of the body."
        ),
        "label_column": "title",
        "sort_desc": "id",
        # Plain facets read an index; array facets would parse every version's JSON.
        "facets": ["changed_fields"],
        "columns": VERSION_COLUMNS,
    },
    "article_version_rows": {
        "description": (
            "How versions are stored: article_versions without the text, which is in articles "
            "(while it is the current text) or in bodies, and without the latest version's "
            "captions, which are the rows of captions. Read article_versions instead."
        ),
        "hidden": True,
        "columns": {name: text for name, text in VERSION_COLUMNS.items() if name != "body"}
        | {
            "body_id": "The version's text in bodies; empty while it is the article's current "
            "text (articles.body).",
            "captions": "Photo captions in this version (JSON list); empty while it is the "
            "article's latest version, whose captions are the rows of captions.",
        },
    },
    "bodies": {
        "description": (
            "Article texts that versions no longer share with their article, each stored once "
            "(keyed by SHA-256); article_versions shows them in place."
        ),
        "hidden": True,
        "columns": {
            "id": "Text number in this catalogue.",
            "sha256": "SHA-256 of the text (UTF-8), in hex: one row per distinct text.",
            "text": "The article text, paragraphs separated by a blank line.",
        },
    },
    "captions": {
        "description": "Photo captions and credits of each article's latest version.",
        "label_column": "text",
        "sort_desc": "id",
        "facets": ["credit"],
        "columns": {
            "id": "Caption number in this catalogue.",
            "article_id": "The article the photo appears in.",
            "version_id": "The article version the caption was read from.",
            "position": "Order of the photo in the article, from 0.",
            "image_url": "Address of the image.",
            "text": "The caption as printed, without the credit.",
            "credit": "Photo credit, e.g. Yonhap, AP Photo/Jane Doe.",
            "alt": "The image's alternative text.",
            "image_capture_id": "The archived photo: its latest capture holding the image's "
            "bytes; empty when it was not archived.",
        },
    },
    "authors": {
        "description": "People named as authors, each once.",
        "label_column": "name",
        "sort": "name",
        "columns": {"id": "Author number in this catalogue.", "name": "Name as printed."},
    },
    "article_authors": {
        "description": "Who wrote which article, in byline order.",
        "facets": ["author_id", "role"],
        "columns": {
            "article_id": "The article.",
            "author_id": "The author.",
            "position": "Place in the byline, from 0.",
            "role": "Part played, e.g. author.",
        },
    },
    "captures": {
        "description": (
            "Every response morgue archived (and fetches that failed): where its WARC record "
            "is and what came back. Open a record to see the page as archived."
        ),
        "label_column": "url",
        "sort_desc": "fetched_at",
        "facets": ["site", "capture_status", "status", "content_type", "run_id"],
        "columns": {
            "id": "Capture number; follows the order of records in the WARC files.",
            "url": "Address fetched.",
            "fetched_at": "When it was fetched: the record's WARC-Date (UTC).",
            "status": "HTTP status code, e.g. 200, 404; empty when nothing came back.",
            "content_type": "Content-Type the server sent.",
            "record_type": "WARC record kind: response, revisit (unchanged, body not stored "
            "again) or metadata (a failed fetch).",
            "warc_filename": "WARC file holding the record.",
            "warc_offset": "Byte offset of the record in the WARC file.",
            "warc_length": "Stored length of the record in bytes.",
            "warc_record_id": "The record's WARC-Record-ID; links to the archived response.",
            "payload_digest": "SHA-1 (base32) of the body as served; equal digests, equal bodies.",
            "refers_to": "For a revisit: the record holding the identical body.",
            "capture_status": _CAPTURE_STATUS,
            "error": "Why the fetch failed, e.g. HTTP 404, timeout.",
            "run_id": "The crawl run that made this capture.",
            "site": "The website (host name).",
            "etag": "The ETag the server sent, to ask on the next crawl whether it changed.",
            "last_modified": "The Last-Modified date the server sent, for the same purpose.",
            "article_id": "The article this page was read as, if any.",
            "status_evidence": "Why the page got its capture status, e.g. the paywall notice "
            "found on it.",
            "resource_type": "For a page's requisite: what it is (image, stylesheet, script, "
            "font); empty for pages, feeds and sitemaps.",
            "requisite_of": "For a page's requisite: the capture of the page that needed it.",
        },
    },
    "discoveries": {
        "description": (
            "Links found in sitemaps and feeds, with the titles and dates they announced."
        ),
        "label_column": "title",
        "sort_desc": "id",
        "facets": ["source_kind", "language"],
        "columns": {
            "id": "Discovery number.",
            "url": "Address announced.",
            "source_capture_id": "The capture of the sitemap or feed it was found in.",
            "source_kind": "Where it was found: sitemap, news_sitemap, sitemap_index or feed.",
            "title": "Title the sitemap or feed gave.",
            "published": "Publication date announced (ISO 8601).",
            "modified": "Update date announced (ISO 8601).",
            "language": "Language announced.",
        },
    },
    "pending_captures": {
        "description": (
            "Pages archived but not yet catalogued: a run killed midway leaves some here, and the "
            "next run reads them back from the WARC files. Normally empty."
        ),
        "columns": {"capture_id": "The capture still to be read into the catalogue."},
    },
    "crawl_runs": {
        "description": "Each crawl: when, how it ended and how many pages it fetched.",
        "label_column": "started_at",
        "sort_desc": "started_at",
        "facets": ["status", "exit_code"],
        "columns": {
            "id": "Run number.",
            "started_at": "Start time (UTC).",
            "finished_at": "End time (UTC); empty while running or if it was killed.",
            "status": "running, ok, finished_with_failures, nothing_fetched, storage_error, "
            "interrupted (Ctrl-C or SIGTERM, exit 130; or killed, and the next run caught up; in "
            "scale-out mode, every worker died), "
            "worker_lost (scale-out mode: a worker never said it finished), recovered (scale-out "
            "mode: a worker was lost and all it had taken was done by others or read back), or "
            "the reason Scrapy stopped.",
            "exit_code": "morgue's exit code: 0 ok, 1 some pages failed, 4 nothing fetched, 5 "
            "storage error, 7 recovered, 130 interrupted (see the README); in scale-out mode, "
            "what one crawl would have said.",
            "pages_fetched": "Pages, feeds and sitemaps fetched (not robots.txt), as the run's "
            "summary line counts them.",
            "pages_new": "Articles seen for the first time.",
            "pages_changed": "Articles with a new version.",
            "pages_failed": "Pages that could not be fetched.",
            "discovery_cut": "Sitemaps and feeds not fetched because a limit was reached "
            "(MORGUE_MAX_PAGES_PER_HOST, MORGUE_MAX_SITEMAPS, MORGUE_SITEMAP_DEPTH, "
            "MORGUE_MAX_FEEDS), counted each time one was met; the run's log names the first.",
            "warc_files": "WARC files written (JSON list).",
            "command": "The command line that started the run.",
            "hostname": "Machine that ran it (the first worker, in scale-out mode).",
            "pid": "Its process id.",
            "run_token": "Scale-out mode: the token the crawl workers of this run shared in Redis.",
            "workers": "Scale-out mode: how many crawl workers took part.",
            "finish_reasons": "Scale-out mode: why each worker stopped (JSON list).",
            "workers_lost": "Scale-out mode: workers that stopped beating their heartbeat "
            "(killed, machine lost); what they had taken was put back or read from their WARC "
            "files.",
        },
    },
    "ingested_messages": {
        "description": (
            "Scale-out mode: messages from crawl workers already stored by `morgue ingest`, so a "
            "message delivered twice is stored once."
        ),
        "hidden": True,
        "columns": {
            "id": "The message's unique id.",
            "kind": "capture, page, failure, worker_started, worker_finished, worker_lost or "
            "run_finished.",
            "run_id": "The run it belonged to.",
            "ingested_at": "When it was stored (UTC).",
        },
    },
    "articles_fts": {
        "description": "Full-text index of article titles, bodies and bylines.",
        "hidden": True,
        "columns": {"title": "Headline.", "body": "Text.", "byline": "Byline."},
    },
    "captions_fts": {
        "description": "Full-text index of caption text and credits.",
        "hidden": True,
        "columns": {"text": "Caption.", "credit": "Photo credit."},
    },
    "authors_fts": {
        "description": "Trigram index of author names, for finding authors by part of a name.",
        "hidden": True,
        "columns": {"name": "Name as printed."},
    },
    "_sqlite_migrations": {
        "description": "Schema changes applied to this catalogue (sqlite-utils migrations).",
        "hidden": True,
        "columns": {
            "id": "Order applied.",
            "migration_set": "Always morgue.",
            "name": "Migration name.",
            "applied_at": "When it was applied (UTC).",
        },
    },
}


def catalogue_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for the catalogue served under the name `database`."""
    start_here = START_HERE_HTML.format(db="/" + tilde_encode(database))
    return {
        "title": TITLE,
        "description_html": INTRODUCTION_HTML + start_here,
        "source": SOURCE,
        "license": LICENSE,
        "databases": {
            database: {
                "title": TITLE,
                "description_html": start_here,
                "source": SOURCE,
                "license": LICENSE,
                "tables": TABLES,
                "queries": CANNED_QUERIES,
            }
        },
    }
