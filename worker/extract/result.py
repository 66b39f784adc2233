"""What a format extractor hands back, and a text buffer that stops at the character limit."""

import dataclasses


@dataclasses.dataclass
class FormatResult:
    """Text from one format extractor; `note` is a reason code when the text is partial."""

    text: str
    pages: int | None = None
    truncated: bool = False
    note: str = ""


class TextBuffer:
    """Collects text blocks up to `max_characters`; `full` tells the extractor to stop reading."""

    def __init__(self, max_characters: int):
        self.max_characters = max_characters
        self.parts: list[str] = []
        self.size = 0
        self.truncated = False

    @property
    def full(self) -> bool:
        return self.truncated

    def add(self, block: str) -> bool:
        """Append a block (a paragraph, a page); return False once the limit is reached."""
        if self.truncated:
            return False
        block = block.strip()
        if not block:
            return True
        room = self.max_characters - self.size
        if len(block) > room:
            block = block[:room]
            self.truncated = True
        self.parts.append(block)
        self.size += len(block) + 2
        return not self.truncated

    def text(self) -> str:
        return "\n\n".join(self.parts)

    def result(self, pages: int | None = None, note: str = "", truncated: bool = False):
        """Package the text; a character cut wins over no note, never over a page cut."""
        if self.truncated and not truncated:
            note = "too-many-characters"
        return FormatResult(self.text(), pages, self.truncated or truncated, note)
