"""`morgue demo`: crawl the bundled demo news site, served on 127.0.0.1, into a folder.

Each run starts from an empty demo catalogue: the site is served on a free port, so its URLs
change from run to run, and a kept catalogue would list every article once per run.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from archive.catalogue import open_database
from archive.errors import UsageError
from crawler.crawl_run import LOCAL_SITE_SETTINGS, build_settings, run_crawl
from crawler.site_server import serve_site

DEMO_START_PATH = "/index.html"
# The demo site's host; a catalogue holding captures of any other is not the demo's.
DEMO_HOST_PREFIX = "http://127.0.0.1:"


def demo_site_root() -> resources.abc.Traversable:
    """The demo site shipped as package data."""
    return resources.files("crawler") / "demo_site"


def run_demo(out_dir: Path) -> tuple[int, str]:
    """Serve, crawl, stop; returns the crawl's exit code and a summary for the terminal."""
    db_path = out_dir / "morgue.db"
    warc_dir = out_dir / "warc"
    reset_demo_archive(db_path, warc_dir)
    overrides = {name: str(value) for name, value in LOCAL_SITE_SETTINGS.items()}
    settings = build_settings(db_path, warc_dir, overrides)
    with resources.as_file(demo_site_root()) as root, serve_site(Path(root)) as base_url:
        outcome = run_crawl([base_url + DEMO_START_PATH], settings)
    return outcome.exit_code, summarise(db_path, warc_dir, base_url, outcome.exit_code)


def reset_demo_archive(db_path: Path, warc_dir: Path) -> None:
    """Delete an earlier demo's catalogue and WARC files; refuse if they hold other sites."""
    if db_path.exists():
        db = open_database(db_path)
        try:
            others = db.execute(
                "SELECT count(*) FROM captures WHERE url NOT LIKE ?", [DEMO_HOST_PREFIX + "%"]
            ).fetchone()[0]
        finally:
            db.close()
        if others:
            raise UsageError(
                f"{db_path} holds captures of other sites than the demo's; the demo starts "
                "from an empty catalogue, so give it a folder of its own with --dir"
            )
    for path in [
        *(db_path.with_name(db_path.name + suffix) for suffix in ("", "-wal", "-shm")),
        *warc_dir.glob("*.warc.gz"),
        *warc_dir.glob("*.warc.gz.open"),
    ]:
        path.unlink(missing_ok=True)


def summarise(db_path: Path, warc_dir: Path, base_url: str, exit_code: int) -> str:
    """What the demo left behind and how to look at it."""
    db = open_database(db_path)
    try:
        # The run's own count, as `morgue crawl` prints it: pages, feeds and sitemaps.
        fetched = db.execute("SELECT pages_fetched FROM crawl_runs ORDER BY id DESC").fetchone()[0]
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        captions = db.execute("SELECT count(*) FROM captions").fetchone()[0]
        authors = db.execute("SELECT count(*) FROM authors").fetchone()[0]
    finally:
        db.close()
    warcs = sorted(p.name for p in warc_dir.glob("*.warc.gz"))
    lines = [
        f"morgue demo: crawled {base_url} (exit code {exit_code}) into a fresh catalogue;",
        "  each demo run starts from an empty one, so a second run leaves the same articles",
        f"  pages fetched : {fetched}",
        f"  articles      : {articles}",
        f"  authors       : {authors}",
        f"  captions      : {captions}",
        f"  WARC files    : {len(warcs)} in {warc_dir}/",
        *(f"    {name}" for name in warcs),
        "",
        "Browse the catalogue:",
        f"  .venv/bin/morgue serve --db {db_path} --warc-dir {warc_dir}",
        "  # then open http://127.0.0.1:8001/ (plain `datasette` works too)",
        "Check the WARC files:",
        f"  .venv/bin/warcio check {warc_dir}/*.warc.gz",
        "Extract a page yourself:",
        "  .venv/bin/morgue extract PAGE.html --url URL",
    ]
    return "\n".join(lines)
