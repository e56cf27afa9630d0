"""Options and defaults shared by several `morgue` commands."""

from __future__ import annotations

from pathlib import Path

import click

DEFAULT_DB = Path("morgue.db")
DEFAULT_WARC_DIR = Path("warc")

db_option = click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_DB,
    show_default=True,
    help="The SQLite catalogue file.",
)
warc_dir_option = click.option(
    "--warc-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_WARC_DIR,
    show_default=True,
    help="The folder of WARC files.",
)
