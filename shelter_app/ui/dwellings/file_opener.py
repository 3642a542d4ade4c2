"""Opening a dwelling file from a list (the Dwellings and Assessments pages, the cases behind a
report's bar): its first reads (`read_opening`, tens of milliseconds on a busy case) made in a
worker, the dialog made when they arrive and shown on the next turn, each a block of the GUI
thread of its own. The file dialog's module is imported at the first opening: signing in does
not pay for it."""

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from shelter_app.domain.errors import UserError
from shelter_app.ui.turns import Opener
from shelter_app.ui.worker import run_in_background

if TYPE_CHECKING:
    from shelter_app.data.engine import Database
    from shelter_app.services.accounts.auth import Actor
    from shelter_app.ui.dwellings.file_dialog import Opening


class FileOpener:
    """Opens the files a list asks for, parented to `parent`; each file's `changed` calls
    `changed` (the list reloads), and opens on tab `tab` ("assessments_tab") if given."""

    def __init__(self, parent: QWidget, db: "Database", actor: "Actor",
                 changed: Callable[[], None], tab: str | None = None) -> None:
        self._parent, self._db, self._actor = parent, db, actor
        self._changed, self._tab = changed, tab
        self._asked: object = None  # the file whose reads are awaited
        self._opener = Opener()  # the file made, shown on the next turn

    @property
    def waiting(self) -> bool:
        """A file is made and not yet shown: input meanwhile (a second Enter) opens none."""
        return self._opener.waiting

    def open(self, dwelling_id: uuid.UUID, ref: str) -> None:
        """Open the file of `dwelling_id` once its reads arrive; the latest asked wins (asked
        again meanwhile, one file opens, not two)."""
        from shelter_app.ui.dwellings import file_dialog

        db, actor, asked = self._db, self._actor, object()
        self._asked = asked
        run_in_background(lambda: file_dialog.read_opening(db, actor, dwelling_id),
                          lambda opening: self._show(asked, dwelling_id, opening),
                          lambda error: self._refused(asked, ref, error))

    def _show(self, asked: object, dwelling_id: uuid.UUID, opening: "Opening") -> None:
        from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog

        if not isValid(self._parent) or asked is not self._asked:
            return  # the list is gone, or another file was asked since
        dialog = DwellingFileDialog(self._db, self._actor, dwelling_id, self._parent, opening)
        if self._tab is not None:
            dialog.show_tab(self._tab)  # its records read in a worker, as a click would
        dialog.changed.connect(self._changed)
        self._opener.open(dialog)  # made on this turn, styled and laid out on the next

    def _refused(self, asked: object, ref: str, error: BaseException) -> None:
        if not isValid(self._parent) or asked is not self._asked:
            return
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash handler
        # e.g. another office's case: say so, do not crash
        QMessageBox.warning(self._parent, QCoreApplication.translate(
            "FileOpener", "Cannot open {ref}").format(ref=ref), error.message)
