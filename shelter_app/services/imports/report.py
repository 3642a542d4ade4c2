"""The report of an import: every row that was not imported as new, or was with a remark (a
photo not found), with its status and the reason, followed by the row's own cells, so the user
can correct the rows in a spreadsheet and import the report itself again. The report's own columns are titled so that no field's name
or alias matches them ("Status" is a protection status, "Gerekçe" an assessment's reason).

An .xlsx report keeps text as text (documents.spreadsheet) and, for a Kobo export, the repeat
groups of the reported rows on their own sheets and every photo the export names with what
became of it; any other name gets a CSV as
Turkish Excel opens it: UTF-8 with BOM, ";" between values, a leading apostrophe on text that
would run as a formula.
"""

import csv
from pathlib import Path

from shelter_app.documents.spreadsheet import (
    FORMULA_TRIGGERS,
    SheetColumn,
    save_workbook,
)
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.imports.runner import ImportResult, Status, photo_status
from shelter_app.services.imports.sources import Source, whole
from shelter_app.services.imports.values import as_text


def write_report(path: Path, source: Source, result: ImportResult) -> int:
    """Write the rows that were not imported as new, or carry a remark; returns how many."""
    headers = source.main.headers
    titles = [translate("imports", "Row"), translate("imports", "Import status"),
              translate("imports", "Import message"), *headers]
    rows = [[outcome.number, outcome.status.label, outcome.message,
             *(as_text(outcome.cells.get(header)) for header in headers)]
            for outcome in result.outcomes if outcome.status is not Status.NEW or outcome.message]
    try:
        if path.suffix.lower() == ".xlsx":
            columns = [SheetColumn(title, 8 if n == 0 else 60 if n == 2 else 16)
                       for n, title in enumerate(titles)]
            save_workbook(path, [(translate("imports", "Not imported"), columns, rows),
                                 *_repeat_groups(source, result), *_photos(result)])
        else:
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(titles)
                writer.writerows([[_safe(value) for value in row] for row in rows])
    except OSError as error:
        raise UserError(translate("imports", "Cannot write the report {path}: {error}. Choose "
                                             "another folder.").format(
            path=path, error=error.strerror or error), field="report") from None
    return len(rows)


def _repeat_groups(source: Source, result: ImportResult
                   ) -> list[tuple[str, list[SheetColumn], list[list[str]]]]:
    """A Kobo export's repeat-group rows of the reported submissions, each group on its own
    sheet as in the export, so the corrected report imports with its members and rooms."""
    if not source.is_kobo:
        return []
    reported = {whole(outcome.cells.get("_index")) for outcome in result.outcomes
                if outcome.status is not Status.NEW or outcome.message}
    return [(sheet.name, [SheetColumn(header, 16) for header in sheet.headers],
             [[as_text(row.cells.get(header)) for header in sheet.headers] for row in sheet.rows
              if whole(row.cells.get("_parent_index")) in reported])
            for sheet in source.sheets[1:]]


def _photos(result: ImportResult) -> list[tuple[str, list[SheetColumn], list[list[object]]]]:
    """Every photo the export names, with what became of it (imported, already there,
    refused, not found)."""
    if not result.photos:
        return []
    columns = [SheetColumn(translate("imports", "Row"), 8),
               SheetColumn(translate("imports", "Photo file"), 30),
               SheetColumn(translate("imports", "Import status"), 24),
               SheetColumn(translate("imports", "Import message"), 60)]
    return [(translate("imports", "Photos"), columns,
             [[note.row, note.name, photo_status(note.status), note.message]
              for note in result.photos])]


def _safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
