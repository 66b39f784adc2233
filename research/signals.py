"""Signals the pipeline stages exchange about research content, so none imports another.

`document_text_changed` is sent by extraction (worker) inside the transaction that wrote a
document's text or status, with `document_id` and `change` (what happened, for the record);
indexing (search) records the items showing the document in its outbox, in that same
transaction. A receiver's error propagates and rolls the write back: nothing is lost.

`item_viewed` (with `request` and `item`) is sent once a research item's page was served to a
reader, `document_downloaded` (with `request`, `document` and `viewer`) once a file was;
readership counts them. Receivers must return at once: the reader is waiting.
"""

from django.dispatch import Signal

document_text_changed = Signal()
item_viewed = Signal()
document_downloaded = Signal()
