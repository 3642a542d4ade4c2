"""Step 4 of an import: what the import will do, row by row, before anything is saved.

The preview is the import itself rolled back (services.imports.runner), so its counts are
what "Import" will do. Rejected rows are coloured and carry the reason; the rows that were not
imported can be saved as a report to correct in a spreadsheet and import again.
"""

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import UserError
from shelter_app.services.imports.report import write_report
from shelter_app.services.imports.runner import ImportResult, photo_status
from shelter_app.services.imports.sources import Source
from shelter_app.ui.formats import bidi_safe, listed
from shelter_app.ui.forms import ERROR_STYLE
from shelter_app.ui.imports.preview_model import ImportPreviewModel
from shelter_app.ui.wrapping import wrapped

_NAMED_PHOTOS = 8  # photos not imported named in the counts; the report names them all


class PreviewStep(QWidget):
    # rows were refused for an ID number on other people, and the user asks a supervisor
    supervisor_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: Source | None = None
        self.result: ImportResult | None = None
        self.counts = QLabel()
        wrapped(self.counts)
        self.note = QLabel()
        wrapped(self.note)
        self.note.setStyleSheet(ERROR_STYLE)
        self.only_problems = QCheckBox(self.tr("Only problems"))
        self.only_problems.setToolTip(self.tr("Rejected rows and rows with a remark"))
        self.model = ImportPreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # 50,000 rows are not measured
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((60, 100, 180, 120)):
            self.table.setColumnWidth(column, width)
        self.report_button = QPushButton(self.tr("Save report…"))
        self.report_button.setToolTip(self.tr("The rows not imported as new, with the reason, "
                                              "as .xlsx or .csv"))
        self.detail = QLabel()  # the chosen row's whole message, which the column cuts off
        wrapped(self.detail)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_status = QLabel()
        wrapped(self.report_status)
        self.only_problems.toggled.connect(self.model.set_only_problems)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.model.modelReset.connect(self.detail.clear)
        self.report_button.clicked.connect(self.save_report)
        self.supervisor_button = QPushButton(self.tr("Supervisor's confirmation…"))
        self.supervisor_button.setToolTip(self.tr(
            "Rows whose ID number is on other records are imported only when a supervisor "
            "confirms, with a reason"))
        self.supervisor_button.hide()
        self.supervisor_button.clicked.connect(self.supervisor_requested)

        bar = QHBoxLayout()
        bar.addWidget(self.only_problems)
        bar.addStretch(1)
        bar.addWidget(self.supervisor_button)
        bar.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.report_status)

    def show_result(self, source: Source, result: ImportResult, name_header: str,
                    note: str = "") -> None:
        self.source, self.result = source, result
        self.model.set_result(result, name_header)
        self.counts.setText(self.counts_text(result))
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.supervisor_button.setVisible(not result.committed and any(
            outcome.needs_supervisor for outcome in result.outcomes))
        self.report_status.clear()

    def _show_detail(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        outcome = self.model.outcome(current.row())
        self.detail.setText(self.tr("Row {row}: {message}").format(
            row=outcome.number, message=outcome.message or outcome.status.label))

    def counts_text(self, result: ImportResult) -> str:
        counts = result.counts
        text = self.tr("{new}, {updated}, {unchanged}, {skipped} (already registered), "
                       "{rejected}; {empty}.").format(
            new=self.tr("%n new rows", "", counts["new"]),
            updated=self.tr("%n updated", "", counts["updated"]),
            unchanged=self.tr("%n unchanged", "", counts["unchanged"]),
            skipped=self.tr("%n skipped", "", counts["skipped"]),
            rejected=self.tr("%n rejected", "", counts["rejected"]),
            empty=self.tr("%n empty rows left out", "", result.empty_rows))
        if result.photos_imported or result.photos_missing:
            text += " " + self.tr("{imported}, {missing}.").format(
                imported=self.tr("%n photos imported", "", result.photos_imported),
                missing=self.tr("%n photos not found", "", result.photos_missing))
        others = [note for note in result.photos if note.status != "imported"]
        if others:  # every photo the export names: those not imported, by name
            text += "\n" + listed((self.tr("row {row}: {name} {status}").format(
                row=note.row, name=bidi_safe(note.name), status=photo_status(note.status))
                for note in others[:_NAMED_PHOTOS]), "; ")
            if len(others) > _NAMED_PHOTOS:
                text += " " + self.tr("and %n more (see the report)", "",
                                         len(others) - _NAMED_PHOTOS)
        return text

    def save_report(self) -> None:
        if self.source is None or self.result is None:
            return
        suggested = self.source.path.with_name(f"{self.source.path.stem}-report.xlsx")
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), str(suggested),
            self.tr("Excel workbook (*.xlsx);;CSV for Excel (*.csv)"))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + (".csv" if "csv" in chosen_filter else ".xlsx"))
        try:
            written = write_report(path, self.source, self.result)
        except UserError as error:
            self.report_status.setStyleSheet(ERROR_STYLE)
            self.report_status.setText(error.message)
            return
        self.report_status.setStyleSheet("")
        self.report_status.setText(self.tr("Wrote %n rows to {path}.", "", written).format(
            path=path))
