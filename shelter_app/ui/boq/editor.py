"""The BoQ editor: price a dwelling's works from the keyboard, then submit or decide.

Typing in the search box filters the catalogue; Up/Down pick an item; Enter adds it and opens
its quantity for typing ("12,5"); Enter again saves and returns to the search. Delete removes
the selected line. Totals follow every change. The buttons shown depend on the role and the
status; the service refuses anything else with a message shown in red under the lines.

The window never waits for the database while the user works: the BoQ, its catalogue and its
take-off are read in a worker and shown when they arrive (`loaded`); a quantity is shown and
totalled at once and saved in a worker (ui/saving.py), and a refusal comes back to its line.
"""

import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.boq import over_ceiling_warning
from shelter_app.domain.errors import NeedsConfirmation, UserError
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.boq import approval
from shelter_app.services.boq import boq as service
from shelter_app.services.boq.catalogue import (
    clear_first,
    rank_items,
)
from shelter_app.ui.boq.arrival import Arrival
from shelter_app.ui.boq.list_models import ItemsModel, TakeoffModel
from shelter_app.ui.boq.lines_model import QUANTITY, LinesModel, QuantityDelegate
from shelter_app.ui.boq.lines_table import LinesTable
from shelter_app.ui.boq.output import PrintAndExport
from shelter_app.ui.boq.status_totals import (
    WARNING_LINES,
    StatusAndTotals,
    totals_rows,
    warnings_box,
)
from shelter_app.ui.boq.undo import Replays
from shelter_app.ui.changes import notify, notify_boq
from shelter_app.ui.columns import fit_titles
from shelter_app.ui.formats import typed_number
from shelter_app.ui.forms import TALLEST
from shelter_app.ui.running import current_language
from shelter_app.ui.saving import OrderedSaves
from shelter_app.ui.style import page_title
from shelter_app.ui.wrapping import wrapped

_ROOT = QModelIndex()


