"""`morgue ingest`: the single writer that stores the workers' messages in the catalogue.

Messages are moved from the shared list to an "ingesting" list (Redis LMOVE) before they are
applied, and dropped from it only after their SQLite transaction commits, so a killed ingester
loses nothing: at its next start it applies what it had in hand again, and the message ids it
already stored make that a no-op.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import redis

from archive.catalogue import Catalogue, open_database
from archive.errors import (
    EXIT_FAILURES,
    EXIT_OK,
    EXIT_RECOVERED,
    QueueUnavailableError,
    StorageError,
)
from archive.runs.lock import lock_path_for, run_lock
from archive.scale_out.ingest import Applied, Ingester
from archive.scale_out.keys import RedisKeys
from archive.scale_out.messages import CaptureMessage, Message, decode_message
from crawler.scale_out.connection import connect
from crawler.scale_out.history import HistoryPublisher
from crawler.scale_out.membership import reap_abandoned_run
from crawler.scale_out.recovery import Recovery

logger = logging.getLogger(__name__)

BATCH = 200  # messages per SQLite transaction


@dataclass(frozen=True)
class IngestReport:
    """What one `morgue ingest` did."""

    stored: int
    duplicates: int
    refused: int  # not morgue's messages, or ones the catalogue could not take: kept aside
    runs_finished: int
    caught_up: int
    workers_lost: int = 0
    requeued: int = 0  # requests lost workers had taken, put back in the frontier
    read_back: int = 0  # pages lost workers had archived, read back from their WARC files
    not_recovered: int = 0  # requests of abandoned runs, and pages left unprocessed

    @property
    def exit_code(self) -> int:
        """1 if anything was refused or could not be recovered, 7 if a worker was lost but all
        it had was recovered, else 0."""
        if self.refused or self.not_recovered:
            return EXIT_FAILURES
        return EXIT_RECOVERED if self.workers_lost else EXIT_OK


@dataclass
class _Tally:
    stored: int = 0
    duplicates: int = 0
    runs_finished: int = 0
    caught_up: int = 0
    workers_lost: int = 0
    requeued: int = 0
    not_recovered: int = 0
    refused: list[bytes | str] = field(default_factory=list)  # of the batch in hand
    refused_total: int = 0


def ingest(
    redis_url: str,
    db_path: Path,
    warc_dir: Path | None = None,
    prefix: str = "morgue",
    follow: bool = False,
    poll: float = 1.0,
) -> IngestReport:
    """Store workers' messages until none are left and no run is in progress (or forever, with
    `follow`). With `warc_dir`, pages a dead worker archived but never sent are read back from
    its WARC files when its run ends."""
    server = connect(redis_url)
    keys = RedisKeys(prefix)
    with run_lock(lock_path_for(db_path)):
        catalogue = Catalogue(open_database(db_path))
        publisher = HistoryPublisher(server, keys, db_path)
        tally = _Tally()
        recovery = Recovery(server, keys, catalogue, warc_dir)
        try:
            published = publisher.publish_all()
            logger.info("published the capture history of %d URL(s) to Redis", published)
            ingester = Ingester(catalogue)
            # What a killed ingester had taken but maybe not committed: apply it again.
            _apply(server.lrange(keys.ingesting, 0, -1), ingester, publisher, tally, warc_dir)
            _done_with_batch(server, keys, tally)
            while True:
                batch = _take(server, keys, poll)
                if batch:
                    _apply(batch, ingester, publisher, tally, warc_dir)
                    _done_with_batch(server, keys, tally)
                    recovery.resolve(backlog_empty=False)
                    continue
                recovery.resolve(backlog_empty=server.llen(keys.messages) == 0)
                if reap_abandoned_run(server, keys):
                    continue  # its RunFinished message is now in the list
                if follow:
                    continue
                if server.get(keys.current_run) is None and server.llen(keys.messages) == 0:
                    break
                time.sleep(poll)
        except redis.RedisError as exc:
            raise QueueUnavailableError(
                f"lost the connection to Redis at {redis_url}: {exc}"
            ) from exc
        except sqlite3.Error as exc:
            raise StorageError(f"could not write to the catalogue {db_path}: {exc}") from exc
        finally:
            publisher.close()
            catalogue.close()
    return IngestReport(
        tally.stored,
        tally.duplicates,
        tally.refused_total,
        tally.runs_finished,
        tally.caught_up,
        tally.workers_lost,
        tally.requeued + recovery.put_back,
        recovery.read_back,
        tally.not_recovered,
    )


def _take(server: redis.Redis, keys: RedisKeys, poll: float) -> list[bytes | str]:
    """Up to BATCH messages, moved to the ingesting list; waits up to `poll` for the first."""
    first = server.blmove(keys.messages, keys.ingesting, poll, "LEFT", "RIGHT")  # type: ignore[arg-type]
    if first is None:
        return []
    batch = [first]
    while len(batch) < BATCH:
        more = server.lmove(keys.messages, keys.ingesting, "LEFT", "RIGHT")
        if more is None:
            break
        batch.append(more)
    return batch


def _apply(
    raw: list[bytes | str],
    ingester: Ingester,
    publisher: HistoryPublisher,
    tally: _Tally,
    warc_dir: Path | None,
) -> None:
    """Store a batch in one transaction; a message that can't be stored is refused (kept aside
    in Redis, logged) without holding up the others. A full or failing disk stops everything."""
    applied: list[tuple[Message, Applied]] = []
    with ingester.catalogue.transaction():
        for data in raw:
            try:
                message = decode_message(data)
                result = ingester.apply(message)
            except sqlite3.OperationalError:
                raise  # disk full, I/O error, locked: nothing can be stored
            except (msgspec.DecodeError, msgspec.ValidationError, sqlite3.Error, ValueError,
                    TypeError, KeyError) as exc:  # fmt: skip
                tally.refused.append(data)
                logger.error("refused a message (kept in Redis): %s (%.200r)", exc, data)
                continue
            if result is None:
                tally.duplicates += 1
            else:
                tally.stored += 1
                applied.append((message, result))
    publisher.publish(
        [result.url for _, result in applied if result.url],
        [message.capture for message, _ in applied if isinstance(message, CaptureMessage)],
    )
    for _, result in applied:
        if result.lost_worker:
            tally.workers_lost += 1
            tally.requeued += result.requeued
        if result.finished_run:
            tally.runs_finished += 1
            tally.not_recovered += result.left_behind
            if warc_dir is not None:
                # Only here is the extractor needed: pages a dead worker archived but never sent.
                from archive.rebuild.catch_up import catch_up

                leftovers = ingester.catalogue.pending_captures(result.run_id)
                tally.caught_up += catch_up(ingester.catalogue, warc_dir, result.run_id)
                publisher.publish([row["url"] for row in leftovers])
            left = len(ingester.catalogue.pending_captures(result.run_id))
            if left:
                logger.error(
                    "run %s left %d archived page(s) unprocessed (their worker was lost); run "
                    "`morgue ingest --warc-dir` with the folder of its WARC files",
                    result.run_id, left,
                )  # fmt: skip
                tally.not_recovered += left


def _done_with_batch(server: redis.Redis, keys: RedisKeys, tally: _Tally) -> None:
    """The batch is committed: keep its refused messages aside and let go of the rest."""
    pipe = server.pipeline(transaction=True)
    if tally.refused:
        pipe.rpush(keys.refused, *tally.refused)
    pipe.delete(keys.ingesting)
    pipe.execute()
    tally.refused_total += len(tally.refused)
    tally.refused = []
