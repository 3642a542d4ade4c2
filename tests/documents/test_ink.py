"""documents.ink writes strings as ReportLab's textOut would: the same codes in the same font
subsets, read back as the same text."""

from io import BytesIO

import pypdf
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from shelter_app.documents.fonts import SANS, register_fonts
from shelter_app.documents.ink import Ink

# more than 256 distinct characters, so the font needs a second subset; a no-break space
# (printed as a space) and a character the font lacks (code 0)
LINES = ["Şöför Ünal — İĞÇ 1.234,56 TL", "".join(map(chr, range(0x100, 0x180))),
         "".join(map(chr, range(0x391, 0x3AA))) + " " + "".join(map(chr, range(0x3B1, 0x3CA))),
         "".join(map(chr, range(0x410, 0x450))), "a\u00a0b Şöför", "\U0001F600 ok"]


def _pdf(write) -> tuple[bytes, dict[int, int], list[list[int]]]:  # type: ignore[no-untyped-def]
    register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, invariant=True)
    text = canvas.beginText()
    write(canvas, text)
    canvas.drawText(text)
    state = getFont(SANS).state[canvas._doc]
    assignments, subsets = dict(state.assignments), [list(s) for s in state.subsets]
    canvas.showPage()
    canvas.save()
    return buffer.getvalue(), assignments, subsets


def _reportlab(canvas: Canvas, text) -> None:  # type: ignore[no-untyped-def]
    text.setFont(SANS, 9)
    for number, line in enumerate(LINES * 2):
        text.setTextOrigin(20, 800 - 12 * number)
        text.textOut(line)


def _ink(canvas: Canvas, text) -> None:  # type: ignore[no-untyped-def]
    ink = Ink(text)
    ink.font(SANS, 9)
    for number, line in enumerate(LINES * 2):
        ink.at(20, 800 - 12 * number)
        ink.show(line)


def _text(pdf: bytes) -> str:
    return pypdf.PdfReader(BytesIO(pdf)).pages[0].extract_text()


def test_codes_and_subsets_are_reportlabs() -> None:
    ours, theirs = _pdf(_ink), _pdf(_reportlab)
    assert len(ours[2]) == 2  # the second subset was used
    assert ours[1:] == theirs[1:]


def test_text_reads_back_as_reportlabs() -> None:
    ours, theirs = _text(_pdf(_ink)[0]), _text(_pdf(_reportlab)[0])
    assert ours == theirs
    assert "Şöför Ünal — İĞÇ 1.234,56 TL" in ours
    assert "".join(map(chr, range(0x410, 0x450))) in ours
