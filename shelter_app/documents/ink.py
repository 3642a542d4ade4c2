"""Text put into a PDF text object without ReportLab's per-string work.

ReportLab's `textOut` measures each string, splits it into the font's subsets of 256 codes
character by character in Python (TTFont.splitString) and formats the operators: in a 200-line
BoQ or a contract that was a third of the render. Here a string's codes come from one
`str.translate` with a table of the codes the document has given out so far (printable ASCII
is its own codes); a character the document has not used yet goes through splitString as
translate meets it, which gives out its code exactly as ReportLab would, and the table learns
it. Each string's operators are kept for the rest of the document (numbers, units and labels
repeat).
"""

from collections.abc import Iterable
from itertools import groupby
from typing import Any

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.textobject import PDFTextObject

_NBSP = 0xA0  # splitString prints it as a space


Parts = tuple[tuple[int, str, int], ...]  # (subset, "(...) Tj", characters) per subset run


class _Table(dict[int, str]):
    """A font's translate table for one document: a character not in it yet gets its code
    from ReportLab as `str.translate` meets it, so a string's new characters are given out in
    the order they first appear, as ReportLab's textOut gives them."""

    def __init__(self, font: Any, doc: Any) -> None:
        # the codes the document has given out already (a contract's fixed characters)
        super().__init__((char, chr(code)) for char, code in font.state[doc].assignments.items())
        self.font, self.doc = font, doc

    def __missing__(self, char: int) -> str:
        self.font.splitString(chr(char), self.doc)
        assigned = self.font.state[self.doc].assignments
        code = self[char] = chr(assigned.get(32 if char == _NBSP else char, 0))  # 0: none
        return code


class _Codes:
    """One font's codes in one document: a translate table and the operators of each string
    (subset, "(...) Tj") drawn so far."""

    def __init__(self, font: Any, doc: Any) -> None:
        self.font, self.doc = font, doc
        self.table = _Table(font, doc)
        self.shown: dict[str, Parts] = {}
        # ReportLab starts a font's first subset with ASCII's own codes (asciiReadable): then
        # printable ASCII text is its own codes, with nothing to look up
        assigned = font.state[doc].assignments
        self.ascii = all(assigned.get(code) == code for code in range(32, 127))
        self.names: dict[int, str] = {}

    def show(self, text: str) -> Parts:
        shown = self.shown.get(text)
        if shown is None:
            plain = self.ascii and text.isascii() and text.isprintable()
            codes = text if plain else text.translate(self.table)
            if codes.isascii() or max(codes) < "\u0100":  # one subset: the usual case
                shown = ((0, f"({escapePDF(codes.encode('latin-1'))}) Tj", len(codes)),)
            else:
                shown = tuple(
                    (subset, f"({escapePDF(bytes(ord(c) & 0xFF for c in part))}) Tj", len(part))
                    for subset, part in ((key, "".join(group)) for key, group
                                         in groupby(codes, lambda c: ord(c) >> 8)))
            self.shown[text] = shown
        return shown

    def name(self, subset: int) -> str:
        name = self.names.get(subset)
        if name is None:
            name = self.names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return name


def _codes(font_name: str, doc: Any) -> _Codes:
    font = getFont(font_name)
    state = font._assignState(doc)
    codes = getattr(state, "ink", None)
    if codes is None:
        codes = state.ink = _Codes(font, doc)
    return codes


class Ink:
    """Writes strings into a PDF text object at given points: `font`, then `at` and `show`.

    Only the writer's own operators may go into the text object between `font` calls (it keeps
    track of the font subset in use), and only TrueType fonts (the documents embed no other)."""

    def __init__(self, text: PDFTextObject) -> None:
        self.text = text
        self.code: list[str] = text._code
        self.doc = text._canvas._doc
        self.codes: _Codes | None = None
        self.size = ""
        self.subset = -1

    def font(self, name: str, size: float) -> None:
        codes = _codes(name, self.doc)
        if codes is not self.codes or fp_str(size) != self.size:
            self.codes, self.size, self.subset = codes, fp_str(size), -1

    def colour(self, colour: Any) -> None:
        self.text.setFillColor(colour)

    def at(self, x: float, y: float) -> None:
        self.code.append(f"1 0 0 1 {fp_str(x, y)} Tm")

    def show(self, text: str) -> None:
        for part in self.parts(text):
            self.put(part)

    def parts(self, text: str) -> Parts:
        """`text` as runs of one font subset each, to `put` one by one."""
        assert self.codes is not None, "Ink.font first"
        return self.codes.show(text)

    def put(self, part: tuple[int, str, int]) -> None:
        subset, operator, _ = part
        if subset != self.subset:
            assert self.codes is not None
            self.code.append(f"{self.codes.name(subset)} {self.size} Tf")
            self.subset = subset
        self.code.append(operator)

    def show_each(self, placed: Iterable[tuple[str, str, str]]) -> None:
        """`at` and `show` for each (x, y, text), the point already formatted (fp_str): a
        table's cells are thousands of short strings, written in one loop."""
        codes = self.codes
        assert codes is not None, "Ink.font first"
        known, show, append = codes.shown.get, codes.show, self.code.append
        for x, y, text in placed:
            shown = known(text) or show(text)
            if len(shown) == 1 and shown[0][0] == self.subset:
                append(f"1 0 0 1 {x} {y} Tm {shown[0][1]}")
            else:
                append(f"1 0 0 1 {x} {y} Tm")
                self.show(text)
