"""The page furniture every document's pages carry: the header (title, number, organisation,
day), a QR code of the number with its check value (domain.docnumber), the footer with
"Sayfa 2 / 5", and on a signed paper the initials boxes. The page count is known only at the
end, so pages are kept and finished when the document is saved (build_pdf).
"""

import itertools
import zlib
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFStreamFilterZCompress
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from shelter_app.documents import qr
from shelter_app.documents.bidi import isolate
from shelter_app.documents.clauses import fill
from shelter_app.documents.fonts import ARABIC, ARABIC_BOLD, SANS, SANS_BOLD, register_fonts
from shelter_app.documents.styles import (
    BOTTOM_MARGIN,
    FRAME_WIDTH,
    GRID,
    INITIALS_HEIGHT,
    INK,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TOP_MARGIN,
    DocumentMeta,
    bilingual,
)
from shelter_app.documents.text import has_arabic, plain_paragraph, visual
from shelter_app.domain import clock

QR_SIZE = 18 * mm


class _QuickFlate(PDFStreamFilterZCompress):
    """FlateDecode at zlib's level 3 (ReportLab's is 6): a page's text and rules compress in
    half the time, to some 8 % more bytes (a 200-line BoQ's 45 KB file 1.6 KB more)."""

    def encode(self, text: bytes | str) -> bytes:
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 3)


def _draw_qr(canvas: Canvas, modules: list[list[bool]]) -> None:
    """The code as one filled path of horizontal runs at (0, 0), QR_SIZE wide with a quiet
    zone: far cheaper than a graphics widget with a shape per run. Each place and width is
    formatted once (what path.rect writes, its numbers formatted for every run)."""
    quiet = 2
    box = QR_SIZE / (len(modules) + 2 * quiet)
    lefts = [fp_str((column + quiet) * box) for column in range(len(modules))]
    widths = [fp_str(count * box) for count in range(len(modules) + 1)]
    height = fp_str(box)
    runs = []
    for row_number, row in enumerate(modules):
        y = fp_str(QR_SIZE - (row_number + quiet + 1) * box)
        column = 0
        for dark, run in itertools.groupby(row):
            count = len(list(run))
            if dark:
                runs.append(f"{lefts[column]} {y} {widths[count]} {height} re")
            column += count
    path = canvas.beginPath()
    path._code += ["n", *runs]
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_right(canvas: Canvas, text: str, right: float, y: float, font: str,
                size: float) -> None:
    """`text` ending at `right` on the baseline `y`: Arabic shaped right to left in the Arabic
    face of the same weight, anything else as it is."""
    if not has_arabic(text):
        canvas.setFont(font, size)
        canvas.drawRightString(right, y, text)
        return
    style = _furniture_style(font, size)
    flowable = plain_paragraph(text, style)
    _, height = flowable.wrap(PAGE_WIDTH / 2, size * 3)
    flowable.drawOn(canvas, right - PAGE_WIDTH / 2, y - size * 0.25 - height + style.leading)


@cache
def _furniture_style(font: str, size: float) -> ParagraphStyle:
    """The Arabic face of `font`'s weight, right-aligned: one style for every page's words, so
    their drawings are kept (documents.text.RTLParagraph.draw finds them by their style)."""
    return ParagraphStyle("furniture", fontName=ARABIC_BOLD if font == SANS_BOLD else ARABIC,
                          fontSize=size, leading=size * 1.3, textColor=INK, alignment=TA_RIGHT)


def _draw_left(canvas: Canvas, text: str, left: float, y: float, font: str,
               size: float) -> None:
    """`text` starting at `left`, as `_draw_right` draws it."""
    drawn, face = (visual(text), ARABIC_BOLD if font == SANS_BOLD else ARABIC) \
        if has_arabic(text) else (text, font)
    _draw_right(canvas, text, left + stringWidth(drawn, face, size), y, font, size)


