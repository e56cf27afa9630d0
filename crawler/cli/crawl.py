"""`morgue crawl`, `morgue extract` and `morgue demo`: the commands that fetch or extract.

Scrapy and the extractor are imported inside the commands, so listing them costs nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from archive.errors import EXIT_CODES_HELP, CatalogueNotFoundError, MorgueError, UsageError
from crawler.cli.options import db_option, warc_dir_option


def _parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="-s")
        overrides[name.strip()] = value
    return overrides


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("urls", nargs=-1)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Site configuration (TOML).",
)
@click.option("--site", help="Crawl only this site of the configuration.")
@click.option(
    "--depth", type=click.IntRange(min=0), help="Follow links up to N hops; 0 = only the URLs."
)
@click.option("--refetch", is_flag=True, help="Fetch everything reached, due or not.")
@db_option
@warc_dir_option
@click.option(
    "--redis",
    "redis_url",
    metavar="URL",
    help="Run as one of several workers sharing this Redis server (scale-out mode); "
    "`morgue ingest` stores what they archive.",
)
@click.option(
    "-s", "settings", multiple=True, metavar="NAME=VALUE", help="Any Scrapy or MORGUE_ setting."
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="The live progress line (default: only when stderr is a terminal).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress; print the summary only on failure.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Show the run's log on stderr (instead of progress)."
)
def crawl(
    urls: tuple[str, ...],
    config: Path | None,
    site: str | None,
    depth: int | None,
    refetch: bool,
    db: Path,
    warc_dir: Path,
    redis_url: str | None,
    settings: tuple[str, ...],
    progress: bool | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Crawl URLS, or the sites of --config, into WARC files and the catalogue.

    Only what is new or due under the recrawl policy is fetched, unless --refetch.

    \b
    Examples:
      morgue crawl https://news.example/ --depth 1
      morgue crawl https://news.example/2024/story.html --depth 0 -s DOWNLOAD_DELAY=2
      morgue crawl --config sites.toml --site example    (from cron)
    """
    if not urls and config is None:
        raise click.UsageError("give at least one URL to crawl, or --config")
    if site is not None and config is None:
        raise click.UsageError("--site needs --config")
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="URLS")
    overrides = _parse_overrides(settings)
    if depth is not None:
        overrides["MORGUE_DEPTH"] = str(depth)  # one setting, whichever way it was given
    if refetch:
        overrides["MORGUE_REFETCH"] = "True"
    if quiet or verbose or progress is not None:
        # The log on stderr (-v) takes the progress line's place unless --progress asks for both.
        overrides["MORGUE_PROGRESS"] = str(bool(progress) and not quiet)
    if redis_url:
        if not redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise click.BadParameter(f"{redis_url!r} is not a redis:// URL", param_hint="--redis")
        overrides["MORGUE_REDIS_URL"] = redis_url
    from crawler.crawl_run import build_settings, run_crawl
    from crawler.run_summary import summary_line

    scrapy_settings = build_settings(db, warc_dir, overrides)
    outcome = run_crawl(list(urls), scrapy_settings, config, site, echo_log=verbose)
    stats = outcome.stats
    if stats.get("morgue/storage_error"):
        click.echo(f"morgue: storage error: {stats['morgue/storage_error']}", err=True)
    if not quiet or outcome.exit_code != 0:
        _echo_limits_met(stats)
        line = summary_line(stats, outcome.exit_code, warc_dir, scrapy_settings.get("LOG_FILE"))
        click.echo(line, err=True)
    sys.exit(outcome.exit_code)


def _echo_limits_met(stats: dict[str, Any]) -> None:
    """Say on the terminal what the run's limits kept it from fetching (the log has the rest)."""
    from archive.sites.limits import CUT_STATS
    from crawler.middlewares.long_urls import FIRST_REFUSED_STAT, REFUSED_STAT

    if stats.get(REFUSED_STAT):
        click.echo(
            f"morgue: {stats[REFUSED_STAT]} URL(s) refused as too long, recorded as failed "
            f"captures; the first: {stats.get(FIRST_REFUSED_STAT)}",
            err=True,
        )
    cuts = {key.removeprefix(CUT_STATS): n for key, n in stats.items() if key.startswith(CUT_STATS)}
    if cuts:
        counts = ", ".join(f"{n} by {limit}" for limit, n in sorted(cuts.items()))
        click.echo(f"morgue: sitemaps and feeds cut off: {counts} (see the log)", err=True)


