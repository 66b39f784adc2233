"""Extraction's reason codes (research.extraction_reasons), and the error that carries one."""

from research.extraction_reasons import EXTRACTION, FAILED, INDEXED, REFUSED

__all__ = ["FAILED", "INDEXED", "REASONS", "REFUSED", "STATUS_BY_CODE", "ExtractionError"]

REASONS = {code: message for code, (_status, message) in EXTRACTION.items()}
STATUS_BY_CODE = {code: status for code, (status, _message) in EXTRACTION.items()}


class ExtractionError(Exception):
    """Raised inside the child when a file cannot or must not be read; carries a reason code."""

    def __init__(self, code: str, detail: str = ""):
        if code not in REASONS:
            raise ValueError(f"unknown reason code {code!r}")
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
