"""Undo and redo in the BoQ editor (Ctrl+Z, Ctrl+Y): each edit is pushed onto a QUndoStack
after the service saved it; undoing or redoing calls the service again (a removed line comes
back as it was through `restore_line`), so the database and the screen never part."""

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLineEdit

from shelter_app.data.engine import Database
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.boq import boq as service
from shelter_app.ui.boq.lines_model import LinesModel
from shelter_app.ui.formats import typed_number


class SavedEdit(QUndoCommand):
    """An edit already saved: the first redo (QUndoStack.push calls it) does nothing; later
    ones run `redo`, undo runs `undo`. Each returns False when the service refused (the
    editor shows why), which makes the stack forget its history: the BoQ changed under it."""

    def __init__(self, text: str, undo: Callable[[], bool], redo: Callable[[], bool],
                 forget: Callable[[], None]) -> None:
        super().__init__(text)
        self._undo, self._redo, self._forget = undo, redo, forget
        self._saved = True

    def redo(self) -> None:
        if self._saved:
            self._saved = False
            return
        if not self._redo():
            self._forget()

    def undo(self) -> None:
        if not self._undo():
            self._forget()


class Replays:
    """Mixed into BoQEditor: each saved edit pushed as a SavedEdit (`_push`), and what its
    undo and redo call the service to do again, through the editor's `_run`."""

    db: Database
    actor: Actor
    view: "service.BoQView"
    lines: LinesModel
    contingency: QLineEdit
    undo_stack: QUndoStack

    def _push(self, text: str, undo: Any, redo: Any) -> None:
        self.undo_stack.push(SavedEdit(text, undo, redo, self._forget_edits))

    def _forget_edits(self) -> None:
        """The service refused to undo or redo (the BoQ was submitted meanwhile): the
        history no longer matches the BoQ. Cleared after the command returns (the stack is
        running it now), unless the editor is closed and deleted first."""
        QTimer.singleShot(0, self.undo_stack, self.undo_stack.clear)

    def _replay_removal(self, line_id: uuid.UUID) -> bool:
        def remove() -> None:
            service.remove_line(self.db, self.actor, line_id)
            row = self.lines.row_of(line_id)
            if row is not None:
                self.lines.remove(row)

        return self._run(remove)

    def _replay_restore(self, line_id: uuid.UUID) -> bool:
        return self._run(lambda: self._select(self.lines.put(
            service.restore_line(self.db, self.actor, line_id))))

    def _replay_quantity(self, line_id: uuid.UUID, quantity: Any) -> bool:
        return self._run(lambda: self._select(self.lines.put(
            service.set_quantity(self.db, self.actor, line_id, quantity))))

    def _replay_contingency(self, pct: Any) -> bool:
        if not self._run(lambda: self._contingency_saved(
                service.set_contingency(self.db, self.actor, self.view.id, pct))):
            return False
        self.contingency.setText(typed_number(self.view.contingency_pct))
        return True
