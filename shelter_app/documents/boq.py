"""The bill of quantities on A4, in Turkish with an optional English column.

Totals are computed here from the very lines this document prints (domain.boq), so the printed
totals always reconcile with the printed lines. With photos, they follow on pages of their own:
each kind of work's "before" photo beside its "after" photo, captioned. Table cells hold plain strings, wrapped with
the font's metrics: they are drawn as they are (no markup to escape or inject) and a 200-line
BoQ lays out in milliseconds.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from io import BytesIO
from itertools import repeat
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from shelter_app.documents.fonts import SANS, SANS_BOLD, register_fonts
from shelter_app.documents.page_furniture import build_pdf
from shelter_app.documents.styles import (
    FRAME_WIDTH,
    GRID,
    SHADE,
    DocumentMeta,
    SignatureBlock,
    amount,
    bilingual,
    facts_table,
    measure,
    percent,
    signature_blocks,
    styles,
)
from shelter_app.documents.ruled import Row, RuledStyle, RuledTable
from shelter_app.documents.text import paragraph, wrap_plain
from shelter_app.domain.boq import Category, PricedLine, Totals, compute_totals
from shelter_app.domain.units import unit_name

FONT_SIZE = 7.5
LEADING = FONT_SIZE * 1.22
PADDING = 2.5
TOP_PAD = 1.5
BOTTOM_PAD = 2
PHOTO_WIDTH = (FRAME_WIDTH - 6 * mm) / 2
PHOTO_HEIGHT = 56 * mm  # three kinds of work a page

# Category headings as printed (Turkish is the binding text; English for the donor file).
CATEGORY_TEXT = {
    Category.INSULATION: ("Isı yalıtımı", "Insulation"),
    Category.DOORS: ("Kapılar", "Doors"),
    Category.WINDOWS: ("Pencereler", "Windows"),
    Category.PAINTING: ("Sıva ve boya", "Plaster and painting"),
    Category.ROOF: ("Çatı", "Roof"),
    Category.OTHER: ("Diğer işler", "Other works"),
}


@dataclass(frozen=True, slots=True)
class BoQDocLine:
    code: str
    category: Category
    description: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    kdv_rate: Decimal
    description_en: str | None = None

    @property
    def priced(self) -> PricedLine:
        return PricedLine.of(self)


@dataclass(frozen=True, slots=True)
class BoQPhoto:
    data: bytes  # a JPEG, upright
    caption: str  # as printed under it: when it was taken and the user's caption


@dataclass(frozen=True, slots=True)
class BoQPhotoPair:
    """A kind of work's photos side by side: before the works and after them."""

    title: tuple[str, str]  # (Turkish, English)
    before: BoQPhoto | None = None
    after: BoQPhoto | None = None


@dataclass(frozen=True)
class BoQDocument:
    number: str
    status: tuple[str, str]  # (Turkish, English)
    dwelling_ref: str
    address: str
    household: str | None
    catalogue_label: str
    contingency_pct: Decimal
    lines: Sequence[BoQDocLine]
    engineer: str | None = None
    supervisor: str | None = None
    decided_on: date | None = None
    previous_ref: str | None = None
    english: bool = False
    issued: date | None = None
    photos: Sequence[BoQPhotoPair] = ()


def totals_of(document: BoQDocument) -> Totals:
    return compute_totals([line.priced for line in document.lines], document.contingency_pct)


def render_boq(document: BoQDocument, target: Path | None = None) -> bytes:
    """The BoQ as PDF bytes (also written to `target` when given)."""
    register_fonts()  # before the tables measure their text
    meta = DocumentMeta("KEŞİF ÖZETİ", document.number,
                        "BILL OF QUANTITIES" if document.english else None,
                        issued=document.issued)
    story: list[Flowable] = [_heading(document), Spacer(1, 4 * mm)]
    totals = totals_of(document)
    story.append(_lines_table(document, totals))
    story.append(Spacer(1, 3 * mm))
    story.append(KeepTogether(_totals_table(document, totals)))
    story.append(signature_blocks([
        SignatureBlock("Hazırlayan (Mühendis)", document.engineer, "Prepared by (engineer)"),
        SignatureBlock("Onaylayan (Süpervizör)", document.supervisor,
                       "Approved by (supervisor)"),
    ], english=document.english))
    if document.photos:
        story += _photo_pages(document)
    return build_pdf(story, meta, target)


