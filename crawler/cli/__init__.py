"""The `morgue` command line: a thin click layer over crawler and archive functions.

Commands live one group per module (`crawl`, `archive`, `serve`, `ingest`) and are imported
only when run, so `morgue --help` loads neither Scrapy nor the extractor. A `MorgueError`
becomes its exit code here, once, for every command (README: "Exit codes").
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from archive.errors import EXIT_CODES_HELP, EXIT_INTERRUPTED, MorgueError

# Command name -> "module:attribute", loaded on first use.
COMMANDS = {
    "crawl": "crawler.cli.crawl:crawl",
    "extract": "crawler.cli.crawl:extract",
    "demo": "crawler.cli.crawl:demo",
    "show": "crawler.cli.archive:show",
    "rebuild": "crawler.cli.archive:rebuild",
    "reextract": "crawler.cli.archive:reextract",
    "index": "crawler.cli.archive:index",
    "export-wacz": "crawler.cli.archive:export_wacz_command",
    "serve": "crawler.cli.serve:serve",
    "ingest": "crawler.cli.ingest:ingest",
}


class MorgueGroup(click.Group):
    """Loads commands lazily and turns a `MorgueError` into its message and exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MorgueError as exc:
            click.echo(f"morgue: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:  # Ctrl-C before a crawl took over the signal, or elsewhere
            click.echo("\nmorgue: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(
    cls=MorgueGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EXIT_CODES_HELP,
)
@click.version_option(package_name="morgue")
def main() -> None:
    """morgue: archive news sites into WARC files and a searchable SQLite catalogue.

    \b
    Examples:
      morgue demo                                  crawl the bundled demo site into demo/
      morgue crawl https://news.example/ --depth 1 --db morgue.db --warc-dir warc
      morgue serve --db morgue.db                  browse the catalogue in Datasette
    """
