"""`morgue` commands on the archive itself: show, rebuild, reextract, index, export-wacz."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from archive.errors import MorgueError
from crawler.cli.options import db_option, warc_dir_option

# `morgue show` output modes: option name -> help.
SHOW_MODES = {
    "headers": "HTTP headers (default).",
    "body": "The body bytes exactly as served.",
    "text": "The body decoded, as text.",
    "json": "Capture, headers and extracted article.",
}


def _one_mode(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    """Refuse a second output mode instead of silently keeping the last one given."""
    if value:
        chosen = ctx.meta.setdefault("morgue_show_modes", [])
        chosen.append(param.name)
        if len(chosen) > 1:
            raise click.UsageError(
                f"--{chosen[0]} and --{chosen[1]} can't be combined: choose one output"
            )
    return value


def _show_mode_options(command: Callable[..., None]) -> Callable[..., None]:
    for mode, text in reversed(SHOW_MODES.items()):
        command = click.option(
            f"--{mode}", mode, is_flag=True, callback=_one_mode, expose_value=False, help=text
        )(command)
    return command


@click.command()
@click.argument("url")
@click.option("--at", "at", metavar="TIMESTAMP", help="Capture nearest this time (ISO or Wayback).")
@_show_mode_options
@db_option
@warc_dir_option
@click.pass_context
def show(ctx: click.Context, url: str, at: str | None, db: Path, warc_dir: Path) -> None:
    """Print the archived capture of URL, read from its WARC file by offset.

    \b
    Examples:
      morgue show https://news.example/story.html                headers of the latest capture
      morgue show https://news.example/story.html --body > p.html   the body as served
      morgue show https://news.example/story.html --at 20261129 --json
    """
    modes = ctx.meta.get("morgue_show_modes") or ["headers"]
    mode = modes[0]
    if not db.exists():
        raise click.BadParameter(f"no catalogue at {db}", param_hint="--db")
    from archive.catalogue.reader import parse_timestamp

    if at is not None:
        parse_timestamp(at)  # a bad time is a usage error, whether or not the URL was archived
    from archive.catalogue import open_database
    from archive.catalogue.reader import find_capture, load_capture
    from archive.warc.encoding import UndecodableBodyError

    catalogue = open_database(db)
    row = find_capture(catalogue, url, at)
    capture = load_capture(catalogue, warc_dir, row)
    record = capture.record
    if mode == "body":
        sys.stdout.buffer.write(capture.payload)
        sys.stdout.buffer.flush()
        return
    if mode == "headers":
        click.echo(record.http_status_line)
        for name, value in record.http_headers:
            click.echo(f"{name}: {value}")
        return
    try:
        body = capture.decoded_body
    except UndecodableBodyError as exc:
        raise MorgueError(f"the archived body can't be decoded: {exc}") from exc
    content_type = record.http_header("Content-Type")
    if mode == "text":
        from archive.extraction.charset import decode_html

        click.echo(decode_html(body, content_type))
        return
    from archive.extraction import extract_article

    document = {
        "capture": row,
        "warc_headers": dict(record.warc_headers),
        "http_status_line": record.http_status_line,
        "http_headers": record.http_headers,
        "article": extract_article(body, url, content_type).to_dict(),
    }
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))


@click.command()
@click.argument(
    "warc_files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--warc-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Rebuild from every WARC file here.",
)
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    required=True,
    help="The new catalogue (must not exist).",
)
@click.option(
    "--workers", type=click.IntRange(min=1), help="Extraction processes (default: all cores)."
)
def rebuild(
    warc_files: tuple[Path, ...], warc_dir: Path | None, db: Path, workers: int | None
) -> None:
    """Rebuild a catalogue from WARC files alone (the files given, or all in --warc-dir).

    \b
    Examples:
      morgue rebuild --warc-dir warc --db rebuilt.db
      morgue rebuild warc/morgue-2026*.warc.gz --db november.db --workers 2
    """
    from archive.catalogue import Catalogue, open_database
    from archive.rebuild.from_warcs import find_warc_files, rebuild_catalogue, warc_order

    paths = warc_order(warc_files) if warc_files else []
    if warc_dir is not None:
        paths = warc_order([*paths, *find_warc_files(warc_dir)])
    if not paths:
        raise click.UsageError("give WARC files or a --warc-dir that holds some")
    if db.exists():
        raise click.BadParameter(f"{db} exists; rebuild writes a new catalogue", param_hint="--db")
    catalogue = Catalogue(open_database(db))
    total = sum(p.stat().st_size for p in paths)
    with click.progressbar(length=total, label="rebuilding", file=sys.stderr) as bar:
        report = rebuild_catalogue(paths, catalogue, workers=workers, on_progress=bar.update)
    click.echo(
        f"morgue rebuild: {report.files} WARC file(s), {report.records} records, "
        f"{report.captures} captures, {report.articles_new} articles, "
        f"{report.versions_added} later versions, {len(report.skipped)} skipped, "
        f"{len(report.timed_out)} timed out, {len(report.extraction_errors)} extraction "
        f"errors -> {db}",
        err=True,
    )
    for problem in report.skipped:
        click.echo(f"  skipped: {problem}", err=True)
    for url in report.timed_out:
        click.echo(f"  extraction timed out (extraction_timeout): {url}", err=True)
    for problem in report.extraction_errors:
        click.echo(f"  extraction failed (extraction_error): {problem}", err=True)
    sys.exit(1 if report.skipped or report.timed_out or report.extraction_errors else 0)


def _warc_inputs(warc_files: tuple[Path, ...], warc_dir: Path | None) -> list[Path]:
    from archive.rebuild.from_warcs import find_warc_files, warc_order

    paths = list(warc_files)
    if warc_dir is not None or not paths:
        paths += find_warc_files(warc_dir or Path("warc"))
    if not paths:
        raise click.UsageError("no WARC files: give some, or a --warc-dir that holds them")
    return warc_order(paths)


@click.command()
@click.argument(
    "warc_files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--warc-dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=Path("index.cdxj"), show_default=True
)
def index(warc_files: tuple[Path, ...], warc_dir: Path | None, output: Path) -> None:
    """Write a sorted CDXJ index of the WARC files (for pywb and other replay tools).

    \b
    Examples:
      morgue index                                  every file in ./warc -> index.cdxj
      morgue index --warc-dir demo/warc -o demo/index.cdxj
    """
    from archive.warc.replay import write_cdxj

    paths = _warc_inputs(warc_files, warc_dir)
    write_cdxj(paths, output)
    click.echo(f"morgue index: {len(paths)} WARC file(s) -> {output}", err=True)


@click.command("export-wacz")
@click.argument(
    "warc_files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--warc-dir", type=click.Path(file_okay=False, path_type=Path))
@db_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("archive.wacz"),
    show_default=True,
)
def export_wacz_command(
    warc_files: tuple[Path, ...], warc_dir: Path | None, db: Path, output: Path
) -> None:
    """Package the WARC files as a validated WACZ, with the catalogue's articles as pages.

    \b
    Examples:
      morgue export-wacz                            ./warc and ./morgue.db -> archive.wacz
      morgue export-wacz --warc-dir demo/warc --db demo/morgue.db -o demo.wacz
    """
    from archive.catalogue import Catalogue, open_database
    from archive.warc.replay import export_wacz

    paths = _warc_inputs(warc_files, warc_dir)
    pages = Catalogue(open_database(db)).article_pages() if db.exists() else []
    export_wacz(paths, pages, output)
    click.echo(
        f"morgue export-wacz: {len(paths)} WARC file(s), {len(pages)} pages -> {output}", err=True
    )


@click.command()
@db_option
@warc_dir_option
@click.option(
    "--retry-failed",
    is_flag=True,
    help="Instead, process again the pages whose extraction ran past its time limit or failed.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=20.0,
    show_default=True,
    help="Seconds each page may take (0: no limit).",
)
def reextract(db: Path, warc_dir: Path, retry_failed: bool, timeout: float) -> None:
    """Run the current extractor over every article's latest capture; changes become versions.

    \b
    Examples:
      morgue reextract
      morgue reextract --db demo/morgue.db --warc-dir demo/warc
      morgue reextract --retry-failed --timeout 60
    """
    from archive.catalogue import Catalogue, open_database

    if not db.exists():
        raise click.BadParameter(f"no catalogue at {db}", param_hint="--db")
    catalogue = Catalogue(open_database(db))
    if retry_failed:
        from archive.rebuild.catch_up import retry_failed as retry

        retried, failed = retry(catalogue, warc_dir, timeout)
        click.echo(
            f"morgue reextract: {retried} timed-out or failed page(s) processed again, "
            f"{failed} ran past {timeout:g} s or failed again",
            err=True,
        )
        sys.exit(1 if failed else 0)
    from archive.rebuild.reextract import reextract_catalogue

    report = reextract_catalogue(catalogue, warc_dir, timeout=timeout)
    click.echo(
        f"morgue reextract: {report.articles} articles, {report.changed} changed, "
        f"{len(report.problems)} unreadable, timed out or failed",
        err=True,
    )
    for problem in report.problems:
        click.echo(f"  {problem}", err=True)
    sys.exit(1 if report.problems else 0)
