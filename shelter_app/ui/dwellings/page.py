"""The Dwellings screen: filter-as-you-type over every case, open one dwelling's file."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.permissions import Action
from shelter_app.services.cases.dwelling_row import DwellingRow
from shelter_app.ui.dwellings.file_opener import FileOpener
from shelter_app.ui.dwellings.model import DwellingTableModel, row_id
from shelter_app.ui.empty_list import say_when_empty
from shelter_app.ui.list_place import reread_keeping_place
from shelter_app.ui.style import page_title

if TYPE_CHECKING:  # the page can show its first rows before SQLAlchemy has loaded
    from shelter_app.data.engine import Database
    from shelter_app.services.accounts.auth import Actor


class DwellingsPage(QWidget):
    """Typing filters the list as you type: each keystroke starts a search in a worker thread
    and cancels the one before, so the window never waits for a query; the first page too is
    read in a worker (at sign-in). The dwelling file and the new-case form are imported when
    first opened: signing in does not pay for them.

    At start the page can show a first page read before the database layer has loaded
    (`rows`, without `db` nor `actor`): it shows them, and nothing can be searched, opened or
    made until `attach` brings the opened database and the signed-in user."""

    opened = Signal(str)

    def __init__(self, db: "Database | None", actor: "Actor | None",
                 parent: QWidget | None = None, *, rows: list[DwellingRow] | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Dwellings"))
        page_title(self.title)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(
            self.tr("Search by reference, name, province, district or street")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New case…"))
        self.new_button.setToolTip(self.tr("Register a household and the dwelling they rent"))
        self.new_button.clicked.connect(self.new_case)
        self.model = DwellingTableModel(db, self, background=True, rows=rows)
        self.files: FileOpener | None = None  # once attached
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
        say_when_empty(self.table, self.model, lambda: self.tr(
            "No dwelling matches '{text}'.").format(text=self.model.filter_text)
            if self.model.filter_text else "")
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
        if db is not None and actor is not None:
            self.attach(db, actor)
        else:
            self.filter_edit.setEnabled(False)
            self.new_button.hide()
            self.table.horizontalHeader().setSectionsClickable(False)

    def attach(self, db: "Database", actor: "Actor") -> None:
        """The opened database and the signed-in user: the page can search, open and make."""
        self._db = db
        self._actor = actor
        self.model.attach(db)
        self.files = FileOpener(self, db, actor, self.reread)
        self.new_button.setVisible(actor.can(Action.EDIT_CASES))
        self.filter_edit.setEnabled(True)
        self.table.horizontalHeader().setSectionsClickable(True)

    @property
    def loading(self) -> bool:
        """The rows of the latest search or of the first page are still awaited."""
        return self.model.loading

    def reread(self) -> None:
        """The rows again after a change in a file, in a worker, the user's place kept."""
        reread_keeping_place(self.table, self.model, row_id)

    def apply_filter(self) -> None:
        """Filter by the field's text at once (a new case's reference): its rows are there when
        this returns."""
        self.model.set_filter(self.filter_edit.text())

    def _update_summary(self) -> None:
        shown = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.summary.setText(self.tr("%n{more} dwellings shown", "", shown).format(more=more))

    def open_file(self, index: QModelIndex) -> None:
        """Open the row's file (its reads in a worker, ui/dwellings/file_opener.py)."""
        if self.files is None or self.files.waiting:  # not attached yet, or a file opening
            return
        row = self.model.row_at(index.row())
        self.opened.emit(row.ref)
        self.files.open(row.id, row.ref)

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
