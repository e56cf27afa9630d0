"""A scale-out worker's timeline: which span each second of its crawl falls in."""

from __future__ import annotations

from scrapy import Request

from crawler.scale_out.timeline import WorkerTimeline


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_each_second_falls_in_one_span_and_idle_after_the_last_fetch_waits_for_the_run_end() -> (
    None
):
    clock = Clock()
    timeline = WorkerTimeline(clock=clock, wall=lambda: 1000.0 + clock.now)
    clock.now = 2.0
    timeline.request_reached_downloader()  # 2 s starting
    clock.now = 2.5
    timeline.request_reached_downloader()
    clock.now = 3.0
    timeline.request_left_downloader()
    clock.now = 3.4
    timeline.request_left_downloader()  # 1.4 s fetching
    clock.now = 4.0
    timeline.engine_idle()  # 0.6 s processing
    clock.now = 5.0
    timeline.request_reached_downloader()  # 1 s waiting for links
    clock.now = 5.5
    timeline.request_left_downloader()  # 0.5 s fetching
    clock.now = 5.7
    timeline.engine_idle()  # 0.2 s processing
    timeline.engine_idle()  # said again while idle: no change
    clock.now = 8.0
    timeline.run_done()  # 2.3 s waiting for the run to end
    clock.now = 8.5
    summary = timeline.summary()  # 0.5 s closing

    assert summary["fetches"] == 3
    assert summary["starting"] == 2.0
    assert summary["fetching"] == 1.9
    assert summary["processing"] == 0.6
    assert summary["finishing"] == 0.2
    assert summary["waiting_for_links"] == 1.0
    assert summary["waiting_for_run_end"] == 2.3
    assert summary["closing"] == 0.5
    assert summary["joined_at"] == 1000.0
    assert summary["first_fetch_at"] == 1002.0
    assert summary["last_fetch_at"] == 1005.5
    assert summary["run_done_at"] == 1008.0
    assert summary["closed_at"] == 1008.5


def test_download_seconds_add_up_each_responses_latency() -> None:
    timeline = WorkerTimeline()
    for latency in (0.4, 0.5):
        timeline.response_downloaded(
            Request("http://news.example/", meta={"download_latency": latency})
        )
    timeline.response_downloaded(Request("http://news.example/"))  # no latency: not counted

    assert timeline.summary()["download_seconds"] == 0.9


def test_a_worker_that_never_fetched_waited_for_the_run_end_all_along() -> None:
    clock = Clock()
    timeline = WorkerTimeline(clock=clock)
    clock.now = 1.0
    timeline.engine_idle()
    clock.now = 4.0
    timeline.run_done()
    summary = timeline.summary()

    assert (summary["starting"], summary["waiting_for_run_end"]) == (1.0, 3.0)
    assert summary["fetches"] == 0
