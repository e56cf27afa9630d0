"""The `morgue serve` click command (registered on the `morgue` group in crawler.cli)."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.options import db_option
from crawler.datasette import DEFAULT_HOST, DEFAULT_PORT


@click.command(name="serve")
@db_option
@click.option(
    "--warc-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="WARC folder for archived pages  [default: ./warc, else warc/ beside --db]",
)
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
def serve(db: Path, warc_dir: Path | None, host: str, port: int) -> None:
    """Browse the catalogue in Datasette (read-only; a crawl may run meanwhile)."""
    from crawler.datasette.app import check_catalogue, warc_dir_for
    from crawler.datasette.app import serve as serve_catalogue

    warcs = warc_dir_for(db, warc_dir)
    check_catalogue(db)
    if not warcs.is_dir():
        click.echo(
            f"morgue: warning: no WARC folder at {warcs}; archived pages won't open", err=True
        )
    click.echo(f"morgue serve: {db} at http://{host}:{port}/ (WARC files in {warcs})", err=True)
    serve_catalogue(db, warcs, host, port)
