"""What crawl workers send the single catalogue writer in scale-out mode, and how it is encoded.

Each message is one JSON document (msgspec, typed both ways) with a unique `id`, so the writer
can store a message delivered twice only once. Messages of one worker arrive in the order it
sent them: a capture before the page or failure that refers to it.
"""

from __future__ import annotations

import uuid

import msgspec

from archive.pages.outcome import PageOutcome
from archive.records import Capture


class CaptureMessage(msgspec.Struct, frozen=True, tag="capture"):
    """Records written to a worker's WARC file; `pending` if a page item will follow.

    `settles` names an earlier capture of the same request (by WARC-Record-ID) that will never
    reach the pipelines as a page, because the fetch failed after its response was archived.
    """

    id: str
    run: str
    worker: str
    capture: Capture
    pending: bool = False
    settles: str | None = None


class PageMessage(msgspec.Struct, frozen=True, tag="page"):
    """What a fetched page turned out to be; `record_id` is its capture's WARC-Record-ID."""

    id: str
    run: str
    worker: str
    url: str
    record_id: str | None
    fetched_at: str | None
    outcome: PageOutcome | None


class FailureMessage(msgspec.Struct, frozen=True, tag="failure"):
    """A request that ended without a usable page."""

    id: str
    run: str
    worker: str
    url: str
    reason: str
    status: int | None = None
    record_id: str | None = None
    failed_at: str | None = None


class WorkerStarted(msgspec.Struct, frozen=True, tag="worker_started"):
    """A worker joined the run (the first one starts it)."""

    id: str
    run: str
    worker: str
    started_at: str
    command: str
    hostname: str
    pid: int


class WorkerFinished(msgspec.Struct, frozen=True, tag="worker_finished"):
    """A worker left the run; `reason` is Scrapy's finish reason."""

    id: str
    run: str
    worker: str
    finished_at: str
    reason: str
    warc_files: list[str] = []
    storage_error: str | None = None


class WorkerLost(msgspec.Struct, frozen=True, tag="worker_lost"):
    """A worker stopped beating its heartbeat; sent by the live worker or ingester that found it.

    `requeued` of its unfinished requests went back to the frontier; `recovering` had their
    page archived, to be read back from its WARC files (or fetched again if they can't be).
    Its id is derived from the run and worker, so finding the same loss twice stores it once.
    """

    id: str
    run: str
    worker: str
    requeued: int = 0
    recovering: int = 0


class RunFinished(msgspec.Struct, frozen=True, tag="run_finished"):
    """The last worker left (or the run was found abandoned by dead workers).

    `left_behind`: requests still in the frontier or being recovered when an abandoned run was
    dropped (the next run fetches them again)."""

    id: str
    run: str
    finished_at: str
    abandoned: bool = False
    left_behind: int = 0


Message = (
    CaptureMessage
    | PageMessage
    | FailureMessage
    | WorkerStarted
    | WorkerFinished
    | WorkerLost
    | RunFinished
)

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Message)


def new_message_id() -> str:
    """A unique id for a message (the writer's key for storing it once)."""
    return uuid.uuid4().hex


def encode_message(message: Message) -> bytes:
    return _encoder.encode(message)


def decode_message(data: bytes | str) -> Message:
    """The message in `data`; raises msgspec.DecodeError / ValidationError if it isn't one."""
    message: Message = _decoder.decode(data)
    return message
