"""The catalogue writer of scale-out mode (`archive.scale_out.ingest`), on real SQLite, no Redis."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import msgspec
import pytest

from archive.catalogue import Catalogue, open_database
from archive.pages.processing import CrawlContext, process_page
from archive.records import Capture
from archive.scale_out.ingest import Ingester
from archive.scale_out.messages import (
    CaptureMessage,
    FailureMessage,
    Message,
    PageMessage,
    RunFinished,
    WorkerFinished,
    WorkerLost,
    WorkerStarted,
    decode_message,
    encode_message,
    new_message_id,
)
from tests.conftest import SEED_DIR

SEED_PAGE = (SEED_DIR / "page.html").read_bytes()
URL = "https://www.koreatimes.co.kr/www/nation/2018/03/251_246243.html"


def capture(record_id: str, url: str = URL) -> Capture:
    return Capture(
        url=url,
        fetched_at="2026-11-29T03:00:00.000001Z",
        status=200,
        content_type="text/html; charset=utf-8",
        record_type="response",
        warc_filename="morgue-20261129030000000-00001-host-1.warc.gz",
        warc_offset=0,
        warc_length=1000,
        warc_record_id=record_id,
        payload_digest="sha1:AAAA",
    )


def worker_run(run: str, worker: str) -> list[Message]:
    """What one worker sends for one crawled seed article and one failed fetch."""
    outcome = process_page(URL, 200, "text/html", SEED_PAGE, CrawlContext())
    return [
        WorkerStarted(
            new_message_id(), run, worker, "2026-11-29T03:00:00Z", "morgue crawl", "h", 1
        ),
        CaptureMessage(new_message_id(), run, worker, capture(f"<urn:uuid:{worker}>"), True),
        PageMessage(
            new_message_id(),
            run,
            worker,
            URL,
            f"<urn:uuid:{worker}>",
            "2026-11-29T03:00:00.000001Z",
            outcome,
        ),
        FailureMessage(new_message_id(), run, worker, "https://x.example/gone", "HTTP 410", 410),
        WorkerFinished(
            new_message_id(), run, worker, "2026-11-29T03:01:00Z", "finished", [f"{worker}.warc.gz"]
        ),
    ]


@pytest.fixture
def ingester(tmp_path: Path) -> Ingester:
    return Ingester(Catalogue(open_database(tmp_path / "m.db")), clock=lambda: "2026-11-29T04:00Z")


def count(ingester: Ingester, table: str) -> int:
    return int(ingester.catalogue.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_messages_survive_encoding_unchanged() -> None:
    for message in worker_run("run-1", "w1"):
        assert decode_message(encode_message(message)) == message


def test_a_foreign_message_is_refused_with_an_error() -> None:
    with pytest.raises(msgspec.ValidationError):
        decode_message(b'{"type": "rm -rf", "id": "1"}')
    with pytest.raises(msgspec.DecodeError):
        decode_message(b"not json")


def test_a_message_applied_twice_is_stored_once(ingester: Ingester) -> None:
    messages = worker_run("run-1", "w1")
    first = [ingester.apply(message) for message in messages]
    tables = ("captures", "articles", "article_versions", "captions", "crawl_runs", "authors")
    before = {table: count(ingester, table) for table in tables}
    second = [ingester.apply(message) for message in messages]
    assert all(result is not None for result in first)
    assert second == [None] * len(messages)
    assert {table: count(ingester, table) for table in tables} == before
    assert before["articles"] == 1
    assert before["captions"] == 4
    assert count(ingester, "pending_captures") == 0


def test_a_run_spanning_two_workers_is_one_crawl_runs_row(ingester: Ingester) -> None:
    one, two = worker_run("run-1", "w1"), worker_run("run-1", "w2")
    for message in [*one[:3], *two, *one[3:]]:
        ingester.apply(message)
    ingester.apply(RunFinished(new_message_id(), "run-1", "2026-11-29T03:02:00Z"))
    row = next(ingester.catalogue.db.query("SELECT * FROM crawl_runs"))
    assert row["workers"] == 2
    assert (row["pages_fetched"], row["pages_new"], row["pages_failed"]) == (2, 1, 2)
    assert row["status"] == "finished_with_failures"
    assert row["exit_code"] == 1
    assert row["finished_at"] == "2026-11-29T03:02:00Z"
    assert sorted(json.loads(row["warc_files"])) == ["w1.warc.gz", "w2.warc.gz"]


def test_a_run_whose_worker_never_finished_ends_as_worker_lost(ingester: Ingester) -> None:
    one, two = worker_run("run-1", "w1"), worker_run("run-1", "w2")
    for message in [*one[:3], *one[4:], *two[:3]]:  # w2 died before its end message
        ingester.apply(message)
    ingester.apply(RunFinished(new_message_id(), "run-1", "2026-11-29T03:02:00Z"))
    row = next(ingester.catalogue.db.query("SELECT status, exit_code FROM crawl_runs"))
    assert (row["status"], row["exit_code"]) == ("worker_lost", 1)


def test_a_run_that_lost_a_worker_whose_share_was_recovered_ends_as_recovered_exit_7(
    ingester: Ingester,
) -> None:
    one, two = worker_run("run-1", "w1"), worker_run("run-1", "w2")
    lost = WorkerLost("lost-run-1-w2", "run-1", "w2", requeued=3, recovering=1)
    for message in [*one, *two[:3], lost]:  # w2 died; w1 found it lost and finished its share
        ingester.apply(message)
    assert ingester.apply(lost) is None  # found again (by the ingester too): counted once
    ingester.apply(RunFinished(new_message_id(), "run-1", "2026-11-29T03:02:00Z"))
    row = next(ingester.catalogue.db.query("SELECT * FROM crawl_runs"))
    assert (row["workers"], row["workers_lost"]) == (2, 1)
    assert json.loads(row["finish_reasons"]) == ["finished", "worker_lost"]
    # worker_run's failed fetch makes it "finished_with_failures": without it, "recovered", 7
    assert (row["status"], row["exit_code"]) == ("finished_with_failures", 1)


def test_recovered_is_the_status_when_nothing_failed(ingester: Ingester) -> None:
    one, two = worker_run("run-1", "w1")[:3], worker_run("run-1", "w2")[:3]
    finished = WorkerFinished(new_message_id(), "run-1", "w1", "2026-11-29T03:01:00Z", "finished")
    lost = WorkerLost("lost-run-1-w2", "run-1", "w2", requeued=1)
    for message in [*one, *two, finished, lost]:
        ingester.apply(message)
    ingester.apply(RunFinished(new_message_id(), "run-1", "2026-11-29T03:02:00Z"))
    row = next(ingester.catalogue.db.query("SELECT status, exit_code FROM crawl_runs"))
    assert (row["status"], row["exit_code"]) == ("recovered", 7)


def test_a_revisit_of_a_lost_workers_pending_capture_settles_it(ingester: Ingester) -> None:
    one = worker_run("run-1", "w1")
    ingester.apply(one[0])
    ingester.apply(one[1])  # archived, its page never sent (the worker was lost)
    revisit = dataclasses.replace(
        capture("<urn:uuid:again>"), record_type="revisit", refers_to="<urn:uuid:w1>"
    )
    ingester.apply(CaptureMessage(new_message_id(), "run-1", "w2", revisit, True))
    assert count(ingester, "pending_captures") == 2
    page = msgspec.structs.replace(one[2], id=new_message_id(), record_id="<urn:uuid:again>")
    ingester.apply(page)
    assert count(ingester, "pending_captures") == 0


def test_an_abandoned_run_is_interrupted_and_the_next_run_starts_fresh(
    ingester: Ingester,
) -> None:
    for message in worker_run("run-1", "w1")[:3]:
        ingester.apply(message)
    ingester.apply(RunFinished(new_message_id(), "run-1", "2026-11-29T03:30:00Z", abandoned=True))
    for message in worker_run("run-2", "w3"):
        ingester.apply(message)
    runs = list(ingester.catalogue.db.query("SELECT run_token, status FROM crawl_runs ORDER BY id"))
    assert runs == [
        {"run_token": "run-1", "status": "interrupted"},
        {"run_token": "run-2", "status": "running"},
    ]
