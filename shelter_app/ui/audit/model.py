"""Audit events as a paged table, newest first."""

import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shelter_app.data.engine import Database
from shelter_app.services.accounts.audit_log import AuditRow, list_events
from shelter_app.services.accounts.auth import SYSTEM, Actor
from shelter_app.ui.audit.labels import action_label, choice_label, entity_label, field_label
from shelter_app.ui.formats import (
    date_text,
    datetime_text,
    directed,
    isolated,
    listed,
    number,
)
from shelter_app.ui.paged_model import Column, PagedTableModel


def describe_changes(row: AuditRow, separator: str = "; ") -> str:
    """'field: old → new' for each changed field, in one line (or one per line with
    `separator` "\n"), the field by its label; in Arabic each value isolated, the arrow
    pointing left, from old to new as read, and the Arabic semicolon between fields. A
    created record's fields read 'field: value' (each line was 'field:  → value', an arrow
    from nothing), and an empty value reads "—"."""
    arrow = directed("→")

    def shown(field: str, value: Any) -> str:
        return isolated(_value(row.entity, field, value) or "—")

    return listed((
        f"{field_label(field)}: {shown(field, new)}" if row.action == "create"
        else f"{field_label(field)}: {shown(field, old)} {arrow} {shown(field, new)}"
        for field, (old, new) in sorted(row.changes.items()) if field != "id"), separator)


# how the log keeps dates and UTC timestamps (data/audit.py: isoformat())
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00")
# how it keeps a Decimal column (str(Decimal)): rents, quantities, GPS degrees
_DECIMAL = re.compile(r"-?\d+\.\d+")


def _value(entity: str, field: str, value: Any) -> str:
    """A logged value as the interface writes it: yes/no, a code by its label, dates, times
    and decimals in local form (a Turkish "37,012839", not the log's "37.012839")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return (QCoreApplication.translate("audit", "yes") if value
                else QCoreApplication.translate("audit", "no"))
    text = str(value)
    if isinstance(value, float) or _DECIMAL.fullmatch(text):
        logged = Decimal(text)  # with the decimals it was kept with: "9250.00" -> "9.250,00"
        return number(logged, max(0, -int(logged.as_tuple().exponent)))
    label = choice_label(entity, field, text)
    if label is not None:
        return label
    try:
        if _ISO_DAY.fullmatch(text):
            return date_text(date.fromisoformat(text))
        if _ISO_MOMENT.fullmatch(text):
            return datetime_text(datetime.fromisoformat(text), seconds=True)
    except ValueError:  # typed text that only looks like a date
        pass
    return text


def actor_name(user: str) -> str:
    """Who did it: a user name as typed at sign-in, or "system" (the command line, automatic
    backups) in the interface language."""
    if user == SYSTEM.username:
        return QCoreApplication.translate("audit", "system")
    return user


def local_time(moment: datetime) -> str:
    return datetime_text(moment, seconds=True)


class AuditTableModel(PagedTableModel[AuditRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "When"), lambda r: local_time(r.at)),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Who"), lambda r: actor_name(r.user)),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Action"), lambda r: action_label(r.action)),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Record"),
               lambda r: f"{entity_label(r.entity)}: {r.record}"),
        Column(QT_TRANSLATE_NOOP("AuditTableModel", "Changes"), describe_changes,
               tooltip=lambda r: describe_changes(r, "\n")),
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
