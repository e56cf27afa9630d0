"""Builds a big catalogue for `make bench-scale`: real pages through the store's own code, then
SQL clones of those rows (new URLs, dates, sites and authors) up to the size asked for.

The first `real` articles are the evaluation pages of ../shared/evaldata, archived into one WARC
file with morgue's writer, read by `archive.pages.processing.process_page` and stored with
`Catalogue.store_page`, each page several times under different URLs and dates, and one in
`UPDATED_EVERY` captured again a day later with a corrected text (a second version, as news
sites correct some of their articles). Every later article is a copy of one of them with its own
id, URL, site, date, capture, authors and superseded text.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import pickle
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
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
from archive.records import Article, HttpExchange
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
# One real article in this many is captured again with a correction: a second version, whose
# superseded text `bodies` keeps (an assumption: how many articles a site corrects varies).
UPDATED_EVERY = 10
CORRECTION = "Correction: an earlier version of this article gave a wrong date."
# Extraction takes minutes on 2 cores; what it made of the pages is kept for the next build.
OUTCOMES = Path(tempfile.gettempdir()) / "morgue-scale-bench-outcomes.pickle"


def source_pages() -> list[tuple[str, bytes]]:
    """(URL, bytes as served) of every evaluation page, each under a URL of its own: the
    readability set gives all its pages one (`http://fakehost/test/page.html`), which would
    make them versions of one article."""
    pages, seen = [], set()
    for name in SETS:
        for path in sorted((EVALDATA / name).glob("*.html.gz")):
            gold = path.with_name(path.name.removesuffix(".html.gz") + ".json")
            url = json.loads(gold.read_text()).get("url") if gold.exists() else None
            if not url or not urlsplit(url).netloc or url in seen:
                url = f"https://{name}.example/{path.name.removesuffix('.html.gz')}"
            seen.add(url)
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
                _capture_and_store(catalogue, writer, run_id, body, outcome, article)
                if stored % UPDATED_EVERY == UPDATED_EVERY - 1:
                    corrected = dataclasses.replace(
                        article,
                        body=f"{article.body}\n\n{CORRECTION}",
                        date_modified=article.date_published,
                    )
                    _capture_and_store(catalogue, writer, run_id, body, outcome, corrected)
                stored += 1
        totals = RunTotals(pages_fetched=stored, pages_new=stored)
        catalogue.finish_run(run_id, "2026-01-01T01:00:00Z", "ok", 0, totals, [WARC_NAME])
    catalogue.close()
    return stored


def _capture_and_store(
    catalogue: Catalogue,
    writer: WarcRecordWriter,
    run_id: int,
    body: bytes,
    outcome: PageOutcome,
    article: Article,
) -> None:
    """Archive the page under the article's URL and store the article as its extraction."""
    url = article.url or ""
    exchange = HttpExchange(
        url, "GET", (), b"", "HTTP/1.1", 200, "OK", (("Content-Type", HTML_TYPE),), body
    )
    archived = writer.write_exchange(exchange)
    capture = capture_of(
        url, 200, HTML_TYPE, archived.response, archived.payload_digest, archived.warc_date
    )
    capture_id = catalogue.add_capture(capture, run_id)
    stored = dataclasses.replace(outcome, article=article)
    catalogue.store_page(capture_id, url, capture.fetched_at, stored)


@dataclasses.dataclass(frozen=True)
class Clone:
    """How the clones fill one table: which rows of the real catalogue are copied (`base`, SQL
    over the table), the article each row belongs to (`article`, SQL over the base row `b`; the
    copies stop at the target number of articles), and the columns a copy changes (SQL over `b`
    and the copy `k`). Columns not named are copied as they are, so a new column needs nothing
    here and a new table one entry."""

    base: str
    article: str
    changes: dict[str, str]
    # Columns beside the table's that the base rows carry (SQL over the table's row `b`).
    extra: str = ""


