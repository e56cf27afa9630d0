"""Chinese: byline words, job titles, dates and the words around them."""

from __future__ import annotations

BYLINE_WORDS: tuple[str, ...] = ()
WEAK_BYLINE_WORDS: tuple[str, ...] = ()
BYLINE_PHRASES: tuple[str, ...] = ()
# Labels before the writers' names ("记者 李华", "本报记者 李华", "文/李华"), simplified and
# traditional.
AUTHOR_LABELS = (
    "记者", "記者", "本报记者", "本報記者", "本刊记者", "本刊記者", "特约记者", "特約記者",
    "实习记者", "實習記者", "通讯员", "通訊員", "作者", "撰文", "文",
)  # fmt: skip
# Job titles printed before the names, spaced ("记者 李华 王明").
ROLE_WORDS = ("记者", "記者", "本报记者", "本報記者", "特约记者", "特約記者", "通讯员", "通訊員")
ROLE_HEADS: tuple[str, ...] = ()
ROLE_LINKS: tuple[str, ...] = ()
COLLECTIVES: tuple[str, ...] = ()
ORGANISATION_WORDS: tuple[str, ...] = ()
NAME_CONJUNCTIONS: tuple[str, ...] = ()
NAME_PARTICLES: tuple[str, ...] = ()
PLACE_WORDS: tuple[str, ...] = ()
NOT_NAME_WORDS: tuple[str, ...] = ()
MONTHS: dict[str, int] = {}
NAME_LIKE_DATE_WORDS: tuple[str, ...] = ()
WEEKDAYS: tuple[str, ...] = ()
RELATIVE_DATE_WORDS: tuple[str, ...] = ()
DATE_PREPOSITIONS: tuple[str, ...] = ()
TIME_WORDS: tuple[str, ...] = ()
DATE_FILLERS: tuple[str, ...] = ()
PUBLISHED_LABELS = ("发布",)
MODIFIED_LABELS = ("更新",)
DATE_LABELS: tuple[str, ...] = ()
POSTING_WORDS: tuple[str, ...] = ()
FILED_UNDER: tuple[str, ...] = ()
RELATED_LEADS: tuple[str, ...] = ()
MORE_LEADS: tuple[str, ...] = ()
TEASER_LEADS: tuple[str, ...] = ()
PAGE_LABELS: tuple[str, ...] = ()
SECTION_PREPOSITIONS: tuple[str, ...] = ()
AUTHOR_PAGE_WORDS: tuple[str, ...] = ()
READER_PROMPTS: tuple[str, ...] = ()
PROMPT_HINTS: tuple[str, ...] = ()
# Labels before an editor's name ("责任编辑：李华", "（編輯：李華）"): named when no writer is.
EDITOR_LABELS = ("编辑", "編輯", "责任编辑", "責任編輯", "责编", "責編")
CHROME_LINES: tuple[str, ...] = ()
SIGN_UP_WORDS: tuple[str, ...] = ()
