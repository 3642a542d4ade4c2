"""The printed page every document shares: A4, fonts, header, footer, QR code, signatures.

Each page carries the document's title and number in the header, a QR code of the number with
its check value (domain.docnumber) and "Sayfa 2 / 5" in the footer; the page count is known
only at the end, so pages are kept and finished when the document is saved. Signature blocks
are kept together so a signature never sits on a page apart from its name.
"""

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from shelter_app.documents.fonts import ARABIC, SANS, SANS_BOLD, register_fonts
from shelter_app.documents.text import paragraph
from shelter_app.domain import clock
from shelter_app.domain.docnumber import qr_payload
from shelter_app.domain.money import round_money

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
TOP_MARGIN = 30 * mm
BOTTOM_MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
QR_SIZE = 18 * mm
GRID = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef1f4")
INK = colors.HexColor("#1f2933")


@dataclass(frozen=True)
class DocumentMeta:
    """What every page shows: the title (Turkish, and English when printed), the number."""

    title: str
    number: str
    title_en: str | None = None
    issued: date | None = None
    organisation: str = "Barınak"


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=SANS, fontSize=9, leading=11.5, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=9.5),
        "heading": ParagraphStyle("heading", base, fontName=SANS_BOLD, fontSize=12, leading=15,
                                  spaceAfter=4),
        "label": ParagraphStyle("label", base, fontName=SANS_BOLD, fontSize=8, leading=10),
        "arabic": ParagraphStyle("arabic", base, fontName=ARABIC, fontSize=9.5, leading=14,
                                 alignment=TA_RIGHT),
    }


def bilingual(turkish: str, english: str | None) -> str:
    """A label in Turkish with the English after a slash when the English column is wanted."""
    return f"{turkish} / {english}" if english else turkish


# -- numbers --------------------------------------------------------------------------------

def _turkish(text: str) -> str:
    return text.translate(str.maketrans(",.", ".,"))


def amount(value: Decimal) -> str:
    """An amount as printed in a table: "1.234,56" (the column header names the currency)."""
    return _turkish(f"{round_money(value):z,.2f}")


def quantity(value: Decimal) -> str:
    """A quantity with the decimals it has (at most three): "12,5", "1.250", "0,125"."""
    text = _turkish(f"{value:,.3f}").rstrip("0").rstrip(",")
    return text or "0"


def percent(value: Decimal) -> str:
    """A rate as printed after "%": "20", "7,5"."""
    return quantity(value)


# -- page furniture -------------------------------------------------------------------------

