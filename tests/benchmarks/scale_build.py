"""Builds a big catalogue for `make bench-scale`: real pages through the store's own code, then
SQL clones of those rows (new URLs, dates, sites and authors) up to the size asked for.

The first `real` articles are the evaluation pages of ../shared/evaldata, archived into one WARC
file with morgue's writer, read by `archive.pages.processing.process_page` and stored with
`Catalogue.store_page`, each page several times under different URLs and dates. Every later
article is a copy of one of them with its own id, URL, site, date, capture and authors.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import pickle
import sqlite3
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

# Run as scripts from tests/benchmarks: `tests.*` helpers import from the checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from archive.catalogue.runs import RunTotals
from archive.catalogue.schema import open_database
from archive.catalogue.store import Catalogue
from archive.pages.outcome import PageOutcome
from archive.pages.processing import CrawlContext, process_page
from archive.records import HttpExchange
from archive.warc.captures import capture_of
from archive.warc.writer import WarcRecordWriter
from tests.evaldata import evaldata_dir

EVALDATA = evaldata_dir()
SETS = ("fundus", "readability", "trafilatura")
WARC_NAME = "scale-bench.warc.gz"
# Sites the clones are spread over, and how many of the real authors each clone site reuses
# under a name of its own (so authors and bylines grow with the archive).
CLONE_SITES = 300
AUTHORS_PER_SITE = 400
DAYS = 3650
HTML_TYPE = "text/html; charset=utf-8"
# Extraction takes minutes on 2 cores; what it made of the pages is kept for the next build.
OUTCOMES = Path(tempfile.gettempdir()) / "morgue-scale-bench-outcomes.pickle"


def source_pages() -> list[tuple[str, bytes]]:
    """(URL, bytes as served) of every evaluation page."""
    pages = []
    for name in SETS:
        for path in sorted((EVALDATA / name).glob("*.html.gz")):
            gold = path.with_name(path.name.removesuffix(".html.gz") + ".json")
            url = json.loads(gold.read_text()).get("url") if gold.exists() else None
            if not url or not urlsplit(url).netloc:
                url = f"https://{name}.example/{path.name.removesuffix('.html.gz')}"
            pages.append((url, gzip.decompress(path.read_bytes())))
    return pages


def _process(page: tuple[str, bytes]) -> PageOutcome:
    url, body = page
    return process_page(url, 200, HTML_TYPE, body, CrawlContext())


def _variant_url(url: str, copy: int) -> str:
    return url if copy == 0 else f"{url.rstrip('/')}/copy-{copy}"


def store_real(db_path: Path, warc_dir: Path, real: int) -> int:
    """Archive and store `real` articles from the evaluation pages; returns how many stored."""
    pages = source_pages()
    if OUTCOMES.exists():
        outcomes = pickle.loads(OUTCOMES.read_bytes())
    else:
        with ProcessPoolExecutor(2) as pool:
            outcomes = list(pool.map(_process, pages, chunksize=8))
        OUTCOMES.write_bytes(pickle.dumps(outcomes))
    usable = [(p, o) for p, o in zip(pages, outcomes, strict=True) if o.article is not None]
    catalogue = Catalogue(open_database(db_path))
    warc_dir.mkdir(parents=True, exist_ok=True)
    stored = 0
    with (warc_dir / WARC_NAME).open("wb") as stream, catalogue.transaction():
        writer = WarcRecordWriter(stream, WARC_NAME)
        run_id = catalogue.start_run("2026-01-01T00:00:00Z", "bench-scale", "bench", 0)
        for copy in range(real // len(usable) + 1):
            for (url, body), outcome in usable:
                if stored == real:
                    break
                assert outcome.article is not None
                new_url = _variant_url(url, copy)
                day = (stored * 7919) % DAYS
                published = f"{2016 + day // 365:04d}-{1 + day % 365 // 31:02d}-{1 + day % 28:02d}"
                article = dataclasses.replace(
                    outcome.article,
                    url=new_url,
                    canonical_url=new_url,
                    date_published=outcome.article.date_published if copy == 0 else published,
                )
                exchange = HttpExchange(
                    new_url, "GET", (), b"", "HTTP/1.1", 200, "OK",
                    (("Content-Type", HTML_TYPE),), body,
                )  # fmt: skip
                archived = writer.write_exchange(exchange)
                capture = capture_of(
                    new_url, 200, HTML_TYPE, archived.response, archived.payload_digest,
                    archived.warc_date,
                )  # fmt: skip
                capture_id = catalogue.add_capture(capture, run_id)
                fetched = capture.fetched_at
                catalogue.store_page(
                    capture_id, new_url, fetched, dataclasses.replace(outcome, article=article)
                )
                stored += 1
        totals = RunTotals(pages_fetched=stored, pages_new=stored)
        catalogue.finish_run(run_id, "2026-01-01T01:00:00Z", "ok", 0, totals, [WARC_NAME])
    catalogue.close()
    return stored


def clone(db_path: Path, target: int) -> None:
    """Copy the stored rows until the catalogue holds `target` articles."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA synchronous = OFF")
    real = _max(conn, "articles")
    versions, captures = _max(conn, "article_versions"), _max(conn, "captures")
    captions, authors = _max(conn, "captions"), _max(conn, "authors")
    _clone_authors(conn, authors)
    for round_ in range(1, (target + real - 1) // real):
        size = min(real, target - round_ * real)
        _clone_round(conn, round_, size, real, versions, captures, captions, authors)
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()


def _max(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"select coalesce(max(id), 0) from {table}").fetchone()[0])


