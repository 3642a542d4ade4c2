"""The Dwellings screen: filter-as-you-type over every case, open one dwelling's file."""

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.services.auth import Actor
from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog
from shelter_app.ui.dwellings.model import DwellingTableModel


class DwellingsPage(QWidget):
    """Typing filters the list after a short pause, so fast typing costs one query, not ten."""

    FILTER_DELAY_MS = 150
    opened = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.title = QLabel(self.tr("Dwellings"))
        self.title.setObjectName("pageTitle")
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            self.tr("Search by reference, name, province, district or street")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.model = DwellingTableModel(db, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((120, 150, 110, 110, 220)):
            self.table.setColumnWidth(column, width)
        self.summary = QLabel()
        self._timer = QTimer(self, singleShot=True, interval=self.FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._timer.start)
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.table.activated.connect(self.open_file)
        self.model.modelReset.connect(self._update_summary)
        self.model.rowsInserted.connect(self._update_summary)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        self._update_summary()

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.filter_edit.text())

    def _update_summary(self) -> None:
        shown = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.summary.setText(self.tr("{count}{more} dwellings shown").format(count=shown, more=more))

    def open_file(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        self.opened.emit(row.ref)
        DwellingFileDialog(self._db, self._actor, row.id, self).open()
