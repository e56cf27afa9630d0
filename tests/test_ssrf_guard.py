"""The SSRF guard refuses loopback, private, link-local and cloud-metadata destinations (also
through host names) before any connection, except hosts the operator named or allowed.

Unit tests drive the middleware with an injected resolver and no network at all. The crawls
run under `tests.loopback_only` (any connection off 127.0.0.0/8 fails and is logged) with host
names from `tests.fake_dns`; "private" targets that a broken guard would reach are canary
servers on other 127.0.0.x addresses, which count every connection.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError

from crawler.middlewares.ssrf_guard import SsrfGuardMiddleware, literal_address, non_public_kind
from tests.conftest import LOCAL_CRAWL
from tests.fault_server import FaultServer, serve_faults
from tests.loopback_only import REPO, guarded_env, run_morgue_loopback_only


class FakeResolver:
    """Host names from a table; records every lookup; never touches the network."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.looked_up: list[str] = []

    async def __call__(self, host: str) -> str:
        self.looked_up.append(host)
        if host not in self.table:
            raise DNSLookupError(host)
        return self.table[host]


DNS = {
    "intranet.test": "10.0.0.5",
    "metadata.test": "169.254.169.254",
    "router.test": "192.168.1.1",
    "rebind.test": "127.0.0.1",
    "news.test": "93.184.216.34",
    "allowed.test": "10.1.2.3",
}


def guard(
    settings: dict[str, Any] | None = None, trusted: frozenset[str] = frozenset()
) -> tuple[SsrfGuardMiddleware, FakeResolver]:
    crawler = get_crawler(settings_dict=settings or {})
    crawler.spider = SimpleNamespace(trusted_hosts=trusted)  # type: ignore[assignment]
    middleware = SsrfGuardMiddleware.from_crawler(crawler)
    resolver = FakeResolver(DNS)
    middleware.resolve = resolver
    return middleware, resolver


def refused(middleware: SsrfGuardMiddleware, url: str) -> str | None:
    try:
        asyncio.run(middleware.process_request(Request(url)))
    except IgnoreRequest as exc:
        return str(exc)
    return None


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("::1", "::1"),
        ("::ffff:10.0.0.1", "::ffff:a00:1"),
        ("news.example", None),
        ("10.0.0.1.nip.io", None),
        ("", None),
    ],
)
def test_literal_addresses_in_every_form_the_resolver_accepts(
    host: str, address: str | None
) -> None:
    found = literal_address(host)
    assert (str(found) if found else None) == address


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("169.254.170.2", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("2002:a00:1::", "private"),  # 6to4 of 10.0.0.1
        ("64:ff9b::a9fe:a9fe", "cloud metadata"),  # NAT64 of 169.254.169.254
        ("fc00::1", "private"),
        ("8.8.8.8", None),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_kinds_of_non_public_addresses(address: str, kind: str | None) -> None:
    assert non_public_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://127.0.0.1:6379/",
        "http://2130706433/",
        "http://[::1]:8080/",
        "http://[::ffff:192.168.0.1]/",
        "https://0.0.0.0/",
    ],
)
def test_ip_literals_are_refused_without_any_lookup(url: str) -> None:
    middleware, resolver = guard()
    reason = refused(middleware, url)
    assert reason is not None
    assert reason.startswith("refused by the SSRF guard: ")
    assert "MORGUE_SSRF_ALLOWED" in reason
    assert resolver.looked_up == []
    assert middleware.crawler.stats is not None
    assert middleware.crawler.stats.get_value("morgue/ssrf_refused") == 1


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://intranet.test/", "10.0.0.5"),
        ("http://metadata.test/latest/", "169.254.169.254"),
        ("http://router.test:8080/", "192.168.1.1"),
        ("http://REBIND.test./", "127.0.0.1"),
    ],
)
def test_names_that_resolve_to_private_addresses_are_refused(url: str, address: str) -> None:
    middleware, resolver = guard()
    reason = refused(middleware, url)
    assert reason is not None
    assert f"{address} is a" in reason
    assert "resolves to" in reason
    assert len(resolver.looked_up) == 1


