"""The one line `morgue crawl` prints when a run ends, from the counts the catalogue keeps.

Pages are counted once, where the catalogue counts them (`crawl_runs.pages_fetched` and
`pages_failed`): feeds, sitemaps and pages, not robots.txt, which Scrapy fetches twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def summary_line(stats: dict[str, Any], exit_code: int, warc_dir: Path, log_file: str) -> str:
    """E.g. "run 3 exit 1 (finished_with_failures): 41 pages fetched, 2 failed, ..."."""
    run = stats.get("morgue/run_id")
    if run is None:  # a scale-out worker's run lives in Redis; none at all if storage failed
        redis_run = stats.get("morgue/redis_run")
        run = f"{redis_run} (worker)" if redis_run else "(not recorded)"
    status = stats.get("morgue/run_status")
    line = (
        f"morgue crawl: run {run} exit {exit_code}"
        + (f" ({status})" if status else "")
        + f": {stats.get('morgue/pages_fetched', 0)} pages fetched, "
        f"{stats.get('morgue/pages_failed', 0)} failed, "
        f"{stats.get('morgue/articles_new', 0)} new articles, "
        f"{stats.get('morgue/articles_changed', 0)} changed, "
        f"{stats.get('morgue/skipped/not_due', 0)} not due, "
        f"{stats.get('morgue/requisites_archived', 0)} requisites archived "
        f"({stats.get('morgue/requisites/too_large', 0)} too large, "
        f"{stats.get('morgue/requisites/failed', 0)} failed), "
        f"{len(stats.get('morgue/warc_file_names') or [])} WARC file(s) in {warc_dir}; "
        f"log {log_file}"
    )
    first_failure = stats.get("morgue/first_failure")
    if first_failure:
        line += f"\nmorgue crawl: first failure: {first_failure}"
    return line
