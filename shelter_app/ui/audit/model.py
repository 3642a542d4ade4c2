"""Audit events as a paged table, newest first."""

import uuid
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from shelter_app.data.engine import Database
from shelter_app.services.audit_log import AuditRow, list_events
from shelter_app.services.auth import Actor
from shelter_app.ui.paged_model import Column, PagedTableModel


def describe_changes(row: AuditRow) -> str:
    """'field: old → new' for each changed field, in one line."""
    return "; ".join(
        f"{field}: {'' if old is None else old} → {'' if new is None else new}"
        for field, (old, new) in sorted(row.changes.items()) if field != "id"
    )


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%d.%m.%Y %H:%M:%S")


class AuditTableModel(PagedTableModel[AuditRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "When"), lambda r: local_time(r.at)),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Who"), lambda r: r.user),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Action"), lambda r: r.action),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Record"),
               lambda r: f"{r.entity}: {r.record}"),
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
