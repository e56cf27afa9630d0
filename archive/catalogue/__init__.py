"""The SQLite catalogue: schema (migrations) and the store that writes morgue's records."""

from archive.catalogue.articles import StoredArticle
from archive.catalogue.runs import RunTotals
from archive.catalogue.schema import open_database
from archive.catalogue.store import Catalogue

__all__ = ["Catalogue", "RunTotals", "StoredArticle", "open_database"]
