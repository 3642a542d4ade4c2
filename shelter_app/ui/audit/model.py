"""Audit events as a paged table, newest first."""

import uuid
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shelter_app.data.engine import Database
from shelter_app.services.audit_log import AuditRow, list_events
from shelter_app.services.auth import Actor
from shelter_app.ui.formats import datetime_text
from shelter_app.ui.paged_model import Column, PagedTableModel


def describe_changes(row: AuditRow) -> str:
    """'field: old → new' for each changed field, in one line."""
    return "; ".join(
        f"{field}: {'' if old is None else old} → {'' if new is None else new}"
        for field, (old, new) in sorted(row.changes.items()) if field != "id"
    )


#: The audit log's actions as the trail shows them (the log itself keeps the plain words)
_ACTIONS = {
    "create": QT_TRANSLATE_NOOP("audit", "created"),
    "update": QT_TRANSLATE_NOOP("audit", "changed"),
    "delete": QT_TRANSLATE_NOOP("audit", "deleted"),
}


#: The kinds of record, by table name, as the trail names them
_ENTITIES = {
    "lease_agreements": QT_TRANSLATE_NOOP("audit", "agreement"),
    "monitoring_visits": QT_TRANSLATE_NOOP("audit", "monitoring visit"),
    "offices": QT_TRANSLATE_NOOP("audit", "office"),
    "users": QT_TRANSLATE_NOOP("audit", "user"),
    "settings": QT_TRANSLATE_NOOP("audit", "setting"),
    "payment_batches": QT_TRANSLATE_NOOP("audit", "payment batch"),
    "timesheets": QT_TRANSLATE_NOOP("audit", "timesheet"),
    "labour_entries": QT_TRANSLATE_NOOP("audit", "labour day"),
    "dwellings": QT_TRANSLATE_NOOP("audit", "dwelling"),
    "assessments": QT_TRANSLATE_NOOP("audit", "assessment"),
    "photos": QT_TRANSLATE_NOOP("audit", "photo"),
    "price_catalogues": QT_TRANSLATE_NOOP("audit", "price catalogue"),
    "price_items": QT_TRANSLATE_NOOP("audit", "catalogue item"),
    "boqs": QT_TRANSLATE_NOOP("audit", "bill of quantities"),
    "boq_lines": QT_TRANSLATE_NOOP("audit", "BoQ line"),
    "households": QT_TRANSLATE_NOOP("audit", "household"),
    "landlords": QT_TRANSLATE_NOOP("audit", "landlord"),
    "workers": QT_TRANSLATE_NOOP("audit", "worker"),
}


def action_label(action: str) -> str:
    text = _ACTIONS.get(action)
    return QCoreApplication.translate("audit", text) if text else action


def entity_label(entity: str) -> str:
    text = _ENTITIES.get(entity)
    return QCoreApplication.translate("audit", text) if text else entity


def local_time(moment: datetime) -> str:
    return datetime_text(moment, seconds=True)


class AuditTableModel(PagedTableModel[AuditRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "When"), lambda r: local_time(r.at)),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Who"), lambda r: r.user),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Action"), lambda r: action_label(r.action)),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Record"),
               lambda r: f"{entity_label(r.entity)}: {r.record}"),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Changes"), describe_changes,
               tooltip=lambda r: describe_changes(r).replace("; ", "\n")),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Reason"), lambda r: r.reason or ""),
    ]

    def __init__(self, db: Database, actor: Actor, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.filters: dict[str, Any] = {}
        self.reload()

    def set_filters(self, *, user: str | None = None, entity_id: uuid.UUID | None = None,
                    since: datetime | None = None, until: datetime | None = None) -> None:
        self.filters = {"user": user, "entity_id": entity_id, "since": since, "until": until}
        self.reload()

    def fetch(self, offset: int, limit: int) -> list[AuditRow]:
        return list_events(self._db, self._actor, offset=offset, limit=limit, **self.filters)
