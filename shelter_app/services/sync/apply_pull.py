"""A laptop takes rows from the server: a pulled page, or the server's row after a refused op.

Rows are written with Core statements in bulk (an office's first sync is hundreds of thousands
of rows), so they pass neither the audit trail nor the outbox: they are the server's, not
this laptop's changes. Fields that this laptop changed and has not pushed yet keep the local
value, so a sync running beside the user never undoes what they just typed. Each row's server
version is remembered as the base of the next local edit.
"""

import uuid
from collections.abc import Callable, Iterable
from itertools import chain, repeat
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from shelter_app.data import totals
from shelter_app.data.chunks import chunks
from shelter_app.data.key_holders import USERS_CHANGED
from shelter_app.data.models import OutboxOp
from shelter_app.data.replication import TABLES, BadValue, decode, synced_columns
from shelter_app.data.totals_touched import Touched
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.cases.dwellings import reindex_all, reindex_many
from shelter_app.services.sync import links, pulled_values

# Tables whose rows show in a dwelling's search tokens, and the dwelling column naming them.
_SEARCHED = {"dwellings": "id", "households": "household_id", "landlords": "landlord_id"}

# what the rows sent name of the records whose totals are kept (data.totals)
_NAMING = ("boq_id", "dwelling_id", "work_date", "household_id",
           "office_id", "signed_on", "agreement_id")


def apply_entries(session: Session, entries: Iterable[dict[str, Any]], *,
                  settle: bool = True) -> None:
    """Write the newest state of each entry's row, parents before children.

    `settle=False` (a first pull, page by page) leaves the totals and search tokens of the
    rows to `settle_all` at its end: worked out per page, each BoQ and dwelling is worked out
    again with every page that brings one of its lines or its household."""
    _prepare(session)
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        if entry.get("entity") not in TABLES:
            raise _unknown(entry.get("entity"))
        latest[(entry["entity"], entry["row_id"])] = entry
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for (entity, _), entry in latest.items():
        by_entity.setdefault(entity, []).append(entry)
    searched: dict[str, set[uuid.UUID]] = {}
    touched = Touched()  # the totals the report reads, from the rows before and after
    for entity, group in by_entity.items() if settle else ():
        touched.read(session, entity, [uuid.UUID(entry["row_id"]) for entry in group])
    for entity in TABLES:  # parents first
        group = by_entity.get(entity)
        if group:
            if entity == "users":  # the keyring wraps the key again for synced users
                session.info[USERS_CHANGED] = True
            _apply_table(session, entity, group)
            if settle and entity in _SEARCHED:
                searched.setdefault(entity, set()).update(
                    uuid.UUID(entry["row_id"]) for entry in group if entry["row"] is not None)
    for entity in reversed(TABLES):  # children first
        purged = [e["row_id"] for e in by_entity.get(entity, []) if e["row"] is None]
        if purged:
            _purge(session, entity, purged)
    if not settle:
        return
    _reindex(session, searched)
    for entity, group in by_entity.items():
        columns = synced_columns(entity)
        for entry in group:
            row = entry["row"]
            touched.note(entity, uuid.UUID(entry["row_id"]), None if row is None else {
                name: decode(columns[name], row.get(name)) for name in _NAMING if name in row})
    totals.refresh(session, touched)


def _prepare(session: Session) -> None:
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        # a first sync writes hundreds of thousands of rows into indexed tables: with SQLite's
        # default 2 MB cache their index pages are read and written again and again
        session.execute(text("PRAGMA cache_size = -65536"))


def settle_all(session: Session) -> None:
    """Every total and search token worked out again from the rows, after a first pull
    applied with `settle=False`, in the transaction of its last page."""
    totals.rebuild(session)
    reindex_all(session)


def _apply_table(session: Session, entity: str, entries: list[dict[str, Any]]) -> None:
    live = [entry for entry in entries if entry["row"] is not None]
    rows = [entry["row"] for entry in live]
    _write_rows(session, entity, [entry["row_id"] for entry in live],
                [entry["version"] for entry in live],
                lambda name: [row.get(name) for row in rows])