@click.command()
@click.argument(
    "file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--url", help="The page's URL, to resolve relative links.")
@click.option(
    "--content-type",
    help="The HTTP Content-Type it was served with; its charset decides decoding, as in "
    'browsers (e.g. "text/html; charset=euc-kr").',
)
@click.option(
    "--content-encoding",
    type=click.Choice(["gzip", "deflate", "br", "zstd", "identity"]),
    help="How FILE is compressed (default: told from its bytes).",
)
@click.option(
    "--capture", "capture_url", metavar="URL", help="Extract the latest archived capture of URL."
)
@db_option
@warc_dir_option
def extract(
    file: Path | None,
    url: str | None,
    content_type: str | None,
    content_encoding: str | None,
    capture_url: str | None,
    db: Path,
    warc_dir: Path,
) -> None:
    """Extract the article from a saved HTML FILE, or from the archive, and print it as JSON.

    A FILE saved by `morgue show --body` may still be gzip, deflate, brotli or zstd as served; it
    is decoded first.

    \b
    Examples:
      morgue extract page.html --url https://news.example/story.html
      morgue show https://news.example/story.html --body > p.html && morgue extract p.html
      morgue extract --capture https://news.example/story.html --db morgue.db
    """
    if (file is None) == (capture_url is None):
        raise click.UsageError("give a saved FILE or --capture URL (one of the two)")
    if capture_url is not None:
        if content_encoding is not None:
            raise click.UsageError("--content-encoding is for a FILE; a capture has its headers")
        body, recorded_type = _archived_body(capture_url, db, warc_dir)
        url, content_type = url or capture_url, content_type or recorded_type
    else:
        assert file is not None
        body = _saved_body(file, content_encoding)
    from archive.extraction import extract_article

    article = extract_article(body, url, content_type)
    click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))


def _saved_body(file: Path, content_encoding: str | None) -> bytes:
    from archive.warc.encoding import UndecodableBodyError
    from archive.warc.sniffing import decode_saved_body

    try:
        return decode_saved_body(file.read_bytes(), content_encoding)
    except UndecodableBodyError as exc:
        raise UsageError(f"{file} can't be decoded as {content_encoding}: {exc}") from exc


def _archived_body(url: str, db: Path, warc_dir: Path) -> tuple[bytes, str | None]:
    """The body of URL's latest capture, read from its WARC record, content coding undone,
    and the Content-Type it was served with."""
    from archive.catalogue import open_database
    from archive.catalogue.reader import find_capture, load_capture
    from archive.warc.encoding import UndecodableBodyError

    if not db.exists():
        raise CatalogueNotFoundError(f"no catalogue at {db}; give its path with --db")
    catalogue = open_database(db)
    capture = load_capture(catalogue, warc_dir, find_capture(catalogue, url))
    try:
        return capture.decoded_body, capture.record.http_header("Content-Type")
    except UndecodableBodyError as exc:
        raise MorgueError(f"the archived body of {url} can't be decoded: {exc}") from exc


@click.command()
@click.option(
    "--dir", "out_dir", type=click.Path(path_type=Path), default=Path("demo"), show_default=True
)
def demo(out_dir: Path) -> None:
    """Serve the bundled demo news site on 127.0.0.1 and crawl it into DIR.

    Each run starts DIR's catalogue afresh (the site's port changes from run to run).

    \b
    Examples:
      morgue demo                     into ./demo
      morgue demo --dir /tmp/demo
    """
    from crawler.demo import run_demo

    exit_code, summary = run_demo(out_dir)
    click.echo(summary)
    sys.exit(exit_code)
