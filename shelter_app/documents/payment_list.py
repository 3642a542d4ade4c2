"""The payment list of cash-for-work batches: per worker, days x the daily rate, on A4.

Finance pays from it and signs it, so its total must equal the approved days times the rates:
each line is rounded to the kuruş (domain.cash_for_work.PayLine) and the total is the sum of
the printed lines. Cells are plain strings drawn as they are (no markup to escape or inject).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, TableStyle

from shelter_app.documents.cells import SIZE, text_cell
from shelter_app.documents.fonts import SANS, SANS_BOLD, register_fonts
from shelter_app.documents.page_furniture import build_pdf
from shelter_app.documents.styles import (
    FRAME_WIDTH,
    GRID,
    SHADE,
    DocumentMeta,
    PlainTable,
    SignatureBlock,
    amount,
    facts_table,
    signature_blocks,
)
from shelter_app.domain.cash_for_work import PayLine
from shelter_app.domain.iban import format_iban
from shelter_app.domain.money import sum_money
from shelter_app.domain.units import days_text

FONT_SIZE = SIZE
METHOD_TEXT = {"iban": "Banka (IBAN)", "ptt": "PTT"}


@dataclass(frozen=True, slots=True)
class PaymentLine:
    """One worker's days at one rate in one batch."""

    batch_ref: str
    worker_ref: str
    name: str
    id_number: str
    household_ref: str
    method: str  # "iban" or "ptt"
    iban: str | None
    days: Decimal
    rate: Decimal

    @property
    def amount(self) -> Decimal:
        return PayLine(self.days, self.rate).amount


@dataclass(frozen=True)
class PaymentListDocument:
    number: str  # the batch reference (or the first of several)
    period: str  # "2026-11"
    office: str
    status: str
    lines: Sequence[PaymentLine]
    prepared_by: str | None = None
    issued: date | None = None

    @property
    def total(self) -> Decimal:
        return sum_money(line.amount for line in self.lines)

    @property
    def days(self) -> Decimal:
        return sum((line.days for line in self.lines), Decimal(0))

    def total_for(self, method: str) -> Decimal:
        return sum_money(line.amount for line in self.lines if line.method == method)


def render_payment_list(document: PaymentListDocument, target: Path | None = None) -> bytes:
    """The payment list as PDF bytes (also written to `target` when given)."""
    register_fonts()
    meta = DocumentMeta("ÇALIŞMA KARŞILIĞI NAKİT ÖDEME LİSTESİ", document.number,
                        "CASH-FOR-WORK PAYMENT LIST", issued=document.issued)
    workers = len({line.worker_ref for line in document.lines})
    story: list[Flowable] = [
        facts_table([
            ("Dönem / Period", document.period),
            ("Ofis / Office", document.office),
            ("Durum / Status", document.status),
            ("İşçi / Workers", str(workers)),
            ("Gün / Days", days_text(document.days)),
            ("Banka / Bank", f"{amount(document.total_for('iban'))} TL"),
            ("PTT", f"{amount(document.total_for('ptt'))} TL"),
            ("Toplam / Total", f"{amount(document.total)} TL"),
        ]),
        Spacer(1, 4 * mm),
        _lines_table(document),
        signature_blocks([
            SignatureBlock("Hazırlayan", document.prepared_by, "Prepared by"),
            SignatureBlock("Onaylayan (Süpervizör)", None, "Approved by (supervisor)"),
            SignatureBlock("Ödeyen (Finans)", None, "Paid by (finance)"),
        ], english=True),
    ]
    return build_pdf(story, meta, target)


# the method column holds a grouped IBAN on one line (44 mm at 7.5 pt): a bank clerk reads
# it group by group, and an IBAN broken over two lines was misread; the batch column holds a
# batch reference ("MER-P-202610-12") on one line
_COLUMNS = (("Sıra\nNo", 8), ("İşçi\nWorker", 28), ("Kimlik No\nID number", 20),
            ("Ödeme\nMethod", 49), ("Parti\nBatch", 26), ("Gün\nDays", 10),
            ("Yevmiye TL\nDaily rate", 18), ("Tutar TL\nAmount", 0))


def _lines_table(document: PaymentListDocument) -> Flowable:
    widths = [width * mm for _, width in _COLUMNS]
    widths[-1] = FRAME_WIDTH - sum(widths)
    wrap = {column: widths[column] - 5 for column in range(len(widths))}

    def cell(column: int, value: str) -> str | Flowable:
        return text_cell(value, wrap[column])

    rows: list[list[str | Flowable]] = [[header for header, _ in _COLUMNS]]
    for number, line in enumerate(document.lines, start=1):
        method = format_iban(line.iban) if line.method == "iban" and line.iban else "PTT"
        rows.append([str(number), cell(1, f"{line.name}\n{line.worker_ref}"),
                     cell(2, line.id_number), method, cell(4, line.batch_ref),
                     days_text(line.days), amount(line.rate), amount(line.amount)])
    rows.append(["", "TOPLAM / TOTAL", "", "", "", days_text(document.days), "",
                 amount(document.total)])
    table = PlainTable(rows, colWidths=widths, repeatRows=1)
    last = len(rows) - 1
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), SANS, FONT_SIZE, FONT_SIZE * 1.22),
        ("FONT", (0, 0), (-1, 0), SANS_BOLD, FONT_SIZE, FONT_SIZE * 1.22),
        ("FONT", (0, last), (-1, last), SANS_BOLD, FONT_SIZE, FONT_SIZE * 1.22),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (5, 0), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("BACKGROUND", (0, last), (-1, last), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table
