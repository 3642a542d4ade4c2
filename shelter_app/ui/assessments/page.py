"""The Assessments screen: every assessment, newest first or by priority; Enter opens the case."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.cancel import Cancel
from shelter_app.data.engine import Database
from shelter_app.domain.i18n import translate
from shelter_app.services.assessments.listing import (
    AssessmentRow,
    AssessmentSort,
    search_assessments,
)
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.dwellings.file_opener import FileOpener
from shelter_app.ui.formats import date_text, number
from shelter_app.ui.paged_model import Column, PagedTableModel
from shelter_app.ui.style import page_title


def _decision(row: AssessmentRow) -> str:
    if row.eligible is None:
        return ""
    return (translate("AssessmentTableModel", "Eligible") if row.eligible
            else translate("AssessmentTableModel", "Not eligible"))


class AssessmentTableModel(PagedTableModel[AssessmentRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("AssessmentTableModel", "Date"),
               lambda r: date_text(r.assessed_on), AssessmentSort.DATE),
        Column(QT_TRANSLATE_NOOP("AssessmentTableModel", "Dwelling"), lambda r: r.dwelling_ref,
               AssessmentSort.DWELLING),
        Column(QT_TRANSLATE_NOOP("AssessmentTableModel", "Priority"),
               lambda r: "" if r.priority_score is None else number(r.priority_score),
               AssessmentSort.PRIORITY, numeric=True),
        Column(QT_TRANSLATE_NOOP("AssessmentTableModel", "Decision"), _decision),
        Column(QT_TRANSLATE_NOOP("AssessmentTableModel", "Final"),
               lambda r: "●" if r.is_final else ""),
        Column(QT_TRANSLATE_NOOP("AssessmentTableModel", "Household"),
               lambda r: r.household or ""),
        Column(QT_TRANSLATE_NOOP("AssessmentTableModel", "District"),
               lambda r: f"{r.district}/{r.province}"),
        Column(QT_TRANSLATE_NOOP("AssessmentTableModel", "Assessor"), lambda r: r.assessor or ""),
    ]

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self.text = ""
        self.latest_only = False
        self._sort = AssessmentSort.DATE
        self._descending = True

    def fetch(self, offset: int, limit: int) -> list[AssessmentRow]:
        return self.fetcher()(offset, limit, None)

    def fetcher(self) -> Callable[[int, int, Cancel | None], list[AssessmentRow]]:
        db, text, sort, descending = self._db, self.text, self._sort, self._descending
        latest_only = self.latest_only
        return lambda offset, limit, cancel: search_assessments(
            db, text, sort=sort, descending=descending, latest_only=latest_only,
            offset=offset, limit=limit, cancel=cancel)


class AssessmentsPage(QWidget):
    FILTER_DELAY_MS = 150

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = False
        title = QLabel(self.tr("Assessments"))
        page_title(title)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            self.tr("Search by dwelling reference, name, province, district or street"))
        self.filter_edit.setClearButtonEnabled(True)
        self.latest_only = QCheckBox(self.tr("Latest assessment of each dwelling only"))
        self.model = AssessmentTableModel(db, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        # the model's own order (newest first) before sorting is enabled: nothing is read yet
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((90, 120, 80, 100, 64, 200, 180)):
            self.table.setColumnWidth(column, width)
        self._timer = QTimer(self, singleShot=True, interval=self.FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._timer.start)
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.latest_only.toggled.connect(self.apply_filter)
        self.table.activated.connect(self.open_file)
        self.files = FileOpener(self, db, actor, self.model.reload_in_background,
                                "assessments_tab")
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.latest_only)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    @property
    def loading(self) -> bool:
        """Rows are being read (in a worker)."""
        return self.model.loading

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """The first page is read when the screen is first shown, in a worker: the rows
        arrive by signal (`model.loaded`)."""
        if not self._loaded:
            self._loaded = True
            self.model.reload_in_background()
        super().showEvent(event)

    def apply_filter(self) -> None:
        """Search in a worker; a search still running for older words is cancelled."""
        self._timer.stop()
        self.model.text = self.filter_edit.text()
        self.model.latest_only = self.latest_only.isChecked()
        self.model.reload_in_background()

    def open_file(self, index: QModelIndex) -> None:
        """The file, on its Assessments tab (ui/dwellings/file_opener.py): one at a time."""
        if self.files.waiting:
            return
        row = self.model.row_at(index.row())
        self.files.open(row.dwelling_id, row.dwelling_ref)
