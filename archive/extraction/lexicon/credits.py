"""Photo-credit vocabulary as data: the labels printed before a credit, per language, the
words that make a short fragment a credit, and the agencies and stock libraries credited.

Each tuple holds plain words or short regex fragments; `captions.credits` compiles them with
`lexicon.alternatives`. A label is what precedes the credit ("Foto: Jane Doe", "사진=연합뉴스").
"""

from __future__ import annotations

LABELS_EN = (
    r"photos?", r"photograph(?:s|y)?", r"images?", r"pictures?", r"credits?", r"source",
    r"photo ?credits?", r"image ?credits?", r"illustration", r"photographer",
)  # fmt: skip
LABELS_DE = (
    r"fotos?", r"bild(?:er)?", r"bildquellen?", r"quelle", r"bildnachweis", r"bildrechte",
    r"grafik", r"fotograf(?:in)?",
)  # fmt: skip
LABELS_FR = (r"crédits?", r"crédit photo", r"photos?")
LABELS_ES = (r"fotografía", r"imagen", r"créditos?", r"fuente")
LABELS_IT = (r"fonte",)
LABELS_PT = (r"imagem", r"crédito", r"fonte")
LABELS_NL = (r"beeld", r"bron")
LABELS_NORDIC = (r"kilde", r"källa", r"kuva")
LABELS_PL = (r"fot", r"zdjęcie", r"źródło")
LABELS_TR = (r"fotoğraf",)
LABELS_RU = (r"фото", r"источник", r"джерело")
LABELS_KO = (r"사진", r"출처")
LABELS_JA = (r"写真", r"撮影", r"出典", r"提供")
LABELS_ZH = (r"图片", r"图", r"摄影", r"來源", r"来源", r"圖片", r"攝影")
LABELS_CENTRAL = (r"fotó", r"zdroj", r"izvor", r"sursa(?: foto)?")  # hu, cs/sk, hr/sr, ro
LABELS_EL = (r"φωτογραφία", r"φωτ")
LABELS_AR = (r"تصوير", r"صورة", r"الصورة", r"المصدر", r"عکس")  # and Persian "عکس"
LABELS_HE = (r"צילום", r"קרדיט")
LABELS_HI = (r"फोटो", r"फ़ोटो", r"तस्वीर", r"चित्र")
LABELS_SEA = (r"sumber", r"ảnh", r"nguồn", r"ภาพ", r"ที่มา")  # id/ms, vi, th

LABELS = (
    *LABELS_EN, *LABELS_DE, *LABELS_FR, *LABELS_ES, *LABELS_IT, *LABELS_PT, *LABELS_NL,
    *LABELS_NORDIC, *LABELS_PL, *LABELS_TR, *LABELS_RU, *LABELS_KO, *LABELS_JA, *LABELS_ZH,
    *LABELS_CENTRAL, *LABELS_EL, *LABELS_AR, *LABELS_HE, *LABELS_HI, *LABELS_SEA,
)  # fmt: skip

# Labels printed after the credit, inside brackets: "（Jane Doe撮影）", "(사진 제공)".
SUFFIX_LABELS = (r"撮影", r"提供", r"촬영", r"제공", r"摄")

# Labels that name the photographer with "by" ("Photo by Jane Doe", "Illustration by X").
BY_LABELS = (r"photos?", r"photographs?", r"images?", r"pictures?", r"(?:photo )?illustration")

# What a label is left as when a caption held only a credit ("Image Credits: X", "Foto: X").
BARE_LABELS = (r"images?", r"photos?", r"fotos?", r"bild", r"picture", r"fotoğraf", r"фото")

# Other words that make a short fragment a credit ("handout", "courtesy of", "Archiv").
CREDIT_WORDS = (
    r"photo", r"photos", r"foto", r"fotos", r"bild", r"image", r"images", r"picture",
    r"pictures", r"credit", r"handout", r"pool", r"file", r"supplied", r"courtesy",
    r"archive", r"archiv", r"privat", r"screenshot",
)  # fmt: skip

# Copyright signs and words printed before a rights holder.
COPYRIGHT_SIGNS = (r"©", r"ⓒ", r"\(c\)", r"copyright")

# Parenthesised notes that mention photos but credit nobody.
NOT_CREDITS = ("file photo", "file", "archive photo", "photo", "photos", "archivbild")
