"""Conflicts, for supervisors: one field of one record changed on two machines from the same
version. The list shows every open conflict of the supervisor's office; the detail shows the
value before both changes (base), ours (who, on which laptop, when) and theirs (the value the
server kept, who and when). "Keep theirs", "Take ours" or "Edit…" settle it through
services.sync.conflicts.resolve, in the worker pool; the decision is an ordinary change that
the next sync takes to the server and from there to every laptop.

The page follows the window's SyncRunner wherever it shows (the Sync conflicts page, the
Inbox): a decision starts a sync at once, so it goes soon, and the status is read again, so the
status bar's count and every other conflicts page follow.
"""

import json
import re
import uuid
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.sync.conflicts import ConflictView, list_conflicts, resolve
from shelter_app.services.sync.status import SyncStatus
from shelter_app.ui.audit.labels import choice_label, entity_label, field_label
from shelter_app.ui.formats import bidi_safe, capitalised, date_text, datetime_text
from shelter_app.ui.forms import ERROR_STYLE
from shelter_app.ui.paged_model import Column, PagedTableModel
from shelter_app.ui.style import page_title
from shelter_app.ui.sync.runner import SyncRunner
from shelter_app.ui.worker import run_in_background
from shelter_app.ui.wrapping import wrapped

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T")


def value_text(entity: str, field: str, value: Any) -> str:
    """A conflicting value as people read it: a code by its label, a day or time in the
    interface's notation, yes/no, "(empty)"; structured values as JSON."""
    translate = QCoreApplication.translate
    if value is None or value == "":
        return translate("ConflictsPage", "(empty)")
    if isinstance(value, bool):
        return translate("ConflictsPage", "Yes") if value else translate("ConflictsPage", "No")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        label = choice_label(entity, field, value)
        if label:
            return label
        try:
            if _DAY.match(value):
                return date_text(date.fromisoformat(value))
            if _MOMENT.match(value):
                return datetime_text(datetime.fromisoformat(value))
        except ValueError:
            pass
    return str(value)


def edited_value(text: str, like: list[Any]) -> Any:
    """What the supervisor typed, in the JSON form of the field's values (`like`): text stays
    text, a number, yes/no or structure is read as JSON; empty is no value. The service checks
    that it fits the field."""
    if not text.strip():
        return None
    if all(value is None or isinstance(value, str) for value in like):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text  # refused by the service, naming the field


