"""Run a command and write its peak memory: `python tests/peak_memory.py OUT COMMAND...`.

The launcher is a small fresh process, so `RUSAGE_CHILDREN` holds only the command's own peak
(a child forked from pytest would count pytest's memory too). SIGTERM is passed on, so a
server can be stopped and still measured.
"""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path


def peak_mib(out: Path) -> float:
    """The peak resident memory a launcher wrote to `out`, in MiB."""
    return int(out.read_text()) / 1024


def launcher(out: Path, command: list[str]) -> list[str]:
    """The argv that runs `command` under the launcher."""
    return [sys.executable, __file__, str(out), *command]


def main() -> None:
    out, command = Path(sys.argv[1]), sys.argv[2:]
    child = subprocess.Popen(command)
    signal.signal(signal.SIGTERM, lambda *_: child.terminate())
    code = child.wait()
    out.write_text(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))  # KiB on Linux
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
