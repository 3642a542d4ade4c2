"""Fonts whose cut programs are kept: the same subset is embedded again and again.

ReportLab cuts the glyphs a document uses out of the TrueType file for every document
(TTFontFace.makeSubset, about a third of writing out a contract), compresses the program and
its ToUnicode map, and formats each subset's 256 widths number by number. Documents of one kind
mostly use the same characters in the same order (the bold faces of every contract, the Latin
faces of every BoQ), so a face keeps the last programs it cut and gives one again for the same
codes, and the streams and widths of a subset already written are written again as they were.
"""

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFStreamFilterZCompress, PDFZCompress
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

KEPT = 16  # programs per face


class _KeptFace(TTFontFace):
    _kept: dict[tuple[int, ...], bytes]

    def makeSubset(self, subset: list[int]) -> bytes:
        key = tuple(subset)
        kept = self.__dict__.setdefault("_kept", {})
        program = kept.get(key)
        if program is None:
            program = super().makeSubset(subset)
            if len(kept) >= KEPT:  # plain dict steps only: renders may run in two threads
                kept.clear()
            kept[key] = program
        return program


class _KeptFlate(PDFStreamFilterZCompress):
    """FlateDecode that keeps what it gave for the last contents (a kept program is the very
    same bytes object, found at once)."""

    def __init__(self) -> None:
        self.kept: dict[bytes | str, bytes] = {}

    def encode(self, text: bytes | str) -> bytes:
        packed = self.kept.get(text)
        if packed is None:
            packed = super().encode(text)
            if len(self.kept) >= 8 * KEPT:
                self.kept.clear()
            self.kept[text] = packed
        return packed


_FLATE = _KeptFlate()
_WIDTHS: dict[tuple[int, ...], bytes] = {}


class _KeptWidths(PDFArray):
    """A subset's widths, formatted once for all documents that use the same codes."""

    def format(self, document: Any, IND: bytes = b"\n ") -> bytes:  # noqa: N803 (ReportLab's)
        key = tuple(self.sequence)
        formatted = _WIDTHS.get(key)
        if formatted is None:
            if len(_WIDTHS) >= 8 * KEPT:
                _WIDTHS.clear()
            formatted = _WIDTHS[key] = super().format(document, IND)
        return formatted


class KeptFont(TTFont):
    """A TrueType font whose face keeps its cut programs (`_KeptFace`) and whose subsets'
    streams and widths are written as kept (`_KeptFlate`, `_KeptWidths`)."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.face.__class__ = _KeptFace  # the face TTFont made, with the method above

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        count = len(state.subsets) if state is not None else 0
        names = [self.getSubsetInternalName(number, doc)[1:] for number in range(count)]
        super().addObjects(doc)
        objects = doc.idToObject
        for name in names:
            font = objects[name]
            font.Widths = _KeptWidths(font.Widths.sequence)
            descriptor = objects[font.FontDescriptor.name]
            for stream in (objects[font.ToUnicode.name],
                           objects[descriptor.dict["FontFile2"].name]):
                if stream.filters == [PDFZCompress]:
                    stream.filters = [_FLATE]
