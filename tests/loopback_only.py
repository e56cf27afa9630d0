"""Runs the `morgue` CLI with sockets that can reach 127.0.0.0/8 and nothing else.

    python -m tests.loopback_only LOG morgue-arguments...

Any attempt to connect elsewhere, or to look up a host name in the system's DNS, raises in the
crawler and is written to LOG, so a broken SSRF guard fails its test instead of sending traffic
off this machine. Tests give host names through an injected resolver (`tests.fake_dns`).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

LOCAL_NAMES = frozenset({"localhost"})


def _refuse(log: Path, what: str) -> None:
    with log.open("a", encoding="utf-8") as handle:
        handle.write(what + "\n")
    raise PermissionError(f"loopback_only: refused {what}")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def install(log: Path) -> None:
    """Patch `socket` so that only loopback connections and local names work."""
    real_socket = socket.socket
    real_getaddrinfo = socket.getaddrinfo
    real_gethostbyname = socket.gethostbyname

    def check(address: Any) -> None:
        if isinstance(address, tuple) and not _is_loopback(str(address[0])):
            _refuse(log, f"connect {address[0]}:{address[1]}")

    class LoopbackOnlySocket(real_socket):  # type: ignore[misc, valid-type]
        def connect(self, address: Any) -> None:
            check(address)
            super().connect(address)

        def connect_ex(self, address: Any) -> int:
            check(address)
            return int(super().connect_ex(address))

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _numeric_or_local(str(host)):
            _refuse(log, f"getaddrinfo {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host: str) -> str:
        if not _numeric_or_local(host):
            _refuse(log, f"gethostbyname {host}")
        return real_gethostbyname(host)

    socket.socket = LoopbackOnlySocket  # type: ignore[misc]
    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname


def _numeric_or_local(host: str) -> bool:
    host = host.strip("[]")
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True


def run_morgue_loopback_only(
    *args: str, cwd: Path, netlog: Path, timeout: float = 300, **popen: Any
) -> subprocess.CompletedProcess[str]:
    """Run `morgue ARGS` in a subprocess that can only reach 127.0.0.0/8 (see the docstring)."""
    return subprocess.run(
        guarded_command(netlog, *args),
        cwd=cwd,
        env=guarded_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **popen,
    )


def guarded_command(netlog: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "tests.loopback_only", str(netlog), *args]


def guarded_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    return env


if __name__ == "__main__":
    install(Path(sys.argv[1]))
    from crawler.cli import main

    main(args=sys.argv[2:], prog_name="morgue")
