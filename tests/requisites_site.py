"""A news site on 127.0.0.1 whose articles load their photos and styles from a second host
(a "CDN" on 127.0.0.2): responsive and lazy images, an imported stylesheet with a background
image, a 30 MB photo, a missing one and one the CDN's robots.txt forbids."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

# Bigger than MORGUE_MAX_REQUISITE_BYTES' default (25 MB): cut off, recorded as too_large.
HUGE_BYTES = 30 * 1024 * 1024
# What only the archived stylesheets set (the imported one), checked as computed styles.
HEADLINE_COLOUR = "rgb(1, 2, 3)"
ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Harbour Post</title>
<meta property="og:type" content="article">
<meta property="og:image" content="{cdn}/img/lead-{n}.png">
<link rel="stylesheet" href="{cdn}/css/main.css">
<script src="/js/app.js"></script>
</head><body>
<nav><a href="/index.html">Home</a></nav>
<article><h1>{title}</h1><p class="byline">By Ana Ruiz</p>
<figure><img id="photo" src="{cdn}/img/small-{n}.png"
  srcset="{cdn}/img/small-{n}.png 200w, {cdn}/img/large-{n}.png 800w" alt="The quay">
<figcaption>Divers inspect the quay. Photo: AP Photo/Jane Doe</figcaption></figure>
{paragraphs}
<figure><img id="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="
  data-src="{cdn}/img/lazy.png">
<figcaption>The northern pier at dusk. Photo: Yonhap</figcaption></figure>
<img src="{cdn}/img/huge.png" alt="A very large photo">
<img src="{cdn}/img/missing.png" alt="A photo that is gone">
<img src="{cdn}/private/secret.png" alt="A photo robots.txt forbids">
</article>
<footer>Copyright The Harbour Post.</footer>
</body></html>
"""
SENTENCE = (
    "The harbour authority said on {day} that work on the northern quay of story {n} would "
    "continue through the winter, with divers inspecting the older piles each week."
)
MAIN_CSS = """@import "fonts.css";
body {{ background: #fff url("{cdn}/img/paper.png") repeat; }}
"""
IMPORTED_CSS = f"h1 {{ color: {HEADLINE_COLOUR}; }}\n"


def png(width: int, height: int, shade: int = 90) -> bytes:
    """A real grey PNG of this size, so a browser decodes it (naturalWidth > 0)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    rows = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def article_url(n: int) -> str:
    return f"/news/story-{n}.html"


def write_site(root: Path, cdn_root: Path, cdn: str, articles: int = 2) -> None:
    """The news site in `root` (served on 127.0.0.1) and its CDN in `cdn_root` at `cdn`."""
    (root / "news").mkdir(parents=True, exist_ok=True)
    (root / "js").mkdir(exist_ok=True)
    (root / "js" / "app.js").write_text("document.documentElement.dataset.app = '1';\n")
    links = "".join(f'<li><a href="{article_url(n)}">Story {n}</a></li>' for n in range(articles))
    (root / "index.html").write_text(
        f"<!DOCTYPE html><html><head><title>The Harbour Post</title></head><body>"
        f"<h1>The Harbour Post</h1><img src='{cdn}/img/masthead.png' alt=''><ul>{links}</ul>"
        "</body></html>",
        encoding="utf-8",
    )
    days = ("Monday", "Tuesday", "Wednesday", "Thursday")
    for n in range(articles):
        paragraphs = "\n".join(f"<p>{SENTENCE.format(day=d, n=n)}</p>" for d in days)
        page = ARTICLE.format(n=n, cdn=cdn, title=f"Quay works, part {n}", paragraphs=paragraphs)
        (root / "news" / f"story-{n}.html").write_text(page, encoding="utf-8")
    for folder in ("img", "css", "private"):
        (cdn_root / folder).mkdir(parents=True, exist_ok=True)
    (cdn_root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (cdn_root / "css" / "main.css").write_text(MAIN_CSS.format(cdn=cdn))
    (cdn_root / "css" / "fonts.css").write_text(IMPORTED_CSS)
    images = {"masthead": png(120, 20), "lazy": png(60, 40, 150), "paper": png(8, 8, 250)}
    for n in range(articles):
        images |= {f"lead-{n}": png(90, 60, 60 + n), f"small-{n}": png(20, 10)}
        images[f"large-{n}"] = png(80, 40, 120 + n)
    for name, data in images.items():
        (cdn_root / "img" / f"{name}.png").write_bytes(data)
    (cdn_root / "private" / "secret.png").write_bytes(png(4, 4))
    with (cdn_root / "img" / "huge.png").open("wb") as handle:
        handle.truncate(HUGE_BYTES)  # sparse: a 30 MB file without writing 30 MB
