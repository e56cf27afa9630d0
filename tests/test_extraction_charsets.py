"""Page bytes decoded as browsers decide: BOM, HTTP charset, <meta>, detection; a declaration
the bytes contradict loses; NULs dropped; BOM-less UTF-16 recognised; stray bytes replaced."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from archive.extraction import extract_article
from tests.charset_pages import STORIES, news_page, story_page
from tests.coding_server import serve_codings
from tests.conftest import LOCAL_CRAWL, run_morgue
from tests.test_rebuild import COMPARED_TABLES, table_rows

# WHATWG labels servers send, for each story's charset.
HEADER_LABELS = {
    "euc-kr": "ks_c_5601-1987",
    "shift_jis": "sjis",
    "gb18030": "gb18030",
    "windows-1251": "windows-1251",
    "windows-1252": "iso-8859-1",
}


def title_and_paragraph(label: str) -> tuple[str, str]:
    _, _, title, paragraph = STORIES[label]
    return title, paragraph


@pytest.mark.parametrize("label", sorted(STORIES))
def test_a_charset_declared_only_in_the_http_header_decides(label: str) -> None:
    title, paragraph = title_and_paragraph(label)
    content_type = f"text/html; charset={HEADER_LABELS[label]}"
    article = extract_article(story_page(label), "https://news.example/a", content_type)
    assert article.title == title
    assert f"(8) {paragraph}" in article.body


def test_a_header_saying_utf8_over_euc_kr_loses_to_the_meta_tag() -> None:
    title, paragraph = title_and_paragraph("euc-kr")
    html = story_page("euc-kr", head='<meta charset="euc-kr">')
    article = extract_article(html, None, "text/html; charset=utf-8")
    assert article.title == title
    assert paragraph in article.body


def test_a_header_saying_latin1_over_utf8_that_declares_utf8_gives_utf8() -> None:
    title, paragraph = title_and_paragraph("windows-1252")
    html = news_page(title, paragraph, "fr", '<meta charset="utf-8">').encode("utf-8")
    article = extract_article(html, None, "text/html; charset=iso-8859-1")
    assert article.title == title
    assert paragraph in article.body


def test_a_meta_saying_latin1_over_euc_kr_loses_to_detection() -> None:
    title, paragraph = title_and_paragraph("euc-kr")
    html = story_page("euc-kr", head='<meta http-equiv="Content-Type" content="text/html; '
                      'charset=iso-8859-1">')  # fmt: skip
    article = extract_article(html)
    assert article.title == title
    assert paragraph in article.body


def test_the_header_beats_the_meta_when_both_are_plausible() -> None:
    # windows-1251 bytes also decode, as nonsense, in KOI8-R; the header names the real one
    title, paragraph = title_and_paragraph("windows-1251")
    html = story_page("windows-1251", head='<meta charset="koi8-r">')
    article = extract_article(html, None, "text/html; charset=windows-1251")
    assert (article.title, paragraph in article.body) == (title, True)


def test_a_hundred_leading_nuls_and_nuls_inside_words_are_dropped() -> None:
    title, paragraph = title_and_paragraph("windows-1252")
    page = news_page(title, paragraph, "fr", '<meta charset="utf-8">').encode("utf-8")
    html = b"\0" * 100 + page.replace(b"riverains", b"rive\0rains")
    article = extract_article(html)
    assert article.title == title
    assert paragraph in article.body


def test_utf16le_without_a_bom_is_recognised() -> None:
    title, paragraph = title_and_paragraph("euc-kr")
    html = news_page(title, paragraph, "ko").encode("utf-16-le")
    article = extract_article(html)
    assert article.title == title
    assert paragraph in article.body


@pytest.mark.parametrize(
    ("head", "content_type"),
    [('<meta charset="utf-8">', None), ("", "text/html; charset=utf-8"), ("", None)],
    ids=["meta", "header", "undeclared"],
)
def test_three_stray_bytes_in_a_utf8_page_are_replaced_not_a_reason_for_mojibake(
    head: str, content_type: str | None
) -> None:
    title, paragraph = title_and_paragraph("windows-1252")
    clean = news_page(title, paragraph, "fr", head).encode("utf-8")
    cut = clean.index(b"(3)")
    html = clean[:cut] + b"\xff" + clean[cut : cut + 5] + b"\xfe\xfa" + clean[cut + 5 :]
    assert 2000 < len(html) < 3000
    article = extract_article(html, None, content_type)
    assert article.title == title
    assert f"(8) {paragraph}" in article.body
    assert article.body.count("\ufffd") == 3


@pytest.mark.integration
def test_a_crawl_and_its_rebuild_decode_header_only_charsets_alike(tmp_path: Path) -> None:
    pages = {
        label: (story_page(label), {"Content-Type": f"text/html; charset={HEADER_LABELS[label]}"})
        for label in STORIES
    }
    with serve_codings(pages) as base:
        urls = [f"{base}/{label}.html" for label in STORIES]
        # Word counts split on spaces, which Chinese and Japanese lack: a low threshold lets
        # their pages count as articles here (counting CJK by characters is another issue).
        words = ["-s", "MORGUE_ARTICLE_MIN_WORDS=20"]
        result = run_morgue("crawl", *urls, "--depth", "0", *words, *LOCAL_CRAWL, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    with sqlite3.connect(tmp_path / "morgue.db") as conn:
        found = dict(conn.execute("SELECT title, body FROM articles").fetchall())
    for label in STORIES:
        title, paragraph = title_and_paragraph(label)
        assert f"(8) {paragraph}" in found.get(title, ""), label
    shown = run_morgue("show", urls[0], "--text", cwd=tmp_path)  # decoded by the stored header
    assert title_and_paragraph(next(iter(STORIES)))[1] in shown.stdout, shown.stderr
    rebuilt = run_morgue("rebuild", "--warc-dir", "warc", "--db", "rebuilt.db", cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr[-3000:]
    for table in COMPARED_TABLES:
        assert table_rows(tmp_path / "rebuilt.db", table) == table_rows(
            tmp_path / "morgue.db", table
        ), table


@pytest.mark.integration
def test_morgue_extract_takes_the_content_type(tmp_path: Path) -> None:
    title, paragraph = title_and_paragraph("euc-kr")
    (tmp_path / "page.html").write_bytes(story_page("euc-kr"))
    header = "text/html; charset=euc-kr"
    result = run_morgue("extract", "page.html", "--content-type", header, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert (article["title"], paragraph in article["body"]) == (title, True)
