"""Article pages in scripts without spaces between words are told by their length in characters,
and status evidence reports the body extraction found.

The pages are made up: a story of ~2,000 characters in Japanese, Chinese or Korean, without
og:type or JSON-LD, so only the length of its body can make it an article.
"""

from __future__ import annotations

import random
import re

import pytest

from archive.extraction.words import DENSE_SCRIPT, text_size
from archive.pages.processing import CrawlContext, process_page

URL = "https://news.example/2026/12/03/harbour.html"
SENTENCES = {
    "ja": [
        "港湾局は月曜日、旧桟橋の改修計画について住民向けの説明会を開いた。",
        "市の担当者によると、工事費は当初の見込みを大きく上回る見通しだという。",
        "漁業協同組合は、工事期間中の操業への影響を心配する声を上げている。",
        "説明会には約二百人が参加し、質疑応答は予定より一時間長く続いた。",
        "市長は来年春までに最終的な設計案をまとめる考えを示した。",
        "周辺の商店街では、観光客の増加に期待する意見も聞かれた。",
        "専門家は、老朽化した護岸の補強を急ぐべきだと指摘している。",
        "市議会は来月の定例会でこの計画に関する補正予算案を審議する予定だ。",
    ],
    "zh": [
        "港务局星期一就旧码头改造计划举行了居民说明会。",
        "据市政府负责人介绍，工程费用预计将大大超出最初的估算。",
        "渔业合作社担心施工期间的作业会受到影响。",
        "约有两百人参加了说明会，问答环节比原定时间延长了一个小时。",
        "市长表示将在明年春天之前完成最终设计方案。",
        "附近商业街的店主们则期待游客人数有所增加。",
        "专家指出，应尽快加固已经老化的护岸设施。",
        "市议会预计将在下个月的例会上审议相关的补充预算案。",
    ],
    "ko": [
        "항만청은 월요일 옛 부두 개보수 계획에 관한 주민 설명회를 열었다.",
        "시 관계자에 따르면 공사비는 당초 예상을 크게 웃돌 전망이다.",
        "어업협동조합은 공사 기간 중 조업에 미칠 영향을 걱정하고 있다.",
        "설명회에는 약 이백 명이 참석했고 질의응답은 예정보다 한 시간 길어졌다.",
        "시장은 내년 봄까지 최종 설계안을 마련하겠다고 밝혔다.",
        "인근 상점가에서는 관광객 증가를 기대하는 목소리도 나왔다.",
        "전문가들은 낡은 호안의 보강을 서둘러야 한다고 지적했다.",
        "시의회는 다음 달 정례회에서 관련 추가경정예산안을 심의할 예정이다.",
    ],
}
TITLES = {"ja": "旧桟橋の改修計画", "zh": "旧码头改造计划", "ko": "옛 부두 개보수 계획"}


def story(language: str, characters: int = 2000) -> tuple[bytes, str]:
    """A page of paragraphs of four sentences each, ~`characters` long, without article markup;
    and its text."""
    rng = random.Random(language)
    paragraphs: list[str] = []
    while sum(map(len, paragraphs)) < characters:
        paragraphs.append("".join(rng.sample(SENTENCES[language], 4)))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    title = TITLES[language]
    html = (
        f'<html lang="{language}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><nav><a href='/'>トップ</a></nav><div class='story'><h1>{title}</h1>{body}"
        "</div></body></html>"
    )
    return html.encode(), "".join(paragraphs)


@pytest.mark.parametrize("language", ["ja", "zh", "ko"])
def test_a_story_of_two_thousand_characters_is_an_article(language: str) -> None:
    html, text = story(language)
    assert len(text) >= 2000
    outcome = process_page(URL, 200, "text/html", html, CrawlContext())
    assert outcome.status.status == "ok"
    assert outcome.article is not None
    assert text_size(outcome.article.body) >= CrawlContext().min_words


def test_unspaced_scripts_are_counted_by_characters_and_korean_by_its_spaces() -> None:
    assert text_size("港湾局は月曜日、説明会を開いた。") == 4  # 14 characters / 3
    assert text_size("항만청은 월요일 주민 설명회를 열었다.") == 5  # spaced words
    assert text_size("The harbour plan, 2026: 港湾局") == 5  # 4 words + 3 characters / 3
    assert text_size("") == 0


def test_words_are_counted_alike_in_ascii_accented_and_mixed_texts() -> None:
    """text_size's shortcut for texts without unspaced scripts counts what its regexes do."""
    spaced = re.compile(rf"[^\s{DENSE_SCRIPT}\u3000-\u303f\uff00-\uff0f\uff1a-\uff20]+")
    dense = re.compile(f"[{DENSE_SCRIPT}]")
    alphabet = "ab Zé\u00a0\u2003\n\t\x1c\u200b'-港、항ไ"
    rng = random.Random(18)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet[: rng.randint(3, len(alphabet))]) for _ in range(40))
        assert text_size(text) == len(spaced.findall(text)) + len(dense.findall(text)) // 3


def test_a_short_japanese_brief_is_not_an_article() -> None:
    html, _ = story("ja", characters=150)
    outcome = process_page(URL, 200, "text/html", html, CrawlContext())
    assert outcome.article is None


def test_paywall_evidence_reports_the_paragraphs_extraction_found() -> None:
    paragraphs = [f"Paragraph {n} of the harbour story told in brief." for n in range(12)]
    html = (
        "<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "<div class='wall'>Subscribe now to continue reading.</div></article></body></html>"
    ).encode()
    outcome = process_page(URL, 200, "text/html", html, CrawlContext())
    assert outcome.article is None  # ~100 words and no markup: not taken for the article
    assert outcome.status.status == "paywall"
    assert "12 paragraphs" in (outcome.status.evidence or "")
    assert "(0 words)" not in (outcome.status.evidence or "")