# FTS5 flushes its in-memory index to a new segment past `hashsize` bytes (1 MiB by default)
# and merges segments as it goes; the rebuild flushes rarely, merges once at the end.
FTS_BUILD_HASH_BYTES = 256 << 20
FTS_DEFAULTS = {"hashsize": 1 << 20, "automerge": 4}
# The copy `k`: k.n (1, 2, …), k.site (its site's host), k.site_no, k.days (a date modifier,
# '-13 days'). :a, :v, :c and :p are the real catalogue's largest article, version, capture and
# caption ids, so copy n of row id is id + n * the largest id of its table.
SHIFTED_DATE = "date(coalesce(b.date_published, '2024-01-01'), k.days)"
CLONES: dict[str, Clone] = {
    # Each copy is a crawl run of its own, as daily crawls make them.
    "crawl_runs": Clone("id = 1", "1", {
        "id": "k.n + 1",
        "started_at": "strftime('%Y-%m-%dT%H:%M:%SZ', b.started_at, k.days)",
    }),
    "captures": Clone("article_id is not null", "b.article_id", {
        "id": "b.id + k.n * :c",
        "url": "b.url || '/r' || k.n",
        "fetched_at": "strftime('%Y-%m-%dT%H:%M:%fZ', b.fetched_at, k.days)",
        "run_id": "k.n + 1",
        "site": "k.site",
        "article_id": "b.article_id + k.n * :a",
    }),
    "articles": Clone("1", "b.id", {
        "id": "b.id + k.n * :a",
        "url": "b.url || '/r' || k.n",
        "site": "k.site",
        "date_published": SHIFTED_DATE,
        "first_seen": "strftime('%Y-%m-%dT%H:%M:%fZ', b.first_seen, k.days)",
        "latest_version_id": "b.latest_version_id + k.n * :v",
    }),
    # A copy's superseded text is a text of its own (its key made distinct: the same text
    # under another key), as another article's correction would be.
    "bodies": Clone("1", "b.article_id", {
        "id": "b.id + k.n * :b",
        "sha256": "substr(b.sha256, 1, 56) || printf('%08x', k.n)",
    }, extra="(select min(v.article_id) from article_version_rows v where v.body_id = b.id)"
       " as article_id"),
    "article_version_rows": Clone("1", "b.article_id", {
        "id": "b.id + k.n * :v",
        "article_id": "b.article_id + k.n * :a",
        "capture_id": "b.capture_id + k.n * :c",
        "date_published": SHIFTED_DATE,
        "body_id": "b.body_id + k.n * :b",
    }),
    # The copy's site has authors of its own: the real ones' names with the site's number.
    "article_authors": Clone("1", "b.article_id", {
        "article_id": "b.article_id + k.n * :a",
        "author_id": "b.author_id + :authors * "
        "(case when b.author_id <= :per_site then k.site_no else 0 end)",
    }),
    "captions": Clone("1", "b.article_id", {
        "id": "b.id + k.n * :p",
        "article_id": "b.article_id + k.n * :a",
        "version_id": "b.version_id + k.n * :v",
    }),
}  # fmt: skip


