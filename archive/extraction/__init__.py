"""Article extraction: page bytes to an `Article` (title, byline, authors, dates, body, captions).

Pure: no I/O, no Scrapy or Twisted. One parse per page is shared by small modules, one field
each; trafilatura finds the main text, morgue's own layers do captions, bylines and dates.
"""

from archive.extraction.article import extract_article

__all__ = ["extract_article"]
