"""What every printed document shares: the A4 page's measures, fonts and colours, numbers as
printed, a table that draws its plain cells at once, and the facts and signature blocks.

What every page carries (header, footer, QR code) is drawn by documents.page_furniture.
Signature blocks are kept together so a signature never sits on a page apart from its name.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from shelter_app.documents import pdf_objects
from shelter_app.documents.first_codes import FirstCodes
from shelter_app.documents.fonts import (
    ARABIC,
    SANS,
    SANS_BOLD,
    register_fonts,
)
from shelter_app.documents.ink import Ink
from shelter_app.documents.text import paragraph
from shelter_app.domain.numbers import written
from shelter_app.domain.units import quantity_text

# Streams are compressed only, not also written in ASCII85 (ReportLab's default, for 7-bit
# mail): each page and form was encoded to text and back, and the file is a fifth larger.
rl_config.useA85 = 0
pdf_objects.install()


PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
TOP_MARGIN = 30 * mm
BOTTOM_MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
INITIALS_HEIGHT = 8 * mm  # the initials boxes sit above the footer of a signed paper
GRID = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef1f4")
INK = colors.HexColor("#1f2933")


@dataclass(frozen=True)
class PageWords:
    """The running header's and footer's words in a document's second language, printed at
    the right (Arabic right to left); `page` has {n} and {total}."""

    title: str
    number: str
    page: str
    initials: str


@dataclass(frozen=True)
class DocumentMeta:
    """What every page shows: the title (Turkish, and English when printed), the number, and
    for a signed paper in two languages the translated words and the parties who initial
    every page but the last (each role in Turkish and in the second language)."""

    title: str
    number: str
    title_en: str | None = None
    issued: date | None = None
    organisation: str = "Barınak"
    second: PageWords | None = None
    initials: tuple[tuple[str, str], ...] = ()
    # a paper in English alone writes its own furniture: "Document No", "Page 1 of 4", 25/11/2026
    number_word: str | None = None
    page: str = "Sayfa {n} / {total}"
    day_format: str = "%d.%m.%Y"
    # a paper in Arabic alone (its own words above) reads from the right: the header's words
    # at the right, the QR code at the left, the footer mirrored
    rtl: bool = False
    # the font codes its kind of paper gives out first, so its fixed texts are drawn once
    # per process (documents.first_codes; the contract's)
    codes: FirstCodes | None = None

    @property
    def bottom_margin(self) -> float:
        return BOTTOM_MARGIN + (INITIALS_HEIGHT if self.initials else 0)


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

def amount(value: Decimal, group: str = ".", point: str = ",") -> str:
    """An amount as printed in a table: "1.234,56" (the column header names the currency);
    an English paper passes its separators: "1,234.56"."""
    return written(value, 2, group, point)  # half up to the kuruş, as domain.money rounds


def quantity(value: Decimal, group: str = ".", point: str = ",") -> str:
    """A quantity with the decimals it has (at most three): "12,5", "1.250", "0,125"."""
    text = written(value, 3, group, point)
    return text.rstrip("0").rstrip(point) or "0"


def measure(value: Decimal, unit: str) -> str:
    """A BoQ quantity with its unit's decimals, as the screens show it: "41,40" m², "3" adet."""
    return quantity_text(value, unit)


def percent(value: Decimal) -> str:
    """A rate as printed after "%": "20", "7,5"."""
    return quantity(value)


class PlainTable(Table):
    """A Table whose plain-string cells are all drawn in one PDF text object.

    ReportLab draws each string of each cell as a text object of its own; a 200-line BoQ has
    some 2,000 of them, and batching them nearly halves its drawing time; `Ink` writes them
    without ReportLab's per-string work. Cells that need more (flowables, links, shaping,
    other alignments) are drawn as Table draws them."""

    _batch: Any = None

    def draw(self) -> None:
        text = self.canv.beginText()
        self._batch = Ink(text)
        self._batch_color: Any = None
        try:
            super().draw()
            self.canv.drawText(text)
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
        if style.color != self._batch_color:  # every cell has a style object of its own
            batch.colour(style.color)
            self._batch_color = style.color
        batch.font(style.fontname, style.fontsize)
        x, y = pos
        width, height = size
        y += height - style.topPadding - style.fontsize
        for line in value.split("\n"):
            if style.alignment == "LEFT":
                batch.at(x + style.leftPadding, y)
            else:
                batch.at(x + width - style.rightPadding
                         - stringWidth(line, style.fontname, style.fontsize), y)
            batch.show(line)
            y -= style.leading


# -- shared blocks --------------------------------------------------------------------------

def keep_together(flowables: Sequence[Flowable], max_height: float | None = None) -> Flowable:
    """`flowables` on one page (KeepTogether). ReportLab measures a KeepTogether nested in
    another as endlessly tall, which sent the contract's last clause and signatures to a page of
    their own: nested ones are flattened. With `max_height`, the group starts where it is when
    more than that height is left on the page, and breaks over to the next one."""
    flat: list[Flowable] = []
    for flowable in flowables:
        flat += flowable._content if isinstance(flowable, KeepTogether) else [flowable]
    return KeepTogether(flat) if max_height is None else _TogetherUnlessRoom(flat, max_height)


class _TogetherUnlessRoom(KeepTogether):
    """A KeepTogether that starts in place when more than `room` is left on the page."""

    def __init__(self, flowables: list[Flowable], room: float) -> None:
        super().__init__(flowables)
        self.room = room

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """Never fits whole (as a KeepTogether), so the frame splits it; measured only when
        `split` will not start it in place (a contract's works table was laid out in vain)."""
        if available_height > self.room:
            return available_width, 0xFFFFFF
        return super().wrap(available_width, available_height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if available_height > self.room:
            return list(self._content)
        return super().split(available_width, available_height)


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
    return keep_together([Spacer(1, 6 * mm), table])


def facts_table(rows: Sequence[tuple[str, object]], label_width: float = 45 * mm) -> Table:
    """Label: value rows (escaped) for a document's heading block, each value from the left
    (an Arabic household name too)."""
    style = styles()
    table = Table([[paragraph(label, style["label"]), paragraph(value, style["body"], "L")]
                   for label, value in rows],
                  colWidths=[label_width, FRAME_WIDTH - label_width])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SANS),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5)]))
    return table
