"""Excel workbooks (.xlsx) read into sheets, through openpyxl in read-only mode.

Kept apart from `sources` (which reads CSV) because openpyxl costs ~0.2 s to import: a CSV
import, and the row-check worker processes, which import `sources` for its types, never load
it; `opening` imports this module only for a workbook.
"""

from collections.abc import Iterator
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import openpyxl
from openpyxl.styles.numbers import is_datetime

from shelter_app.domain.i18n import translate
from shelter_app.services.imports.sources import (
    Cell,
    Sheet,
    Source,
    Ticker,
    collect,
    column_letter,
    no_header,
    used,
)


def read_workbook(path: Path, file: BinaryIO, tick: Ticker) -> Source:
    """Every sheet of the workbook in `file` that has a header row."""
    workbook = openpyxl.load_workbook(file, read_only=True, data_only=False)
    try:
        sheets, notices = _sheets(path, workbook.worksheets, tick)
    finally:
        workbook.close()
    if not sheets:
        raise no_header(path.name)
    return Source(path, "xlsx", sheets, notices=notices)


def _sheets(path: Path, worksheets, tick: Ticker) -> tuple[list[Sheet], list[str]]:
    """Every sheet with a header row, in workbook order; a sheet with data but no header gets a
    notice (Kobo and Excel users sometimes keep notes on a side sheet)."""
    sheets: list[Sheet] = []
    notices: list[str] = []
    share = tick.total / max(len(worksheets), 1)
    for index, worksheet in enumerate(worksheets):
        size = worksheet.max_row or 0  # the stored dimension: only for progress, often wrong
        worksheet.reset_dimensions()  # read every cell, whatever the dimension claims

        def at(count: int, start: float = share * index, size: int = size) -> None:
            tick(int(start + share * min(count / size, 1)) if size else int(start))

        sheet = collect(path, worksheet.title, _records(worksheet), _misfit, at,
                        sum(len(done.rows) for done in sheets))
        if sheet is not None:
            sheets.append(sheet)
        elif any(any(value is not None for value in values)
                 for _, values in _records(worksheet)):
            notices.append(translate("imports", "Sheet “{sheet}” has no header row (a row naming "
                                     "two or more columns); it was not read.")
                           .format(sheet=worksheet.title))
    return sheets, notices


def _records(worksheet) -> Iterator[tuple[int, list[Cell]]]:
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        yield number, [_value(cell) for cell in cells]


def _value(cell) -> Cell:
    """Typed values as the design fixes them: floats as their shortest Decimal (64.5, not
    64.5000000001), a midnight datetime in a date-only format as a date, formulas as "=..."."""
    value = cell.value
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, datetime):
        if value.time() == time.min and is_datetime(cell.number_format) == "date":
            return value.date()
        return value
    if cell.data_type == "f":  # array and data-table formulas arrive as objects
        return getattr(value, "text", None) or "=TABLE()"
    return str(value)  # a time of day or a duration, as Excel shows it


def _misfit(number: int, values: list[Cell], width: int) -> str:
    last = used(values)
    if last > width:
        return translate(
            "imports", "Row {row} has a value in column {column}, which has no header; type a "
            "header above that column or clear its values.").format(
                row=number, column=column_letter(last))
    return ""
