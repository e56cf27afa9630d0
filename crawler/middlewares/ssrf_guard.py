"""Refusing requests to this machine, the local network and the cloud's metadata service (SSRF).

A page, a robots.txt `Sitemap:` line or a redirect can point the crawler at `127.0.0.1:6379`,
`10.0.0.1` or `169.254.169.254`. This downloader middleware refuses such a request before any
connection is made: an IP literal (in any form the resolver would accept: `2130706433`,
`0x7f.1`, `[::ffff:10.0.0.1]`) at once, a host name after resolving it through the reactor's
resolver, whose DNS cache then gives the connection the very address that was checked.

Hosts the operator named (start URLs, feeds, sitemaps: the spider's `trusted_hosts`) and the
hosts and networks in `MORGUE_SSRF_ALLOWED` may be anything; every other request must reach a
public address over http(s). `MORGUE_SSRF_GUARD = False` switches the guard off.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolve = Callable[[str], Awaitable[str]]

FETCHED_SCHEMES = frozenset({"http", "https"})
# Instance metadata services: AWS/GCP/Azure/OpenStack, AWS over IPv6, Alibaba, AWS ECS tasks.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "169.254.170.2")
)
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


def literal_address(host: str) -> IPAddress | None:
    """The address a host names without DNS: dotted or IPv6, or a short, decimal or hex IPv4
    form (`127.1`, `2130706433`, `0x7f000001`) that the system resolver would also accept."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if not host or not all(c.isalnum() or c == "." for c in host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def effective_address(address: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 one leads to (mapped, 6to4, NAT64), else the address itself."""
    if isinstance(address, ipaddress.IPv6Address):
        if address in NAT64_PREFIX:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return embedded
    return address


def non_public_kind(address: IPAddress) -> str | None:
    """What kind of non-public address this is ("loopback", "private", …), or None if public."""
    address = effective_address(address)
    if address in METADATA_ADDRESSES:
        return "cloud metadata"
    for kind, flag in (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("unspecified", address.is_unspecified),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
    ):
        if flag:
            return kind
    return None if address.is_global else "reserved"


def parse_allowed(entries: Iterable[str]) -> tuple[frozenset[str], tuple[IPNetwork, ...]]:
    """MORGUE_SSRF_ALLOWED entries as host names and networks (an address is a /32 or /128)."""
    hosts: set[str] = set()
    networks: list[IPNetwork] = []
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            hosts.add(entry.lower().rstrip("."))
    return frozenset(hosts), tuple(networks)


async def reactor_resolve(host: str) -> str:
    """The address the reactor's resolver (Scrapy's DNS cache) gives for `host`."""
    from twisted.internet import reactor

    resolver: Any = reactor
    address: str = await maybe_deferred_to_future(resolver.resolve(host))
    return address


class SsrfGuardMiddleware:
    """Downloader middleware: non-public destinations are refused before any connection."""

    def __init__(
        self,
        crawler: Crawler,
        allowed_hosts: frozenset[str] = frozenset(),
        allowed_networks: tuple[IPNetwork, ...] = (),
        resolve: Resolve = reactor_resolve,
    ) -> None:
        self.crawler = crawler
        self.allowed_hosts = allowed_hosts
        self.allowed_networks = allowed_networks
        self.resolve = resolve

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SsrfGuardMiddleware:
        settings = crawler.settings
        if not settings.getbool("MORGUE_SSRF_GUARD", True):
            raise NotConfigured("MORGUE_SSRF_GUARD is off: private addresses may be fetched")
        if not settings.getbool("DNSCACHE_ENABLED", True):
            logger.warning(
                "DNSCACHE_ENABLED is off: a host name is resolved again to connect, so the "
                "SSRF guard's check can be dodged by a name that changes its address"
            )
        hosts, networks = parse_allowed(settings.getlist("MORGUE_SSRF_ALLOWED"))
        return cls(crawler, hosts, networks)

    @property
    def trusted_hosts(self) -> frozenset[str]:
        """Hosts the operator named, which may be private, and those allowed by the setting."""
        spider_hosts: Iterable[str] = getattr(self.crawler.spider, "trusted_hosts", ())
        return frozenset(spider_hosts) | self.allowed_hosts

    async def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        reason = await self.refusal(parts.scheme, parts.hostname or "")
        if reason is None:
            return
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("morgue/ssrf_refused")
        logger.warning("refused %s: %s", request.url, reason)
        raise IgnoreRequest(f"refused by the SSRF guard: {reason}")

    async def refusal(self, scheme: str, hostname: str) -> str | None:
        """Why the guard refuses a URL of this scheme and host, or None when it may be fetched."""
        if scheme not in FETCHED_SCHEMES:
            return f"{scheme}: URLs are not fetched"
        host = hostname.lower().rstrip(".")
        if not host:
            return "the URL names no host"
        if host in self.trusted_hosts:
            return None
        address = literal_address(host)
        via = ""
        if address is None:
            # A failed lookup raises: the request then fails as any unresolvable one does.
            address = ipaddress.ip_address(await self.resolve(host))
            via = f" (which {host} resolves to)"
        kind = non_public_kind(address)
        if kind is None or any(
            a in net for a in (address, effective_address(address)) for net in self.allowed_networks
        ):
            return None
        return (
            f"{address} is a {kind} address{via}; give the host as a start URL or allow it "
            "with MORGUE_SSRF_ALLOWED to fetch it"
        )
