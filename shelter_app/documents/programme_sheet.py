"""The programme report as an XLSX workbook: a sheet per section, its title, what it counts,
then its table with real numbers (counts, days, amounts in TL) and a bold total."""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from shelter_app.documents.programme_report import COUNT, DAYS, MONEY, ReportDocument
from shelter_app.documents.spreadsheet import (
    MONEY as MONEY_FORMAT,
)
from shelter_app.documents.spreadsheet import (
    SheetColumn,
    header_row,
    set_value,
    sheet_title,
    write_rows,
)

_FORMATS = {COUNT: "#,##0", DAYS: "#,##0.0", MONEY: MONEY_FORMAT}
HEADER_ROW = 4


def save_report_xlsx(document: ReportDocument, path: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for section in document.sections:
        sheet = workbook.create_sheet(sheet_title(section.title))
        sheet.sheet_view.rightToLeft = document.rtl
        set_value(sheet.cell(row=1, column=1), f"{document.title}: {section.title}")
        sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
        set_value(sheet.cell(row=2, column=1), document.scope)
        set_value(sheet.cell(row=3, column=1), section.note)
        columns = [SheetColumn(header, 30 if n == 0 else 16, _FORMATS.get(kind))
                   for n, (header, kind) in enumerate(zip(section.headers, section.kinds,
                                                          strict=True))]
        header_row(sheet, HEADER_ROW, columns)
        after = write_rows(sheet, HEADER_ROW + 1, columns, section.rows)
        if section.total is not None:
            write_rows(sheet, after, columns, [section.total], bold=True)
        sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    workbook.save(path)
