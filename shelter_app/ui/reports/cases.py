"""The cases behind one bar of the Reports page: the dwellings list's model and columns over
services.reports.bar_cases, each row opening the dwelling file as on the Dwellings page."""

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.cancel import Cancel
from shelter_app.data.engine import Database
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.dwellings import DwellingRow
from shelter_app.services.reports.cases import Bar, bar_cases
from shelter_app.ui.dwellings.file_opener import FileOpener
from shelter_app.ui.dwellings.model import DwellingTableModel, row_id
from shelter_app.ui.list_place import reread_keeping_place


class BarCasesModel(DwellingTableModel):
    """The dwellings list's columns over the cases of one bar, a page at a time, by reference."""

    def __init__(self, db: Database, actor: Actor, bar: Bar, scope: dict[str, Any],
                 parent: Any = None) -> None:
        self._actor = actor
        self._bar = bar
        self._scope = scope
        super().__init__(db, parent)

    def fetcher(self) -> Callable[[int, int, Cancel | None], list[DwellingRow]]:
        db, actor, bar, scope = self._db, self._actor, self._bar, self._scope
        return lambda offset, limit, cancel: bar_cases(db, actor, bar, offset=offset,
                                                       limit=limit, **scope)


class BarCasesDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, bar: Bar, *, office: str | None,
                 first: date | None, last: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cases behind the bar"))
        self.resize(820, 480)
        self.model = BarCasesModel(db, actor, bar,
                                   {"office": office, "first": first, "last": last}, self)
        view = QAbstractItemView
        self.table = QTableView(selectionBehavior=view.SelectionBehavior.SelectRows,
                                selectionMode=view.SelectionMode.SingleSelection,
                                editTriggers=view.EditTrigger.NoEditTriggers)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 150, 110, 110, 200)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self.open_file)
        self.files = FileOpener(self, db, actor, lambda: reread_keeping_place(
            self.table, self.model, row_id))
        more = "+" if self.model.canFetchMore() else ""
        self.summary = QLabel(self.tr("%n{more} cases; open one with Enter or a double click.",
                                      "", self.model.rowCount()).format(more=more))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # Enter on a case opens its file: as the dialog's default button, Close took that
        # Enter too, and the list went with the file it had just opened
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def open_file(self, index: QModelIndex) -> None:
        """The row's file (its reads in a worker, ui/dwellings/file_opener.py)."""
        if not self.files.waiting:
            row = self.model.row_at(index.row())
            self.files.open(row.id, row.ref)
