"""The embedded engine on tantivy."""

from search.backends.base import IndexOutOfDate
from search.backends.tantivy.engine import TantivyBackend

__all__ = ["IndexOutOfDate", "TantivyBackend"]
