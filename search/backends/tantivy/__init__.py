"""The embedded engine on tantivy."""

from search.backends.tantivy.engine import IndexOutOfDate, TantivyBackend

__all__ = ["IndexOutOfDate", "TantivyBackend"]