def editable_text(value: Any) -> str:
    """A value as the Edit box starts with it (the inverse of `edited_value`)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _record(row: ConflictView) -> str:
    return f"{entity_label(row.entity)} {row.record}"


def _who(name: str | None) -> str:
    return name or QCoreApplication.translate("ConflictsModel", "unknown")


def _when(moment: datetime | None) -> str:
    return datetime_text(moment) if moment else ""


class ConflictsModel(PagedTableModel[ConflictView]):
    columns = [
        Column(QT_TRANSLATE_NOOP("ConflictsModel", "Record"), lambda r: capitalised(_record(r))),
        Column(QT_TRANSLATE_NOOP("ConflictsModel", "Field"), lambda r: field_label(r.field)),
        Column(QT_TRANSLATE_NOOP("ConflictsModel", "Ours by"), lambda r: _who(r.ours_by)),
        Column(QT_TRANSLATE_NOOP("ConflictsModel", "Theirs by"), lambda r: _who(r.theirs_by)),
        Column(QT_TRANSLATE_NOOP("ConflictsModel", "Ours changed"), lambda r: _when(r.ours_at)),
    ]

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.reload()

    def fetch(self, offset: int, limit: int) -> list[ConflictView]:
        return list_conflicts(self._db, self._actor)[offset:offset + limit]

    def row_of(self, conflict_id: uuid.UUID) -> int:
        return next((row for row in range(self.rowCount())
                     if self.row_at(row).id == conflict_id), -1)


def _value_label() -> QLabel:
    label = QLabel()
    wrapped(label)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("font-weight: 600;")
    return label


class ConflictsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, runner: SyncRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._runner = runner
        # the count of open conflicts (the status's) when the list was read
        self._open = runner.status.open_conflicts
        runner.status_changed.connect(self._follow)
        self.busy = False
        title = QLabel(self.tr("Sync conflicts"))
        page_title(title)
        intro = QLabel(self.tr(
            "Two machines changed the same field of a record. The server kept the value that "
            "reached it first (theirs); choose the value to keep. Your decision is sent at the "
            "next sync and becomes the value on every laptop."))
        wrapped(intro)
        self.model = ConflictsModel(db, actor, self)
        self.table = QTableView()
        self.table.setObjectName("conflicts")
        self.table.setModel(self.model)
        # after the view's own: a reset of the view clears the row made current before it
        self.model.modelReset.connect(self._reloaded)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((220, 150, 160, 160)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())
        self.empty = QLabel(self.tr("No conflict waits for a decision."))

        self.detail = QGroupBox()
        grid = QGridLayout(self.detail)
        self.base, self.ours, self.theirs = _value_label(), _value_label(), _value_label()
        self.ours_source, self.theirs_source = QLabel(), QLabel()
        for label in (self.ours_source, self.theirs_source):
            wrapped(label)
        grid.addWidget(QLabel(self.tr("Before both changes")), 0, 0)
        grid.addWidget(self.base, 0, 1)
        grid.addWidget(QLabel(self.tr("Ours (not applied)")), 1, 0)
        grid.addWidget(self.ours, 1, 1)
        grid.addWidget(self.ours_source, 2, 1)
        grid.addWidget(QLabel(self.tr("Theirs (kept by the server)")), 3, 0)
        grid.addWidget(self.theirs, 3, 1)
        grid.addWidget(self.theirs_source, 4, 1)
        grid.setColumnStretch(1, 1)
        self.theirs_button = QPushButton(self.tr("Keep theirs"))
        self.theirs_button.setObjectName("keepTheirs")
        self.ours_button = QPushButton(self.tr("Take ours"))
        self.ours_button.setObjectName("takeOurs")
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editValue")
        self.theirs_button.clicked.connect(lambda: self._decide(lambda c: c.theirs))
        self.ours_button.clicked.connect(lambda: self._decide(lambda c: c.ours))
        self.edit_button.clicked.connect(self.edit)
        buttons = QHBoxLayout()
        for button in (self.theirs_button, self.ours_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 5, 0, 1, 2)
        self.message = QLabel()
        self.message.setObjectName("conflictMessage")
        wrapped(self.message)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        self._reloaded()

    # -- the list and the detail ---------------------------------------------------------

    def reload(self) -> None:
        self.model.reload()

    @Slot(object)
    def _follow(self, status: SyncStatus) -> None:
        """Conflicts decided on another conflicts page, or brought by a sync: the list is read
        again when the count of open ones is not the one it was read at."""
        if status.open_conflicts != self._open:
            self._open = status.open_conflicts
            if not self.busy:  # else read again as the decision is saved
                self.reload()

    @Slot()
    def _reloaded(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.empty.setVisible(not has_rows)
        if has_rows:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.show_selected()

    def selected(self) -> ConflictView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def show_selected(self) -> None:
        conflict = self.selected()
        self.detail.setVisible(conflict is not None)
        if conflict is None:
            return
        shown = [bidi_safe(value_text(conflict.entity, conflict.field, value))
                 for value in (conflict.base, conflict.ours, conflict.theirs)]
        self.detail.setTitle(capitalised(self.tr("{field} of {record}").format(
            field=field_label(conflict.field), record=_record(conflict))))
        self.base.setText(shown[0])
        self.ours.setText(shown[1])
        self.theirs.setText(shown[2])
        self.ours_source.setText(self.tr("by {name} on {device}, {when}").format(
            name=_who(conflict.ours_by), device=conflict.ours_device or "?",
            when=_when(conflict.ours_at)))
        self.theirs_source.setText(self.tr("by {name}, {when}").format(
            name=_who(conflict.theirs_by), when=_when(conflict.theirs_at)))
        self._set_busy(self.busy)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.theirs_button, self.ours_button, self.edit_button):
            button.setEnabled(not busy)

    # -- deciding --------------------------------------------------------------------------

    def edit(self) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        text = self.ask_value(conflict)
        if text is None:
            return
        value = edited_value(text, [conflict.base, conflict.ours, conflict.theirs])
        self._decide(lambda _: value)

    def ask_value(self, conflict: ConflictView) -> str | None:
        """The value the supervisor types, starting from ours (replaced in tests)."""
        text, ok = QInputDialog.getText(
            self, self.tr("Edit the value"),
            capitalised(self.tr("{field} of {record}:").format(
                field=field_label(conflict.field), record=_record(conflict))),
            text=editable_text(conflict.ours))
        return text if ok else None

    def _decide(self, choose: Any) -> None:
        conflict = self.selected()
        if conflict is None or self.busy:
            return
        value = choose(conflict)
        db, actor = self._db, self._actor
        self._set_busy(True)
        self._show(self.tr("Saving the decision…"))
        run_in_background(lambda: resolve(db, actor, conflict.id, value),
                          lambda _: self._resolved(conflict, value), self._failed)

    def _resolved(self, conflict: ConflictView, value: Any) -> None:
        self._set_busy(False)
        self._show(capitalised(self.tr(
            "{field} of {record} is now {value}. The decision goes to the server at the next "
            "sync.").format(field=field_label(conflict.field), record=_record(conflict),
                            value=bidi_safe(value_text(conflict.entity, conflict.field, value)))))
        self._open -= 1  # read again here: the status read next reloads only if more changed
        self.reload()
        self._runner.refresh()  # the status bar's count; the other conflicts page follows
        self._runner.sync(manual=False)  # the decision goes now, not at the next timed sync

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(error, UserError):
            raise error
        self._show(error.message, error=True)
        self.reload()

    def _show(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
