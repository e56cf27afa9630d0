"""How a request taken from the shared frontier is leased to a worker, in plain values.

A frontier member is the request's fingerprint, a space and the serialized request, so the Lua
scripts that lease, release and requeue it key the lease by fingerprint without unpickling.
A lease's value is 'score member' (the frontier's sorted-set score and member, to put it back
as it was); a lease being recovered from a lost worker's WARC files carries its deadline and
the WARC-Record-ID of what was archived of it in front of that.
"""

from __future__ import annotations

from dataclasses import dataclass

# request.meta key: the fingerprint under which the request is leased to this worker.
LEASE = "morgue_lease"
FINGERPRINT_LENGTH = 40  # hex sha1, Scrapy's request fingerprint


def frontier_member(fingerprint: str, encoded: bytes) -> bytes:
    """The frontier's member for a serialized request."""
    if len(fingerprint) != FINGERPRINT_LENGTH:
        raise ValueError(f"not a request fingerprint: {fingerprint!r}")
    return fingerprint.encode("ascii") + b" " + encoded


def split_member(member: bytes) -> tuple[str, bytes]:
    """(fingerprint, serialized request) of a frontier member."""
    return member[:FINGERPRINT_LENGTH].decode("ascii"), member[FINGERPRINT_LENGTH + 1 :]


@dataclass(frozen=True)
class RecoveringLease:
    """A lost worker's lease whose page it had archived: read it back or fetch it again."""

    fingerprint: str
    deadline: int  # Unix time after which live workers put it back in the frontier
    record_id: str
    score: bytes
    member: bytes

    @classmethod
    def parse(cls, fingerprint: bytes | str, value: bytes | str) -> RecoveringLease:
        raw = value.encode() if isinstance(value, str) else value
        deadline, record_id, score, member = raw.split(b" ", 3)
        name = fingerprint.decode("ascii") if isinstance(fingerprint, bytes) else fingerprint
        return cls(name, int(deadline), record_id.decode(), score, member)
