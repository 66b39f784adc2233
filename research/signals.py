"""Signals the pipeline stages exchange about research content, so none imports another.

`document_text_changed` is sent by extraction (worker) inside the transaction that wrote a
document's text or status, with `document_id` and `change` (what happened, for the record);
indexing (search) records the items showing the document in its outbox, in that same
transaction. A receiver's error propagates and rolls the write back: nothing is lost.
"""

from django.dispatch import Signal

document_text_changed = Signal()
