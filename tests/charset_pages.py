"""Small news pages in legacy charsets, with made-up stories, for the decoding tests."""

from __future__ import annotations

# charset label as servers send it -> (Python codec, language, title, one paragraph)
STORIES: dict[str, tuple[str, str, str, str]] = {
    "euc-kr": (
        "euc-kr",
        "ko",
        "부산 항구 재개발 계획 발표",
        "부산시는 화요일 항구 재개발 계획을 발표했다. 주민들은 공사 기간 동안 교통 체증이 "
        "심해질 것이라고 걱정했다. 시 관계자는 내년 봄까지 첫 단계 공사를 마칠 예정이라고 "
        "밝혔다.",
    ),
    "shift_jis": (
        "shift_jis",
        "ja",
        "札幌市、除雪計画を見直し",
        "札幌市は火曜日、冬季の除雪計画を見直すと発表した。住民からは幹線道路の除雪が遅れて"
        "いるとの苦情が相次いでいた。市の担当者は新しい除雪車を十台導入する方針を示した。",
    ),
    "gb18030": (
        "gb18030",
        "zh",
        "杭州将翻修西湖沿岸步道",
        "杭州市政府周二宣布，将在明年春季前完成西湖沿岸步道的翻修工程。市民对施工期间的交通"
        "安排表示担忧。市政部门表示将增加公交班次以缓解拥堵。",
    ),
    "windows-1251": (
        "cp1251",
        "ru",
        "Самара отремонтирует набережную",
        "Городской совет Самары во вторник утвердил план ремонта набережной. Жители опасаются, "
        "что работы затянутся до осени. Представитель администрации пообещал открыть временные "
        "пешеходные дорожки.",
    ),
    "windows-1252": (
        "cp1252",
        "fr",
        "Lyon rénove les quais du Rhône",
        "Le conseil municipal de Lyon a approuvé mardi la rénovation des quais du Rhône. Les "
        "riverains craignent que les travaux ne durent jusqu’à l’été ; la mairie promet des "
        "passerelles provisoires « sûres et éclairées ».",
    ),
}


def news_page(title: str, paragraph: str, lang: str = "en", head: str = "") -> str:
    """A news article page: navigation, headline, byline, eight paragraphs, footer."""
    paragraphs = "\n".join(f"<p>({n}) {paragraph}</p>" for n in range(1, 9))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head>{head}<title>{title}</title>'
        '<meta property="og:type" content="article"></head>\n<body>'
        '<header><nav><a href="/">Home</a> <a href="/city/">City</a></nav></header>\n'
        f'<main><article><h1>{title}</h1>\n<p class="byline">By Sam Example</p>\n'
        f"{paragraphs}\n</article></main>\n<footer>Example Daily News</footer></body></html>"
    )


def story_page(label: str, head: str = "") -> bytes:
    """The story for a charset label, encoded in it, declaring nothing unless `head` does."""
    codec, lang, title, paragraph = STORIES[label]
    return news_page(title, paragraph, lang, head).encode(codec)
