"""`crawl_runs` rows: a run's start, its counts and outcome; shared runs of scale-out workers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from archive.catalogue.sql import first_row, insert, update


@dataclass(frozen=True)
class RunTotals:
    """Counts a crawl run reports in `crawl_runs`."""

    pages_fetched: int = 0
    pages_new: int = 0
    pages_changed: int = 0
    pages_failed: int = 0
    discovery_cut: int = 0


class RunRows:
    """The catalogue's operations on `crawl_runs`."""

    db: Database

    def start_run(self, started_at: str, command: str, hostname: str, pid: int) -> int:
        """A `crawl_runs` row for a run that has just begun.

        The caller holds the run lock, so a row still 'running' is from a killed run.
        """
        with self.db.atomic():
            self.db.execute("UPDATE crawl_runs SET status = 'interrupted' WHERE status = 'running'")
            return insert(
                self.db,
                "crawl_runs",
                {
                    "started_at": started_at,
                    "status": "running",
                    "command": command,
                    "hostname": hostname,
                    "pid": pid,
                    "pages_fetched": 0,
                    "pages_new": 0,
                    "pages_changed": 0,
                    "pages_failed": 0,
                },
            )

    def finish_run(
        self,
        run_id: int,
        finished_at: str,
        status: str,
        exit_code: int,
        totals: RunTotals,
        warc_files: list[str],
    ) -> None:
        """Close a run's row with its outcome, counts and the WARC files it wrote."""
        with self.db.atomic():
            update(
                self.db,
                "crawl_runs",
                run_id,
                {
                    "finished_at": finished_at,
                    "status": status,
                    "exit_code": exit_code,
                    "pages_fetched": totals.pages_fetched,
                    "pages_new": totals.pages_new,
                    "pages_changed": totals.pages_changed,
                    "pages_failed": totals.pages_failed,
                    "discovery_cut": totals.discovery_cut,
                    "warc_files": json.dumps(warc_files),
                },
            )

    def unfinished_runs(self) -> list[dict[str, Any]]:
        """Runs still marked 'running': killed ones, when the caller holds the run lock."""
        return list(self.db.query("SELECT * FROM crawl_runs WHERE status = 'running' ORDER BY id"))

    def run_with_token(self, token: str) -> int | None:
        """The id of the shared run its workers know by `token`, if it has a row."""
        row = self.db.execute("SELECT id FROM crawl_runs WHERE run_token = ?", [token]).fetchone()
        return int(row[0]) if row else None

    def run_row(self, run_id: int) -> dict[str, Any]:
        """The run's row."""
        row = first_row(self.db, "SELECT * FROM crawl_runs WHERE id = ?", [run_id])
        if row is None:
            raise LookupError(f"no run {run_id}")
        return row

    def update_run(self, run_id: int, values: dict[str, Any]) -> None:
        """Set columns of the run's row."""
        update(self.db, "crawl_runs", run_id, values)

    def add_to_run(self, run_id: int, **increments: int) -> None:
        """Add to counters of the run's row (page counts, workers)."""
        sets = ", ".join(f"[{name}] = [{name}] + ?" for name in increments)
        self.db.execute(
            f"UPDATE crawl_runs SET {sets} WHERE id = ?", [*increments.values(), run_id]
        )
