"""The dwelling file's History tab: the case's audit trail in words, read and worded in a worker
and shown a hundred rows a turn (a busy case has hundreds of changes)."""

import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QVBoxLayout, QWidget
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.services.accounts.audit_log import case_history
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.dwellings import DwellingFile
from shelter_app.ui.audit.labels import action_label, entity_label
from shelter_app.ui.audit.model import actor_name, describe_changes, local_time
from shelter_app.ui.turns import next_turn
from shelter_app.ui.worker import run_in_background, to_crash_handler


def history_lines(db: Database, actor: Actor, dwelling_id: uuid.UUID) -> list[list[str]]:
    """The case's history as its tab shows it, five texts a change (when, who, what, the
    changes, the reason), for a worker: wording 500 changes takes ~50 ms."""
    return [[local_time(row.at), actor_name(row.user),
             QCoreApplication.translate("HistoryTab", "{record} {ref} {action}").format(
                 record=entity_label(row.entity), ref=row.record,
                 action=action_label(row.action)),
             describe_changes(row, "\n"), row.reason or ""]
            for row in case_history(db, actor, dwelling_id)]


class HistoryTab(QWidget):
    """The case's history in words: what was done to which record, old → new with names and
    labels, by whom and when; long changes wrap instead of being cut."""

    ROWS_A_TURN = 100  # rows put in and measured per turn of the event loop (~10 ms)

    def __init__(self, db: Database, actor: Actor, file: DwellingFile,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.file = db, actor, file
        self._asked: object = None  # the read whose rows are awaited, or still being shown
        self.model = QStandardItemModel(0, 5, self)
        self.table = QTableView()
        self.table.setObjectName("fileHistory")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    @property
    def loading(self) -> bool:
        return self._asked is not None

    def refresh(self) -> None:
        """Read and word the history in a worker (the audit trail of a busy case: tens of
        milliseconds); the rows show when it arrives, the latest asked only."""
        db, actor, dwelling_id = self.db, self.actor, self.file.id
        self._asked = asked = object()
        run_in_background(lambda: history_lines(db, actor, dwelling_id),
                          lambda lines: self._show(asked, lines), to_crash_handler)

    def _show(self, asked: object, lines: list[list[str]]) -> None:
        if not isValid(self) or asked is not self._asked:
            return
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"),
                                              self.tr("What"), self.tr("Changes"),
                                              self.tr("Reason")])
        for column, width in enumerate((130, 110, 220, 330)):
            self.table.setColumnWidth(column, width)
        self._add(asked, lines, 0)

    def _add(self, asked: object, lines: list[list[str]], start: int) -> None:
        """Rows from `start` on, ROWS_A_TURN of them now (each as high as its wrapped
        text), the rest on the next turns: 500 rows measured at once froze the window
        for 50 ms."""
        if asked is not self._asked:
            return  # read again meanwhile
        end = start + self.ROWS_A_TURN
        for texts in lines[start:end]:
            self.model.appendRow([QStandardItem(text) for text in texts])
        for row in range(start, min(end, len(lines))):
            self.table.resizeRowToContents(row)
        if end < len(lines):
            next_turn(self, lambda: self._add(asked, lines, end))
        else:
            self._asked = None
