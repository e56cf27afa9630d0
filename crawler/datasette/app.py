"""`morgue serve`: Datasette over a catalogue, read-only, with morgue's metadata and plugin.

The database is opened the way Datasette opens any mutable file (`mode=ro`, never immutable),
so pages show what a crawl running at the same time has committed; nothing served writes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import uvicorn
from datasette.app import Datasette  # type: ignore[import-untyped,unused-ignore]

from archive.errors import CatalogueNotFoundError, StorageError
from crawler.datasette import DEFAULT_HOST, DEFAULT_PORT
from crawler.datasette.metadata import catalogue_metadata
from crawler.datasette.plugin import MorguePlugin, registered

DEFAULT_WARC_DIR = Path("warc")

# Datasette settings for browsing an archive: long texts cut short in tables, room for full-text
# search and facets over many articles, no caching of pages a running crawl keeps changing.
DATASETTE_SETTINGS: dict[str, Any] = {
    "default_page_size": 50,
    "truncate_cells_html": 300,
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 1000,
    "default_cache_ttl": 0,
}

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


def build_datasette(db_path: Path) -> Any:
    """A Datasette over the catalogue with morgue's metadata and settings (no plugin yet)."""
    return Datasette(
        [str(db_path)],
        metadata=catalogue_metadata(database_name(db_path)),
        settings=DATASETTE_SETTINGS,
    )


def serve(
    db_path: Path, warc_dir: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> None:
    """Serve the catalogue until interrupted."""
    check_catalogue(db_path)
    plugin = MorguePlugin(database_name(db_path), warc_dir)
    with registered(plugin):
        app = build_datasette(db_path).app()
        uvicorn.run(app, host=host, port=port, log_level="info", lifespan="on", workers=1)