def _clone_authors(conn: sqlite3.Connection, authors: int) -> None:
    """Author names per clone site: real names with a site number, so authors grow with sites."""
    with conn:
        for site in range(1, CLONE_SITES + 1):
            conn.execute(
                "insert into authors (id, name) select id + ? * ?, name || ' (' || ? || ')' "
                "from authors where id <= ?",
                [site, authors, site, AUTHORS_PER_SITE],
            )


def _clone_round(
    conn: sqlite3.Connection,
    round_: int,
    size: int,
    real: int,
    versions: int,
    captures: int,
    captions: int,
    authors: int,
) -> None:
    """One copy of the first `size` real articles, every id shifted by the round."""
    shift = {
        "a": round_ * real,
        "v": round_ * versions,
        "c": round_ * captures,
        "p": round_ * captions,
        "site": round_ % CLONE_SITES + 1,
        "days": round_ * 13 % DAYS,
        "size": size,
        "authors": authors,
        "round": round_,
        "per_site": AUTHORS_PER_SITE,
    }
    site = "'site' || :site || '.example'"
    with conn:
        # Each copy is a crawl run of its own, as daily crawls make them.
        conn.execute(
            """insert into crawl_runs (id, started_at, finished_at, status, exit_code,
  pages_fetched, pages_new, pages_changed, pages_failed, warc_files, command, hostname, pid)
select :round + 1, date(started_at, '-' || :days || ' days'), finished_at, status, exit_code,
  :size, :size, 0, 0, warc_files, command, hostname, pid
from crawl_runs where id = 1""",
            shift,
        )
        conn.execute(
            f"""insert into captures (id, url, fetched_at, status, content_type, record_type,
  warc_filename, warc_offset, warc_length, warc_record_id, payload_digest, refers_to,
  capture_status, error, run_id, site, etag, last_modified, article_id, status_evidence)
select c.id + :c, c.url || '/r' || :round, strftime('%Y-%m-%dT%H:%M:%SZ', c.fetched_at,
  '-' || :days || ' days'), status, content_type, record_type, warc_filename, warc_offset,
  warc_length, warc_record_id, payload_digest, refers_to, capture_status, error, :round + 1,
  {site}, etag, last_modified, c.article_id + :a, status_evidence
from captures c where c.article_id <= :size""",
            shift,
        )
        conn.execute(
            f"""insert into articles (id, url, site, title, byline, date_published,
  date_modified, body, language, section, description, canonical_url, site_name, tags,
  organisations, extractor, first_seen, last_seen, latest_version_id)
select id + :a, url || '/r' || :round, {site}, title, byline,
  date(coalesce(date_published, '2024-01-01'), '-' || :days || ' days'), date_modified, body,
  language, section, description, canonical_url, site_name, tags, organisations, extractor,
  first_seen, last_seen, latest_version_id + :v
from articles where id <= :size""",
            shift,
        )
        conn.execute(
            """insert into article_versions (id, article_id, capture_id, version, title, byline,
  authors, body, date_published, date_modified, captions, changed_fields, body_diff,
  content_hash, extractor, captured_at)
select v.id + :v, v.article_id + :a, v.capture_id + :c, version, title, byline, authors, body,
  date(coalesce(date_published, '2024-01-01'), '-' || :days || ' days'), date_modified,
  captions, changed_fields, body_diff, content_hash, extractor, captured_at
from article_versions v where v.article_id <= :size""",
            shift,
        )
        conn.execute(
            """insert into article_authors (article_id, author_id, position, role)
select article_id + :a, author_id + :authors * (case when author_id <= :per_site
  then :site else 0 end), position, role
from article_authors where article_id <= :size""",
            shift,
        )
        conn.execute(
            """insert into captions (id, article_id, version_id, position, image_url, text,
  credit, alt)
select id + :p, article_id + :a, version_id + :v, position, image_url, text, credit, alt
from captions where article_id <= :size""",
            shift,
        )
