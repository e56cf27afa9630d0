"""Runs a `morgue` command in this process and, as it exits, writes the CPU seconds the process
itself used (user + system; not its extraction workers, which are processes of their own) to
the file named first. With BENCH_PROFILE=FILE, also a cProfile of the process in CPU time into
FILE (which costs CPU of its own: time with it off).

    python tests/benchmarks/own_cpu.py cpu.txt crawl http://127.0.0.1:8080/index.html
"""

from __future__ import annotations

import atexit
import cProfile
import os
import resource
import sys
import time
from pathlib import Path


def write_own_cpu(path: Path) -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    path.write_text(f"{usage.ru_utime + usage.ru_stime:.6f}\n")


def main() -> None:
    target = Path(sys.argv[1])
    atexit.register(write_own_cpu, target)
    if profile_path := os.environ.get("BENCH_PROFILE"):
        profile = cProfile.Profile(time.process_time)  # CPU, not wall time
        atexit.register(profile.dump_stats, profile_path)  # runs before write_own_cpu
        atexit.register(profile.disable)
        profile.enable()
    sys.argv = ["morgue", *sys.argv[2:]]
    from crawler.cli import main as morgue

    morgue()


if __name__ == "__main__":
    main()
