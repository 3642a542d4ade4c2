"""A TrueType font for shaped Arabic whose text layer reads as typed.

Arabic is printed as presentation forms (the joined shapes arabic-reshaper picks), in display
order, with brackets at right-to-left levels drawn as their mirror image. ReportLab's ToUnicode
map gives each code back as drawn, so a reader extracted "ﺍﻟﻤﺎﺩﺓ" for "المادة" and ")" for "(".
This font maps each presentation form to its ordinary letters and each mirrored-bracket
stand-in (documents.bidi.MIRRORED) to the bracket it stands for, which pdftotext and pypdf then
put back in reading order. A lam-alef ligature reads as lam, and an empty glyph of no width
drawn just before it (`spelled`) reads as its alef: one code giving two letters was read
backwards by pdftotext. The printed shapes are the same glyphs.
"""

import unicodedata
from functools import cache

from reportlab.pdfbase.ttfonts import SUBSETN

from shelter_app.documents.bidi import MIRRORED
from shelter_app.documents.font_programs import KeptFont

_FORMS = ("<initial>", "<medial>", "<final>", "<isolated>")
_EMPTY = 0x200B  # zero width space: no outline, no advance, in every Arabic face
# lam-alef ligatures (U+FEF5..U+FEFC) and, for each, the stand-in that reads as its alef
_LIGATURES = {chr(code): chr(0xF8F0 + (code - 0xFEF5) // 2) for code in range(0xFEF5, 0xFEFD)}
_ALEFS = {stand_in: unicodedata.decomposition(ligature).split()[-1]
          for ligature, stand_in in _LIGATURES.items()}
_SPELLED = str.maketrans({ligature: stand_in + ligature
                          for ligature, stand_in in _LIGATURES.items()})


@cache
def reads_as(code: int) -> str:
    """The text a drawn code stands for: ordinary letters for a presentation form."""
    char = chr(code)
    if char in MIRRORED:
        return MIRRORED[char][1]
    if char in _ALEFS:
        return chr(int(_ALEFS[char], 16))
    if char in _LIGATURES:
        return "\u0644"
    kind, *parts = unicodedata.decomposition(char).split() or [""]
    if kind not in _FORMS:
        return char
    # a vowel mark's isolated form is a space and the mark: the mark alone
    return "".join(chr(int(part, 16)) for part in parts if part != "0020")


def spelled(line: str) -> str:
    """A displayed line with each lam-alef ligature preceded by the stand-in of its alef."""
    return line.translate(_SPELLED)


@cache
def _entry(code: int) -> str:
    """The ToUnicode value of a drawn code, as UTF-16BE hex."""
    return reads_as(code).encode("utf-16-be").hex().upper()


def _to_unicode(name: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for `subset` (ttfonts.makeToUnicodeCMap), read as above."""
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({name})", f"/Ordering ({name})", "/Supplement 0",
        ">> def", f"/CMapName /{name} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{_entry(code)}>" for index, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


class ShapedFont(KeptFont):
    """TTFont with the mirrored-bracket stand-ins and a ToUnicode map of ordinary letters."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        face = self.face
        aliases = {stand_in: drawn for stand_in, (drawn, _) in MIRRORED.items()}
        aliases.update(dict.fromkeys(_ALEFS, chr(_EMPTY)))
        for stand_in, drawn in aliases.items():
            code, glyph = ord(stand_in), ord(drawn)
            if glyph in face.charToGlyph:
                face.charToGlyph[code] = face.charToGlyph[glyph]
                face.charWidths[code] = face.charWidths[glyph]

    def addObjects(self, doc) -> None:  # type: ignore[no-untyped-def]
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        face = self.face
        for number, subset in enumerate(subsets):
            name = b"".join((SUBSETN(number), b"+", face.name, face.subfontNameX)).decode(
                "pdfdoc")
            cmap = doc.idToObject.get("toUnicodeCMap:" + name)
            if cmap is not None:
                cmap.content = _to_unicode(name, subset)