class BoQEditor(Arrival, StatusAndTotals, Replays, PrintAndExport, QDialog):
    loaded = Signal()  # the BoQ read by the latest `load` is shown

    def __init__(self, db: Database, actor: Actor, boq_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # closed, it goes with its lines and catalogue: its opener may live as long as the app
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.db = db
        self.actor = actor
        self._reading: object | None = None  # the `load` whose BoQ is awaited
        self._showing: Iterator[None] | None = None  # the BoQ read, shown turn by turn
        self._total_titles: list[str] | None = None  # the totals form's rows
        self._amounts: list[QLabel] = []
        self._refusals = 0  # saves the service refused
        self.saves = OrderedSaves(self)
        self.saves.refused.connect(self._save_refused)
        self.saves.saved.connect(self._save_answered)
        self.resize(1080, TALLEST)
        self.heading = QLabel()
        page_title(self.heading)
        self.info = QLabel()
        wrapped(self.info)
        self.notice = QLabel()  # return reason, revision differences
        wrapped(self.notice)
        self.notice.setStyleSheet("color: #7a4b00;")

        self.search = QLineEdit()
        self.search.setObjectName("catalogueSearch")
        self.search.setPlaceholderText(self.tr("Find a catalogue item: type a code or words "
                                               "(e.g. eps 8), Enter adds it"))
        self.search.setClearButtonEnabled(True)
        self.items_model = ItemsModel(self)
        self.items_view = QListView()
        self.items_view.setModel(self.items_model)
        # one line each, laid out from the first item's size: asked of every item, a search
        # of a catalogue of 180 items (and the BoQ's arrival) took 3 ms of the GUI thread to
        # size items the list shows five of; the tool tip has the whole of a long one
        self.items_view.setUniformItemSizes(True)
        self.items_view.setMaximumHeight(110)
        self.search.textChanged.connect(self.filter_catalogue)
        self.search.returnPressed.connect(self.add_current_item)
        self.search.installEventFilter(self)
        self.items_view.activated.connect(self._item_chosen)

        self.lines = LinesModel(self)
        self.lines.edited.connect(self._quantity_edited)
        self.table = LinesTable()
        self.table.setObjectName("boqLines")
        self.table.setModel(self.lines)
        self.table.setItemDelegateForColumn(QUANTITY, QuantityDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().hide()
        # Tab leaves the lines (only the quantity is typed in: arrows move between lines);
        # Qt's table wraps Tab from the last cell to the first, a trap for the keyboard
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 36), (1, 100), (3, 50), (4, 80), (5, 90), (6, 50), (7, 100)):
            self.table.setColumnWidth(column, width)
        fit_titles(self.table)
        self.table.installEventFilter(self)
        self.table.itemDelegateForColumn(QUANTITY).closeEditor.connect(self._quantity_closed)
        self.lines.changed.connect(self.update_totals)
        self.lines.refused.connect(self.show_error)

        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #b00020;")
        wrapped(self.error)
        self.error.hide()  # shown with a message (an empty one took a line: the BoQ's arrival
        # made the editor taller when its lines came a turn after the rest)
        self.warnings = warnings_box(WARNING_LINES)

        self.contingency = QLineEdit()
        self.contingency.setObjectName("contingency")
        self.contingency.setMaximumWidth(70)
        self.contingency.editingFinished.connect(self.save_contingency)
        self.totals_box = QGroupBox(self.tr("Totals"))
        self.totals_box.setMinimumWidth(300)
        box = QVBoxLayout(self.totals_box)
        percent = QFormLayout()
        percent.addRow(self.tr("Contingency %"), self.contingency)
        box.addLayout(percent)
        self.totals_rows, self.totals_form = totals_rows()
        box.addWidget(self.totals_rows)

        self.takeoff_box = QGroupBox(self.tr("Take-off from the assessment"))
        self.takeoff_list = QListView()
        self.takeoff_model = TakeoffModel(self)
        self.takeoff_list.setModel(self.takeoff_model)
        self.takeoff_list.setWordWrap(True)  # a long Turkish or Arabic label, not a scroll bar
        self.takeoff_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.takeoff_list.setToolTip(self.tr("Enter or double-click: use as the quantity of the "
                                             "selected line"))
        self.takeoff_list.activated.connect(self.apply_takeoff)
        QVBoxLayout(self.takeoff_box).addWidget(self.takeoff_list)

        self.undo_stack = QUndoStack(self)
        undo = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        ctrl_y = QKeySequence("Ctrl+Y")  # on every system, beside the system's own redo keys
        redo.setShortcuts([ctrl_y, *(key for key in QKeySequence.keyBindings(
            QKeySequence.StandardKey.Redo) if key != ctrl_y)])
        self.undo_buttons: list[QToolButton] = []
        for action, name, key in ((undo, "undo", "Ctrl+Z"), (redo, "redo", "Ctrl+Y")):
            self.addAction(action)  # the shortcut works anywhere in the editor
            action.setToolTip(self.tr("{what} ({key})").format(what=action.text(), key=key))
            button = QToolButton()
            button.setObjectName(f"{name}Button")
            button.setDefaultAction(action)  # its text says what it undoes: "Undo add …"
            self.undo_buttons.append(button)

        self.english = QCheckBox(self.tr("English column"))
        self.photos = QCheckBox(self.tr("Photos"))
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for button in self.undo_buttons:
            row.addWidget(button)
        for name, label, slot in (
                ("submit", self.tr("Submit for approval"), self.submit),
                ("approve", self.tr("Approve"), self.approve),
                ("return", self.tr("Return…"), self.return_to_engineer),
                ("revise", self.tr("Open a revision…"), self.revise),
                ("print", self.tr("Print PDF"), self.print_pdf),
                ("export", self.tr("Export XLSX…"), self.export_xlsx),
                ("close", self.tr("Close"), self.accept)):
            button = QPushButton(label)
            button.setObjectName(f"{name}Button")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
            if name == "revise":
                row.addStretch(1)
                row.addWidget(self.english)
                row.addWidget(self.photos)

        side = QVBoxLayout()
        side.addWidget(self.totals_box)
        side.addWidget(self.takeoff_box)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.info)
        layout.addWidget(self.notice)
        layout.addWidget(self.search)
        layout.addWidget(self.items_view)
        layout.addLayout(middle, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.heading.setText("…")
        for name in ("submit", "approve", "return", "revise"):  # shown by the status read
            self.buttons[name].hide()
        self.load(boq_id)

    # -- catalogue search and lines ----------------------------------------------------------

    def filter_catalogue(self, text: str) -> None:
        self.items_model.set_rows(rank_items(self.items, text, current_language()))
        self.picked = False  # Enter adds the first item only when it is clearly the one meant
        if self.items_model.rows:
            self.items_view.setCurrentIndex(self.items_model.index(0))

    def _quantity_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint
                         ) -> None:
        """A quantity typed: Enter goes back to the search for the next item; Tab and
        Shift+Tab go on from the lines to the next or previous field, as anywhere else."""
        hints = QAbstractItemDelegate.EndEditHint
        if hint in (hints.EditNextItem, hints.EditPreviousItem):
            self.table.setFocus()
            self.focusNextPrevChild(hint == hints.EditNextItem)
        else:
            self.search.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if "search" not in vars(self):
            return False  # the dialog deleted: PySide has let go of its attributes already
        if watched is self.search and event.type() == QEvent.Type.ShortcutOverride and \
                isinstance(event, QKeyEvent) and _undo_key(event):
            return True  # not the search box's own undo: the BoQ's (Ctrl+Z, Ctrl+Y)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.items_view.currentIndex().row() + (1 if key == Qt.Key.Key_Down
                                                              else -1)
                if 0 <= row < self.items_model.rowCount():
                    self.items_view.setCurrentIndex(self.items_model.index(row))
                    self.picked = True
                return True
            if watched is self.table and key == Qt.Key.Key_Delete and \
                    self.table.state() != QAbstractItemView.State.EditingState:
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)

    def _item_chosen(self, index: QModelIndex) -> None:
        """A double-click or Enter in the list: that item, whatever else matches."""
        self.items_view.setCurrentIndex(index)
        self.picked = True
        self.add_current_item()

    def add_current_item(self) -> None:
        index = self.items_view.currentIndex()
        if not index.isValid():
            self.show_error(self.tr("No catalogue item matches '{text}'.").format(
                text=self.search.text()))
            return
        if not (self.picked or clear_first(self.items_model.rows)):
            self.show_error(self.tr("%n items match '{text}' equally well: type more, or "
                                    "pick one with ↓ and press Enter.", "",
                                    self.items_model.rowCount()).format(text=self.search.text()))
            return
        item = self.items_model.items[index.row()]
        if not self._run(lambda: self._added(service.add_line(self.db, self.actor, self.view.id,
                                                              item.id, "1"))):
            return
        self.search.clear()

    def _added(self, line: service.LineView) -> None:
        self._push(self.tr("add {code}").format(code=line.code),
                   lambda: self._replay_removal(line.id), lambda: self._replay_restore(line.id))
        row = self.lines.add(line)
        index = self.lines.index(row, QUANTITY)
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self.table.edit(index)

    def _quantity_edited(self, before: service.LineView, after: service.LineView) -> None:
        """Shown and totalled already: save it in a worker, undoable at once."""
        self.error.hide()
        db, actor = self.db, self.actor
        self.saves.put(before, lambda: service.set_quantity(db, actor, after.id, after.quantity))
        self._push(self.tr("quantity of {code}").format(code=before.code),
                   lambda: self._replay_quantity(before.id, before.quantity),
                   lambda: self._replay_quantity(before.id, after.quantity))

    def _save_answered(self, before: service.LineView, saved: service.LineView) -> None:
        if not self.saves.pending:
            notify_boq(self.view.id)  # once the last edit typed is saved: its new total

    def _save_refused(self, before: service.LineView, error: BaseException) -> None:
        """The service refused a save (the BoQ was submitted meanwhile, on this laptop or by a
        sync): the message at the line, and the BoQ read again as it is saved."""
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash handler
        self._refusals += 1
        self.lines.mark(before.id, error.message)
        row = self.lines.row_of(before.id)
        if row is not None:
            self._select(row)
        self.show_error(error.message)
        if not self.saves.pending:
            notify_boq(self.view.id)  # the edits saved before it: the lists' total
            self.load(self.view.id)

    def remove_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        line = self.lines.lines[index.row()]
        if self._run(lambda: (service.remove_line(self.db, self.actor, line.id),
                              self.lines.remove(index.row()))):
            self._push(self.tr("remove {code}").format(code=line.code),
                       lambda: self._replay_restore(line.id),
                       lambda: self._replay_removal(line.id))
            self.show_note(self.tr("{code} removed; Ctrl+Z brings it back.").format(
                code=line.code))

    def _select(self, row: int) -> None:
        self.table.setCurrentIndex(self.lines.index(row, QUANTITY))

    def apply_takeoff(self, index: QModelIndex) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            self.show_error(self.tr("Select the line that takes this quantity first."))
            return
        quantity = typed_number(self.takeoff_model.rows[index.row()][1])
        self.lines.setData(self.lines.index(current.row(), QUANTITY), quantity)

    def save_contingency(self) -> None:
        if self.contingency.isReadOnly():
            return
        text, before = self.contingency.text(), self.view.contingency_pct
        if self._run(lambda: self._contingency_saved(
                service.set_contingency(self.db, self.actor, self.view.id, text))) and \
                self.view.contingency_pct != before:
            after = self.view.contingency_pct
            self._push(self.tr("contingency"), lambda: self._replay_contingency(before),
                       lambda: self._replay_contingency(after))

    def _contingency_saved(self, pct: Any) -> None:
        self.view = replace(self.view, contingency_pct=pct)
        self.update_totals()

    # -- status changes ---------------------------------------------------------------------

    def submit(self) -> None:
        self._decide(lambda confirm: approval.submit(self.db, self.actor, self.view.id,
                                                    confirm=confirm))

    def approve(self) -> None:
        """Over the budget ceiling the supervisor writes why (the audit trail keeps it)."""
        reason = ""
        if over_ceiling_warning(self.view.totals.gross, self.view.ceiling, "", ""):
            asked = self.ask_reason(self.tr("Approve over the budget ceiling"),
                                    self.tr("Why is this BoQ approved over the budget ceiling? "
                                            "The reason is kept in the audit trail."))
            if asked is None:
                return
            reason = asked
        self._decide(lambda confirm: approval.approve(self.db, self.actor, self.view.id,
                                                     confirm=confirm, reason=reason))

    def return_to_engineer(self) -> None:
        reason = self.ask_reason(self.tr("Return to the engineer"),
                                 self.tr("What should the engineer change?"))
        if reason is not None:
            self._run(lambda: self._decided(approval.return_boq(self.db, self.actor,
                                                               self.view.id, reason)),
                      decision=True)

    def revise(self) -> None:
        reason = self.ask_reason(self.tr("Open a revision"),
                                 self.tr("Why must the approved BoQ change? The reason goes "
                                         "into the audit trail."))
        if reason is not None:
            self._run(lambda: self._decided(approval.revise(self.db, self.actor, self.view.id,
                                                           reason)), decision=True)

    def _decide(self, action: Any) -> None:
        self.saves.drain()
        try:
            view = action(False)
        except NeedsConfirmation as warning:
            if not self.confirm("\n".join(message for _, message in warning.warnings)):
                return
            if not self._run(lambda: self._decided(action(True)), decision=True):
                return
        except UserError as error:
            self.show_error(error.message)
            return
        else:
            self._decided(view)
            notify()

    def _decided(self, view: "service.BoQView") -> None:
        """The BoQ as a decision left it: shown at once when it can no longer be edited (the
        view says all there is), read again with its catalogue when it can."""
        if service.may_edit(view, self.actor):
            self.load(view.id)
        else:
            self.show_boq(view, [], self.takeoff_model.rows)

    # -- closing ----------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Closing waits for the edits still being saved (a few milliseconds each); when one
        is refused the editor stays open with the message at its line. Closed, it is deleted:
        a read or an output still running answers to no editor (ui/boq/arrival.py,
        ui/boq/output.py)."""
        refusals = self._refusals
        self.saves.drain()
        if self._refusals != refusals and self.isVisible():
            return
        super().done(result)

    # -- asking the user (replaced in tests) -------------------------------------------------

    def confirm(self, message: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Please check"),
                                      message + "\n\n" + self.tr("Continue anyway?"))
        return answer == QMessageBox.StandardButton.Yes

    def ask_reason(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self, title, prompt)
        return text if ok else None

    # -- helpers ----------------------------------------------------------------------------

    def _run(self, action: Any, *, decision: bool = False) -> bool:
        """Call the service (`action`) and tell the lists: after a `decision` (its status, or
        a revision) every list reads again; after an edit of the lines, the BoQ's rows."""
        self.saves.drain()  # a service call never overtakes an edit being saved
        if self.loading:
            return False  # a save was refused: the BoQ is being read again
        try:
            action()
        except UserError as error:
            self.show_error(error.message)
            return False
        self.error.hide()
        if decision:
            notify()  # the BoQ lists and the dwelling file show the new status
        else:
            notify_boq(self.view.id)
        return True

    def show_error(self, message: str) -> None:
        self.error.setStyleSheet("color: #b00020;")
        self.error.setText(message)
        self.error.show()

    def show_note(self, message: str) -> None:
        self.error.setStyleSheet("color: #1b5e20;")
        self.error.setText(message)
        self.error.show()


def _undo_key(event: QKeyEvent) -> bool:
    return any(event.matches(key) for key in (QKeySequence.StandardKey.Undo,
                                               QKeySequence.StandardKey.Redo)) or \
        event.keyCombination() == QKeySequence("Ctrl+Y")[0]