def _canvas_class(meta: DocumentMeta) -> type[Canvas]:
    """A canvas that keeps its pages until the end, then draws "page n / total" on each."""
    modules = qr.modules(meta.number)
    title = bilingual(meta.title, meta.title_en)
    number_word = meta.number_word or ("Belge No / Document No" if meta.title_en else "Belge No")
    issued = (meta.issued or clock.today()).strftime(meta.day_format)
    second = meta.second

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if meta.codes is not None:
                meta.codes.give(self._doc)
            self._pages: list[dict[str, Any]] = []
            # pages and forms are left to the document's default filter, the fonts keep theirs
            self._pageCompression = 0
            self._doc.defaultStreamFilters = [_QuickFlate()]
            # what every page repeats is drawn once, as forms the pages refer to (the QR code
            # alone cost 15 ms a page)
            self.beginForm("qr")
            _draw_qr(self, modules)
            self.endForm()
            self.beginForm("furniture")
            self._furniture()
            self.endForm()
            if meta.initials:
                self.beginForm("initials")
                self._initials()
                self.endForm()

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.doForm("furniture")
                self._page_number(number, total)
                if number < total and meta.initials:
                    self.doForm("initials")
                super().showPage()
            if meta.codes is not None:
                meta.codes.learn(self._doc)
            super().save()

        def _furniture(self) -> None:
            self.saveState()
            top = PAGE_HEIGHT - 12 * mm
            self.setFillColor(INK)
            if meta.rtl:
                self._words_at_the_right(top)
            else:
                self.setFont(SANS_BOLD, 11)
                self.drawString(MARGIN, top - 4 * mm, title)
                self.setFont(SANS, 8.5)
                self.drawString(MARGIN, top - 9 * mm, f"{number_word}: {meta.number}")
                self.drawString(MARGIN, top - 13 * mm, f"{meta.organisation} — {issued}")
            right = PAGE_WIDTH - MARGIN - QR_SIZE - 3 * mm
            if second is not None:
                _draw_right(self, second.title, right, top - 4 * mm, SANS_BOLD, 11)
                number = isolate(meta.number) if has_arabic(second.number) else meta.number
                _draw_right(self, f"{second.number}: {number}", right, top - 9 * mm, SANS, 8.5)
            self.saveState()
            self.translate(MARGIN if meta.rtl else PAGE_WIDTH - MARGIN - QR_SIZE,
                           top - QR_SIZE + 2 * mm)
            self.doForm("qr")
            self.restoreState()
            self.setStrokeColor(GRID)
            self.setLineWidth(0.5)
            self.line(MARGIN, PAGE_HEIGHT - TOP_MARGIN + 4 * mm, PAGE_WIDTH - MARGIN,
                      PAGE_HEIGHT - TOP_MARGIN + 4 * mm)
            self.line(MARGIN, BOTTOM_MARGIN - 5 * mm, PAGE_WIDTH - MARGIN, BOTTOM_MARGIN - 5 * mm)
            self.setFont(SANS, 8)
            if meta.rtl:
                self.drawRightString(PAGE_WIDTH - MARGIN, BOTTOM_MARGIN - 9 * mm, meta.number)
            else:
                self.drawString(MARGIN, BOTTOM_MARGIN - 9 * mm, meta.number)
            self.restoreState()

        def _words_at_the_right(self, top: float) -> None:
            """The title, number, organisation and day of a paper read from the right."""
            right = PAGE_WIDTH - MARGIN
            number = isolate(meta.number) if has_arabic(number_word) else meta.number
            _draw_right(self, title, right, top - 4 * mm, SANS_BOLD, 11)
            _draw_right(self, f"{number_word}: {number}", right, top - 9 * mm, SANS, 8.5)
            _draw_right(self, f"{meta.organisation} — {issued}", right, top - 13 * mm, SANS,
                        8.5)

        def _page_number(self, number: int, total: int) -> None:
            self.saveState()
            self.setFillColor(INK)
            self.setFont(SANS, 8)
            page = fill(meta.page, {"n": number, "total": total})
            if meta.rtl:
                _draw_left(self, page, MARGIN, BOTTOM_MARGIN - 9 * mm, SANS, 8)
                self.restoreState()
                return
            self.drawRightString(PAGE_WIDTH - MARGIN, BOTTOM_MARGIN - 9 * mm, page)
            if second is not None:
                _draw_right(self, fill(second.page, {"n": number, "total": total}),
                            PAGE_WIDTH - MARGIN - stringWidth(page, SANS, 8) - 6 * mm,
                            BOTTOM_MARGIN - 9 * mm, SANS, 8)
            self.restoreState()

        def _initials(self) -> None:
            """A box per party, above the footer line, for their initials (paraf)."""
            self.saveState()
            count = len(meta.initials)
            gap = 4 * mm
            width = min(60 * mm, (FRAME_WIDTH - gap * (count - 1)) / count)
            bottom = BOTTOM_MARGIN - 3 * mm
            left = PAGE_WIDTH - MARGIN - count * width - (count - 1) * gap
            self.setStrokeColor(GRID)
            self.setFillColor(INK)
            self.setLineWidth(0.5)
            for role, translated in meta.initials:
                self.rect(left, bottom, width, INITIALS_HEIGHT, stroke=1, fill=0)
                label_y = bottom + INITIALS_HEIGHT - 2.6 * mm
                self.setFont(SANS, 6)
                self.drawString(left + 1.2 * mm, label_y, f"Paraf — {role}")
                if second is not None:
                    _draw_right(self, f"{second.initials} — {translated}",
                                left + width - 1.2 * mm, label_y, SANS, 6)
                left += width + gap
            self.restoreState()

    return NumberedCanvas


def build_pdf(story: list[Flowable], meta: DocumentMeta, target: Path | None = None) -> bytes:
    """Lay out `story` on A4 pages with the shared header and footer; the PDF's bytes, also
    written to `target` when given."""
    register_fonts()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP_MARGIN,
        bottomMargin=meta.bottom_margin, title=f"{meta.title} {meta.number}",
        author=meta.organisation, subject=meta.number, invariant=True,
        initialFontName=SANS,  # else the file names Helvetica, a font it does not embed
    )
    document.build(story, canvasmaker=_canvas_class(meta))
    data = buffer.getvalue()
    if target is not None:
        target.write_bytes(data)
    return data
