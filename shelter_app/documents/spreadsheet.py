"""XLSX files with real numbers and formats, safe to open in a spreadsheet program.

Amounts are written as numbers with a number format (never as text), so finance can add them
up. A text value starting with = + - @, a tab or a carriage return would run as a formula when
the file is opened (FIELD_NOTES, Input safety): every text cell is written explicitly as a
string, which spreadsheet programs never evaluate.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MONEY = "#,##0.00"
PERCENT = "0.00"
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class SheetColumn:
    header: str
    width: float = 12
    number_format: str | None = None


class Formula(str):
    """A formula the program writes itself ("=SUM(I2:I9)"); any other text stays text."""


def places_format(places: int) -> str:
    """The grouped number format with `places` decimals: "#,##0" for 0, "#,##0.00" for 2."""
    return "#,##0" + ("." + "0" * places if places else "")


def set_value(cell: Cell, value: Any, number_format: str | None = None) -> None:
    """Write `value` keeping its type: numbers as numbers, text always as a string."""
    if value is None:
        return
    if isinstance(value, Formula):
        cell.value = str(value)
        if number_format:
            cell.number_format = number_format
        return
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=..." as a formula
        return
    if isinstance(value, bool | int | float | Decimal | date | datetime):
        cell.value = value
    else:
        set_value(cell, str(value))
        return
    if number_format and not isinstance(value, bool):
        cell.number_format = number_format


def write_rows(sheet: Worksheet, first_row: int, columns: Sequence[SheetColumn],
               rows: Sequence[Sequence[Any]], *, bold: bool = False) -> int:
    """Write `rows` from `first_row` with the columns' formats; the next free row."""
    for offset, values in enumerate(rows):
        for column, (spec, value) in enumerate(zip(columns, values, strict=False), start=1):
            cell = sheet.cell(row=first_row + offset, column=column)
            set_value(cell, value, spec.number_format)
            if bold:
                cell.font = _BOLD
    return first_row + len(rows)


def header_row(sheet: Worksheet, row: int, columns: Sequence[SheetColumn]) -> None:
    for number, spec in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=number)
        set_value(cell, spec.header)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(number)].width = spec.width


def save_workbook(path: Path | str,
                  sheets: Sequence[tuple[str, Sequence[SheetColumn], Sequence[Sequence[Any]]]]
                  ) -> None:
    """One sheet per (title, columns, rows): a bold header row, then the rows; header frozen."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(sheet_title(title))
        header_row(sheet, 1, columns)
        write_rows(sheet, 2, columns, rows)
        sheet.freeze_panes = "A2"
    workbook.save(path)


def sheet_title(text: str) -> str:
    """A valid sheet title: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in text).strip("'") or "Sheet"
    return cleaned[:31]
