"""Photo credits split from caption text in the forms newsrooms print them."""

from __future__ import annotations

import pytest

from archive.extraction.captions.credits import clean_credit, remove_credit, split_credit


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        ("A motorcade in Beijing, Tuesday. / Yonhap", "A motorcade in Beijing, Tuesday.", "Yonhap"),
        ("A train leaves Beijing / Reuters-Yonhap", "A train leaves Beijing", "Reuters-Yonhap"),
        ("Trump speaks. (AP Photo/Jane Doe)", "Trump speaks.", "AP Photo/Jane Doe"),
        ("Fire in Berlin. Photo: Reuters", "Fire in Berlin.", "Reuters"),
        ("Der Hafen von Hamburg. Foto: dpa", "Der Hafen von Hamburg.", "dpa"),
        ("Fire in Berlin. © AFP", "Fire in Berlin.", "AFP"),
        ("서울 도심 ⓒ 연합뉴스", "서울 도심", "연합뉴스"),
        ("Fans cheer. Credit: Getty Images", "Fans cheer.", "Getty Images"),
        ("The King arrives. Getty Images", "The King arrives.", "Getty Images"),
        ("North Korean leader Kim Jong-un", "North Korean leader Kim Jong-un", None),
        ("Rain over Seoul (file photo)", "Rain over Seoul (file photo)", None),
        ("Moon (left) and Kim shake hands", "Moon (left) and Kim shake hands", None),
        ("Lakeland: big enough for holidays", "Lakeland: big enough for holidays", None),
        ("Le port au matin. Crédit photo : Jane Doe", "Le port au matin.", "Jane Doe"),
        ("El puerto de noche. Foto: EFE", "El puerto de noche.", "EFE"),
        ("Der Marktplatz. Bild: Jane Doe", "Der Marktplatz.", "Jane Doe"),
        ("De haven. Beeld: ANP", "De haven.", "ANP"),
        ("Il porto. Fonte: Ansa", "Il porto.", "Ansa"),
        ("서울 도심의 모습. 사진=연합뉴스", "서울 도심의 모습.", "연합뉴스"),
        ("会見する社長（写真：ロイター）", "会見する社長", "ロイター"),
        ("国会前の警察官ら＝ＡＰ", "国会前の警察官ら", "ＡＰ"),
        ("駅を出る容疑者＝3日、東京で（山田太郎撮影）", "駅を出る容疑者＝3日、東京で", "山田太郎"),
        ("駅を出る容疑者＝3日、東京で", "駅を出る容疑者＝3日、東京で", None),
        ("港口景色（图片来源：新华社）", "港口景色", "新华社"),
        ("A square. Foto: Jane Doe (CC BY 2.0)", "A square.", "Jane Doe (CC BY 2.0)"),
        ("港口景色（新华社记者张三摄）", "港口景色", "新华社记者张三"),
        ("Bến cảng lúc bình minh. Ảnh: Jane Doe", "Bến cảng lúc bình minh.", "Jane Doe"),
        ("הנמל בשחר. צילום: Jane Doe", "הנמל בשחר.", "Jane Doe"),
        ("Přístav za úsvitu. Zdroj: ČTK", "Přístav za úsvitu.", "ČTK"),
        ("The harbour at dawn. Photo by Jane Doe", "The harbour at dawn.", "Jane Doe"),
        ("The harbour (Illustration by Jane Doe)", "The harbour", "Jane Doe"),
        ("A photo by Jane Doe shows the harbour.", "A photo by Jane Doe shows the harbour.", None),
        (
            "Boats at the quay (Jane Doe/The Example Post)",
            "Boats at the quay",
            "Jane Doe/The Example Post",
        ),
        ("Talks in Kyiv (Ukraine/Russia)", "Talks in Kyiv (Ukraine/Russia)", None),
        ("Moon (left/right) and Kim", "Moon (left/right) and Kim", None),
    ],
)
def test_split_credit(caption: str, text: str, credit: str | None) -> None:
    assert split_credit(caption) == (text, credit)


def test_clean_credit() -> None:
    assert clean_credit("Photo: Jane Doe") == "Jane Doe"
    assert clean_credit("© Getty Images") == "Getty Images"
    assert clean_credit("(AP Photo/Jane Doe)") == "AP Photo/Jane Doe"
    assert clean_credit(" ") is None
    assert clean_credit("Credit...Jane Doe for Example News") == "Jane Doe for Example News"
    assert clean_credit("Photo by Jane Doe") == "Jane Doe"
    assert clean_credit("© Bild: Example/Jane Doe") == "Example/Jane Doe"
    assert clean_credit("Photographer: Jane Doe/Example") == "Jane Doe/Example"
    assert clean_credit("The quay at dawn. (Quelle: Jane Doe)") == "Jane Doe"
    assert clean_credit("Jane Doe, Quelle: Example") == "Jane Doe, Quelle: Example"


def test_remove_separate_credit() -> None:
    assert remove_credit("Harbour at dawn. Foto: dpa", "dpa") == "Harbour at dawn."
    assert remove_credit("Harbour at dawn. © Jane Doe", "Jane Doe") == "Harbour at dawn."


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        ("Image Credits: Strava", "", "Strava"),
        ("Foto: dpa", "", "dpa"),
        ("Fotoğraf : Jane Doe/AA", "", "Jane Doe/AA"),
        ("Фото: Jane Doe", "", "Jane Doe"),
    ],
)
def test_caption_that_is_only_a_credit(caption: str, text: str, credit: str) -> None:
    assert split_credit(caption) == (text, credit)


def test_clean_credit_joins_holders() -> None:
    assert clean_credit("© imago/Marius Schwarz | IMAGO/Marius Schwarz") == (
        "imago/Marius Schwarz; IMAGO/Marius Schwarz"
    )


def test_a_closing_rights_notice_is_cut_back_to_the_last_separator() -> None:
    from archive.extraction.captions.credits import RIGHTS_NOTICE, without_rights_notice

    for credit in (
        "Jane Doe / © 2024 Example News. All rights reserved.",
        "Jane Doe, Example News | All Rights Reserved",
        "© Example News 2024 all rights reserved",
        "Jane Doe; all rights reserved, Example News",
        "Jane Doe /\u00a0 Copyright 2024 Example. ALL RIGHTS RESERVED.",
    ):
        assert without_rights_notice(credit) == RIGHTS_NOTICE.sub("", credit)


def test_a_credit_repeating_the_rights_notice_is_cleaned_in_linear_time() -> None:
    # Found by the fuzz tests: 300 glued "All Rights ReservedExample News" took 1 s (quadratic).
    import time

    from archive.extraction.captions.credits import clean_credit

    credit = "All Rights ReservedExample News" * 30_000
    started = time.process_time()  # CPU time: a loaded machine can't fail it
    clean_credit(credit)
    assert time.process_time() - started < 3.0
