"""The process pool that extraction runs in, for the crawl and for rebuild alike.

Workers are spawned (they inherit no reactor, socket or SQLite connection) and leave when the
process that started them is gone, so a run killed with SIGKILL leaves no orphans behind.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PARENT_CHECK_SECONDS = 1.0


def _leave_with_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="morgue-parent-watch", daemon=True).start()


def extraction_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` spawned processes that exit if this process dies."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_leave_with_parent,
        initargs=(os.getpid(),),
    )
