"""Korean, Japanese, Chinese and Arabic pages are extracted like any other: headline, date and
a clean body in paragraphs, bylines and captions where the layers know the language.

The pages in tests/fixtures/scripts are made up in the markup of the portals and papers of each
language: a Korean portal body of text and <br> (div#dic_area), an article-view CMS
(article#article-view-content-div), a div#articleBody with a photo box, a short story in one
div, a Japanese paper, a Chinese news site, a right-to-left Arabic page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.extraction import extract_article
from archive.extraction.body.text import drop_related_lists
from archive.extraction.words import is_compact
from archive.records import Article
from tests.conftest import FIXTURES

PAGES = FIXTURES / "scripts"
URL = "https://news.example.kr/article/123"


def _article(name: str) -> Article:
    return extract_article((PAGES / name).read_bytes(), URL)


# page, headline, first and last paragraph of the story, paragraphs
STORIES = [
    (
        "ko_portal_br.html",
        "부산항 북항 재개발 2단계 착공…2030년 완공 목표",
        "부산항 북항 재개발 2단계 사업이 20일 착공식을 열고 본격적인 공사에 들어갔다.",
        '부산항만공사 관계자는 "주민 불편을 최소화하기 위해 야간 공사를 줄이고 우회 도로를 '
        '확보하겠다"고 밝혔다.',
        5,
    ),
    (
        "ko_article_view.html",
        "시립도서관 야간 개방 시범 운영",
        "시립도서관이 이달부터 평일 밤 10시까지 문을 여는 야간 개방을 시범 운영한다.",
        '도서관 관계자는 "퇴근 후 도서관을 찾는 시민이 늘고 있다"며 "많은 이용을 바란다"고 말했다.',
        4,
    ),
    (
        "ko_article_body.html",
        "[단독] 구도심 버스 노선 전면 개편",
        "시가 구도심을 지나는 시내버스 노선을 내년 상반기부터 전면 개편한다.",
        '시 관계자는 "시민 의견 수렴을 거쳐 최종안을 확정하겠다"고 말했다.',
        4,
    ),
    (
        "ko_short.html",
        "북항 재개발 2단계 착공",
        "부산항 북항 재개발 2단계 사업이 20일 착공식을 열고 본격적인 공사에 들어갔다.",
        '부산항만공사 관계자는 "주민 불편을 최소화하겠다"고 밝혔다.',
        4,
    ),
    (
        "ja.html",
        "港湾局、新しい防災計画を発表",
        "港湾局は２０日、津波や高潮に備える新しい防災計画を発表した。",
        "担当者は「住民の命を守るため、できることから進めたい」と話した。",
        3,
    ),
    (
        "zh.html",
        "港口新区启动第二期建设",
        "例示网11月20日电（记者 李华）港口新区第二期建设项目20日正式启动，计划于2029年全面完工。",
        "当地居民表示，希望新区建设能够带来更多就业机会。",
        3,
    ),
    (
        "ar.html",
        "افتتاح المرحلة الثانية من مشروع تطوير الميناء",
        "أعلنت هيئة الموانئ، يوم الأحد، بدء المرحلة الثانية من مشروع تطوير الميناء، الذي يهدف "
        "إلى مضاعفة قدرته الاستيعابية خلال خمس سنوات.",
        "ويأتي المشروع ضمن خطة حكومية أوسع لتحديث البنية التحتية للنقل البحري وتعزيز التجارة "
        "مع دول المنطقة.",
        3,
    ),
]


@pytest.mark.parametrize(("page", "title", "first", "last", "count"), STORIES, ids=lambda x: x)
def test_headline_and_the_story_in_paragraphs(
    page: str, title: str, first: str, last: str, count: int
) -> None:
    article = _article(page)
    paragraphs = article.body.split("\n\n")
    assert article.title == title
    assert (paragraphs[0], paragraphs[-1], len(paragraphs)) == (first, last, count)


def test_a_short_story_in_one_div_is_not_the_whole_page() -> None:
    """Under 250 characters of story, trafilatura dumped the page (menus, headline and all)
    into one paragraph: 200 Korean characters say what 250 English ones do."""
    body = _article("ko_short.html").body
    assert "정치" not in body
    assert "관련기사" not in body


@pytest.mark.parametrize(
    ("page", "date"),
    [
        ("ko_portal_br.html", "2026-11-20T09:30:00+09:00"),
        ("ko_article_view.html", "2026-10-05T14:10:00+09:00"),
        ("ja.html", "2026-11-20T18:00:00+09:00"),
        ("ar.html", "2026-11-20T12:00:00+03:00"),
    ],
)
def test_publication_date(page: str, date: str) -> None:
    assert _article(page).date_published == date


@pytest.mark.parametrize(
    ("page", "byline", "authors"),
    [
        ("ko_article_view.html", "김민지 기자", ("김민지",)),
        ("ko_article_body.html", "이철수 기자", ("이철수",)),
        ("ko_short.html", None, ()),
    ],
)
def test_korean_bylines(page: str, byline: str | None, authors: tuple[str, ...]) -> None:
    article = _article(page)
    assert (article.byline, article.authors) == (byline, authors)


@pytest.mark.parametrize(
    ("page", "caption"),
    [
        ("ko_article_view.html", "시립도서관 전경."),  # its credit: 사진=예시일보 DB
        ("ko_article_body.html", "시내버스 정류장. 예시경제 자료사진"),
    ],
)
def test_captions_are_not_body_text(page: str, caption: str) -> None:
    article = _article(page)
    assert caption in [c.text for c in article.captions]
    assert caption not in article.body


def test_compact_scripts() -> None:
    assert is_compact("부산항 북항 재개발 착공")
    assert is_compact("港湾局、新しい防災計画を発表")
    assert is_compact("港口新区启动第二期建设")
    assert not is_compact("افتتاح المرحلة الثانية")  # Arabic spaces its words like Latin
    assert not is_compact("Busan port works begin: 부산")
    assert not is_compact("2026")


def test_fixtures_are_all_used() -> None:
    used = {page for page, *_ in STORIES}
    assert {p.name for p in Path(PAGES).glob("*.html")} == used


def test_sentences_in_unspaced_scripts_are_no_listed_headlines() -> None:
    paragraphs = [
        "Related stories",
        "港湾局は２０日、津波や高潮に備える新しい防災計画を発表した。",
        "計画では、沿岸部の防潮堤を２０３０年までにかさ上げする。",
    ]
    assert drop_related_lists(paragraphs) == paragraphs[1:]
