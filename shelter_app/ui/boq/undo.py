"""Undo and redo in the BoQ editor (Ctrl+Z, Ctrl+Y): each edit is pushed onto a QUndoStack
after the service saved it; undoing or redoing calls the service again (a removed line comes
back as it was through `restore_line`), so the database and the screen never part."""

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


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
