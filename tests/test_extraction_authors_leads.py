"""Wire leads opening a story's first paragraph: read as the byline, and cut from the body."""

from __future__ import annotations

import pytest

from archive.extraction.authors.leads import lead_byline, lead_credits, without_wire_lead
from archive.extraction.authors.names import Credits


@pytest.mark.parametrize(
    ("paragraph", "lead", "credits"),
    [
        (
            "(서울=연합뉴스) 홍길동 기자 = 시가 새 노선을 발표했다.",
            "(서울=연합뉴스) 홍길동 기자",
            Credits(("홍길동",), ("연합뉴스",)),
        ),
        (
            "[세종=뉴시스]홍길동 기자·김철수 기자 = 정부가 예산안을 확정했다.",
            "[세종=뉴시스]홍길동 기자·김철수 기자",
            Credits(("홍길동", "김철수"), ("뉴시스",)),
        ),
        (
            "例示社北京11月20日电（记者 李华 王明）港口新区项目20日启动。",
            "例示社北京11月20日电（记者 李华 王明）",
            Credits(("李华", "王明"), ()),
        ),
        (
            "本报讯（记者 李华）港口新区项目20日启动。",
            "本报讯（记者 李华）",
            Credits(("李华",), ()),
        ),
    ],
)
def test_a_wire_lead_names_its_reporters_and_agency(
    paragraph: str, lead: str, credits: Credits
) -> None:
    assert lead_byline(paragraph) == lead
    assert lead_credits(lead, ()) == credits


@pytest.mark.parametrize(
    "paragraph",
    [
        "(사진) 시가 새 노선을 발표했다.",  # brackets, but no place=agency
        "(서울=연합뉴스) 시가 새 노선을 = 발표했다.",  # no reporter's title before the "="
        "港口新区项目（一期）20日启动。",  # brackets inside the sentence
        "Jane Doe (AP) wrote about the port.",
    ],
)
def test_other_openings_are_no_wire_lead(paragraph: str) -> None:
    assert lead_byline(paragraph) is None
    assert without_wire_lead(paragraph) == paragraph


def test_the_korean_lead_is_cut_from_the_paragraph() -> None:
    paragraph = "(서울=연합뉴스) 홍길동 기자 = 시가 새 노선을 발표했다."
    assert without_wire_lead(paragraph) == "시가 새 노선을 발표했다."
