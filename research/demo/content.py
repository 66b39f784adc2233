"""All demo research items, in creation order: an item's related items come before it."""

from research.demo.content_en import ENGLISH_ITEMS
from research.demo.content_fr import FRENCH_ITEMS
from research.demo.records import DemoItem

ITEMS: tuple[DemoItem, ...] = (*FRENCH_ITEMS, *ENGLISH_ITEMS)
