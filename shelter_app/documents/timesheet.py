"""A cash-for-work timesheet on A4: the site, the workers x days grid with each worker's ID
number and a column where the worker signs for the days, each day's task and who logged it, the
pay at the rate of each day, and the engineer's and supervisor's signatures.

The pay column uses the same rule as the payment list (domain.cash_for_work): a worker's days
grouped by rate, each group rounded, so the timesheet and the payment list agree.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

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
    styles,
)
from shelter_app.domain.cash_for_work import pay_lines, pay_total
from shelter_app.domain.units import days_text

FONT_SIZE = SIZE
LEADING = FONT_SIZE * 1.22
DAY_NAMES = ("Pzt", "Sal", "Çar", "Per", "Cum", "Cmt", "Paz")
MARKS = {Decimal("1.0"): "1", Decimal("0.5"): "½"}
ID_WIDTH = 22 * mm  # 11 digits (16.7 mm at 7.5 pt) and the 6 pt cell padding either side
SIGN_WIDTH = 24 * mm  # room for a signature in a row 9 mm high


@dataclass(frozen=True, slots=True)
class TimesheetEntry:
    day: date
    worker_ref: str
    portion: Decimal
    task: str | None = None
    recorded_by: str | None = None
    override_reason: str | None = None


@dataclass(frozen=True)
class TimesheetDocument:
    number: str
    site_ref: str
    address: str
    household: str | None
    period_start: date
    period_end: date
    status: str
    workers: Sequence[tuple[str, str]]  # (reference, name), in print order
    entries: Sequence[TimesheetEntry]
    rates: Mapping[date, Decimal]  # the daily rate in force on each day of the period
    engineer: str | None = None
    supervisor: str | None = None
    return_reason: str | None = None
    issued: date | None = None
    id_numbers: Mapping[str, str] = field(default_factory=dict)  # worker reference -> ID

    @property
    def days(self) -> list[date]:
        count = (self.period_end - self.period_start).days + 1
        return [self.period_start + timedelta(days=n) for n in range(count)]

    def worker_days(self, worker_ref: str) -> dict[date, Decimal]:
        found: dict[date, Decimal] = {}
        for entry in self.entries:
            if entry.worker_ref == worker_ref:
                found[entry.day] = found.get(entry.day, Decimal(0)) + entry.portion
        return found

    def worker_pay(self, worker_ref: str) -> Decimal:
        by_rate: dict[Decimal, Decimal] = {}
        for day, portion in self.worker_days(worker_ref).items():
            by_rate[self.rates[day]] = by_rate.get(self.rates[day], Decimal(0)) + portion
        return pay_total(pay_lines(by_rate))


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def render_timesheet(document: TimesheetDocument, target: Path | None = None) -> bytes:
    register_fonts()
    meta = DocumentMeta("PUANTAJ — ÇALIŞMA KARŞILIĞI NAKİT", document.number,
                        "CASH-FOR-WORK TIMESHEET", issued=document.issued)
    rows: list[tuple[str, object]] = [
        ("Şantiye / Site", f"{document.site_ref} — {document.address}"),
        ("Hane / Household", document.household or "—"),
        ("Dönem / Period", f"{_day(document.period_start)} – {_day(document.period_end)}"),
        ("Durum / Status", document.status),
    ]
    if document.return_reason:
        rows.append(("İade nedeni / Returned because", document.return_reason))
    story: list[Flowable] = [facts_table(rows, label_width=50 * mm), Spacer(1, 4 * mm),
                             _grid(document), Spacer(1, 4 * mm),
                             Paragraph("Kayıtlar / Entries", styles()["label"]),
                             Spacer(1, 1.5 * mm), _entries(document),
                             signature_blocks([
                                 SignatureBlock("Düzenleyen (Mühendis)", document.engineer,
                                                "Prepared by (engineer)"),
                                 SignatureBlock("Onaylayan (Süpervizör)", document.supervisor,
                                                "Approved by (supervisor)"),
                             ], english=True)]
    return build_pdf(story, meta, target)


def _style(table: PlainTable, last: int, numeric_from: int | None = None) -> None:
    """The shared look; with `numeric_from`, right-aligned numbers and a bold total row."""
    commands = [
        ("FONT", (0, 0), (-1, -1), SANS, FONT_SIZE, LEADING),
        ("FONT", (0, 0), (-1, 0), SANS_BOLD, FONT_SIZE, LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if numeric_from is not None:
        commands += [("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
                     ("FONT", (0, last), (-1, last), SANS_BOLD, FONT_SIZE, LEADING),
                     ("BACKGROUND", (0, last), (-1, last), SHADE)]
    table.setStyle(TableStyle(commands))


def _grid(document: TimesheetDocument) -> Flowable:
    days = document.days
    fixed = 7 * mm + ID_WIDTH + 11 * mm + 17 * mm + SIGN_WIDTH
    day_width = min(9 * mm, (FRAME_WIDTH - fixed - 36 * mm) / len(days))
    name_width = FRAME_WIDTH - fixed - day_width * len(days)
    header = ["No", "İşçi / Worker", "Kimlik No\nID number"] \
        + [f"{DAY_NAMES[d.weekday()]}\n{d:%d.%m}" for d in days] \
        + ["Gün\nDays", "Tutar TL\nAmount", "İmza\nSignature"]
    rows = [header]
    total_days = Decimal(0)
    pays = []
    for number, (ref, name) in enumerate(document.workers, start=1):
        worked = document.worker_days(ref)
        total_days += sum(worked.values(), Decimal(0))
        pays.append(document.worker_pay(ref))
        rows.append([str(number), text_cell(f"{name}\n{ref}", name_width - 5),
                     document.id_numbers.get(ref, "—")]
                    + [MARKS.get(worked.get(day, Decimal(0)), "") for day in days]
                    + [days_text(sum(worked.values(), Decimal(0))), amount(pays[-1]), ""])
    rows.append(["", "TOPLAM / TOTAL", ""] + [""] * len(days)
                + [days_text(total_days), amount(sum(pays, Decimal(0))), ""])
    table = PlainTable(rows, colWidths=[7 * mm, name_width, ID_WIDTH]
                       + [day_width] * len(days) + [11 * mm, 17 * mm, SIGN_WIDTH],
                       rowHeights=[None] + [9 * mm] * (len(rows) - 2) + [None], repeatRows=1)
    _style(table, len(rows) - 1, 3)
    table.setStyle(TableStyle([("ALIGN", (-1, 0), (-1, -1), "LEFT")]))
    return table


def _entries(document: TimesheetDocument) -> Flowable:
    names = dict(document.workers)
    widths = [20 * mm, 42 * mm, 12 * mm, 50 * mm, 28 * mm]
    widths.append(FRAME_WIDTH - sum(widths))
    rows = [["Tarih\nDate", "İşçi\nWorker", "Gün\nDay", "İş\nTask", "Kaydeden\nLogged by",
             "Gerekçe\nOverride reason"]]
    for entry in sorted(document.entries, key=lambda e: (e.day, e.worker_ref)):
        values = [_day(entry.day), names.get(entry.worker_ref, entry.worker_ref),
                  days_text(entry.portion), entry.task or "", entry.recorded_by or "",
                  entry.override_reason or ""]
        rows.append([text_cell(value, width - 5)
                     for value, width in zip(values, widths, strict=True)])
    table = PlainTable(rows, colWidths=widths, repeatRows=1)
    _style(table, len(rows) - 1)
    table.setStyle(TableStyle([("ALIGN", (2, 0), (2, -1), "RIGHT")]))  # days, end-aligned
    return table
