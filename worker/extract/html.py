"""HTML text with the standard library parser: visible text only, never scripts or styles."""

from html.parser import HTMLParser
from pathlib import Path

from .limits import Limits
from .result import FormatResult, TextBuffer
from .text import decode_bytes, read_head

HIDDEN = {"script", "style", "template", "noscript", "svg", "math", "iframe", "object"}
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "title", "tr", "ul",
}  # fmt: skip


class _VisibleText(HTMLParser):
    """Collects text outside hidden elements; block elements start a new line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []
        self.hidden_depth = 0
        self.lines: list[str] = [""]

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.lines.append("")
        if tag in VOID:
            return
        hides = tag in HIDDEN or any(name == "hidden" for name, _value in attrs)
        self.open.append((tag, hides))
        self.hidden_depth += hides

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.lines.append("")
        if all(opened != tag for opened, _hides in self.open):
            return
        while self.open:  # unclosed children close with their parent, as in browsers
            opened, hides = self.open.pop()
            self.hidden_depth -= hides
            if opened == tag:
                break

    def handle_data(self, data):
        if self.hidden_depth == 0:
            self.lines[-1] += data


def extract_html(path: Path, limits: Limits) -> FormatResult:
    """Visible text of the page, `<title>` included; hidden elements are skipped."""
    raw, cut = read_head(path, limits.max_characters * 4)
    parser = _VisibleText()
    parser.feed(decode_bytes(raw, html=True))
    parser.close()
    buffer = TextBuffer(limits.max_characters)
    for line in parser.lines:
        if not buffer.add(" ".join(line.split())):
            break
    return buffer.result(truncated=cut, note="too-many-characters" if cut else "")
