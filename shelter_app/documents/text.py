"""User text into a PDF: escaped for ReportLab's markup, Arabic shaped and laid out right to left.

A Paragraph parses markup, so a name with "<" or "&" would break the document or inject tags
(even `<img src="http://...">`); `paragraph` escapes every value. Arabic follows what works in
FIELD_NOTES: shape the text (arabic-reshaper), break it into lines in logical order by the
font's widths of the shaped words, reorder each line for display (python-bidi, base direction
right to left) and draw it right-aligned. Turkish words and numbers inside an Arabic line keep
their own order; a Turkish sentence with an Arabic name in it stays left to right. Vowel marks
are kept (the fonts' marks have no advance and sit on the letter drawn after them); a line is
drawn run by run in reading order, in fonts whose text layer reads ordinary letters
(documents.shaped_font), so copied or extracted text reads as written.

pypdf ends a right-to-left run at any character it does not know as Arabic or neutral (« », [ ])
and gives the parts from the left, so such a run is drawn in parts from the right. pypdf reads
a space only where the pen moves right past the text before it by a space's width, never at a
move to the left: between runs drawn from the right that the line parts with a space, the pen
first moves right past the run just drawn, drawing nothing (`_pieces`), which pypdf reads as
the space ("اليوم 5 من", not "اليوم5من"); pdftotext reads runs by their places and ignores it.
"""

import re
from copy import copy
from functools import cache, lru_cache
from itertools import groupby
from typing import Any
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape as _xml_escape

import arabic_reshaper
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import _simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags

from shelter_app.documents.bidi import base_direction, display, runs, strip_isolates
from shelter_app.documents.fonts import ARABIC, ARABIC_BOLD
from shelter_app.documents.ink import Ink
from shelter_app.documents.shaped_font import reads_as, spelled

_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def escape(value: object) -> str:
    """`value` as Paragraph text that prints exactly as typed (line breaks kept)."""
    text = "" if value is None else str(value)
    return "<br/>".join(_xml_escape(line) for line in text.split("\n"))


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def paragraph(value: object, style: ParagraphStyle, base: str | None = None) -> Flowable:
    """A flowable for user text: Arabic as an `RTLParagraph`, anything else escaped. `base`
    "L": a value in a left-to-right table (a name in a Turkish paper's list), laid out from
    the start of its cell as the values around it are, not from the right."""
    text = "" if value is None else str(value)
    if has_arabic(text):
        return RTLParagraph(text, _arabic_font(style), base=base)
    if _MARKUP.search(text) is None:
        return _unparsed(text, style)
    return Paragraph(escape(text), style)


_MARKUP = re.compile("[&<>\n]")  # what `escape` writes as markup
_FRAGMENTS: WeakKeyDictionary[ParagraphStyle, Any] = WeakKeyDictionary()


def _unparsed(text: str, style: ParagraphStyle) -> Paragraph:
    """The Paragraph the parser makes of `text` without markup: one fragment of `style`
    holding the text as the parser cleans it (spaces collapsed), copied from the one the
    parser made for the style once. Parsing was most of a short Paragraph's cost (a facts
    table's or signature block's label, ~0.1 ms each)."""
    cleaned = cleanBlockQuotedText(text)
    if not cleaned:  # no fragment at all
        return Paragraph(text, style)
    fragment = _FRAGMENTS.get(style)
    if fragment is None:
        fragment = _FRAGMENTS[style] = Paragraph("-", style).frags[0]
    frags = [copy(fragment)]
    frags[0].text = cleaned
    textTransformFrags(frags, style)
    return _Unparsed(cleaned, style, frags=frags)


