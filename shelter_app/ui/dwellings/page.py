"""The Dwellings screen: filter-as-you-type over every case, open one dwelling's file."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.dwellings import DwellingRow
from shelter_app.ui.dwellings.model import DwellingTableModel
from shelter_app.ui.turns import Opener
from shelter_app.ui.worker import run_in_background

if TYPE_CHECKING:
    from shelter_app.ui.dwellings.file_dialog import Opening


class DwellingsPage(QWidget):
    """Typing filters the list as you type: each keystroke starts a search in a worker thread
    and cancels the one before, so the window never waits for a query; the first page too is
    read in a worker (at sign-in). The dwelling file and the new-case form are imported when
    first opened: signing in does not pay for them."""

    opened = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._asked: object = None  # the row whose file is being read to open
        self._opener = Opener()  # its file, made and shown on the next turn
        self.title = QLabel(self.tr("Dwellings"))
        self.title.setObjectName("pageTitle")
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            self.tr("Search by reference, name, province, district or street")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New case…"))
        self.new_button.setToolTip(self.tr("Register a household and the dwelling they rent"))
        self.new_button.clicked.connect(self.new_case)
        self.new_button.setVisible(actor.can(Action.EDIT_CASES))
        self.model = DwellingTableModel(db, self, background=True)
        self.table = QTableView()
        self.table.setModel(self.model)
        # the model's own order (by reference), so that enabling sorting asks for no other
        # (Qt's default indicator, descending, made it read the first page three times)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
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
        self.filter_edit.textChanged.connect(self.model.search)
        self.table.activated.connect(self.open_file)
        self.model.modelReset.connect(self._update_summary)
        self.model.rowsInserted.connect(self._update_summary)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        search = QHBoxLayout()
        search.addWidget(self.filter_edit, 1)
        search.addWidget(self.new_button)
        layout.addLayout(search)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        self._update_summary()

    @property
    def loading(self) -> bool:
        """The rows of the latest search or of the first page are still awaited."""
        return self.model.loading

    def apply_filter(self) -> None:
        """Filter by the field's text at once (a new case's reference): its rows are there when
        this returns."""
        self.model.set_filter(self.filter_edit.text())

    def _update_summary(self) -> None:
        shown = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.summary.setText(self.tr("%n{more} dwellings shown", "", shown).format(more=more))

    def open_file(self, index: QModelIndex) -> None:
        """Open the row's file once its first reads, made in a worker, arrive; the latest row
        asked wins (a second Enter meanwhile opens one file, not two, as it does while the
        file is made and not yet shown)."""
        if self._opener.waiting:
            return
        from shelter_app.ui.dwellings.file_dialog import read_opening

        row = self.model.row_at(index.row())
        self.opened.emit(row.ref)
        db, actor, asked = self._db, self._actor, object()
        self._asked = asked
        run_in_background(lambda: read_opening(db, actor, row.id),
                          lambda opening: self._show_file(asked, row, opening),
                          lambda error: self._refused(asked, row, error))

    def _show_file(self, asked: object, row: DwellingRow, opening: "Opening") -> None:
        from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog

        if not isValid(self) or asked is not self._asked:
            return  # the page is gone, or another row was asked since
        dialog = DwellingFileDialog(self._db, self._actor, row.id, self, opening)
        dialog.changed.connect(self.model.reload)
        self._opener.open(dialog)  # made on this turn, styled and laid out on the next

    def _refused(self, asked: object, row: DwellingRow, error: BaseException) -> None:
        if not isValid(self) or asked is not self._asked:
            return
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash handler
        # e.g. another office's case: say so, do not crash
        QMessageBox.warning(self, self.tr("Cannot open {ref}").format(ref=row.ref),
                            error.message)

    def new_case(self) -> None:
        """Register a case; the list then shows just the new dwelling, ready to open."""
        from shelter_app.ui.households.dialogs import RegisterCaseDialog

        self.register_dialog = RegisterCaseDialog(self._db, self._actor, self)
        self.register_dialog.accepted.connect(self._show_new_case)
        self.register_dialog.open()

    def _show_new_case(self) -> None:
        refs = self.register_dialog.refs
        if refs is not None:
            self.filter_edit.setText(refs.dwelling)
            self.apply_filter()
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus()
