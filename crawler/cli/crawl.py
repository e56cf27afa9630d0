"""`morgue crawl`, `morgue extract` and `morgue demo`: the commands that fetch or extract.

Scrapy and the extractor are imported inside the commands, so listing them costs nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from archive.errors import EXIT_CODES_HELP
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
    if refetch:
        overrides["MORGUE_REFETCH"] = "True"
    if redis_url:
        if not redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise click.BadParameter(f"{redis_url!r} is not a redis:// URL", param_hint="--redis")
        overrides["MORGUE_REDIS_URL"] = redis_url
    from crawler.crawl_run import build_settings, run_crawl

    scrapy_settings = build_settings(db, warc_dir, overrides)
    outcome = run_crawl(list(urls), scrapy_settings, depth, config, site)
    stats = outcome.stats
    if stats.get("morgue/storage_error"):
        click.echo(f"morgue: storage error: {stats['morgue/storage_error']}", err=True)
    run = stats.get("morgue/run_id") or f"{stats.get('morgue/redis_run')} (worker)"
    click.echo(
        f"morgue crawl: run {run} exit {outcome.exit_code}: "
        f"{stats.get('response_received_count', 0)} responses, "
        f"{stats.get('morgue/articles_new', 0)} new articles, "
        f"{stats.get('morgue/articles_changed', 0)} changed, "
        f"{stats.get('morgue/skipped/not_due', 0)} not due, "
        f"{len(stats.get('morgue/warc_file_names') or [])} WARC file(s) in {warc_dir}; "
        f"log {scrapy_settings.get('LOG_FILE')}",
        err=True,
    )
    sys.exit(outcome.exit_code)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help="The page's URL, to resolve relative links.")
@click.option(
    "--content-type",
    help="The HTTP Content-Type it was served with; its charset decides decoding, as in "
    'browsers (e.g. "text/html; charset=euc-kr").',
)
def extract(file: Path, url: str | None, content_type: str | None) -> None:
    """Extract the article from a saved HTML FILE and print it as JSON."""
    from archive.extraction import extract_article

    article = extract_article(file.read_bytes(), url, content_type)
    click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))


@click.command()
@click.option(
    "--dir", "out_dir", type=click.Path(path_type=Path), default=Path("demo"), show_default=True
)
def demo(out_dir: Path) -> None:
    """Serve the bundled demo news site on 127.0.0.1 and crawl it into DIR."""
    from crawler.demo import run_demo

    exit_code, summary = run_demo(out_dir)
    click.echo(summary)
    sys.exit(exit_code)
