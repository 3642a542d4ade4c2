"""Fonts whose cut programs are kept: the same subset is embedded again and again.

ReportLab cuts the glyphs a document uses out of the TrueType file for every document
(TTFontFace.makeSubset, about a third of writing out a contract). Documents of one kind mostly
use the same characters in the same order (the bold faces of every contract, the Latin faces of
every BoQ), so a face keeps the last programs it cut and gives one again for the same codes.
"""

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


class KeptFont(TTFont):
    """A TrueType font whose face keeps its cut programs (`_KeptFace`)."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.face.__class__ = _KeptFace  # the face TTFont made, with the method above
