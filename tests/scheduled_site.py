"""A small news site written into a folder, whose articles tests can edit between runs."""

from __future__ import annotations

from pathlib import Path

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Test Ledger</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2026-11-2{n}T08:00:00+01:00">
<link rel="canonical" href="/news/{slug}.html">
</head><body>
<nav><a href="/index.html">Home</a></nav>
<article><h1>{title}</h1><p class="byline">By Ana Ruiz</p>
{paragraphs}
</article>
<footer>Copyright The Test Ledger. All rights reserved.</footer>
</body></html>
"""
SENTENCE = (
    "The harbour authority said on {day} that work on the northern quay of story {n} would "
    "continue through the winter, with divers inspecting the older piles each week."
)
NEWS_SITEMAP_ENTRY = """<url><loc>/news/{slug}.html</loc>
<news:news><news:publication><news:name>The Test Ledger</news:name>
<news:language>en</news:language></news:publication>
<news:publication_date>2026-11-2{n}T08:00:00+01:00</news:publication_date>
<news:title>{title}</news:title></news:news></url>
"""


def slug(n: int) -> str:
    return f"story-{n}"


def title(n: int) -> str:
    return f"Harbour works continue, part {n}"


def article_html(n: int, extra: str = "") -> str:
    days = ("Monday", "Tuesday", "Wednesday", "Thursday")
    paragraphs = "\n".join(
        f"<p>{SENTENCE.format(day=day, n=n)} {SENTENCE.format(day=day, n=n)}</p>" for day in days
    )
    if extra:
        paragraphs += f"\n<p>{extra}</p>"
    return ARTICLE.format(n=n % 10, slug=slug(n), title=title(n), paragraphs=paragraphs)


def write_site(root: Path, articles: int) -> None:
    """Home page, news sitemap and `articles` article pages."""
    (root / "news").mkdir(parents=True, exist_ok=True)
    links = "\n".join(
        f'<li><a href="/news/{slug(n)}.html">{title(n)}</a></li>' for n in range(articles)
    )
    (root / "index.html").write_text(
        f"<!DOCTYPE html><html><head><title>The Test Ledger</title></head>"
        f"<body><h1>The Test Ledger</h1><ul>{links}</ul></body></html>",
        encoding="utf-8",
    )
    entries = "".join(
        NEWS_SITEMAP_ENTRY.format(n=n % 10, slug=slug(n), title=title(n)) for n in range(articles)
    )
    (root / "news-sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        f"{entries}</urlset>\n",
        encoding="utf-8",
    )
    for n in range(articles):
        edit_article(root, n)


def edit_article(root: Path, n: int, extra: str = "") -> None:
    (root / "news" / f"{slug(n)}.html").write_text(article_html(n, extra), encoding="utf-8")


def config(base_url: str, checks: str = '"4s"') -> str:
    """A site configuration for the site served at `base_url`."""
    return (
        "[[site]]\n"
        'name = "ledger"\n'
        f'start_urls = ["{base_url}/index.html"]\n'
        f'sitemaps = ["{base_url}/news-sitemap.xml"]\n'
        'article_pattern = "/news/"\n'
        "[site.recrawl]\n"
        f"article_checks = [{checks}]\n"
    )
