"""Language of extracted text: "fr", "en" or "other", with py3langid."""

import functools
import re

MIN_LETTERS = 40
MIN_CONFIDENCE = 0.6
SAMPLE_CHARACTERS = 20_000
OURS = ("fr", "en")
_LETTER = re.compile(r"[^\W\d_]")


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_model() -> None:
    """Load the model now rather than at the first detection."""
    _identifier()


def detect_language(text: str) -> str:
    """fr or en when the full model's best guess is one of them with confidence; else other.

    The model ranks every language it knows (not only fr/en), so German or Spanish text is
    "other" rather than forced into French or English.
    """
    sample = text[:SAMPLE_CHARACTERS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return "other"
    language, confidence = _identifier().classify(sample)
    if language in OURS and confidence >= MIN_CONFIDENCE:
        return language
    return "other"
