"""The ingester's part in recovering a lost worker's pages: what it had archived but never
reported is read back from its WARC files (shared storage); what can't be is put back in the
frontier for a live worker to fetch again (a revisit record, its payload digest being known)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import redis

from archive.catalogue import Catalogue
from archive.scale_out.keys import RedisKeys
from archive.scale_out.leases import RecoveringLease
from archive.warc.files import OPEN_SUFFIX

logger = logging.getLogger(__name__)

# KEYS: current run, recovering, frontier. ARGV: token, fingerprint, score, member.
# Puts a recovering lease back in the frontier, unless a live worker already did.
_GIVE_BACK = """
if redis.call('HDEL', KEYS[2], ARGV[2]) == 1 and redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
  return 1
end
return 0
"""


class Recovery:
    """Resolves the run's `recovering` leases; counts what it read back and put back."""

    def __init__(
        self, server: redis.Redis, keys: RedisKeys, catalogue: Catalogue, warc_dir: Path | None
    ) -> None:
        self.server = server
        self.keys = keys
        self.catalogue = catalogue
        self.warc_dir = warc_dir
        self.read_back = 0
        self.put_back = 0
        self._give_back = server.register_script(_GIVE_BACK)

    def resolve(self, backlog_empty: bool) -> None:
        """Read back or put back each recovering lease whose capture is catalogued (all of
        them once no message is waiting: a capture that never came is fetched again)."""
        current = self.server.get(self.keys.current_run)
        if current is None:
            return
        token = current.decode() if isinstance(current, bytes) else str(current)
        recovering = self.keys.run(token, "recovering")
        for fingerprint, value in self.server.hgetall(recovering).items():
            lease = RecoveringLease.parse(fingerprint, value)
            capture_id = self.catalogue.capture_id_of(lease.record_id)
            if capture_id is None and not backlog_empty:
                continue  # its capture message is still on its way
            if capture_id is not None and self._read(capture_id):
                self.server.hdel(recovering, lease.fingerprint)
                self.read_back += 1
                continue
            frontier = self.keys.run(token, "requests")
            if self._give_back(
                keys=[self.keys.current_run, recovering, frontier],
                args=[token, lease.fingerprint, lease.score, lease.member],
            ):
                self.put_back += 1

    def _read(self, capture_id: int) -> bool:
        """Process the capture from its WARC file as its worker would have; False if the file
        is not reachable from --warc-dir or the record can't be read."""
        row = self.catalogue.pending_capture(capture_id)
        if row is None:
            return True  # processed meanwhile (its page was fetched again)
        folder = self._folder_of(row["warc_filename"])
        if folder is None:
            return False
        # Only here is the extractor needed (in the crawl's time-limited pool).
        from archive.rebuild.catch_up import catch_up_rows

        if catch_up_rows(self.catalogue, folder, [row]) != 1:
            return False
        logger.info("read back %s from %s, archived by a lost worker", row["url"], folder)
        return True

    def _folder_of(self, filename: Any) -> Path | None:
        """The folder holding the WARC file: --warc-dir itself or one of its subfolders (one
        per worker on shared storage)."""
        if self.warc_dir is None or not filename:
            return None
        for folder in (self.warc_dir, *sorted(p for p in self.warc_dir.glob("*") if p.is_dir())):
            if (folder / filename).exists() or (folder / (filename + OPEN_SUFFIX)).exists():
                return folder
        return None
