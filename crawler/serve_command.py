"""The `morgue serve` click command (registered on the `morgue` group in crawler.cli)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archive.errors import MorgueError
from crawler.serve import DEFAULT_HOST, DEFAULT_PORT, check_catalogue, warc_dir_for
from crawler.serve import serve as serve_catalogue


@click.command(name="serve")
@click.option("--db", type=click.Path(path_type=Path), default=Path("morgue.db"), show_default=True)
@click.option(
    "--warc-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="WARC folder for archived pages  [default: ./warc, else warc/ beside --db]",
)
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
def serve(db: Path, warc_dir: Path | None, host: str, port: int) -> None:
    """Browse the catalogue in Datasette (read-only; a crawl may run meanwhile)."""
    warcs = warc_dir_for(db, warc_dir)
    try:
        check_catalogue(db)
    except MorgueError as exc:
        click.echo(f"morgue: {exc}", err=True)
        sys.exit(exc.exit_code)
    if not warcs.is_dir():
        click.echo(
            f"morgue: warning: no WARC folder at {warcs}; archived pages won't open", err=True
        )
    click.echo(f"morgue serve: {db} at http://{host}:{port}/ (WARC files in {warcs})", err=True)
    serve_catalogue(db, warcs, host, port)
