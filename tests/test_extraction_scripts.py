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
    (  # the wire lead "(서울=연합뉴스) 홍길동 김철수 기자 =" is a byline, not story text
        "ko_wire_lead.html",
        "항만 물동량 석 달째 증가",
        "전국 항만의 컨테이너 물동량이 석 달 연속 늘어난 것으로 집계됐다.",
        '당국 관계자는 "연말까지 증가세가 이어질 것으로 본다"고 말했다.',
        3,
    ),
    (
        "ko_photo_byline.html",
        "가을 억새 축제 개막",
        "산등성이를 은빛으로 물들인 억새 사이로 가을 축제가 12일 막을 올렸다.",
        "축제는 이달 말까지 이어진다.",
        3,
    ),
    (
        "ja_byline.html",
        "市立図書館、夜間開館を試行 平日は午後１０時まで",
        "市立図書館は２０日、平日の開館時間を午後１０時まで延ばす夜間開館を来月から試行すると発表した。",
        "館長は「多くの人に足を運んでほしい」と話した。",
        3,
    ),
    (
        "zh_wire_lead.html",
        "新区地铁三号线开通试运营",
        "例示社海港11月21日电（记者 李华 王明）新区地铁三号线21日开通试运营，"
        "全长约28公里，共设车站20座。",
        "试运营期间，列车每天6时至23时运行。",
        3,
    ),
    (  # the editor's signature "（編輯：李華）" closes the story but is not part of it
        "zh_editor.html",
        "港區擴建計畫通過環評",
        "港區擴建計畫今天通過環境影響評估審查，預計明年初動工，最快2030年完工。",
        "主管機關回應，將設置監測站，每月公布監測結果，並成立溝通平台，聽取周邊居民意見。",
        4,
    ),
    (
        "ar_rtl_byline.html",
        "افتتاح مكتبة عامة جديدة في وسط المدينة",
        "افتتحت البلدية، يوم السبت، مكتبة عامة جديدة في وسط المدينة تضم أكثر من خمسين ألف كتاب "
        "وقاعات للمطالعة.",
        "ويأمل القائمون على المشروع أن تصبح المكتبة مركزا ثقافيا لسكان الأحياء المجاورة.",
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
    ("page", "authors", "organisations"),
    [
        ("ko_wire_lead.html", ("홍길동", "김철수"), ("연합뉴스",)),  # the agency credited
        ("ko_photo_byline.html", ("박영희",), ()),  # "글·사진": text and photos by
        ("ja_byline.html", ("山田太郎",), ()),  # "山田太郎記者": the title is no second name
        ("zh.html", ("李华",), ()),  # "…电（记者 李华）" opening the story
        ("zh_wire_lead.html", ("李华", "王明"), ()),  # names listed with spaces
        ("zh_editor.html", ("李華",), ()),  # "（編輯：李華）" closing the story
        ("ar.html", ("أحمد علي",), ()),  # "بقلم: …": Arabic names have no capitals
        ("ar_rtl_byline.html", ("محمد أحمد",), ()),  # "كتب:", the name between RLM marks
    ],
)
def test_bylines_in_cjk_and_arabic_pages(
    page: str, authors: tuple[str, ...], organisations: tuple[str, ...]
) -> None:
    article = _article(page)
    assert (article.authors, article.organisations) == (authors, organisations)


def test_the_korean_wire_lead_is_the_printed_byline() -> None:
    assert _article("ko_wire_lead.html").byline == "(서울=연합뉴스) 홍길동 김철수 기자"


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
