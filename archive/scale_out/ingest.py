"""The single catalogue writer of scale-out mode: stores workers' messages, each exactly once.

A message is applied in one transaction together with a row in `ingested_messages`, so a message
delivered twice (a restarted ingester replays what it had in hand) changes nothing the second
time. The operations are the ones the crawl's own store pipeline performs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from archive.catalogue import Catalogue
from archive.runs.outcome import STORAGE_ERROR_REASON
from archive.scale_out.messages import (
    CaptureMessage,
    FailureMessage,
    Message,
    PageMessage,
    WorkerFinished,
    WorkerLost,
    WorkerStarted,
)
from archive.scale_out.shared_runs import SharedRuns
from archive.timestamps import now_text
from archive.warc.captures import unarchived_failure

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Applied:
    """What storing a message changed that others may need to hear about."""

    run_id: int
    url: str | None = None  # a URL whose capture history changed
    finished_run: bool = False  # the run ended: its leftover pending captures can be caught up
    lost_worker: bool = False  # a worker of the run was lost
    requeued: int = 0  # requests it had taken, put back in the frontier
    left_behind: int = 0  # requests an abandoned run dropped unfetched


class Ingester:
    """Applies workers' messages to the catalogue."""

    def __init__(self, catalogue: Catalogue, clock: Callable[[], str] = now_text) -> None:
        self.catalogue = catalogue
        self.runs = SharedRuns(catalogue)
        self.clock = clock

    def apply(self, message: Message) -> Applied | None:
        """Store one message; None if it was stored before."""
        with self.catalogue.transaction():
            if self.catalogue.was_ingested(message.id):
                return None
            applied = self._apply(message)
            kind = type(message).__struct_config__.tag
            self.catalogue.mark_ingested(message.id, str(kind), applied.run_id, self.clock())
            return applied

    def _apply(self, message: Message) -> Applied:
        if isinstance(message, WorkerStarted):
            run_id = self.runs.run_id(
                message.run, message.started_at, message.command, message.hostname, message.pid
            )
            self.runs.worker_joined(run_id)
            return Applied(run_id)
        run_id = self.runs.run_id(message.run, self.clock())
        if isinstance(message, CaptureMessage):
            return self._capture(run_id, message)
        if isinstance(message, PageMessage):
            return self._page(run_id, message)
        if isinstance(message, FailureMessage):
            return self._failure(run_id, message)
        if isinstance(message, WorkerFinished):
            reason = STORAGE_ERROR_REASON if message.storage_error else message.reason
            self.runs.worker_left(run_id, reason, message.warc_files)
            return Applied(run_id)
        if isinstance(message, WorkerLost):
            self.runs.worker_lost(run_id)
            logger.warning(
                "run %s lost worker %s: %d request(s) put back in the frontier, %d archived "
                "page(s) to read back from its WARC files",
                run_id, message.worker, message.requeued, message.recovering,
            )  # fmt: skip
            return Applied(run_id, lost_worker=True, requeued=message.requeued)
        status, exit_code = self.runs.finish(run_id, message.finished_at, message.abandoned)
        logger.info("run %s (%s) ended: %s, exit %s", run_id, message.run, status, exit_code)
        return Applied(run_id, finished_run=True, left_behind=message.left_behind)

    def _capture(self, run_id: int, message: CaptureMessage) -> Applied:
        catalogue = self.catalogue
        if message.settles is not None:
            earlier = catalogue.capture_id_of(message.settles)
            if earlier is not None:
                catalogue.settle_pending(earlier)
        catalogue.add_capture(message.capture, run_id, pending=message.pending)
        return Applied(run_id, url=message.capture.url)

    def _page(self, run_id: int, message: PageMessage) -> Applied:
        self.runs.count(run_id, pages_fetched=1)
        capture_id = self._capture_id(message.record_id, message.url)
        if message.outcome is None or capture_id is None:
            return Applied(run_id)
        seen_at = message.fetched_at or self.clock()
        stored = self.catalogue.store_page(capture_id, message.url, seen_at, message.outcome)
        # A lost worker's archived page fetched again: the revisit stands for the original.
        self.catalogue.settle_pending_original(capture_id)
        if stored is not None and stored.is_new:
            self.runs.count(run_id, pages_new=1)
        elif stored is not None and stored.version_id is not None:
            self.runs.count(run_id, pages_changed=1)
        return Applied(run_id, url=message.url)

    def _failure(self, run_id: int, message: FailureMessage) -> Applied:
        self.runs.count(run_id, pages_failed=1)
        capture_id = self._capture_id(message.record_id, message.url)
        if capture_id is not None:
            self.catalogue.mark_capture_failed(capture_id, message.reason)
        else:
            failure = unarchived_failure(
                message.url, message.status, message.reason, message.failed_at or self.clock()
            )
            self.catalogue.add_capture(failure, run_id)
        return Applied(run_id)

    def _capture_id(self, record_id: str | None, url: str) -> int | None:
        if record_id is None:
            return None
        capture_id = self.catalogue.capture_id_of(record_id)
        if capture_id is None:
            logger.warning("no capture %s for %s: its capture message was lost", record_id, url)
        return capture_id
