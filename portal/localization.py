"""Pick the French or English form of a bilingual value for the active language."""

from django.utils.translation import get_language


def in_active_language(french: str, english: str) -> str:
    """English when the active language is English and an English form exists, else French."""
    language = (get_language() or "fr")[:2]
    if language == "en" and english:
        return english
    return french or english
