"""morgue's core: records, WARC writing and reading, extraction, the SQLite catalogue.

Pure of Scrapy and Twisted (a test keeps it so), so rebuild and tools can use it alone.
The public names below load on first use (PEP 562): `import archive.catalogue` must not pay
for trafilatura, which only `extract_article` needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archive.errors import LockHeldError, MorgueError, StorageError, WarcReadError
    from archive.extraction import extract_article
    from archive.records import Article, Caption, Capture

# Public name -> the module that defines it.
_PUBLIC = {
    "Article": "archive.records",
    "Caption": "archive.records",
    "Capture": "archive.records",
    "LockHeldError": "archive.errors",
    "MorgueError": "archive.errors",
    "StorageError": "archive.errors",
    "WarcReadError": "archive.errors",
    "extract_article": "archive.extraction",
}

__all__ = [
    "Article",
    "Caption",
    "Capture",
    "LockHeldError",
    "MorgueError",
    "StorageError",
    "WarcReadError",
    "extract_article",
]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'archive' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
