"""`morgue serve` stays up for hostile visitors: endless and memory-hungry SQL, many queries at
once, and made-up ids in the plugin's URLs.

A real server process on 127.0.0.1 over the demo catalogue; its memory read from /proc.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from crawler.datasette.query_limits import MAX_RESULT_BYTES
from tests.conftest import run_morgue
from tests.test_serve import Served, demo_catalogue, http, serving

pytestmark = pytest.mark.integration

TIME_LIMIT_MS = 2000
# Slack for answering once SQLite stops a query, on a machine shared with other work.
ANSWER_SLACK_SECONDS = 1.5
LIGHT_PAGE_SECONDS = 2.0
MEMORY_GROWTH_MB = 500
ENDLESS = "with recursive c(x) as (select 1 union all select x+1 from c) select count(*) from c"
HUGE_STRING = "select length(replace(hex(zeroblob(400000000)),'0','a'))"
# A thousand rows of 16 MB each: every value within SQLite's length limit, 16 GB in all.
HUGE_RESULT = (
    "with recursive c(x) as (select 1 union all select x+1 from c limit 1000) "
    "select hex(zeroblob(8000000)) from c"
)
LIGHT_PAGE = "/morgue/articles.json?_size=1"


def sql_url(base: str, sql: str) -> str:
    return f"{base}/morgue.json?sql={quote(sql)}"


def memory_mb(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak so far) of a process, in MB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) // 1024
    return found


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    demo = demo_catalogue(tmp_path_factory)
    setting = ("--setting", "sql_time_limit_ms", str(TIME_LIMIT_MS))
    with serving(demo / "morgue.db", "--warc-dir", str(demo / "warc"), *setting) as server:
        assert http(server.base + LIGHT_PAGE)[0] == 200  # warm, before idle memory is read
        yield server


def _timed(url: str) -> tuple[int, float, Any]:
    started = time.monotonic()
    status, _, body = http(url)
    return status, time.monotonic() - started, json.loads(body)


def test_endless_and_huge_queries_at_once_are_cut_off_while_pages_are_served(
    served: Served,
) -> None:
    idle = memory_mb(served.process.pid)["VmRSS"]
    answers: list[tuple[str, int, float, Any]] = []

    def ask(kind: str, sql: str) -> None:
        answers.append((kind, *_timed(sql_url(served.base, sql))))

    visitors = [threading.Thread(target=ask, args=("endless", ENDLESS)) for _ in range(6)]
    visitors += [threading.Thread(target=ask, args=("huge", HUGE_STRING)) for _ in range(3)]
    for visitor in visitors:
        visitor.start()
    light: list[tuple[int, float]] = []
    while any(visitor.is_alive() for visitor in visitors) or not light:
        status, seconds, _ = _timed(served.base + LIGHT_PAGE)
        light.append((status, seconds))
    for visitor in visitors:
        visitor.join()

    assert len(answers) == 9
    for kind, status, seconds, body in answers:
        assert status in (400, 503), (kind, status, body)
        assert body["ok"] is False
        assert seconds < TIME_LIMIT_MS / 1000 + ANSWER_SLACK_SECONDS, (kind, seconds)
    cut_off = [body for kind, status, _, body in answers if status == 400]
    assert cut_off, "every query was turned away: none ran into the time limit"
    assert all(status == 200 for status, _ in light)
    assert max(seconds for _, seconds in light) < LIGHT_PAGE_SECONDS, light
    peak = memory_mb(served.process.pid)["VmHWM"]
    assert peak - idle < MEMORY_GROWTH_MB, (idle, peak)


def test_a_huge_string_is_refused_before_it_is_built(served: Served) -> None:
    idle = memory_mb(served.process.pid)["VmRSS"]
    status, _, body = _timed(sql_url(served.base, HUGE_STRING))
    assert status == 400
    assert "string or blob too big" in body["error"]
    assert memory_mb(served.process.pid)["VmHWM"] - idle < MEMORY_GROWTH_MB


def test_a_huge_result_is_refused_at_its_budget(served: Served) -> None:
    idle = memory_mb(served.process.pid)["VmRSS"]
    status, _, body = _timed(sql_url(served.base, HUGE_RESULT))
    assert status == 400
    assert f"over {MAX_RESULT_BYTES >> 20} MB" in body["error"]
    assert memory_mb(served.process.pid)["VmHWM"] - idle < MEMORY_GROWTH_MB


def test_a_query_over_the_time_limit_leaves_no_traceback_in_the_log(served: Served) -> None:
    status, _, body = _timed(sql_url(served.base, ENDLESS))
    assert status == 400
    assert "took too long" in body["error"]
    status, _, page = http(f"{served.base}/morgue?sql={quote(ENDLESS)}")
    assert status == 400
    assert b"took too long" in page
    assert "Traceback" not in served.log.read_text(errors="replace")


def test_a_visitor_filter_counts_as_sql(served: Served) -> None:
    # ?_where= is SQL too; with both slots held by endless queries it is turned away at once.
    held: list[int] = []

    def hold() -> None:
        # Retried while turned away: the filter's own request may have held a slot meanwhile.
        while (status := http(sql_url(served.base, ENDLESS))[0]) == 503:
            pass
        held.append(status)

    holders = [threading.Thread(target=hold) for _ in "ab"]
    for holder in holders:
        holder.start()
    answers = []
    while any(holder.is_alive() for holder in holders):
        where = quote("id in (select 1)")
        status, headers, _ = http(f"{served.base}/morgue/articles.json?_where={where}")
        answers.append(status)
        if status == 503:
            assert headers["retry-after"]
            break
    for holder in holders:
        holder.join()
    assert 503 in answers, (answers, held)
    assert held == [400, 400]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--setting", "sql_time_limit", "10"), "not a Datasette setting"),
        (("--setting", "sql_time_limit_ms", "soon"), "expected a whole number"),
        (("--setting", "default_allow_sql", "maybe"), "expected on or off"),
    ],
)
def test_a_bad_setting_is_a_usage_error(
    tmp_path_factory: pytest.TempPathFactory, args: tuple[str, ...], message: str
) -> None:
    demo = demo_catalogue(tmp_path_factory)
    result = run_morgue("serve", "--db", str(demo / "morgue.db"), *args, cwd=demo)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_arbitrary_sql_can_be_turned_off(tmp_path_factory: pytest.TempPathFactory) -> None:
    demo = demo_catalogue(tmp_path_factory)
    off = ("--setting", "default_allow_sql", "off")
    with serving(demo / "morgue.db", "--warc-dir", str(demo / "warc"), *off) as server:
        assert http(sql_url(server.base, "select 1"))[0] == 403
        assert http(f"{server.base}/morgue/latest_articles.json")[0] == 200


PLUGIN_ROUTES = [
    "/-/morgue/capture/{}",
    "/-/morgue/capture/{}/page",
    "/-/morgue/capture/{}/raw",
    "/-/morgue/capture/{}/record",
    "/-/morgue/version/{}",
    "/-/morgue/article/{}",
]
BAD_IDS = ["99999999999999999999999", "9223372036854775808", "-1", "abc", "1e3", "%20"]


def test_bad_ids_on_every_plugin_route_are_404_with_one_line(served: Served) -> None:
    for route in PLUGIN_ROUTES:
        for bad in BAD_IDS:
            status, _, body = http(served.base + route.format(bad))
            assert status == 404, (route, bad, body[:300])
            assert b"is not in the catalogue" in body, (route, bad, body[:300])
    log = served.log.read_text(errors="replace")
    assert "Traceback" not in log
    assert " 500 " not in log