def _photo_pages(document: BoQDocument) -> list[Flowable]:
    """The photos from a new page: per kind of work, a heading, then before | after with
    their captions, kept together."""
    en = document.english
    style = styles()
    flow: list[Flowable] = [PageBreak(),
                            paragraph(bilingual("Fotoğraflar", "Photos" if en else None),
                                      style["heading"])]
    sides = (("Önce", "Before"), ("Sonra", "After"))
    for pair in document.photos:
        cells = [[paragraph(bilingual(*side) if en else side[0], style["label"])
                  for side in sides],
                 [_picture(photo) for photo in (pair.before, pair.after)],
                 [paragraph(photo.caption if photo else "—", style["small"])
                  for photo in (pair.before, pair.after)]]
        table = Table(cells, colWidths=[FRAME_WIDTH / 2] * 2)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("ALIGN", (0, 1), (-1, 1), "CENTER"),
                                   ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                                   ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID),
                                   ("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
        title = bilingual(pair.title[0], pair.title[1] if en else None)
        flow.append(KeepTogether([Spacer(1, 4 * mm), paragraph(title, style["label"]),
                                  Spacer(1, 1.5 * mm), table]))
    return flow


def _picture(photo: BoQPhoto | None) -> Flowable | str:
    if photo is None:
        return "—"
    return Image(BytesIO(photo.data), width=PHOTO_WIDTH, height=PHOTO_HEIGHT,
                 kind="proportional")


def _heading(document: BoQDocument) -> Flowable:
    en = document.english

    def label(turkish: str, english: str) -> str:
        return bilingual(turkish, english if en else None)

    status = bilingual(*document.status) if en else document.status[0]
    if document.decided_on:
        status += f" ({document.decided_on.strftime('%d.%m.%Y')})"
    rows: list[tuple[str, object]] = [
        (label("Konut", "Dwelling"), f"{document.dwelling_ref} — {document.address}"),
        (label("Hane", "Household"), document.household or "—"),
        (label("Durum", "Status"), status),
        (label("Birim fiyat listesi", "Price list"), document.catalogue_label),
    ]
    if document.previous_ref:
        rows.append((label("Önceki revizyon", "Previous revision"), document.previous_ref))
    return facts_table(rows)


def _columns(document: BoQDocument) -> tuple[list[str], list[float]]:
    en = document.english
    fixed = {"no": 8 * mm, "code": 22 * mm, "unit": 11 * mm, "qty": 15 * mm,
             "price": 19 * mm, "kdv": 9 * mm, "total": 21 * mm}
    free = FRAME_WIDTH - sum(fixed.values())
    names = ["no", "code", "desc"] + (["desc_en"] if en else []) \
        + ["unit", "qty", "price", "kdv", "total"]
    widths = {**fixed, "desc": free / 2 if en else free, "desc_en": free / 2}
    return names, [widths[name] for name in names]


_HEADERS = {
    "no": ("Sıra", "No"), "code": ("Poz no", "Item"), "desc": ("Açıklama", None),
    "desc_en": ("Description", None), "unit": ("Birim", "Unit"),
    "qty": ("Miktar", "Qty"), "price": ("Birim fiyat (TL)", "Unit price"),
    "kdv": ("KDV %", "VAT %"), "total": ("Tutar (TL)", "Amount (TL)"),
}


@cache
def _unit(unit: str, english: bool, width: float) -> str:
    """The catalogue's unit, with the English word under a Turkish one ("adet" / "pcs") on a
    paper with the English column; a symbol (m²) once."""
    words = dict.fromkeys([unit, unit_name(unit, "en") if english else unit])
    return "\n".join(wrap_plain(word, SANS, FONT_SIZE, width) for word in words)


def _lines_table(document: BoQDocument, totals: Totals) -> RuledTable:
    """The lines by category, each category's subtotal under them; a line's amount is the
    one `totals` summed (worked out once per document)."""
    names, widths = _columns(document)
    text_width = {name: width - 2 * PADDING for name, width in zip(names, widths, strict=True)}
    en = document.english
    header = ["\n".join(wrap_plain(text, SANS_BOLD, FONT_SIZE, text_width[name])
                        for text in (tr, english if en else None) if text)
              for name, (tr, english) in ((name, _HEADERS[name]) for name in names)]
    rows: list[Row] = []
    total_of = {id(line): total for line, total in zip(document.lines, totals.line_totals,
                                                      strict=True)}
    by_category: dict[Category, list[BoQDocLine]] = {}
    for line in document.lines:
        by_category.setdefault(line.category, []).append(line)
    prices, rates = _Written(amount), _Written(percent)  # a BoQ repeats its prices and rates
    number = 0
    for category in Category:
        members = by_category.get(category)
        if not members:
            continue
        tr, english = CATEGORY_TEXT[category]
        rows.append(_row([bilingual(tr, english if en else None)], bold=True, shaded=True,
                         span=len(names)))
        subtotal = Decimal("0.00")
        for line in members:
            number += 1
            total = total_of[id(line)]
            subtotal += total
            texts = [wrap_plain(line.code, SANS, FONT_SIZE, text_width["code"]),
                     wrap_plain(line.description, SANS, FONT_SIZE, text_width["desc"])]
            if en:
                texts.append(wrap_plain(line.description_en or "", SANS, FONT_SIZE,
                                        text_width["desc_en"]))
            rows.append(_row([str(number), *texts, _unit(line.unit, en, text_width["unit"]),
                              measure(line.quantity, line.unit), prices[line.unit_price],
                              rates[line.kdv_rate], amount(total)]))
        rows.append(_row([bilingual(f"Ara toplam — {tr}",
                                    f"Subtotal — {english}" if en else None),
                          amount(subtotal)], bold=True, span=len(names) - 1, align="RIGHT"))
    numeric = names.index("qty")
    return RuledTable([_row(header, bold=True, shaded=True, align="LEFT")], rows, widths,
                      ["LEFT"] * numeric + ["RIGHT"] * (len(names) - numeric), _RULED)


class _Written(dict[Decimal, str]):
    """Values as `write` writes them, each written once for one document."""

    def __init__(self, write: Callable[[Decimal], str]) -> None:
        super().__init__()
        self.write = write

    def __missing__(self, value: Decimal) -> str:
        text = self[value] = self.write(value)
        return text


_RULED = RuledStyle(font=SANS, bold=SANS_BOLD, size=FONT_SIZE, leading=LEADING, left=PADDING,
                    right=PADDING, top=TOP_PAD, rule=0.25, rule_color=GRID, shade=SHADE,
                    ink=colors.black)


def _row(cells: list[str], **style: Any) -> Row:
    """A row as tall as its tallest cell's lines (known without measuring)."""
    lines = max(map(str.count, cells, repeat("\n"))) + 1
    return Row(cells, lines * LEADING + TOP_PAD + BOTTOM_PAD, lines, **style)


def _totals_table(document: BoQDocument, totals: Totals) -> Table:
    en = document.english

    def label(turkish: str, english: str) -> str:
        return bilingual(turkish, english if en else None)

    rows = [[label("Yapım işleri toplamı", "Works total"), amount(totals.works)],
            [label(f"Öngörülemeyen giderler (%{percent(totals.contingency_pct)})",
                   "Contingency"), amount(totals.contingency)],
            [label("KDV hariç toplam", "Total excl. VAT"), amount(totals.net)]]
    for rate, (base, kdv) in totals.kdv.items():
        rows.append([label(f"KDV %{percent(rate)} (matrah {amount(base)})",
                           f"VAT {percent(rate)}%"), amount(kdv)])
    if len(totals.kdv) > 1:
        rows.append([label("KDV toplamı", "VAT total"), amount(totals.kdv_total)])
    rows.append([label("KDV dahil genel toplam (TL)", "Grand total incl. VAT"),
                 amount(totals.gross)])
    table = Table(rows, colWidths=[FRAME_WIDTH - 45 * mm, 45 * mm], hAlign="RIGHT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("FONTNAME", (0, 2), (-1, 2), SANS_BOLD),
        ("FONTNAME", (0, -1), (-1, -1), SANS_BOLD),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("LINEABOVE", (0, 2), (-1, 2), 0.5, GRID),
        ("LINEABOVE", (0, -1), (-1, -1), 0.75, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table
