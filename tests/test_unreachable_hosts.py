"""The unreachable-host middleware's rules, request by request: which requests wait only for a
first answer, when a host becomes unreachable, and what ends that (no network: the outcomes
are handed to the middleware as the downloader would)."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import DownloadConnectionRefusedError, DownloadTimeoutError
from scrapy.http import Response

from crawler.fetch_errors import describe_error
from crawler.middlewares.unreachable_hosts import FIRST_CONTACT, UnreachableHostMiddleware

START = "http://news.example"
DOWNLOAD_TIMEOUT = 30.0
BUDGET = 10.0


class RunSet(set[str]):
    """A scale-out run's answered hosts, as another worker left them."""


def middleware(run_answered: RunSet | None = None) -> UnreachableHostMiddleware:
    made = UnreachableHostMiddleware(attempts_per_request=3, first_contact_timeout=BUDGET)
    made.start_hosts = frozenset({"news.example"})
    made.run_answered = run_answered
    return made


def request(url: str = f"{START}/robots.txt", **meta: object) -> Request:
    """A request as DownloadTimeoutMiddleware hands it on."""
    return Request(url, meta={"download_timeout": DOWNLOAD_TIMEOUT, **meta})


def timed_out(req: Request) -> DownloadTimeoutError:
    return DownloadTimeoutError(
        f"Getting {req.url} took longer than {req.meta['download_timeout']}"
    )


def test_a_start_host_that_never_answers_is_unreachable_after_one_short_wait() -> None:
    hosts = middleware()
    first = request()
    hosts.process_request(first)
    assert first.meta["download_timeout"] == BUDGET
    hosts.process_exception(first, timed_out(first))
    with pytest.raises(DownloadTimeoutError) as later:
        hosts.process_request(request(f"{START}/"))
    reason = describe_error(later.value)
    assert reason == "timed out (DownloadTimeoutError: no answer from news.example within 10 s)"


def test_other_hosts_keep_the_download_timeout_and_their_retries() -> None:
    hosts = middleware()
    photo = request("http://photos.example/a.jpg")
    hosts.process_request(photo)
    assert photo.meta["download_timeout"] == DOWNLOAD_TIMEOUT
    for _ in range(2):
        hosts.process_exception(photo, timed_out(photo))
        hosts.process_request(photo)  # not unreachable before its third try
    hosts.process_exception(photo, timed_out(photo))
    with pytest.raises(DownloadTimeoutError):
        hosts.process_request(photo)


def test_headers_from_the_host_end_the_short_wait_and_its_retry_has_the_full_timeout() -> None:
    """A slow body: the short wait ran out after the headers came."""
    hosts = middleware()
    first = request()
    hosts.process_request(first)
    hosts.headers_received(first)
    hosts.process_exception(first, timed_out(first))
    retry = first.copy()  # what RetryMiddleware schedules: the same meta
    hosts.process_request(retry)
    assert retry.meta["download_timeout"] == DOWNLOAD_TIMEOUT
    assert FIRST_CONTACT not in retry.meta
    later = request(f"{START}/")
    hosts.process_request(later)
    assert later.meta["download_timeout"] == DOWNLOAD_TIMEOUT


def test_an_answer_of_any_status_counts() -> None:
    hosts = middleware()
    first = request()
    hosts.process_request(first)
    hosts.process_response(first, Response(first.url, status=503, request=first))
    page = request(f"{START}/")
    hosts.process_request(page)
    assert page.meta["download_timeout"] == DOWNLOAD_TIMEOUT


def test_a_refused_start_host_still_gets_its_retries() -> None:
    hosts = middleware()
    first = request()
    for _ in range(3):
        hosts.process_request(first)
        hosts.process_exception(first, DownloadConnectionRefusedError("refused"))
    with pytest.raises(DownloadConnectionRefusedError):
        hosts.process_request(request(f"{START}/"))


def test_off_when_the_setting_is_zero() -> None:
    hosts = UnreachableHostMiddleware(attempts_per_request=3, first_contact_timeout=0)
    hosts.start_hosts = frozenset({"news.example"})
    first = request()
    hosts.process_request(first)
    assert first.meta["download_timeout"] == DOWNLOAD_TIMEOUT
    hosts.process_exception(first, timed_out(first))
    hosts.process_request(request(f"{START}/"))  # one timeout is not three


def test_a_shorter_download_timeout_is_kept() -> None:
    hosts = middleware()
    first = request(download_timeout=4.0)
    hosts.process_request(first)
    assert first.meta["download_timeout"] == 4.0


def test_scale_out_a_host_that_answered_another_worker_gets_no_short_wait() -> None:
    hosts = middleware(RunSet({"news.example"}))
    first = request()
    hosts.process_request(first)
    assert first.meta["download_timeout"] == DOWNLOAD_TIMEOUT


def test_scale_out_a_slow_first_contact_spares_a_host_that_answered_another_worker() -> None:
    """The other worker's answer came while this one's short wait was running."""
    run = RunSet()
    hosts = middleware(run)
    first = request()
    hosts.process_request(first)
    run.add("news.example")
    hosts.process_exception(first, timed_out(first))
    retry = first.copy()
    hosts.process_request(retry)  # not unreachable
    assert retry.meta["download_timeout"] == DOWNLOAD_TIMEOUT


def test_scale_out_a_host_marked_here_is_fetched_again_once_the_run_has_heard_from_it() -> None:
    """Requests for it taken from the shared frontier are not failed while another worker
    fetches the host."""
    run = RunSet()
    hosts = middleware(run)
    first = request()
    hosts.process_request(first)
    hosts.process_exception(first, timed_out(first))
    with pytest.raises(DownloadTimeoutError):
        hosts.process_request(request(f"{START}/"))
    run.add("news.example")
    page = request(f"{START}/")
    hosts.process_request(page)
    assert page.meta["download_timeout"] == DOWNLOAD_TIMEOUT


def test_scale_out_an_answer_here_is_told_to_the_run() -> None:
    run = RunSet()
    hosts = middleware(run)
    first = request()
    hosts.headers_received(first)
    assert run == {"news.example"}
