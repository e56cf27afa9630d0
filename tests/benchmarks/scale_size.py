"""What a bench catalogue weighs: its size against the text it holds, and where the bytes go
(each table and index, from SQLite's `dbstat` table)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

# Tables and indexes smaller than this are summed into one line of the breakdown.
LISTED_AT_LEAST_BYTES = 1 << 20


@dataclass(frozen=True)
class Size:
    """A catalogue's bytes on disk, its articles, and the bytes of text (title, body, byline)
    they hold."""

    database: int
    articles: int
    text: int

    def summary(self) -> str:
        """One line: '100,000 articles; database 1.23 GiB, 13,000 bytes per article, 2.4x …'."""
        return (
            f"{self.articles:,} articles; database {self.database / 2**30:.2f} GiB, "
            f"{self.database / max(self.articles, 1):,.0f} bytes per article, "
            f"{self.database / max(self.text, 1):.2f}x the {self.text / 2**30:.2f} GiB of text "
            "it holds"
        )


def size_of(db_path: Path) -> Size:
    """The catalogue's size on disk beside the text its articles hold."""
    with sqlite3.connect(db_path) as conn:
        count, text = conn.execute(
            "select count(*), sum(length(cast(coalesce(title, '') || coalesce(body, '') || "
            "coalesce(byline, '') as blob))) from articles"
        ).fetchone()
    return Size(db_path.stat().st_size, int(count), int(text or 0))


def breakdown(db_path: Path) -> list[tuple[str, int]]:
    """(table or index, bytes) largest first; the free pages as '(free pages)'."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "select name, sum(pgsize) from dbstat group by name order by 2 desc"
        ).fetchall()
        page_size = conn.execute("pragma page_size").fetchone()[0]
        free = conn.execute("pragma freelist_count").fetchone()[0]
    return [(str(name), int(size)) for name, size in rows] + [("(free pages)", free * page_size)]


def breakdown_lines(db_path: Path, text: int) -> list[str]:
    """The breakdown as lines: MiB and × the text, small items summed into one line."""
    lines, small = [], 0
    for name, size in breakdown(db_path):
        if size < LISTED_AT_LEAST_BYTES:
            small += size
            continue
        lines.append(f"  {name:44} {size / 2**20:9.1f} MiB {size / max(text, 1):6.3f}x")
    lines.append(f"  {'(the rest)':44} {small / 2**20:9.1f} MiB {small / max(text, 1):6.3f}x")
    return lines
