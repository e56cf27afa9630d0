"""The Redis keys morgue uses in scale-out mode, all under one prefix (`MORGUE_REDIS_PREFIX`)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PREFIX = "morgue"


@dataclass(frozen=True)
class RedisKeys:
    """Names of the keys; a run's own keys carry its token, so each run has a fresh frontier."""

    prefix: str = DEFAULT_PREFIX

    @classmethod
    def for_prefix(cls, prefix: str | None) -> RedisKeys:
        """The keys under `prefix` (MORGUE_REDIS_PREFIX), or the default one when unset."""
        return cls(prefix or DEFAULT_PREFIX)

    @property
    def current_run(self) -> str:
        """The token of the run in progress, if any."""
        return f"{self.prefix}:run"

    @property
    def messages(self) -> str:
        """Workers' messages for the catalogue writer (a list, oldest first)."""
        return f"{self.prefix}:messages"

    @property
    def ingesting(self) -> str:
        """Messages the writer has taken but not yet committed (replayed after a restart)."""
        return f"{self.prefix}:messages:ingesting"

    @property
    def refused(self) -> str:
        """Messages the writer could not store (not morgue's, or refused by the catalogue)."""
        return f"{self.prefix}:messages:refused"

    @property
    def history(self) -> str:
        """URL -> its capture history, for the workers' recrawl policy."""
        return f"{self.prefix}:history"

    @property
    def digests(self) -> str:
        """'digest url' -> the first response with that payload, for revisit records."""
        return f"{self.prefix}:digests"

    def run(self, token: str, part: str) -> str:
        """A run's own key: workers, idle, requests (the frontier), dupefilter."""
        return f"{self.prefix}:run:{token}:{part}"

    def leases(self, token: str, worker: str) -> str:
        """The requests a worker has taken and not finished: fingerprint -> 'score request'."""
        return f"{self.prefix}:run:{token}:leases:{worker}"

    def archived(self, token: str, worker: str) -> str:
        """Of a worker's leases, those whose page is archived: fingerprint -> WARC-Record-ID."""
        return f"{self.prefix}:run:{token}:archived:{worker}"

    def alive(self, token: str, worker: str) -> str:
        """Exists while the worker is alive (refreshed by its heartbeat, expires otherwise)."""
        return f"{self.prefix}:run:{token}:alive:{worker}"


def digest_field(url: str, digest: str) -> str:
    """The field of `RedisKeys.digests` for a URL's payload digest."""
    return f"{digest} {url}"
