"""Payment lists for finance: an XLSX workbook and CSV files for the bank (IBAN) and for PTT.

XLSX amounts are numbers with a money format, so finance can add them up; every text cell is
written as a string (documents.spreadsheet), so a name typed as "=HYPERLINK(...)" stays text.
CSV has no cell types: a text value starting with = + - @, a tab or a carriage return gets a
leading apostrophe, which spreadsheet programs show as text (FIELD_NOTES, Input safety). CSV is
UTF-8 with a byte order mark (Excel then reads Turkish and Arabic letters right), separated by
semicolons, with decimal commas and no grouping (1234,56), as Excel in a Turkish locale reads
numbers: "11.5" there is a date.

The XLSX sheets print on A4 landscape, one page wide, the lines' header row repeated on every
page; their total rows add up the cells above (SUM) and the summary's amounts are those totals,
so a line removed in Excel changes every total.
"""

import csv
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from shelter_app.documents.payment_list import PaymentLine, PaymentListDocument
from shelter_app.documents.spreadsheet import (
    FORMULA_TRIGGERS,
    MONEY,
    Formula,
    SheetColumn,
    header_row,
    write_rows,
)
from shelter_app.domain.iban import format_iban

DAYS = "0.0"
METHODS = ("iban", "ptt")
SHEET_TITLES = {"iban": "Banka (IBAN)", "ptt": "PTT"}


def _columns(method: str) -> list[SheetColumn]:
    columns = [SheetColumn("Parti / Batch", 16), SheetColumn("İşçi No / Worker", 15),
               SheetColumn("Ad Soyad / Name", 28), SheetColumn("Kimlik No / ID number", 15),
               SheetColumn("Hane / Household", 15)]
    if method == "iban":
        columns.append(SheetColumn("IBAN", 34))
    return columns + [SheetColumn("Gün / Days", 8, DAYS),
                      SheetColumn("Yevmiye / Daily rate", 12, MONEY),
                      SheetColumn("Tutar / Amount", 14, MONEY)]


def _values(line: PaymentLine, method: str) -> list[Any]:
    values: list[Any] = [line.batch_ref, line.worker_ref, line.name, line.id_number,
                         line.household_ref]
    if method == "iban":
        values.append(format_iban(line.iban) if line.iban else "")
    return values + [line.days, line.rate, line.amount]


def _lines(document: PaymentListDocument, method: str) -> list[PaymentLine]:
    return [line for line in document.lines if line.method == method]


def save_payments_xlsx(document: PaymentListDocument, path: Path) -> None:
    """A sheet for the bank, one for PTT, each with its total, and a summary sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    totals: list[Formula] = []  # each method's total cell, which the summary adds up
    for method in METHODS:
        sheet = workbook.create_sheet(SHEET_TITLES[method])
        columns = _columns(method)
        header_row(sheet, 1, columns)
        lines = _lines(document, method)
        after = write_rows(sheet, 2, columns, [_values(line, method) for line in lines])
        total: list[Any] = ["TOPLAM / TOTAL"] + [None] * (len(columns) - 4) + [
            _sum(len(columns) - 2, after), None, _sum(len(columns), after)]
        write_rows(sheet, after, columns, [total], bold=True)
        totals.append(Formula(f"='{sheet.title}'!{get_column_letter(len(columns))}{after}"))
        sheet.freeze_panes = "A2"
        _print_setup(sheet)
        sheet.print_title_rows = "1:1"
    summary = workbook.create_sheet("Özet - Summary", 0)
    write_rows(summary, 1, [SheetColumn(""), SheetColumn("")], [
        ["Ödeme listesi / Payment list", document.number],
        ["Dönem / Period", document.period],
        ["Ofis / Office", document.office],
        ["Durum / Status", document.status],
        ["İşçi / Workers", len({line.worker_ref for line in document.lines})],
        ["Banka / Bank (TL)", totals[0]],
        ["PTT (TL)", totals[1]],
        ["Toplam / Total (TL)", Formula("=B6+B7")],
    ])
    for row in (6, 7, 8):
        summary.cell(row=row, column=2).number_format = MONEY
    summary.column_dimensions["A"].width = 30
    summary.column_dimensions["B"].width = 24
    _print_setup(summary)
    workbook.save(path)


def _sum(column: int, total_row: int) -> Formula | Decimal:
    """A SUM of the lines above the total row in `column` (1-based); 0 without lines."""
    if total_row <= 2:
        return Decimal(0)
    letter = get_column_letter(column)
    return Formula(f"=SUM({letter}2:{letter}{total_row - 1})")


def _print_setup(sheet: Any) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def csv_text(value: str) -> str:
    """A text value that a spreadsheet program opening the CSV shows as text, never runs."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def save_payments_csv(document: PaymentListDocument, path: Path,
                      method: str | None = None) -> None:
    """The lines of one payment method (None: both, with a method column)."""
    methods: Sequence[str] = (method,) if method else METHODS
    header = ["batch", "worker_ref", "name", "id_number", "household_ref", "method", "iban",
              "days", "daily_rate", "amount"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        for line in document.lines:
            if line.method not in methods:
                continue
            writer.writerow([csv_text(line.batch_ref), csv_text(line.worker_ref),
                             csv_text(line.name), csv_text(line.id_number),
                             csv_text(line.household_ref), line.method, line.iban or "",
                             _decimal(line.days, 1), _decimal(line.rate, 2),
                             _decimal(line.amount, 2)])


def _decimal(value: Decimal, places: int) -> str:
    """A number as Turkish Excel reads it from a CSV: "1234,56"."""
    return f"{value:.{places}f}".replace(".", ",")
