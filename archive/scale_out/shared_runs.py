"""`crawl_runs` rows for runs that span several crawl workers (scale-out mode).

The writer learns about such a run only from the workers' messages, so the row is kept up to
date message by message (counts, WARC files, why each worker stopped) instead of once at the end.
"""

from __future__ import annotations

import json
from typing import Any

from archive.catalogue.store import Catalogue
from archive.errors import EXIT_OK, EXIT_RECOVERED
from archive.runs.outcome import STORAGE_ERROR_REASON, run_outcome

COUNTED = ("pages_fetched", "pages_new", "pages_changed", "pages_failed")
# A worker that joined but never said it finished (killed, machine lost).
WORKER_LOST_REASON = "worker_lost"


class SharedRuns:
    """Runs known by the token their workers share."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def run_id(
        self, token: str, started_at: str, command: str = "", hostname: str = "", pid: int = 0
    ) -> int:
        """The run's row id, starting the run if this is the first word of it."""
        found = self.catalogue.run_with_token(token)
        if found is not None:
            return found
        run_id = self.catalogue.start_run(started_at, command, hostname, pid)
        self.catalogue.update_run(
            run_id, {"run_token": token, "workers": 0, "finish_reasons": "[]"}
        )
        return run_id

    def count(self, run_id: int, **increments: int) -> None:
        """Add to the run's page counts."""
        unknown = set(increments) - set(COUNTED)
        if unknown:
            raise ValueError(f"not a run count: {sorted(unknown)}")
        self.catalogue.add_to_run(run_id, **increments)

    def worker_joined(self, run_id: int) -> None:
        self.catalogue.add_to_run(run_id, workers=1)

    def worker_left(self, run_id: int, reason: str, warc_files: list[str]) -> None:
        """Note why a worker stopped and the WARC files it wrote."""
        row = self._row(run_id)
        files = json.loads(row["warc_files"] or "[]")
        files.extend(name for name in warc_files if name not in files)
        reasons = [*json.loads(row["finish_reasons"] or "[]"), reason]
        self.catalogue.update_run(
            run_id, {"warc_files": json.dumps(files), "finish_reasons": json.dumps(reasons)}
        )

    def worker_lost(self, run_id: int) -> None:
        """A worker stopped beating its heartbeat; what it had taken went back or is recovered."""
        self.catalogue.add_to_run(run_id, workers_lost=1)
        row = self._row(run_id)
        reasons = [*json.loads(row["finish_reasons"] or "[]"), WORKER_LOST_REASON]
        self.catalogue.update_run(run_id, {"finish_reasons": json.dumps(reasons)})

    def finish(self, run_id: int, finished_at: str, abandoned: bool) -> tuple[str, int | None]:
        """Close the run's row; returns its status and exit code."""
        row = self._row(run_id)
        if abandoned:
            status, exit_code = "interrupted", None
        else:
            status, exit_code = run_outcome(
                _run_reason(row), int(row["pages_fetched"]), int(row["pages_failed"])
            )
            if exit_code == EXIT_OK and int(row["workers_lost"] or 0):
                status, exit_code = "recovered", EXIT_RECOVERED
        self.catalogue.update_run(
            run_id, {"finished_at": finished_at, "status": status, "exit_code": exit_code}
        )
        return status, exit_code

    def _row(self, run_id: int) -> dict[str, Any]:
        return self.catalogue.run_row(run_id)


def _run_reason(row: dict[str, Any]) -> str:
    """One finish reason for the run: a storage error first, then any worker's other reason."""
    # Workers found lost are counted apart: what they had taken went back to the others.
    given: list[str] = json.loads(row["finish_reasons"] or "[]")
    reasons = [reason for reason in given if reason != WORKER_LOST_REASON]
    lost = int(row["workers_lost"] or 0)
    if STORAGE_ERROR_REASON in reasons:
        return STORAGE_ERROR_REASON
    unusual = [reason for reason in reasons if reason != "finished"]
    if unusual:
        return unusual[0]
    if len(reasons) + lost < int(row["workers"] or 0):
        return WORKER_LOST_REASON
    return "finished"