def test_public_destinations_pass() -> None:
    middleware, resolver = guard()
    assert refused(middleware, "http://news.test/2026/story.html") is None
    assert refused(middleware, "https://93.184.216.34/") is None
    assert resolver.looked_up == ["news.test"]


def test_a_failed_lookup_fails_the_request_instead_of_letting_it_through() -> None:
    middleware, _ = guard()
    with pytest.raises(DNSLookupError):
        asyncio.run(middleware.process_request(Request("http://nowhere.test/")))


def test_operator_named_and_allowed_hosts_may_be_private() -> None:
    middleware, resolver = guard(
        {"MORGUE_SSRF_ALLOWED": "allowed.test, 10.9.0.0/16, [fd00::1]"},
        trusted=frozenset({"127.0.0.5", "intranet.test"}),
    )
    for url in (
        "http://127.0.0.5:8000/",
        "http://intranet.test/",
        "http://allowed.test/",
        "http://10.9.200.1/",
        "http://[fd00::1]/",
    ):
        assert refused(middleware, url) is None, url
    assert resolver.looked_up == []  # trusted by name: nothing to look up
    assert refused(middleware, "http://10.8.0.1/") is not None
    assert refused(middleware, "http://127.0.0.6/") is not None


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://10.0.0.1/x", "data:text/html,hi", "s3://bucket/key"]
)
def test_schemes_other_than_http_are_refused(url: str) -> None:
    middleware, _ = guard()
    assert "URLs are not fetched" in (refused(middleware, url) or "")


def test_the_guard_can_be_switched_off() -> None:
    with pytest.raises(NotConfigured):
        SsrfGuardMiddleware.from_crawler(get_crawler(settings_dict={"MORGUE_SSRF_GUARD": False}))


def test_it_runs_before_robots_txt_and_everything_that_connects() -> None:
    from crawler import settings

    mine = settings.DOWNLOADER_MIDDLEWARES["crawler.middlewares.ssrf_guard.SsrfGuardMiddleware"]
    assert mine < 50  # Scrapy's first downloader middleware (offsite) is 50, robots.txt 100


