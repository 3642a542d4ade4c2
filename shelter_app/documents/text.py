"""User text into a PDF: escaped for ReportLab's markup, Arabic shaped and laid out right to left.

A Paragraph parses markup, so a name with "<" or "&" would break the document or inject tags
(even `<img src="http://...">`); `paragraph` escapes every value. Arabic follows what works in
FIELD_NOTES: break the text into lines in logical order, measuring each candidate line with
the font after shaping, then shape each line (arabic-reshaper), reorder it for display
(python-bidi, base direction right to left) and draw it right-aligned. Turkish words and
numbers inside an Arabic line keep their own order.
"""

import re
from functools import lru_cache
from xml.sax.saxutils import escape as _xml_escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def escape(value: object) -> str:
    """`value` as Paragraph text that prints exactly as typed (line breaks kept)."""
    text = "" if value is None else str(value)
    return "<br/>".join(_xml_escape(line) for line in text.split("\n"))


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def paragraph(value: object, style: ParagraphStyle) -> Flowable:
    """A flowable for user text: Arabic as an `RTLParagraph`, anything else escaped."""
    text = "" if value is None else str(value)
    if has_arabic(text):
        return RTLParagraph(text, style)
    return Paragraph(escape(text), style)


def visual(line: str) -> str:
    """One logical line of Arabic as it is drawn left to right: shaped and reordered."""
    return get_display(arabic_reshaper.reshape(line), base_dir="R")


def rtl_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` broken into lines that fit `width`, each ready to draw (see `visual`).

    Words are measured shaped, as they print; a word longer than the line stands alone."""
    lines: list[str] = []
    for block in text.split("\n"):
        current: list[str] = []
        for word in block.split():
            candidate = " ".join([*current, word])
            if current and stringWidth(visual(candidate), font, size) > width:
                lines.append(" ".join(current))
                current = [word]
            else:
                current.append(word)
        lines.append(" ".join(current))
    return [visual(line) for line in lines]


class RTLParagraph(Flowable):
    """Right-to-left text in the style's font and size, right-aligned; splits across pages."""

    def __init__(self, text: str, style: ParagraphStyle, lines: list[str] | None = None) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.lines = lines
        self.leading = style.leading or style.fontSize * 1.2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        if self.lines is None:
            self.lines = rtl_lines(self.text, self.style.fontName, self.style.fontSize,
                                   available_width)
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        assert self.lines is not None
        fits = int(available_height // self.leading)
        if fits < 1 or fits >= len(self.lines):
            return [] if fits < 1 else [self]
        return [RTLParagraph(self.text, self.style, self.lines[:fits]),
                RTLParagraph(self.text, self.style, self.lines[fits:])]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.style.fontName, self.style.fontSize)
        canvas.setFillColor(self.style.textColor)
        descent = self.style.fontSize * 0.25
        for number, line in enumerate(self.lines or []):
            y = self.height - (number + 1) * self.leading + descent
            canvas.drawRightString(self.width, y, line)


@lru_cache(maxsize=4096)
def wrap_plain(text: str, font: str, size: float, width: float) -> str:
    """Left-to-right `text` broken into lines of `width` for a table cell ("\\n" joined).

    A plain string in a Table cell is drawn as it is, never parsed as markup, and costs far
    less than a Paragraph: long tables of lines use it. Cached: a BoQ repeats descriptions."""
    if not text:
        return ""
    lines = []
    for line in simpleSplit(text, font, size, width):
        while stringWidth(line, font, size) > width and len(line) > 1:  # one long word
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return "\n".join(lines)