def tables_of(page: Any) -> dict[str, dict[str, Any]]:
    """The tables of a page sent as columns (serving.column_page) by entity, each checked for
    shape: every row once, each column one value per row; else the page is refused whole."""
    by_entity: dict[str, dict[str, Any]] = {}
    for table in page if isinstance(page, list) else [None]:
        entity = table.get("entity") if isinstance(table, dict) else None
        if not isinstance(entity, str) or entity in by_entity:
            raise _unreadable()
        if entity not in TABLES:
            raise _unknown(entity)
        row_ids, versions = table.get("row_ids"), table.get("versions")
        columns, purged = table.get("columns"), table.get("purged")
        if not (isinstance(row_ids, list) and isinstance(versions, list)
                and isinstance(columns, dict) and isinstance(purged, list)
                and all(isinstance(row_id, str) for row_id in chain(row_ids, purged))
                and len(versions) == len(row_ids)
                and all(isinstance(values, list) and len(values) == len(row_ids)
                        for values in columns.values())
                and len(set(row_ids).union(purged)) == len(row_ids) + len(purged)):
            raise _unreadable()
        by_entity[entity] = table
    return by_entity


def apply_tables(session: Session, tables: dict[str, dict[str, Any]]) -> None:
    """Write a first pull's page of `tables_of`, parents first; its totals and search tokens
    are left to `settle_all`."""
    _prepare(session)
    if "users" in tables:  # the keyring wraps the key again for synced users
        session.info[USERS_CHANGED] = True
    for entity in TABLES:  # parents first
        table = tables.get(entity)
        if table and table["row_ids"]:
            nulls = [None] * len(table["row_ids"])  # a column not sent: no row has it
            _write_rows(session, entity, table["row_ids"], table["versions"],
                        lambda name, columns=table["columns"], nulls=nulls:
                        columns.get(name, nulls))
    for entity in reversed(TABLES):  # children first
        if entity in tables and tables[entity]["purged"]:
            _purge(session, entity, tables[entity]["purged"])


def entries_of(tables: dict[str, dict[str, Any]], entity: str) -> list[dict[str, Any]]:
    """The live rows of `entity` in `tables_of` a page, as entries with each row an object (for
    the few records read whole, such as erasures)."""
    table = tables.get(entity, {"row_ids": [], "columns": {}})
    return [{"entity": entity, "row_id": row_id,
             "row": dict(zip(table["columns"], values, strict=True)) | {"id": row_id}}
            for row_id, *values in zip(table["row_ids"], *table["columns"].values(),
                                       strict=True)]


def _unreadable() -> UserError:
    return UserError(translate("sync", "The server's page of changes cannot be read; "
                                       "nothing of it was applied."))


def _unknown(entity: Any) -> UserError:
    return UserError(translate("sync", "The server sent a row of an unknown table "
                                       "{table}; update the app.").format(table=entity))


def _purge(session: Session, entity: str, row_ids: list[str]) -> None:
    try:
        purged = [uuid.UUID(row_id) for row_id in row_ids]
    except (ValueError, TypeError, AttributeError):
        raise _unreadable() from None
    table = TABLES[entity]
    for chunk in chunks(purged):
        session.execute(delete(table).where(table.c.id.in_(chunk)))


def _write_rows(session: Session, entity: str, row_ids: list[Any], versions: list[Any],
                column: Callable[[str], list[Any]]) -> None:
    """Write the rows `row_ids` of `entity` as the server sent them: `column(name)` gives a
    column's JSON values in the order of `row_ids`. New rows are inserted, rows this laptop
    has are updated, except the fields it changed and has not pushed yet."""
    connection = session.connection()
    dialect = connection.dialect
    converters = pulled_values.converters(entity, dialect)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    try:
        # the ids as the driver takes and gives them (SQLite: hex text), looked up as such:
        # no uuid.UUID made and hashed per row (the later pages of a first sync find their
        # tables filled by the earlier ones, so they look up every id)
        ids = converters[0][1](row_ids)
        known = [_version(version) for version in versions]
        # column by column: one loop per column, not one generator per row
        values = [convert(column(name)) for name, convert in converters[1:]]
    except (BadValue, ValueError, TypeError, ArithmeticError, AttributeError) as error:
        raise UserError(translate("sync", "The server sent a {table} row that cannot be "
                                          "stored ({reason}); nothing of the page was applied.")
                        .format(table=entity, reason=error)) from None
    existing, pending = _found(session, entity, ids)
    names = [name for name, _ in converters]
    local = pulled_values.local_defaults(entity, dialect)  # columns that never travel: their defaults
    rows = list(zip(ids, *values, *map(repeat, (*local.values(), 1))))  # 1: the local version
    updates: dict[frozenset[str], list[tuple[Any, ...]]] = {}
    if existing:
        rows, every = [], rows
        for row in every:
            if row[0] not in existing:
                rows.append(row)
                continue
            kept = frozenset(pending.get(row[0], ())) | {"id"}
            updates.setdefault(kept, []).append(tuple(
                value for name, value in zip(names, row[:len(names)], strict=True)
                if name not in kept) + row[:1])
    if rows:
        connection.exec_driver_sql(
            f"INSERT INTO {quote(entity)} ({', '.join(map(quote, [*names, *local]))}, version) "
            f"VALUES ({', '.join([mark] * (len(names) + len(local) + 1))})", rows)
    for kept, changed in updates.items():
        sets = ", ".join(f"{quote(name)} = {mark}" for name in names if name not in kept)
        connection.exec_driver_sql(f"UPDATE {quote(entity)} SET {sets}, "
                                   f"version = version + 1 WHERE id = {mark}", changed)
    _remember_versions(session, entity, list(zip(ids, known, strict=True)))