class _Unparsed(Paragraph):
    """A Paragraph that keeps its lines for the width it was last broken at: a Table wraps
    each cell's Paragraph again for every measure and for drawing (a signature block's cells
    three times at one width), and breaking the lines was all of it. Lines a split dropped
    (it does when the paragraph does not fit) are broken again."""

    _wrapped: tuple[float, Any, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        kept = self._wrapped
        if kept is None or kept[0] != availWidth or self.__dict__.get("blPara") is not kept[1]:
            size = super().wrap(availWidth, availHeight)
            kept = self._wrapped = (availWidth, self.__dict__.get("blPara"), size)
        return kept[2]


@lru_cache(maxsize=64)
def _arabic_font(style: ParagraphStyle) -> ParagraphStyle:
    """`style`, or the same in the Arabic font when its own font has no Arabic letters (an
    Arabic name in a Latin body style would print as blanks). One per style: a kept drawing
    is found by its style (`RTLParagraph.draw`)."""
    if style.fontName in (ARABIC, ARABIC_BOLD):
        return style
    bold = style.fontName.endswith("-Bold")
    return ParagraphStyle(f"{style.name}-arabic", style,
                          fontName=ARABIC_BOLD if bold else ARABIC)


def visual(line: str, base: str = "R") -> str:
    """One logical line of Arabic as it is drawn left to right: shaped and reordered."""
    return strip_isolates(spelled(display(_RESHAPER.reshape(line), base)))


@lru_cache(maxsize=16384)
def _shaped(word: str, font: str, size: float) -> tuple[str, float]:
    """A word shaped, and its width as printed. Cached: the clauses' words recur in every
    contract, around the few values that differ. A word without Arabic letters (a name, a
    number) is as it is: the reshaper costs a tenth of a millisecond a call."""
    shaped = _RESHAPER.reshape(word) if has_arabic(word) else word
    return shaped, stringWidth(strip_isolates(shaped), font, size)


def rtl_lines(text: str, font: str, size: float, width: float, base: str = "R") -> list[str]:
    """`text` broken into lines that fit `width`, each ready to draw (see `visual`)."""
    return list(_rtl_lines(text, font, size, width, base))


@lru_cache(maxsize=2048)
def _rtl_lines(text: str, font: str, size: float, width: float, base: str) -> tuple[str, ...]:
    """`rtl_lines`, cached: most of a contract's Arabic paragraphs are the same in every one.

    Words are measured shaped, as they print. Arabic letters join within a word only, so each
    word is shaped on its own and a line's width is the sum of its shaped words and spaces
    (measuring every candidate line instead took 85 ms for a contract's clauses). A word longer
    than the line stands alone."""
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    for block in text.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in block.split():
            shaped, word_width = _shaped(word, font, size)
            if current and used + space + word_width > width:
                lines.append(" ".join(current))
                current, used = [shaped], word_width
            else:
                used += word_width + (space if current else 0.0)
                current.append(shaped)
        lines.append(" ".join(current))
    return tuple(_displayed(line, base) for line in lines)


@lru_cache(maxsize=4096)
def _displayed(line: str, base: str) -> str:
    """A shaped line in display order, ready to draw. Cached: most of a contract's lines are
    the same in every contract."""
    return spelled(display(line, base))


class RTLParagraph(Flowable):
    """Text with Arabic in the style's font and size; splits across pages. Arabic text reads
    right to left and is right-aligned (centred in a centred style); a text that starts in a
    Latin script (a Turkish sentence naming an Arabic name) reads left to right, left-aligned."""

    # Flowable.__init__'s defaults, as the class's: a contract makes some 300 of these
    width = height = wrapped = 0
    hAlign, vAlign = "LEFT", "BOTTOM"
    _traceInfo = _showBoundary = encoding = None

    def __init__(self, text: str, style: ParagraphStyle, lines: list[str] | None = None,
                 base: str | None = None) -> None:
        self.text = text
        self.style = style
        self.lines = lines
        self.leading = style.leading or style.fontSize * 1.2
        self.base = base or base_direction(text)
        self._broken_at: float | None = None if lines is None else -1.0  # -1: a split's lines

    def break_lines(self, width: float) -> list[str]:
        return rtl_lines(self.text, self.style.fontName, self.style.fontSize, width, self.base)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        if self._broken_at not in (-1.0, available_width):  # not yet broken at this width
            self.lines = self.break_lines(available_width)
            self._broken_at = available_width
        self.height = len(self.lines or []) * self.leading
        return self.width, self.height

    # A table asks each cell's flowable its size and spaces at every measure and draw (~1,000
    # times a contract): answered without Flowable's hasattr chains and canvas juggling.
    def wrapOn(self, canv: Any, aW: float, aH: float) -> tuple[float, float]:  # noqa: N802, N803
        return self.wrap(aW, aH)

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.style.spaceAfter

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        assert self.lines is not None
        fits = int(available_height // self.leading)
        if fits < 1 or fits >= len(self.lines):
            return [] if fits < 1 else [self]
        return [type(self)(self.text, self.style, self.lines[:fits], self.base),
                type(self)(self.text, self.style, self.lines[fits:], self.base)]

    def drawn_text(self) -> dict[str, str]:
        """The characters drawn, by font (what its kept drawing needs learnt codes for)."""
        return {self.style.fontName: strip_isolates("".join(self.lines or ()))}

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
        """As Flowable.drawOn writes it ("q", the translation, the text, "Q"), without its
        copy of the canvas's state, saved and restored around a draw that changes none of it
        (the text object's colour ends at its "Q"): a contract draws some 300 of them."""
        x = self._hAlignAdjust(x, _sW)
        code = canvas._code
        code.append("q")
        code.append(f"{fp_str(1, 0, 0, 1, x, y)} cm")
        self.canv = canvas
        self.draw()
        del self.canv
        code.append("Q")

    def draw(self) -> None:
        """All lines in one text object (a text object per line cost a third more), each line
        run by run in reading order (see `_pieces` and `_draw_run`). In a document whose
        fonts give a kind's fixed characters their codes first, the operators of lines drawn
        before are written as kept (documents.first_codes)."""
        font, size = self.style.fontName, self.style.fontSize
        codes = getattr(self.canv._doc, "first_codes", None)
        if codes is not None:  # a style is never changed once made: it stands for its look
            key = (tuple(self.lines or ()), self.style, self.width, self.base)
            kept = codes.drawing(key)
            if kept is not None:
                self.canv._code.append(kept)
                return
        text = self.canv.beginText()
        text.setFillColor(self.style.textColor)
        ink = Ink(text)
        ink.font(font, size)
        descent = size * 0.25
        for number, line in enumerate(self.lines or []):
            y = self.height - (number + 1) * self.leading + descent
            if self.base == "L" and self.style.alignment != TA_CENTER:
                if not has_arabic(line):  # plain text: one piece at the left
                    ink.at(0.0, y)
                    ink.show(line)
                    continue
                pieces, _ = _pieces(line, self.base, font, size)
                x = 0.0
            else:
                pieces, line_width = _pieces(line, self.base, font, size)
                free = self.width - line_width
                x = free / 2 if self.style.alignment == TA_CENTER else free
            for offset, piece, space_at, apart in pieces:
                if space_at is not None:  # a space read back by pypdf (module docstring)
                    ink.at(x + space_at, y)
                if apart:  # read after the run drawn before it (see `_pieces`)
                    ink.code.append("ET BT")
                _draw_run(ink, piece, x + offset, y, font, size)
        self.canv.drawText(text)
        if codes is not None:
            codes.drawn(key, self.canv._code[-1], self.drawn_text)


def _draw_run(ink: Ink, run: str, x: float, y: float, font: str, size: float) -> None:
    """One run drawn left to right; a right-to-left run whose glyphs fall in two of the font's
    subsets of 256 (each a font switch in the PDF) is drawn in parts from the right, since
    pypdf turns each part around on its own."""
    parts = ink.parts(run)
    if len(parts) < 2 or not has_arabic(run):
        ink.at(x, y)
        for part in parts:
            ink.put(part)
        return
    at, starts = 0, []
    for part in parts:
        starts.append(at)
        at += part[2]
    for start, part in reversed(list(zip(starts, parts, strict=True))):
        ink.at(x + stringWidth(run[:start], font, size), y)
        ink.put(part)


# (offset, text, where the pen moves first to be read as a space, whether it is drawn in a
# text object of its own) per piece, the line's width
Piece = tuple[float, str, float | None, bool]
Pieces = tuple[tuple[Piece, ...], float]
# What pypdf reads as neutral inside Arabic (ASCII and general punctuation, Arabic digits);
# it takes any other character that is not Arabic for a left-to-right letter: « », [ ], { }.
_READ_NEUTRAL = re.compile("[\x00-\x2f\x3a-\x40\u0660-\u066d\u06f0-\u06f9\u2000-\u206f\u20a0-\u21ff]")


@cache
def _read_as_latin(char: str) -> bool:
    """Whether a drawn code reads as a character pypdf ends a right-to-left run at."""
    read = reads_as(ord(char))
    return bool(read) and not _READ_NEUTRAL.match(read) and not has_arabic(read)


# Arabic letters and what surely reads as neutral: a run of these alone is drawn whole.
_READ_IN_ONE = re.compile("[\x00-\x2f\x3a-\x40\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff"
                          "\u2000-\u206f\u20a0-\u21ff\uf8e0\uf8e3\uf8f0-\uf8f3]*")


def _reading_parts(piece: str) -> list[str]:
    """A displayed right-to-left run cut at the characters pypdf reads as left to right, the
    parts from the left. pypdf gives the parts of a run so cut from the left, so they are drawn
    one by one from the right: "«البرنامج»" came back as "»البرنامج«" and out of order."""
    if _READ_IN_ONE.fullmatch(piece):
        return [piece]
    return ["".join(part) for _, part in groupby(piece, _read_as_latin)]


@lru_cache(maxsize=4096)
def _pieces(line: str, base: str, font: str, size: float) -> Pieces:
    """The runs of a displayed line in reading order as `Piece`s, and the line's width.

    A right-to-left run that starts (on the left) with punctuation is drawn in two: its letters,
    then its punctuation in a text object of its own. pypdf puts punctuation drawn first in a
    run with the text before it while it reads left to right (it moved "(IBAN)." 's "." before
    the run), and ends its reading of a run at the end of a text object, so the punctuation
    read apart comes after the letters. A run that follows its reader's predecessor to the
    left, a space between them, is drawn after a move of a font size right of that predecessor
    (see the module's docstring). Cached: the clauses' lines recur."""
    if base == "L" and not has_arabic(line):
        return ((0.0, line, None, False),), stringWidth(line, font, size)
    spans = runs(line, base)
    offsets = {}
    at, position = 0, 0.0
    for start, end in sorted(spans):
        position += stringWidth(strip_isolates(line[at:start]), font, size)
        offsets[start] = position
        position += stringWidth(strip_isolates(line[start:end]), font, size)
        at = end
    width = position + stringWidth(strip_isolates(line[at:]), font, size)
    pieces: list[Piece] = []
    before: tuple[int, float] | None = None  # the start and right edge of the run read before
    for start, end in spans:
        piece = strip_isolates(line[start:end])
        space_at = None
        if before is not None and end <= before[0] and " " in line[end:before[0]]:
            space_at = before[1] + size
        before = (start, offsets[start] + stringWidth(piece, font, size))
        if not has_arabic(piece):
            pieces.append((offsets[start], piece, space_at, False))
            continue
        parts = _reading_parts(piece)
        lefts = [offsets[start]]
        for part in parts[:-1]:
            lefts.append(lefts[-1] + stringWidth(part, font, size))
        for number, (left, part) in reversed(list(enumerate(zip(lefts, parts, strict=True)))):
            moved = space_at if number == len(parts) - 1 else None
            lead = _lead(part) if has_arabic(part) else 0
            if lead:  # its letters, then its punctuation read apart
                pieces.append((left + stringWidth(part[:lead], font, size), part[lead:], moved,
                               False))
                pieces.append((left, part[:lead], None, True))
            else:
                pieces.append((left, part, moved, False))
    return tuple(pieces), width


def _lead(part: str) -> int:
    """How many characters a drawn right-to-left run starts with (on the left) that are not
    read as Arabic letters (punctuation, a mirrored bracket; not an alef's stand-in)."""
    for at, char in enumerate(part):
        if has_arabic(reads_as(ord(char))):
            return at
    return len(part)


class PlainParagraph(RTLParagraph):
    """Left-to-right text without Arabic, left-aligned (or centred), broken at spaces by the
    font's widths. No markup is parsed, so nothing needs escaping, and it costs a fraction of
    a Paragraph: a contract has a hundred short texts."""

    def __init__(self, text: str, style: ParagraphStyle, lines: list[str] | None = None,
                 base: str | None = "L") -> None:
        super().__init__(text, style, lines, "L")

    def break_lines(self, width: float) -> list[str]:
        return wrap_plain(self.text, self.style.fontName, self.style.fontSize, width).split("\n")


def plain_paragraph(value: object, style: ParagraphStyle) -> Flowable:
    """Like `paragraph`, as plain lines: a `PlainParagraph`, or an `RTLParagraph` for Arabic."""
    text = "" if value is None else str(value)
    if has_arabic(text):
        return RTLParagraph(text, _arabic_font(style))
    return PlainParagraph(text, style)


@lru_cache(maxsize=4096)
def wrap_plain(text: str, font: str, size: float, width: float) -> str:
    """Left-to-right `text` broken into lines of `width` for a table cell ("\\n" joined).

    A plain string in a Table cell is drawn as it is, never parsed as markup, and costs far
    less than a Paragraph: long tables of lines use it. Cached: a BoQ repeats descriptions."""
    if not text:
        return ""
    lines = []
    for line in _split(text, font, size, width):
        while stringWidth(line, font, size) > width and len(line) > 1:  # one long word
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return "\n".join(lines)


def _split(text: str, font: str, size: float, width: float) -> list[str]:
    """ReportLab's simpleSplit, its words measured through a cache: a contract's names,
    streets and units recur in the next one, and measuring them was most of breaking a
    value's lines."""
    if not width:
        return text.split("\n")
    return [line for block in text.split("\n")
            for line in _simpleSplit(block, width, lambda word: _width(word, font, size))]


@lru_cache(maxsize=16384)
def _width(word: str, font: str, size: float) -> float:
    return stringWidth(word, font, size)
