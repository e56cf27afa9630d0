"""morgue's core: records, WARC writing and reading, extraction, the SQLite catalogue.

Pure of Scrapy and Twisted (a test keeps it so), so rebuild and tools can use it alone.
"""

from archive.errors import LockHeldError, MorgueError, StorageError, WarcReadError
from archive.extraction import extract_article
from archive.records import Article, Caption, Capture

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
