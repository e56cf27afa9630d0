"""Mistakes on the command line get one sentence and exit 2, before anything is fetched."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.errors import UsageError
from crawler.cli import COMMANDS
from crawler.settings_check import check_overrides
from tests.conftest import crawl_seed, run_morgue


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("DOWNLOAD_DELAY", "abc", "DOWNLOAD_DELAY takes a number"),
        ("MORGUE_ARTICLE_MIN_WORDS", "abc", "MORGUE_ARTICLE_MIN_WORDS takes a whole number"),
        ("CONCURRENT_REQUESTS", "x", "CONCURRENT_REQUESTS takes a whole number"),
        ("AUTOTHROTTLE_ENABLED", "maybe", "AUTOTHROTTLE_ENABLED takes True or False"),
        ("DOWNLOAD_SLOTS", "[1, 2]", "DOWNLOAD_SLOTS takes a JSON object"),
        ("MORGUE_DEPTH", "-1", "MORGUE_DEPTH can't be negative"),
        ("MORGUE_MAX_PAGE_PER_HOST", "5", "did you mean MORGUE_MAX_PAGES_PER_HOST?"),
        ("CONCURENT_REQUESTS", "5", "did you mean CONCURRENT_REQUESTS?"),
        ("download_delay", "1", "did you mean DOWNLOAD_DELAY?"),
        ("MORGUE_NO_SUCH_THING", "1", "no such morgue setting"),
    ],
)
def test_a_bad_setting_is_refused_with_what_it_takes(name: str, value: str, says: str) -> None:
    with pytest.raises(UsageError, match=says.replace("?", r"\?").replace("[", r"\[")):
        check_overrides({name: value})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DOWNLOAD_DELAY", "0.25"),
        ("DOWNLOAD_TIMEOUT", "4"),
        ("CONCURRENT_REQUESTS_PER_DOMAIN", "8"),
        ("AUTOTHROTTLE_ENABLED", "false"),
        ("MORGUE_SSRF_GUARD", "0"),
        ("MORGUE_DEPTH", "0"),
        ("MORGUE_SSRF_ALLOWED", "intranet.example,10.1.0.0/16"),
        ("DOWNLOAD_SLOTS", '{"a.example": {"delay": 2}}'),
        ("LOG_FILE", "crawl.log"),
        # Settings of extensions morgue doesn't know (scrapy-redis, tests' fake DNS) pass.
        ("SCHEDULER_PERSIST", "True"),
        ("FAKE_DNS", "{}"),
    ],
)
def test_good_settings_and_other_extensions_settings_pass(name: str, value: str) -> None:
    check_overrides({name: value})


@pytest.mark.integration
@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ("DOWNLOAD_DELAY=abc", "-s DOWNLOAD_DELAY=abc: DOWNLOAD_DELAY takes a number"),
        ("MORGUE_ARTICLE_MIN_WORDS=abc", "MORGUE_ARTICLE_MIN_WORDS takes a whole number"),
        ("CONCURRENT_REQUESTS=x", "CONCURRENT_REQUESTS takes a whole number"),
        ("MORGUE_MAX_PAGE_PER_HOST=3", "did you mean MORGUE_MAX_PAGES_PER_HOST?"),
    ],
)
def test_crawl_with_a_bad_setting_exits_2_with_one_line_before_fetching(
    tmp_path: Path, setting: str, says: str
) -> None:
    result = run_morgue("crawl", "http://127.0.0.1:9/", "-s", setting, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("morgue: -s ")
    assert says in line
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "morgue.db").exists()
    assert not (tmp_path / "logs").exists()


@pytest.mark.integration
@pytest.mark.parametrize("how", [("--db", "folder"), ("-s", "MORGUE_DB=folder")])
def test_a_catalogue_path_that_is_a_folder_exits_2_with_a_sentence(
    tmp_path: Path, how: tuple[str, str]
) -> None:
    (tmp_path / "folder").mkdir()
    result = run_morgue("crawl", "http://127.0.0.1:9/", *how, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "folder" in result.stderr
    assert "is a directory" in result.stderr or "give a file path" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.integration
def test_show_usage_errors_exit_2(tmp_path: Path) -> None:
    url = crawl_seed(tmp_path)
    garbage = run_morgue("show", url, "--at", "garbage", cwd=tmp_path)
    assert garbage.returncode == 2, garbage.stderr
    assert "can't read the time 'garbage'" in garbage.stderr
    unknown_url = run_morgue("show", "http://127.0.0.1:9/x", "--at", "20261399", cwd=tmp_path)
    assert unknown_url.returncode == 2, unknown_url.stderr
    both = run_morgue("show", url, "--body", "--text", cwd=tmp_path)
    assert both.returncode == 2
    assert "--body and --text can't be combined" in both.stderr
    assert both.stdout == ""
    one = run_morgue("show", url, "--text", cwd=tmp_path)
    assert one.returncode == 0, one.stderr
    assert "<html" in one.stdout.lower()


@pytest.mark.integration
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_help_has_examples(tmp_path: Path, command: str) -> None:
    result = run_morgue(command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    examples = result.stdout.split("Example", 1)[1].split("Options:")[0]
    assert sum(f"morgue {command}" in line for line in examples.splitlines()) >= 2, result.stdout


@pytest.mark.integration
def test_crawl_help_lists_the_exit_codes(tmp_path: Path) -> None:
    result = run_morgue("crawl", "--help", cwd=tmp_path)
    for code in ("0  ok", "2  usage error", "4  nothing could be fetched", "130  interrupted"):
        assert code in result.stdout