def clone(db_path: Path, target: int) -> None:
    """Copy the stored rows until the catalogue holds `target` articles: one INSERT … SELECT per
    table, with its indexes and full-text triggers dropped meanwhile and made again once at the
    end (the full-text indexes rebuilt from the tables), in one transaction without a journal
    (a benchmark catalogue: a crash means building it again)."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")  # KiB: a GiB for sorting the new indexes
    params = {
        "a": _max(conn, "articles"),
        "v": _max(conn, "article_versions"),
        "c": _max(conn, "captures"),
        "p": _max(conn, "captions"),
        "b": _max(conn, "bodies"),
        "authors": _max(conn, "authors"),
        "per_site": AUTHORS_PER_SITE,
        "target": target,
    }
    copies = (target - 1) // params["a"]
    conn.execute("begin")
    dropped = _drop_indexes_and_triggers(conn)
    _clone_authors(conn, params["authors"])
    conn.execute(
        "create temp table copies as with recursive k(n) as (select 1 union all select n + 1 "
        "from k where n < ?) select n, 'site' || (n % ? + 1) || '.example' as site, "
        "n % ? + 1 as site_no, '-' || (n * 13 % ?) || ' days' as days from k",
        [copies, CLONE_SITES, CLONE_SITES, DAYS],
    )
    for table, how in CLONES.items():
        _timed(f"{table}: copied", _clone_table, conn, table, how, params)
    for name, sql in dropped:
        _timed(f"{name}: made again", conn.execute, sql)
    for fts in _fts_tables(conn):
        _timed(f"{fts}: rebuilt", _rebuild_fts, conn, fts)
    conn.execute("commit")
    conn.execute("PRAGMA analysis_limit = 2000")
    _timed("analyzed", conn.execute, "ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def _timed(what: str, step: Callable[..., object], *args: object) -> None:
    began = time.perf_counter()
    step(*args)
    print(f"  {what} in {time.perf_counter() - began:.0f} s", flush=True)


def _max(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"select coalesce(max(id), 0) from {table}").fetchone()[0])


def _drop_indexes_and_triggers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Drop the indexes of the tables cloned and every trigger; returns (name, SQL) of each."""
    tables = [*CLONES, "authors"]
    found = conn.execute(
        "select name, sql from sqlite_master where sql is not null and (type = 'trigger' or "
        f"(type = 'index' and tbl_name in ({', '.join('?' * len(tables))})))",
        tables,
    ).fetchall()
    for name, sql in found:
        kind = "trigger" if sql.upper().startswith("CREATE TRIGGER") else "index"
        conn.execute(f"drop {kind} [{name}]")
    # Indexes first, so the full-text triggers are made once the rows are in.
    return sorted(found, key=lambda item: item[1].upper().startswith("CREATE TRIGGER"))


def _fts_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "select name from sqlite_master where type = 'table' and sql like '%using fts5%'"
        )
    ]


def _rebuild_fts(conn: sqlite3.Connection, fts: str) -> None:
    """The full-text index made again from its table in big in-memory batches, merged into one
    segment, and left with SQLite's default settings (as a crawl's catalogue has them)."""
    given = dict(conn.execute(f"select k, v from [{fts}_config]").fetchall())
    set_option = f"insert into [{fts}]([{fts}], rank) values (?, ?)"
    conn.execute(set_option, ["hashsize", FTS_BUILD_HASH_BYTES])
    conn.execute(set_option, ["automerge", 0])
    conn.execute(f"insert into [{fts}]([{fts}]) values ('rebuild')")
    conn.execute(f"insert into [{fts}]([{fts}]) values ('optimize')")
    for option, default in FTS_DEFAULTS.items():
        conn.execute(set_option, [option, given.get(option, default)])


def _clone_table(conn: sqlite3.Connection, table: str, how: Clone, params: dict[str, int]) -> None:
    columns = [row[1] for row in conn.execute(f"pragma table_info([{table}])")]
    values = [how.changes.get(column, f"b.[{column}]") for column in columns]
    # Copied from a snapshot of the real rows: SQLite reads a table being inserted into whole
    # into a temporary table first.
    conn.execute(f"drop table if exists temp.[base_{table}]")
    extra = f", {how.extra}" if how.extra else ""
    conn.execute(
        f"create temp table [base_{table}] as select b.*{extra} from [{table}] b where {how.base}"
    )
    conn.execute(
        f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
        f"select {', '.join(values)} from copies k cross join temp.[base_{table}] b "
        f"where {how.article} + k.n * :a <= :target",
        params,
    )


def _clone_authors(conn: sqlite3.Connection, authors: int) -> None:
    """Author names per clone site: real names with a site number, so authors grow with sites."""
    conn.execute(
        "with recursive s(n) as (select 1 union all select n + 1 from s where n < ?) "
        "insert into authors (id, name) select id + s.n * ?, name || ' (' || s.n || ')' "
        "from s cross join authors where id <= ?",
        [CLONE_SITES, authors, AUTHORS_PER_SITE],
    )
