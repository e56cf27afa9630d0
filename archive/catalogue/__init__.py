"""The SQLite catalogue: schema (migrations) and the store that writes morgue's records."""

from archive.catalogue.schema import open_database
from archive.catalogue.store import Catalogue, RunTotals, StoredArticle

__all__ = ["Catalogue", "RunTotals", "StoredArticle", "open_database"]
