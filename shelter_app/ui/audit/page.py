"""The audit screen: who changed what, filtered by person, record and date."""

import uuid
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.services.accounts.audit_log import find_record
from shelter_app.services.accounts.auth import SYSTEM, Actor
from shelter_app.ui.audit.model import AuditTableModel, actor_name
from shelter_app.ui.forms import date_edit
from shelter_app.ui.style import page_title


def _table(model: AuditTableModel | None = None) -> QTableView:
    table = QTableView()
    if model is not None:
        table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class AuditPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        title = QLabel(self.tr("Audit trail"))
        page_title(title)
        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(self.tr("User name"))
        self.record_edit = QLineEdit()
        self.record_edit.setPlaceholderText(self.tr("Record reference, e.g. GAZ-D-000001"))
        self.since_check = QCheckBox(self.tr("From"))
        self.since_edit = date_edit(QDate(clock.today()).addDays(-30))
        self.until_check = QCheckBox(self.tr("To"))
        self.until_edit = date_edit()
        self.apply_button = QPushButton(self.tr("Show"))
        self.message = QLabel()
        self.model = AuditTableModel(db, actor, self)
        self.table = _table(self.model)
        for column, width in enumerate((140, 110, 100, 200, 380)):
            self.table.setColumnWidth(column, width)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

        filters = QHBoxLayout()
        for widget in (self.user_edit, self.record_edit, self.since_check, self.since_edit,
                       self.until_check, self.until_edit, self.apply_button):
            filters.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        self.apply_button.clicked.connect(self.apply_filters)
        self.user_edit.returnPressed.connect(self.apply_filters)
        self.record_edit.returnPressed.connect(self.apply_filters)

    def apply_filters(self) -> None:
        entity_id: uuid.UUID | None = None
        reference = self.record_edit.text().strip()
        self.message.clear()
        if reference:
            entity_id = find_record(self._db, reference)
            if entity_id is None:
                self.message.setText(
                    self.tr("No record {ref}; check the reference.").format(ref=reference))
                return
        self.model.set_filters(
            user=user_typed(self.user_edit.text()),
            entity_id=entity_id,
            since=_day_start(self.since_edit.date()) if self.since_check.isChecked() else None,
            until=(_day_start(self.until_edit.date()) + timedelta(days=1))
            if self.until_check.isChecked() else None,
        )


def user_typed(text: str) -> str | None:
    """The user to filter by: a user name, or the word for the system in any language."""
    text = text.strip()
    return SYSTEM.username if text and text.casefold() == actor_name(SYSTEM.username).casefold() \
        else text or None


def _day_start(day: QDate) -> datetime:
    """Local midnight of `day`, in UTC like the stored times."""
    local = datetime.combine(day.toPython(), time()).astimezone()
    return local.astimezone(UTC)
