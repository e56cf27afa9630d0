"""The `morgue serve` click command (registered on the `morgue` group in crawler.cli)."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.options import db_option
from crawler.datasette import DEFAULT_HOST, DEFAULT_PORT, MAX_SQL_QUERIES


@click.command(name="serve")
@db_option
@click.option(
    "--warc-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="WARC folder for archived pages  [default: ./warc, else warc/ beside --db]",
)
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
@click.option(
    "--setting",
    "settings",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help="A Datasette setting, e.g. --setting sql_time_limit_ms 1000 (repeatable).",
)
@click.option(
    "--max-sql-queries",
    type=click.IntRange(1, 64),
    default=MAX_SQL_QUERIES,
    show_default=True,
    help="Visitors' own SQL queries run at once; more are answered 503.",
)
def serve(
    db: Path,
    warc_dir: Path | None,
    host: str,
    port: int,
    settings: tuple[tuple[str, str], ...],
    max_sql_queries: int,
) -> None:
    """Browse the catalogue in Datasette (read-only; a crawl may run meanwhile).

    \b
    Examples:
      morgue serve --db morgue.db
      morgue serve --host 0.0.0.0 --setting sql_time_limit_ms 1000 --max-sql-queries 1
      morgue serve --setting default_allow_sql off     saved queries only, no visitor SQL
    """
    from crawler.datasette.app import check_catalogue, datasette_settings, warc_dir_for
    from crawler.datasette.app import serve as serve_catalogue

    warcs = warc_dir_for(db, warc_dir)
    check_catalogue(db)
    chosen = datasette_settings(settings, max_sql_queries)  # a bad one is a usage error
    if not warcs.is_dir():
        click.echo(
            f"morgue: warning: no WARC folder at {warcs}; archived pages won't open", err=True
        )
    click.echo(f"morgue serve: {db} at http://{host}:{port}/ (WARC files in {warcs})", err=True)
    serve_catalogue(db, warcs, host, port, chosen, max_sql_queries)
