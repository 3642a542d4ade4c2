"""The bill of quantities as an XLSX workbook: the same lines and totals as the PDF, as numbers.

Each quantity is a number shown with its unit's decimals (`domain.units.quantity_places`, the
rule of every screen and paper): "3" pieces beside "48.20" m² in one column.

Amounts are the rounded values the PDF prints (not formulas), so the sheet and the printed
document agree to the kuruş; a spreadsheet's own SUM over the amount column gives the works
total.
"""

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from shelter_app.documents.boq import CATEGORY_TEXT, BoQDocument, totals_of
from shelter_app.documents.spreadsheet import (
    MONEY,
    PERCENT,
    SheetColumn,
    header_row,
    places_format,
    set_value,
    sheet_title,
    write_rows,
)
from shelter_app.documents.styles import amount, percent
from shelter_app.domain.boq import Category
from shelter_app.domain.units import quantity_places


def save_boq_xlsx(document: BoQDocument, path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(document.number)
    facts = [("Belge No / Document No", document.number),
             ("Konut / Dwelling", f"{document.dwelling_ref} — {document.address}"),
             ("Hane / Household", document.household or ""),
             ("Durum / Status", " / ".join(document.status)),
             ("Birim fiyat listesi / Price list", document.catalogue_label)]
    for row, (label, value) in enumerate(facts, start=1):
        set_value(sheet.cell(row=row, column=1), label)
        sheet.cell(row=row, column=1).font = Font(bold=True)
        set_value(sheet.cell(row=row, column=3), value)
    columns = [SheetColumn("Sıra / No", 7), SheetColumn("Poz no / Item", 14),
               SheetColumn("İş grubu / Category", 18), SheetColumn("Açıklama", 60)]
    if document.english:
        columns.append(SheetColumn("Description", 60))
    columns += [SheetColumn("Birim / Unit", 8), SheetColumn("Miktar / Qty", 12),
                SheetColumn("Birim fiyat / Unit price (TL)", 16, MONEY),
                SheetColumn("KDV %", 8, PERCENT), SheetColumn("Tutar / Amount (TL)", 16, MONEY)]
    first = len(facts) + 2
    header_row(sheet, first, columns)
    sheet.freeze_panes = sheet.cell(row=first + 1, column=1)
    rows = []
    lines = sorted(document.lines, key=lambda line: line.category.order)
    for number, line in enumerate(lines, start=1):
        row = [number, line.code, CATEGORY_TEXT[line.category][0], line.description]
        if document.english:
            row.append(line.description_en or "")
        rows.append(row + [line.unit, line.quantity, line.unit_price, line.kdv_rate,
                           line.priced.total])
    next_row = write_rows(sheet, first + 1, columns, rows) + 1
    quantity_column = len(columns) - 3
    for row, line in enumerate(lines, start=first + 1):
        sheet.cell(row=row, column=quantity_column).number_format = places_format(
            quantity_places(line.quantity, line.unit))
    totals = totals_of(document)
    label_column = len(columns) - 1
    summary: list[tuple[str, object, str]] = [
        (f"Ara toplam — {CATEGORY_TEXT[category][0]}", totals.subtotals[category], MONEY)
        for category in Category if category in totals.subtotals]
    summary += [("Yapım işleri toplamı / Works total", totals.works, MONEY),
                ("Öngörülemeyen giderler % / Contingency %", totals.contingency_pct, PERCENT),
                ("Öngörülemeyen giderler / Contingency", totals.contingency, MONEY),
                ("KDV hariç toplam / Total excl. VAT", totals.net, MONEY)]
    summary += [(f"KDV %{percent(rate)} (matrah {amount(base)})", kdv, MONEY)
                for rate, (base, kdv) in totals.kdv.items()]
    summary += [("KDV toplamı / VAT total", totals.kdv_total, MONEY),
                ("KDV dahil genel toplam / Grand total incl. VAT", totals.gross, MONEY)]
    for offset, (label, value, number_format) in enumerate(summary):
        set_value(sheet.cell(row=next_row + offset, column=label_column), label)
        set_value(sheet.cell(row=next_row + offset, column=label_column + 1), value,
                  number_format)
    for cell in sheet[next_row + len(summary) - 1]:
        cell.font = Font(bold=True)
    workbook.save(path)
