"""What the search tells whoever listens about each answer it gave (readership counts those
that found almost nothing). Receivers must return at once: the reader is waiting."""

from django.dispatch import Signal

# Sent with `request`, `search_request` (search.query.SearchRequest), `total` and `language`
# (the interface's) after the search page or the search API answered.
search_answered = Signal()
