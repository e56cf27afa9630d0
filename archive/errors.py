"""morgue's exception tree; each error a user can cause says what happened and what to do.

MorgueError
├── StorageError        disk full, unwritable folder, corrupt database   (exit 5)
├── LockHeldError       another run holds the lock                      (exit 3)
├── WarcReadError       a WARC record can't be read at the stated place
└── QueueUnavailableError  scale-out mode: the Redis server can't be reached  (exit 6)
"""

from __future__ import annotations


class MorgueError(Exception):
    """Base of every error morgue raises on purpose."""

    exit_code = 1


class StorageError(MorgueError):
    """The archive or the catalogue could not be written or read."""

    exit_code = 5


class LockHeldError(MorgueError):
    """Another morgue run holds the lock on this archive."""

    exit_code = 3


class WarcReadError(MorgueError):
    """A WARC record could not be read where the catalogue says it is."""

    exit_code = 5


class QueueUnavailableError(MorgueError):
    """Scale-out mode: the Redis server that holds the shared frontier can't be reached."""

    exit_code = 6
