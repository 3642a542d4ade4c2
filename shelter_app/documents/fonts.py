"""Fonts embedded in every PDF, so Turkish and Arabic print the same on any machine.

They come from installed packages (OFL-1.1): Noto Sans (Latin, Turkish) and Noto Sans Arabic,
the faces the documents draw in (registering a face costs every printing process ~10 ms; Amiri,
which none drew in, is no longer registered). Noto's files are variable fonts, of which
ReportLab only uses the default (Regular) instance; asking it for Bold would silently print
Regular (FIELD_NOTES). So Bold is a static instance made with fontTools' instancer under its own
PostScript name. Making one takes seconds, so it is made once per machine and kept in the user
cache folder, named after the source file's size and the fontTools version. The Arabic faces
are `ShapedFont`s, whose text layer reads ordinary letters (documents.shaped_font).
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import platformdirs

SANS = "NotoSans"
SANS_BOLD = "NotoSans-Bold"
ARABIC = "NotoSansArabic"
ARABIC_BOLD = "NotoSansArabic-Bold"


@dataclass(frozen=True)
class FontFiles:
    """Where each registered font came from (for tests and the about box)."""

    files: dict[str, Path]


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("shelter_app", "Barinak")) / "fonts"


def _package_file(package: str, name: str) -> Path:
    module = __import__(package)
    return Path(module.ROOT) / "files" / name


def static_instance(source: Path, weight: int, postscript_name: str,
                    folder: Path | None = None) -> Path:
    """A static TTF of the variable font `source` at `weight`, named `postscript_name`;
    made on first use and cached in `folder` (the user cache)."""
    import fontTools

    folder = folder or cache_dir()
    key = hashlib.sha256(
        f"{source.name}|{source.stat().st_size}|{weight}|{fontTools.version}".encode()
    ).hexdigest()[:12]
    target = folder / f"{postscript_name}-{key}.ttf"
    if target.is_file():
        return target
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = instancer.instantiateVariableFont(TTFont(source), {"wght": weight, "wdth": 100})
    family = postscript_name.split("-")[0]
    style = postscript_name.split("-", 1)[1] if "-" in postscript_name else "Regular"
    names = font["name"]
    names.removeNames(nameID=25)  # the variable font's PostScript name prefix
    for name_id, value in ((1, family), (2, style), (4, f"{family} {style}"),
                           (6, postscript_name), (16, family), (17, style)):
        names.setName(value, name_id, 3, 1, 0x409)
    folder.mkdir(parents=True, exist_ok=True)
    # written aside then renamed: two processes starting at once never read half a file
    handle, partial = tempfile.mkstemp(dir=folder, suffix=".partial")
    os.close(handle)
    try:
        font.save(partial)
        os.replace(partial, target)
    finally:
        Path(partial).unlink(missing_ok=True)
    return target


@cache
def register_fonts() -> FontFiles:
    """Register the fonts and their bold faces with ReportLab, once per process."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    from shelter_app.documents.font_programs import KeptFont

    sans = _package_file("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf")
    arabic = _package_file("fontpkg_noto_sans_arabic", "NotoSansArabic[wdth,wght].ttf")
    files = {
        SANS: sans,
        SANS_BOLD: static_instance(sans, 700, SANS_BOLD),
        ARABIC: arabic,
        ARABIC_BOLD: static_instance(arabic, 700, ARABIC_BOLD),
    }
    from shelter_app.documents.shaped_font import ShapedFont

    for name, path in files.items():
        font_class = KeptFont if name in (SANS, SANS_BOLD) else ShapedFont
        pdfmetrics.registerFont(font_class(name, str(path)))
    for regular, bold in ((SANS, SANS_BOLD), (ARABIC, ARABIC_BOLD)):
        for italic in (0, 1):  # no italics: an italic request prints upright, never fails
            addMapping(regular, 0, italic, regular)
            addMapping(regular, 1, italic, bold)
    return FontFiles(files)
