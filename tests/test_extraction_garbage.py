"""Garbage in, an Article out: extraction never raises and decodes undeclared charsets."""

from __future__ import annotations

import os

import pytest

from archive.extraction import extract_article
from archive.extraction.charset import decode_html
from archive.extraction.html_tree import load_tree, parse_html

ARTICLE_HTML = """<html><head><title>{title}</title></head><body>
<article><h1>{title}</h1><p class="byline">{byline}</p>{paragraphs}</article>
<footer>Copyright 2024</footer></body></html>"""

GERMAN = "Über die Brücke fährt ein Lastwagen, während die Bürger über Straßenpläne streiten."
KOREAN = "서울 시내 교통 혼잡이 심해지면서 시민들의 불만이 커지고 있다고 관계자는 말했다."


def _page(title: str, byline: str, paragraph: str) -> str:
    paragraphs = "".join(f"<p>{paragraph} ({n})</p>" for n in range(6))
    return ARTICLE_HTML.format(title=title, byline=byline, paragraphs=paragraphs)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t ",
        b"\x00\x01\x02\xff\xfe\x00binary",
        os.urandom(4096),
        bytes(range(256)) * 20,
        b"<html><body><p>Truncated para",
        b"<html><head><title>T</title></head><body><div><p>unclosed <b>bold <i>and",
        b"<?xml version='1.0' encoding='utf-8'?><html><body><p>xml declared</p></body></html>",
        b"<!-- only a comment -->",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",  # a gzip header
        b'{"json": "not html"}',
        b"<html><body>" + b"<div>" * 5000 + b"deep" + b"</div>" * 5000 + b"</body></html>",
        b"<script type='application/ld+json'>{broken json,,}</script><p>x</p>",
        b'<meta charset="no-such-charset"><p>odd charset</p>',
    ],
)
def test_never_raises(data: bytes) -> None:
    article = extract_article(data, "http://example.com/a")
    assert isinstance(article.body, str)
    assert article.url == "http://example.com/a"
    assert article.extractor.startswith("morgue/")
    article.to_dict()


def test_empty_bytes_give_an_empty_article() -> None:
    article = extract_article(b"")
    assert article.body == ""
    assert article.title is None
    assert article.authors == ()
    assert article.captions == ()


def test_undeclared_cp1252_decodes() -> None:
    html = _page("Straßenstreit in Köln", "Von Jürgen Müller", GERMAN).encode("cp1252")
    article = extract_article(html)
    assert article.title == "Straßenstreit in Köln"
    assert article.authors == ("Jürgen Müller",)
    assert "Über die Brücke fährt" in article.body


def test_undeclared_euc_kr_decodes() -> None:
    html = _page("서울 교통 혼잡 심화", "김민수 기자", KOREAN).encode("euc-kr")
    article = extract_article(html)
    assert article.title == "서울 교통 혼잡 심화"
    assert "시민들의 불만이" in article.body


def test_declared_charset_is_honoured() -> None:
    html = ('<meta charset="euc-kr">' + _page("서울 교통", "김민수 기자", KOREAN)).encode("euc-kr")
    assert "시민들의 불만이" in decode_html(html)


def test_utf8_bytes_win_over_a_stale_declaration() -> None:
    html = '<meta charset="iso-8859-15"><p>sanción</p>'.encode()
    assert "sanción" in decode_html(html)


def test_bom_is_honoured() -> None:
    html = "\ufeff<p>Grüße</p>".encode("utf-16-le")  # starts with the BOM FF FE
    assert "Grüße" in decode_html(html)
    assert (
        extract_article(
            "\ufeff<html><body><h1>Grüße aus Köln</h1></body></html>".encode("utf-16-le")
        ).title
        == "Grüße aus Köln"
    )


def test_nothing_to_parse() -> None:
    assert load_tree(b"") is None
    assert load_tree(b"  ") is None


@pytest.mark.parametrize(
    "data", [os.urandom(4096), bytes(range(256)) * 20, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10]
)
def test_binary_data_gives_no_text(data: bytes) -> None:
    article = extract_article(data)
    assert article.body == ""
    assert article.title is None


def test_control_characters_and_xml_declaration_are_dropped() -> None:
    tree = parse_html("  <?xml version='1.0'?><html><body><p>a\x00b\x1fc\x0bd</p></body></html>")
    assert tree is not None
    assert tree.xpath("string(//p)") == "abcd"
