"""`morgue serve`: Datasette over a catalogue, read-only, with morgue's metadata and plugin.

The database is opened the way Datasette opens any mutable file (`mode=ro`, never immutable),
so pages show what a crawl running at the same time has committed; nothing served writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import uvicorn
from datasette.app import Datasette  # type: ignore[import-untyped,unused-ignore]

from archive.errors import CatalogueNotFoundError, StorageError, UsageError
from crawler.datasette import DEFAULT_HOST, DEFAULT_PORT, MAX_SQL_QUERIES
from crawler.datasette.metadata import catalogue_metadata
from crawler.datasette.plugin import MorguePlugin, registered
from crawler.datasette.query_limits import limit_sqlite_heap
from crawler.datasette.table_counts import CatalogueDatabase

DEFAULT_WARC_DIR = Path("warc")
# morgue's pages that extend Datasette's (`{% extends "default:table.html" %}`): data first.
TEMPLATE_DIR = Path(__file__).parent / "templates"

# Datasette settings for browsing an archive: long texts cut short in tables, room for full-text
# search and facets over many articles, no caching of pages a running crawl keeps changing.
# Facets show their five commonest values (a link shows more) and none are suggested, so a
# table's rows start within the first screen (suggestions also cost a query per column). A facet
# reads an index entry per row, and Datasette computes a table's facets one after another: over a
# whole table of a million articles 70-500 ms each on 2 busy cores. Whole big tables are shown
# without facets (`page_bounds`); a facet of a filtered page that takes over 100 ms is named as
# having run out of time, so five facets cost half a second at most.
DATASETTE_SETTINGS: dict[str, Any] = {
    "default_page_size": 50,
    "truncate_cells_html": 300,
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 100,
    "default_facet_size": 5,
    "suggest_facets": False,
    "default_cache_ttl": 0,
}
# SQL threads kept for pages beyond those visitors' own queries may hold (MAX_SQL_QUERIES).
PAGE_SQL_THREADS = 3
BOOLEAN_WORDS = {"on": True, "true": True, "1": True, "off": False, "false": False, "0": False}

# Tables every morgue catalogue has; a database without them is someone else's.
REQUIRED_TABLES = ("captures", "articles")


def warc_dir_for(db_path: Path, warc_dir: Path | None) -> Path:
    """The WARC folder: as given, else ./warc, else `warc` beside the catalogue."""
    if warc_dir is not None:
        return warc_dir
    if DEFAULT_WARC_DIR.is_dir():
        return DEFAULT_WARC_DIR
    return db_path.parent / DEFAULT_WARC_DIR


def check_catalogue(db_path: Path) -> None:
    """Raise unless `db_path` is a readable morgue catalogue; opens it read-only."""
    if not db_path.is_file():
        raise CatalogueNotFoundError(
            f"no catalogue at {db_path}: give its path with --db, or make one with "
            "`morgue crawl URL --db PATH` (or `morgue demo`)"
        )
    try:
        with sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True) as conn:
            names = {r[0] for r in conn.execute("select name from sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"cannot read the catalogue {db_path}: {exc}") from exc
    missing = [name for name in REQUIRED_TABLES if name not in names]
    if missing:
        raise CatalogueNotFoundError(
            f"{db_path} is not a morgue catalogue (no {', '.join(missing)} table)"
        )


def database_name(db_path: Path) -> str:
    """The name Datasette gives the catalogue: its file name without the extension."""
    return db_path.stem


def datasette_settings(
    given: Sequence[tuple[str, str]] = (), max_sql_queries: int = MAX_SQL_QUERIES
) -> dict[str, Any]:
    """morgue's Datasette settings with `--setting NAME VALUE` pairs applied, typed."""
    from datasette.app import DEFAULT_SETTINGS  # type: ignore[import-untyped,unused-ignore]

    settings = dict(DATASETTE_SETTINGS, num_sql_threads=max_sql_queries + PAGE_SQL_THREADS)
    for name, value in given:
        default = DEFAULT_SETTINGS.get(name)
        if default is None:
            raise UsageError(
                f"--setting {name}: not a Datasette setting (see `datasette --help-settings`)"
            )
        if isinstance(default, bool):
            if value.lower() not in BOOLEAN_WORDS:
                raise UsageError(f"--setting {name} {value}: expected on or off")
            settings[name] = BOOLEAN_WORDS[value.lower()]
        elif isinstance(default, int):
            try:
                settings[name] = int(value)
            except ValueError:
                raise UsageError(f"--setting {name} {value}: expected a whole number") from None
        else:
            settings[name] = value
    return settings


def build_datasette(db_path: Path, settings: dict[str, Any] | None = None) -> Any:
    """A Datasette over the catalogue with morgue's metadata and settings (no plugin yet)."""
    datasette = Datasette(
        [str(db_path)],
        metadata=catalogue_metadata(database_name(db_path)),
        settings=settings if settings is not None else datasette_settings(),
        template_dir=str(TEMPLATE_DIR),
    )
    # The same file, opened the same way (mutable: a crawl may write meanwhile), counted better.
    name = database_name(db_path)
    datasette.remove_database(name)
    datasette.add_database(CatalogueDatabase(datasette, str(db_path)), name=name)
    return datasette


def serve(
    db_path: Path,
    warc_dir: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    settings: dict[str, Any] | None = None,
    max_sql_queries: int = MAX_SQL_QUERIES,
) -> None:
    """Serve the catalogue until interrupted, with SQLite's memory capped for the process."""
    check_catalogue(db_path)
    limit_sqlite_heap()
    plugin = MorguePlugin(database_name(db_path), warc_dir, max_sql_queries)
    with registered(plugin):
        app = build_datasette(db_path, settings).app()
        uvicorn.run(app, host=host, port=port, log_level="info", lifespan="on", workers=1)
