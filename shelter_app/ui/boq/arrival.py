"""The BoQ editor's arrival: the BoQ, its catalogue and take-off read in a worker and shown
turn by turn when they arrive (ui/turns.py), each part a block of the GUI thread of its own."""

import uuid
from collections.abc import Iterator

import shiboken6
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.boq import boq as service
from shelter_app.services.boq.catalogue import ItemRow
from shelter_app.services.boq.lookup import Takeoff, boq_to_edit
from shelter_app.ui.boq.lines_model import LinesModel
from shelter_app.ui.boq.lines_table import LinesTable
from shelter_app.ui.saving import OrderedSaves
from shelter_app.ui.turns import next_turn
from shelter_app.ui.worker import run_in_background


class Arrival:
    """The editor's loading, mixed into BoQEditor, whose widgets it fills: `load` reads in a
    worker, a newer load supersedes one still running, and the read is shown in parts: the
    status and totals (`_show_status`, ui/boq/status_totals.py), then the lines. The catalogue
    filter, `_select` and `show_error` it calls are the editor's."""

    db: Database
    actor: Actor
    saves: OrderedSaves
    search: QLineEdit
    table: LinesTable
    lines: LinesModel
    contingency: QLineEdit
    error: QLabel
    buttons: dict[str, QPushButton]
    undo_stack: QUndoStack
    _reading: object | None  # the `load` whose BoQ is awaited
    _showing: Iterator[None] | None  # the BoQ read, shown turn by turn

    @property
    def loading(self) -> bool:
        return self._reading is not None

    def load(self, boq_id: uuid.UUID) -> None:
        """Read the BoQ, its catalogue and take-off in a worker and show them when they
        arrive; a newer load supersedes one still running. Meanwhile nothing can be changed."""
        self.saves.drain()  # the read sees every edit made
        self._reading = token = object()
        self._enable(False)
        db, actor = self.db, self.actor
        run_in_background(lambda: boq_to_edit(db, actor, boq_id),
                          lambda found: self._arrived(token, found),
                          lambda error: self._not_read(token, error))

    def _current(self, token: object) -> bool:
        return shiboken6.isValid(self) and token is self._reading

    def _arrived(self, token: object, found: "tuple[service.BoQView, list[ItemRow], Takeoff]"
                 ) -> None:
        """The BoQ read is shown on the next two turns of the event loop (ui/turns.py): its
        status, take-off and totals on one, its lines and the catalogue's items on the other.
        Shown at once (the worker's answer is a posted event), the window froze for both and
        their paint, and for the editor's own showing when the read came back that fast (200
        lines: 40-50 ms)."""
        if self._current(token):
            self._showing = self._show_in_parts(token, *found)
            next_turn(self, self._show_next_part)

    def _show_next_part(self) -> None:
        if self._showing is not None:
            try:
                next(self._showing)
            except StopIteration:
                self._showing = None
            else:
                next_turn(self, self._show_next_part)

    def _show_in_parts(self, token: object, view: "service.BoQView", items: "list[ItemRow]",
                       takeoff: Takeoff) -> Iterator[None]:
        if self._current(token):
            self._show_status(view, items, takeoff)
            yield
        if self._current(token):  # (not read again meanwhile)
            self._reading = None
            self._show_lines(view)
            self.loaded.emit()

    def _not_read(self, token: object, error: BaseException) -> None:
        if not self._current(token):
            return
        self._reading = None
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash handler
        self.show_error(error.message)

    def _enable(self, enabled: bool) -> None:
        """While a read is awaited nothing can change (Close can)."""
        for widget in (self.search, self.table, self.contingency, *self.buttons.values()):
            widget.setEnabled(enabled or widget is self.buttons["close"])

    def show_boq(self, view: "service.BoQView", items: "list[ItemRow]", takeoff: Takeoff) -> None:
        self._show_status(view, items, takeoff)
        self._show_lines(view)

    def _show_lines(self, view: "service.BoQView") -> None:
        """The lines and the catalogue's items, and the editor ready for the keyboard."""
        can_edit = service.may_edit(view, self.actor)
        self._enable(True)
        self.search.setEnabled(can_edit)
        self.filter_catalogue(self.search.text())
        current = self.table.currentIndex()
        selected = self.lines.lines[current.row()].id if current.isValid() else None
        self.lines.set_lines(list(view.lines), can_edit)
        # its scroll bar placed before the lines' first paint: placed by Qt's later pass, the
        # table narrowed after that paint and was painted whole once more (10 ms)
        self.table.updateGeometries()
        row = self.lines.row_of(selected)
        if row is not None:  # read again: the user keeps their place (a refused line's too)
            self._select(row)
        if not self.lines.problems:  # a refused save's message stays until the line changes
            self.error.hide()
        self.undo_stack.clear()  # a new status or revision: earlier edits are not undone
        (self.search if can_edit else self.table).setFocus()
