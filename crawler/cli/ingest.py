"""The `morgue ingest` click command (registered on the `morgue` group in crawler.cli)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from crawler.cli.options import db_option


@click.command(name="ingest")
@click.option("--redis", "redis_url", required=True, metavar="URL", help="The workers' Redis.")
@db_option
@click.option(
    "--warc-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="The workers' WARC files, if shared: pages a dead worker archived but never sent are "
    "read back from them when its run ends.",
)
@click.option("--prefix", default="morgue", show_default=True, help="Prefix of the Redis keys.")
@click.option("--follow", is_flag=True, help="Keep running and wait for more (a service).")
def ingest(redis_url: str, db: Path, warc_dir: Path | None, prefix: str, follow: bool) -> None:
    """Store what scale-out workers archived in the catalogue (the one writer of --db).

    Without --follow, stops once no run is in progress and every message is stored.

    \b
    Examples:
      morgue ingest --redis redis://queue.example:6379/0 --db morgue.db --follow
      morgue ingest --redis redis://queue.example:6379/0 --warc-dir /mnt/warc   (from cron)
    """
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s [%(name)s] %(levelname)s: %(message)s"
    )
    from crawler.scale_out.ingest_loop import ingest as ingest_messages

    report = ingest_messages(redis_url, db, warc_dir, prefix, follow)
    click.echo(
        f"morgue ingest: {report.stored} message(s) stored, {report.duplicates} duplicate(s) "
        f"skipped, {report.refused} refused (kept in {prefix}:messages:refused), "
        f"{report.runs_finished} run(s) finished, "
        f"{report.caught_up} page(s) caught up from WARC files, into {db}",
        err=True,
    )
    if report.workers_lost or report.not_recovered:
        click.echo(
            f"morgue ingest: {report.workers_lost} worker(s) lost: {report.requeued} request(s) "
            f"put back in the frontier, {report.read_back} page(s) read back from their WARC "
            f"files, {report.not_recovered} not recovered",
            err=True,
        )
    sys.exit(report.exit_code)
