"""Finishing WARC files that a killed run left `.open`: cut after the last whole record, rename.

Every record is flushed as its own gzip member before the catalogue points at it, so nothing
the catalogue knows of is lost; a half-written last record is dropped.
"""

from __future__ import annotations

import logging
import os
import re
import socket
from collections.abc import Callable
from pathlib import Path

from archive.warc.files import OPEN_SUFFIX, safe_name_part
from archive.warc.reader import UnreadableRecord, iter_records_tolerant

logger = logging.getLogger(__name__)

_WRITER = re.compile(r"^(?P<prefix_host>.+)-(?P<pid>\d+)\.warc\.gz\.open$")


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def complete_length(path: Path) -> int:
    """Bytes up to the end of the last whole, readable record from the start of the file."""
    end = 0
    with path.open("rb") as handle:
        for item in iter_records_tolerant(handle):
            if isinstance(item, UnreadableRecord) or item.offset != end:
                break
            end = item.offset + item.length
    return end


def recover_open_files(
    directory: Path,
    host: str | None = None,
    alive: Callable[[int], bool] = process_alive,
) -> list[Path]:
    """Close this machine's `.open` files whose writer is gone; returns the finished files."""
    host = safe_name_part(host or socket.gethostname())
    finished = []
    for path in sorted(directory.glob("*" + OPEN_SUFFIX)):
        match = _WRITER.search(path.name)
        if not match or not match["prefix_host"].endswith("-" + host):
            continue  # not a morgue file, or another machine's
        if alive(int(match["pid"])):
            continue
        keep = complete_length(path)
        size = path.stat().st_size
        if keep == 0:  # killed before its warcinfo was whole: nothing in it to keep
            path.unlink()
            logger.warning("removed %s from a killed run: no whole record in it", path.name)
            continue
        with path.open("r+b") as handle:
            handle.truncate(keep)
            handle.flush()
            os.fsync(handle.fileno())
        final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
        path.rename(final)
        logger.warning(
            "recovered %s from a killed run: kept %d of %d bytes", final.name, keep, size
        )
        finished.append(final)
    return finished
