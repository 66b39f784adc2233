"""Pick the French or English form of a bilingual value for the active language, and the
language middleware that leaves the unprefixed API alone."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language


class TextInLanguage(str):
    """A text with the language it is written in, for `lang` and the "French only" label."""

    language: str

    def __new__(cls, text: str, language: str):
        value = super().__new__(cls, text)
        value.language = language
        return value

    def __reduce__(self):
        return (TextInLanguage, (str(self), self.language))


def text_for_reader(french: str, english: str) -> TextInLanguage:
    """English when the active language is English and an English form exists, else French
    (or English when there is no French), with the language of the text chosen."""
    language = (get_language() or "fr")[:2]
    if language == "en" and english:
        return TextInLanguage(english, "en")
    if french:
        return TextInLanguage(french, "fr")
    return TextInLanguage(english or "", "en")


def in_active_language(french: str, english: str) -> str:
    """The plain text of `text_for_reader`."""
    return str(text_for_reader(french, english))


# Unprefixed, stable paths for tools (SPEC §6): never redirected to a language.
API_PREFIX = "/api/"


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that the unprefixed JSON API answers its own 404s.

    Django sends a 404 on an unprefixed path to the same path under a language prefix when one
    resolves there, and Wagtail's catch-all resolves everything: `/api/v1/practices/unknown`
    would become a redirect to an HTML page instead of the JSON error a tool expects.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(API_PREFIX):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
