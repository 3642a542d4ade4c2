"""A laptop takes rows from the server: a pulled page, or the server's row after a refused op.

Rows are written with Core statements in bulk (an office's first sync is hundreds of thousands
of rows), so they pass neither the audit trail nor the outbox: they are the server's, not
this laptop's changes. Fields that this laptop changed and has not pushed yet keep the local
value, so a sync running beside the user never undoes what they just typed. Each row's server
version is remembered as the base of the next local edit.
"""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, bindparam, delete, insert, select, text, update
from sqlalchemy.orm import Session

from shelter_app.data.models import KnownVersion, OutboxOp
from shelter_app.data.replication import TABLES, BadValue, decode, synced_columns
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.cases.dwellings import reindex_many

_CHUNK = 500
# Tables whose rows show in a dwelling's search tokens, and the dwelling column naming them.
_SEARCHED = {"dwellings": "id", "households": "household_id", "landlords": "landlord_id"}


def apply_entries(session: Session, entries: Iterable[dict[str, Any]]) -> None:
    """Write the newest state of each entry's row, parents before children."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        if entry.get("entity") not in TABLES:
            raise UserError(translate("sync", "The server sent a row of an unknown table "
                                              "{table}; update the app.").format(
                table=entry.get("entity")))
        latest[(entry["entity"], entry["row_id"])] = entry
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for (entity, _), entry in latest.items():
        by_entity.setdefault(entity, []).append(entry)
    searched: dict[str, set[uuid.UUID]] = {}
    for entity in TABLES:  # parents first
        group = by_entity.get(entity)
        if group:
            ids = _apply_table(session, entity, group)
            if entity in _SEARCHED:
                searched.setdefault(entity, set()).update(ids)
    for entity in reversed(TABLES):  # children first
        purged = [uuid.UUID(e["row_id"]) for e in by_entity.get(entity, []) if e["row"] is None]
        if purged:
            table = TABLES[entity]
            session.execute(delete(table).where(table.c.id.in_(purged)))
    _reindex(session, searched)


def _apply_table(session: Session, entity: str, entries: list[dict[str, Any]]
                 ) -> set[uuid.UUID]:
    table = TABLES[entity]
    columns = synced_columns(entity)
    live = [entry for entry in entries if entry["row"] is not None]
    ids = [uuid.UUID(entry["row_id"]) for entry in live]
    existing: set[uuid.UUID] = set()
    pending: dict[uuid.UUID, set[str]] = {}
    for chunk in _chunks(ids):
        existing.update(session.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
        for row_id, fields in session.execute(select(OutboxOp.row_id, OutboxOp.fields).where(
                OutboxOp.entity == entity, OutboxOp.status == "pending",
                OutboxOp.row_id.in_(chunk))):
            pending.setdefault(row_id, set()).update(fields)
    new_rows, updates = [], {}
    for row_id, entry in zip(ids, live, strict=True):
        values = _values(entity, columns, entry["row"])
        if row_id in existing:
            kept = frozenset(pending.get(row_id, ()))
            values = {key: value for key, value in values.items() if key not in kept}
            updates.setdefault(kept, []).append({"_id": row_id, **values})
        else:
            new_rows.append({"id": row_id, **values, "version": 1})
    if new_rows:
        session.execute(insert(table), new_rows)
    for rows in updates.values():
        names = [key for key in rows[0] if key != "_id"]
        # bound names must differ from column names in an UPDATE's SET
        session.connection().execute(
            update(table).where(table.c.id == bindparam("_id")).values(
                {name: bindparam("v_" + name) for name in names}
                | {"version": table.c.version + 1}),
            [{"_id": row["_id"]} | {"v_" + name: row[name] for name in names} for row in rows])
    _remember_versions(session, entity, [(uuid.UUID(entry["row_id"]), int(entry["version"]))
                                         for entry in live])
    return set(ids)


def _values(entity: str, columns: dict[str, Column[Any]], row: dict[str, Any]
            ) -> dict[str, Any]:
    try:
        return {name: decode(column, row.get(name)) for name, column in columns.items()
                if name not in ("version",) and name in row}
    except BadValue as error:
        raise UserError(translate("sync", "The server sent a {table} row that cannot be "
                                          "stored ({reason}); nothing of the page was applied.")
                        .format(table=entity, reason=error)) from None


def _remember_versions(session: Session, entity: str, versions: list[tuple[uuid.UUID, int]]
                       ) -> None:
    table = KnownVersion.__table__
    for chunk in _chunks(versions):
        session.execute(delete(table).where(table.c.entity == entity,
                                            table.c.row_id.in_([row_id for row_id, _ in chunk])))
        session.execute(insert(table), [{"entity": entity, "row_id": row_id, "version": version}
                                        for row_id, version in chunk])


def _reindex(session: Session, searched: dict[str, set[uuid.UUID]]) -> None:
    """Rebuild the search tokens of the dwellings whose shown text may have changed."""
    dwellings = TABLES["dwellings"]
    ids = set(searched.get("dwellings", set()))
    for entity, column in _SEARCHED.items():
        if entity != "dwellings" and searched.get(entity):
            for chunk in _chunks(list(searched[entity])):
                ids.update(session.scalars(select(dwellings.c.id).where(
                    dwellings.c[column].in_(chunk))))
    if ids:
        reindex_many(session, ids)


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]