def _version(value: Any) -> int:
    if type(value) is not int or not 0 <= value < 2 ** 31:
        raise BadValue(f"version {value!r} is not a whole number ≥ 0")
    return value


def _found(session: Session, entity: str, ids: list[Any]
           ) -> tuple[set[Any], dict[Any, set[str]]]:
    """Of the rows `ids` (as the driver takes them): those this laptop has, and the fields of
    each that it changed and has not pushed yet (a pending link row links it: links.linked)."""
    existing: set[Any] = set()
    pending: dict[Any, set[str]] = {}
    table = TABLES[entity]
    # an empty table (a first sync) has no rows to look up, nor edits waiting for them
    if session.execute(select(table.c.id).limit(1)).first() is None:
        return existing, pending
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    name = connection.dialect.identifier_preparer.quote(entity)
    for chunk in chunks(ids):
        existing.update(row_id for row_id, in connection.exec_driver_sql(
            f"SELECT id FROM {name} WHERE id IN ({', '.join([mark] * len(chunk))})",
            tuple(chunk)))
    waiting = session.execute(select(OutboxOp.seq).where(
        OutboxOp.entity == entity, OutboxOp.status == "pending").limit(1)).first()
    if waiting is not None:
        bound = dict(zip(map(_row_uuid, ids), ids, strict=True))  # a pending op's row_id: UUID
        for chunk in chunks(list(bound)):
            for row_id, fields in session.execute(select(OutboxOp.row_id, OutboxOp.fields).where(
                    OutboxOp.entity == entity, OutboxOp.status == "pending",
                    OutboxOp.row_id.in_(chunk))):
                pending.setdefault(bound[row_id], set()).update(fields)
            for row_id, fields in links.linked(session, entity, chunk).items():
                pending.setdefault(bound[row_id], set()).update(fields)
    return existing, pending


def _row_uuid(bound: Any) -> uuid.UUID:
    """An id as the driver takes it (hex text, or a UUID where the database has the type)."""
    return bound if isinstance(bound, uuid.UUID) else uuid.UUID(bound)


def _remember_versions(session: Session, entity: str, versions: list[tuple[Any, int]]) -> None:
    """Keep each row's server version; `versions` holds ids as the driver takes them (a
    `sync_versions.row_id` is a Uuid as every id is)."""
    if not versions:
        return
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(  # an upsert both SQLite and PostgreSQL read
        f"INSERT INTO sync_versions (entity, row_id, version) VALUES ({mark}, {mark}, {mark}) "
        f"ON CONFLICT (entity, row_id) DO UPDATE SET version = excluded.version",
        [(entity, row_id, version) for row_id, version in versions])


def _reindex(session: Session, searched: dict[str, set[uuid.UUID]]) -> None:
    """Rebuild the search tokens of the dwellings whose shown text may have changed."""
    dwellings = TABLES["dwellings"]
    ids = set(searched.get("dwellings", set()))
    for entity, column in _SEARCHED.items():
        if entity != "dwellings" and searched.get(entity):
            for chunk in chunks(list(searched[entity])):
                ids.update(session.scalars(select(dwellings.c.id).where(
                    dwellings.c[column].in_(chunk))))
    if ids:
        reindex_many(session, ids)
