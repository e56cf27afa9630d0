"""A Twisted resolver for tests: host names answer from the `FAKE_DNS` setting, never from DNS.

    -s TWISTED_DNS_RESOLVER=tests.fake_dns.StaticResolver -s 'FAKE_DNS={"a.test": "10.0.0.1"}'

A name not in the table fails to resolve, so nothing is ever looked up for real.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from twisted.internet import defer
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from zope.interface import implementer


@implementer(IResolverSimple)
class StaticResolver:
    def __init__(self, reactor: Any, table: dict[str, str]) -> None:
        self.reactor = reactor
        self.table = table

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> StaticResolver:
        return cls(reactor, json.loads(crawler.settings.get("FAKE_DNS") or "{}"))

    def install_on_reactor(self) -> None:
        self.reactor.installResolver(self)

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:  # noqa: N802
        if name in self.table:
            return defer.succeed(self.table[name])
        if name.replace(".", "").isdigit() and name.count(".") == 3:
            return defer.succeed(name)
        return defer.fail(DNSLookupError(f"{name} is not in FAKE_DNS"))