def _qr_modules(number: str) -> list[list[bool]]:
    """The QR code's dark modules, row by row from the top."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qr_payload(number))
    code.make()
    return [[bool(dark) for dark in row] for row in code.modules]


def _draw_qr(canvas: Canvas, modules: list[list[bool]]) -> None:
    """The code as one filled path of horizontal runs at (0, 0), QR_SIZE wide with a quiet
    zone: far cheaper than a graphics widget with a shape per run."""
    quiet = 2
    box = QR_SIZE / (len(modules) + 2 * quiet)
    path = canvas.beginPath()
    for row_number, row in enumerate(modules):
        y = QR_SIZE - (row_number + quiet + 1) * box
        column = 0
        for dark, run in itertools.groupby(row):
            count = len(list(run))
            if dark:
                path.rect((column + quiet) * box, y, count * box, box)
            column += count
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)


def _canvas_class(meta: DocumentMeta) -> type[Canvas]:
    """A canvas that keeps its pages until the end, then draws "page n / total" on each."""
    modules = _qr_modules(meta.number)
    title = bilingual(meta.title, meta.title_en)
    issued = (meta.issued or clock.today()).strftime("%d.%m.%Y")

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            # drawn once as a form that every page refers to: 15 ms a page otherwise
            self.beginForm("qr")
            _draw_qr(self, modules)
            self.endForm()

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            self.saveState()
            top = PAGE_HEIGHT - 12 * mm
            self.setFillColor(INK)
            self.setFont(SANS_BOLD, 11)
            self.drawString(MARGIN, top - 4 * mm, title)
            self.setFont(SANS, 8.5)
            self.drawString(MARGIN, top - 9 * mm, f"Belge No / Document No: {meta.number}")
            self.drawString(MARGIN, top - 13 * mm, f"{meta.organisation} — {issued}")
            self.saveState()
            self.translate(PAGE_WIDTH - MARGIN - QR_SIZE, top - QR_SIZE + 2 * mm)
            self.doForm("qr")
            self.restoreState()
            self.setStrokeColor(GRID)
            self.setLineWidth(0.5)
            self.line(MARGIN, PAGE_HEIGHT - TOP_MARGIN + 4 * mm, PAGE_WIDTH - MARGIN,
                      PAGE_HEIGHT - TOP_MARGIN + 4 * mm)
            self.line(MARGIN, BOTTOM_MARGIN - 5 * mm, PAGE_WIDTH - MARGIN, BOTTOM_MARGIN - 5 * mm)
            self.setFont(SANS, 8)
            self.drawString(MARGIN, BOTTOM_MARGIN - 9 * mm, meta.number)
            self.drawRightString(PAGE_WIDTH - MARGIN, BOTTOM_MARGIN - 9 * mm,
                                 f"Sayfa {number} / {total}")
            self.restoreState()

    return NumberedCanvas


def build_pdf(story: list[Flowable], meta: DocumentMeta, target: Path | None = None) -> bytes:
    """Lay out `story` on A4 pages with the shared header and footer; the PDF's bytes, also
    written to `target` when given."""
    register_fonts()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN, title=f"{meta.title} {meta.number}",
        author=meta.organisation, subject=meta.number, invariant=True,
        initialFontName=SANS,  # else the file names Helvetica, a font it does not embed
    )
    document.build(story, canvasmaker=_canvas_class(meta))
    data = buffer.getvalue()
    if target is not None:
        target.write_bytes(data)
    return data


class PlainTable(Table):
    """A Table whose plain-string cells are all drawn in one PDF text object.

    ReportLab draws each string of each cell as a text object of its own; a 200-line BoQ has
    some 2,000 of them, and batching them nearly halves its drawing time. Cells that need more
    (flowables, links, shaping, other alignments) are drawn as Table draws them."""

    _batch: Any = None

    def draw(self) -> None:
        self._batch = self.canv.beginText()
        self._batch_style: Any = None
        try:
            super().draw()
            self.canv.drawText(self._batch)
        finally:
            self._batch = None

    def _drawCell(self, value: Any, style: Any, pos: tuple[float, float],
                  size: tuple[float, float]) -> None:
        batch = self._batch
        if (batch is None or not isinstance(value, str) or style.valign != "TOP"
                or style.alignment not in ("LEFT", "RIGHT") or style.href or style.destination
                or style.direction or style.shaping):
            super()._drawCell(value, style, pos, size)
            return
        if not value:
            return
        key = (style.fontname, style.fontsize, style.leading, style.color)
        if key != self._batch_style:  # every cell has a style object of its own
            batch.setFont(style.fontname, style.fontsize, style.leading)
            batch.setFillColor(style.color)
            self._batch_style = key
        x, y = pos
        width, height = size
        y += height - style.topPadding - style.fontsize
        for line in value.split("\n"):
            if style.alignment == "LEFT":
                batch.setTextOrigin(x + style.leftPadding, y)
            else:
                batch.setTextOrigin(x + width - style.rightPadding
                                    - stringWidth(line, style.fontname, style.fontsize), y)
            batch.textOut(line)
            y -= style.leading


# -- shared blocks --------------------------------------------------------------------------

@dataclass(frozen=True)
class SignatureBlock:
    role: str
    name: str | None = None
    role_en: str | None = None


SIGNATURE_WORDS = ("Adı Soyadı", "İmza", "Tarih")


def signature_blocks(blocks: Sequence[SignatureBlock], english: bool = False,
                     translations: Mapping[str, str] | None = None,
                     words: tuple[str, str, str] = SIGNATURE_WORDS) -> Flowable:
    """Side-by-side blocks (role, name, signature line, date), never split across pages.

    `words` are the Turkish labels of name, signature and date; `translations` maps each role
    and word to another language, printed under it in its own script (Arabic right to left)."""
    style = styles()
    second = translations or {}
    name_word, sign_word, date_word = words

    def cell(turkish: str, english_text: str | None, cell_style: ParagraphStyle,
             after: str = "") -> Flowable | list[Flowable]:
        first = paragraph(bilingual(turkish, english_text if english else None) + after,
                          cell_style)
        below = second.get(turkish)
        return [first, paragraph(below, style["small"])] if below else first

    cells = [[cell(b.role, b.role_en, style["label"]) for b in blocks],
             [cell(name_word, "Name", style["body"], f": {b.name or ''}") for b in blocks],
             [cell(sign_word, "Signature", style["body"], ":") for _ in blocks],
             [cell(date_word, "Date", style["body"], ": ....../....../..........")
              for _ in blocks]]
    width = FRAME_WIDTH / len(blocks)
    table = Table(cells, colWidths=[width] * len(blocks),
                  rowHeights=[None, None, 16 * mm, None])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS),  # a table's own default would be Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
    ]))
    return KeepTogether([Spacer(1, 6 * mm), table])


def facts_table(rows: Sequence[tuple[str, object]], label_width: float = 45 * mm) -> Table:
    """Label: value rows (escaped) for a document's heading block."""
    style = styles()
    table = Table([[paragraph(label, style["label"]), paragraph(value, style["body"])]
                   for label, value in rows],
                  colWidths=[label_width, FRAME_WIDTH - label_width])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5)]))
    return table