@pytest.mark.integration
def test_the_test_harness_itself_fails_closed(tmp_path: Path) -> None:
    """What catches a broken guard: in a `loopback_only` process, connecting anywhere but
    127.0.0.0/8 or resolving a real name raises before any packet is sent, and is logged."""
    log = tmp_path / "net.log"
    script = (
        "import socket, sys\n"
        "from pathlib import Path\n"
        "from tests.loopback_only import install\n"
        "install(Path(sys.argv[1]))\n"
        "for target in (('10.0.0.1', 80), ('169.254.169.254', 80)):\n"
        "    try:\n"
        "        socket.socket().connect_ex(target)\n"
        "    except PermissionError:\n"
        "        pass\n"
        "    else:\n"
        "        sys.exit('connected')\n"
        "try:\n"
        "    socket.getaddrinfo('example.com', 80)\n"
        "except PermissionError:\n"
        "    pass\n"
        "else:\n"
        "    sys.exit('resolved')\n"
        "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
        "socket.create_connection(s.getsockname()).close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(log)],
        cwd=REPO,
        env=guarded_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == [
        "connect 10.0.0.1:80",
        "connect 169.254.169.254:80",
        "getaddrinfo example.com",
    ]


# -- whole crawls -------------------------------------------------------------------------


@pytest.fixture
def hosts() -> Iterator[dict[str, FaultServer]]:
    """The site (127.0.0.1), a second start host (.5), two allowed hosts (.6 by network, .7 by
    name) and two canaries that must never be contacted (.8 by address, .9 by a DNS name)."""
    with (
        serve_faults(host="127.0.0.1") as site,
        serve_faults(host="127.0.0.5") as second,
        serve_faults(host="127.0.0.6") as by_network,
        serve_faults(host="127.0.0.7") as by_name,
        serve_faults(host="127.0.0.8") as canary_address,
        serve_faults(host="127.0.0.9") as canary_name,
    ):
        yield {
            "site": site,
            "second": second,
            "by_network": by_network,
            "by_name": by_name,
            "canary_address": canary_address,
            "canary_name": canary_name,
        }


def redirect_crawl(
    work: Path, hosts: dict[str, FaultServer], *settings: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """`morgue crawl --depth 0` of redirects from the site to each target."""
    site = hosts["site"].url
    targets = {
        "intranet": f"http://intranet.test:{hosts['site'].port}/news/ok-1.html",
        "metadata": "http://metadata.test/latest/meta-data/",
        "rebind": f"http://rebind.test:{hosts['canary_name'].port}/secret",
        "loopback": f"{hosts['canary_address'].url}/secret",
        "by_network": f"{hosts['by_network'].url}/news/ok-1.html",
        "by_name": f"http://allowed.test:{hosts['by_name'].port}/news/ok-2.html",
    }
    dns = {
        "intranet.test": "10.0.0.1",
        "metadata.test": "169.254.169.254",
        "rebind.test": "127.0.0.9",
        "allowed.test": "127.0.0.7",
    }
    start = [f"{site}/redirect/to?url={quote(t, safe='')}" for t in targets.values()]
    start.append(f"{hosts['second'].url}/news/ok-3.html")
    result = run_morgue_loopback_only(
        "crawl", *start, "--depth", "0", *LOCAL_CRAWL,
        "-s", "TWISTED_DNS_RESOLVER=tests.fake_dns.StaticResolver",
        "-s", f"FAKE_DNS={json.dumps(dns)}",
        "-s", "MORGUE_SSRF_ALLOWED=allowed.test,127.0.0.6/32",
        "-s", "RETRY_TIMES=0",
        *settings,
        cwd=work, netlog=work / "net.log",
    )  # fmt: skip
    return result, targets


def errors(db: Path, url: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [e for (e,) in conn.execute("SELECT error FROM captures WHERE url = ?", (url,))]


@pytest.mark.integration
def test_a_crawl_refuses_private_redirects_before_connecting(
    tmp_path: Path, hosts: dict[str, FaultServer]
) -> None:
    result, targets = redirect_crawl(tmp_path, hosts)
    assert result.returncode == 1, result.stderr[-3000:]
    assert not (tmp_path / "net.log").exists(), (tmp_path / "net.log").read_text()
    assert hosts["canary_address"].connections == 0
    assert hosts["canary_name"].connections == 0
    db = tmp_path / "morgue.db"
    expected = {
        "intranet": "10.0.0.1 is a private address (which intranet.test resolves to)",
        "metadata": "169.254.169.254 is a cloud metadata address (which metadata.test",
        "rebind": "127.0.0.9 is a loopback address (which rebind.test resolves to)",
        "loopback": "127.0.0.8 is a loopback address;",
    }
    for name, reason in expected.items():
        assert any(reason in e for e in errors(db, targets[name])), name
    # Allowed by MORGUE_SSRF_ALLOWED (a network, a name) or given as a start URL: fetched.
    assert hosts["by_network"].hits["/news/ok-1.html"] == 1
    assert hosts["by_name"].hits["/news/ok-2.html"] == 1
    assert hosts["second"].hits["/news/ok-3.html"] == 1


@pytest.mark.integration
def test_without_the_guard_the_canaries_catch_it(
    tmp_path: Path, hosts: dict[str, FaultServer]
) -> None:
    """The same crawl with the guard off: the loopback canaries are contacted and the attempt
    to reach 10.0.0.1 is stopped by the harness, which is what would fail the test above."""
    result, _ = redirect_crawl(tmp_path, hosts, "-s", "MORGUE_SSRF_GUARD=False")
    assert result.returncode == 1, result.stderr[-3000:]
    assert hosts["canary_address"].hits["/secret"] == 1
    assert hosts["canary_name"].hits["/secret"] == 1
    refusals = (tmp_path / "net.log").read_text().splitlines()
    assert f"connect 10.0.0.1:{hosts['site'].port}" in refusals
    assert "connect 169.254.169.254:80" in refusals
