"""Saved ("canned") read-only queries archivists reach from the catalogue's front page.

Columns named as in `crawler.datasette.links.QUERY_LINKS` (article_id, capture_id, …) are shown
as links by the plugin, so every result leads to the article, its capture and its run.
"""

from __future__ import annotations

from typing import Any

from crawler.datasette.search import RANKED_MATCHES, among_newest_matches, snippet_sql

# Capture statuses that mean the page was not archived as a readable article.
FAILED_STATUSES = (
    "('failed', 'paywall', 'consent', 'blocked', 'soft404', 'teaser', 'extraction_timeout', "
    "'extraction_error', 'too_large')"
)

# Rows the saved queries that list an agency's photos, an author's articles or changes since a
# date show: a page of a thousand rows takes Datasette some 300 ms to draw on 2 busy cores.
LISTED_ROWS = 500
# Credits holding the words given, from the full-text index of captions.
CREDIT_MATCH = "'credit : (' || escape_fts(:credit) || ')'"

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "search_articles": {
        "title": "Search articles, showing where the words matched",
        "description": (
            "Articles whose headline, text or byline contain the words given, best matches "
            "first, each with a snippet of the text around the words. Words found in more than "
            f"{RANKED_MATCHES:,} articles: the best of the {RANKED_MATCHES:,} archived last."
        ),
        "sql": f"""select a.id as article_id, a.title, {snippet_sql("articles_fts")} as snippet,
  a.date_published, a.site, a.byline
from articles_fts join articles a on a.id = articles_fts.rowid
where articles_fts match escape_fts(:q)
  and {among_newest_matches("articles_fts", "escape_fts(:q)")}
order by articles_fts.rank
limit 100""",
    },
    "search_captions": {
        "title": "Search photo captions, showing where the words matched",
        "description": (
            "Captions or credits containing the words given, best matches first, with the "
            f"article. Words found in more than {RANKED_MATCHES:,} captions: the best of the "
            f"{RANKED_MATCHES:,} archived last."
        ),
        "sql": f"""select {snippet_sql("captions_fts")} as snippet, c.credit, c.image_url,
  a.id as article_id, a.title as article, a.date_published
from captions_fts join captions c on c.id = captions_fts.rowid
  join articles a on a.id = c.article_id
where captions_fts match escape_fts(:q)
  and {among_newest_matches("captions_fts", "escape_fts(:q)")}
order by captions_fts.rank
limit 100""",
    },
    "latest_articles": {
        "title": "Latest articles",
        "description": "The 100 most recently published articles (first seen, when undated).",
        "sql": """select a.id as article_id, coalesce(a.date_published, a.first_seen) as published,
  a.title, a.byline, a.site, a.section, a.language, v.capture_id
from articles a left join article_versions v on v.id = a.latest_version_id
order by published desc, a.id desc
limit 100""",
    },
    "articles_changed_since": {
        "title": "Articles changed since a date",
        "description": (
            "Articles whose text, title, byline, dates or captions changed after their first "
            f"capture, on or after the date given (e.g. 2024-05-01); the latest {LISTED_ROWS}."
        ),
        "sql": f"""select a.id as article_id, a.title, v.version, c.fetched_at as changed_at,
  v.changed_fields, v.id as version_id, v.capture_id
from captures c
  cross join article_versions v on v.capture_id = c.id
  join articles a on a.id = v.article_id
where v.version > 1 and c.fetched_at >= :since
order by c.fetched_at desc
limit {LISTED_ROWS}""",
    },
    "articles_by_author": {
        "title": "Articles by an author",
        "description": (
            "Articles whose authors include the name given (or part of it, found in a trigram "
            f"index of names), newest first; the first {LISTED_ROWS}."
        ),
        "sql": f"""select a.id as article_id, a.date_published, a.title, au.name as author,
  a.byline, a.site, a.section
from authors_fts
  join authors au on au.id = authors_fts.rowid
  cross join article_authors aa on aa.author_id = au.id
  join articles a on a.id = aa.article_id
where authors_fts.name like '%' || :author || '%'
order by a.date_published desc, a.id desc
limit {LISTED_ROWS}""",
    },
    "captions_by_credit": {
        "title": "Captions by photo credit",
        "description": (
            'Photos credited to the agency or photographer given, e.g. "Yonhap" (whole words, '
            f"read from the full-text index of credits): the {LISTED_ROWS} archived last, newest "
            "published first."
        ),
        "sql": f"""select c.credit, c.text as caption, c.image_url, a.id as article_id,
  a.title as article, a.date_published
from captions_fts join captions c on c.id = captions_fts.rowid
  join articles a on a.id = c.article_id
where captions_fts match {CREDIT_MATCH}
  and {among_newest_matches("captions_fts", CREDIT_MATCH, LISTED_ROWS)}
order by a.date_published desc, a.id desc, c.position""",
    },
    "failed_captures_by_run": {
        "title": "Failed captures of a run",
        "description": (
            "Pages a crawl run could not archive as readable articles: HTTP errors, timeouts, "
            "paywalls, consent walls, blocks, teasers. Give the run number."
        ),
        "sql": f"""select id as capture_id, fetched_at, url, status, capture_status, error, site
from captures
where run_id = cast(:run_id as integer) and capture_status in {FAILED_STATUSES}
order by id""",
    },
    "runs_with_failures": {
        "title": "Crawl runs with failures",
        "description": "Runs that ended with failed pages or a non-zero exit code, newest first.",
        "sql": f"""select r.id as run_id, r.started_at, r.finished_at, r.status, r.exit_code,
  r.pages_fetched, r.pages_failed,
  (select count(*) from captures c
   where c.run_id = r.id and c.capture_status in {FAILED_STATUSES}) as failed_captures
from crawl_runs r
where r.pages_failed > 0 or r.exit_code != 0
order by r.started_at desc""",
    },
}
