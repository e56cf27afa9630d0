"""One run at a time per catalogue: an exclusive, non-blocking lock file beside the database."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.errors import LockHeldError, StorageError


def lock_path_for(db_path: Path) -> Path:
    """The lock file that guards a catalogue."""
    return db_path.with_name(db_path.name + ".lock")


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold the lock for the duration of a run; the kernel frees it if the process dies."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a+")
    except OSError as exc:
        raise StorageError(f"cannot create the lock file {path}: {exc}") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise LockHeldError(
                f"another morgue run ({holder}) is using {path.name}; "
                "wait for it to finish or use another --db"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
