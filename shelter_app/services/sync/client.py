"""The laptop's side of sync: enrol once, then push the outbox and pull the server's changes.

Each step is safe to cut at any point and repeat: a pushed batch the laptop did not hear back
about is pushed again and answered again (the server decides each op once); a pulled page and
the cursor after it are committed in one transaction, so a page is applied once or not at all.
"""

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import Table, delete, func, insert, literal_column, select, text, update
from sqlalchemy.exc import IntegrityError

from shelter_app.data import indexes_aside, totals
from shelter_app.data.bulk import among
from shelter_app.data.engine import Database
from shelter_app.data.models import AuditEvent, Base, Erasure, Office, OutboxOp
from shelter_app.data.outbox import CLOCK, NODE, set_state, state
from shelter_app.data.replication import TABLES, encode
from shelter_app.data.totals_touched import Touched
from shelter_app.domain import clock, hlc
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import table_text, translate
from shelter_app.services import encryption, erased_copies
from shelter_app.services.sync import apply_pull, dropped_batches, links, reasons
from shelter_app.services.sync.devices import DeviceRevoked
from shelter_app.services.sync.protocol import COLUMNS, PAGE, BadMessage
from shelter_app.services.sync.state_keys import (
    CURSOR_KEY,
    DEVICE_KEY,
    LAST_ERROR_KEY,
    LAST_SYNC_KEY,
    NAME_KEY,
    OFFICE_KEY,
    SERVER_KEY,
    TOKEN_KEY,
    UNSETTLED_KEY,
)
from shelter_app.services.sync.record_names import record_labels
from shelter_app.services.sync.wire import Http, Progress, Report, call

log = logging.getLogger(__name__)

BATCH = 1_000  # ops per push request


class LaptopWiped(UserError):
    """The server revoked this laptop and its data was erased: the app closes."""


def enrolled(db: Database) -> bool:
    with db.read() as session:
        return state(session, TOKEN_KEY) is not None


def enrol(db: Database, http: Http, server_url: str, code: str) -> str:
    """Enrol this laptop with the server's one-time `code`; returns the device's name."""
    with db.read() as session:
        check_joinable(session)
    answer = call(http, "/v1/enrol", {"code": code})
    with db.write() as session:
        set_state(session, SERVER_KEY, server_url)
        remember_enrolment(session, answer)
        set_state(session, CURSOR_KEY, 0)
    return str(answer["name"])


def check_joinable(session: Any) -> None:
    """Refuse to enrol a database that is enrolled already or holds a programme of its own."""
    if state(session, TOKEN_KEY) is not None:
        raise UserError(translate("sync", "This laptop is already enrolled as {name}.").format(
            name=state(session, NAME_KEY)))
    if session.scalar(select(func.count()).select_from(Office)):
        raise UserError(translate(
            "sync", "This database already holds a programme of its own. Enrol a new, empty "
                    "database (start the app with --db NEW_FILE), or make this database the "
                    "server's."))


def remember_enrolment(session: Any, answer: dict[str, Any]) -> None:
    """Keep what the server gave this laptop when it enrolled (online or by package)."""
    set_state(session, DEVICE_KEY, answer["device_id"])
    set_state(session, TOKEN_KEY, answer["token"])
    set_state(session, NODE, answer["mark"])
    set_state(session, OFFICE_KEY, answer.get("office_id"))
    set_state(session, NAME_KEY, answer["name"])


def server_url(db: Database) -> str | None:
    with db.read() as session:
        return state(session, SERVER_KEY)


def sync(db: Database, http: Http, *, progress: Progress | None = None,
         cancelled: Callable[[], bool] = lambda: False) -> Report:
    """Push every pending op, pull every change, then send and take photos and scans;
    returns what happened."""
    with db.read() as session:
        token = state(session, TOKEN_KEY)
    if token is None:
        raise UserError(translate("sync", "This laptop is not enrolled with a server; enrol it "
                                          "first (shelter-app enrol URL CODE)."))
    report = Report()
    try:
        _push(db, http, token, report, progress, cancelled)
        if not cancelled():
            _pull(db, http, token, report, progress, cancelled)
        if not cancelled():
            from shelter_app.services.sync import transfer  # it builds on this module

            transfer.exchange(db, http, token, report, progress=progress, cancelled=cancelled)
    except DeviceRevoked as revoked:  # a lost or stolen laptop: its copy goes at once
        encryption.wipe(db)
        raise LaptopWiped(translate("sync", "{reason} This laptop's copy of the programme's "
                                            "data has been erased.").format(
            reason=revoked.message)) from None
    except UserError as error:
        _remember(db, LAST_ERROR_KEY, error.message)
        raise
    if not cancelled():  # a cancelled sync did not bring the laptop up to date
        _remember(db, LAST_SYNC_KEY, clock.now().isoformat())
    _remember(db, LAST_ERROR_KEY, None)
    return report


def _remember(db: Database, key: str, value: Any) -> None:
    with db.write() as session:
        set_state(session, key, value)


def _push(db: Database, http: Http, token: str, report: Report, progress: Progress | None,
          cancelled: Callable[[], bool]) -> None:
    """Push the pending ops in outbox order, BATCH wire ops a request. A link row's parts
    (links.Part) may span requests: their answers are carried until its last one is in, and
    the row is settled with them; cut short, the next sync sends the whole link again."""
    with db.read() as session:
        total = links.pending_count(session)
    after = 0  # the last outbox row read
    queue: list[OutboxOp | links.Part] = []  # read, not sent yet
    carried: list[tuple[OutboxOp | links.Part, dict[str, Any]]] = []
    while not cancelled():
        if len(queue) < BATCH:
            with db.read() as session:
                rows = list(session.scalars(select(OutboxOp).where(
                    OutboxOp.status == "pending", OutboxOp.seq > after)
                    .order_by(OutboxOp.seq).limit(BATCH)))
            if rows:
                after = rows[-1].seq
                queue += links.wire(rows)
        if not queue:
            return
        ops, queue = queue[:BATCH], queue[BATCH:]
        answer = call(http, "/v1/push", {"ops": [op_message(op) for op in ops]}, token)
        outcomes = answer.get("results")
        if not isinstance(outcomes, list) or len(outcomes) != len(ops):
            raise BadMessage(translate("sync", "The server's answer does not match the ops "
                                               "sent; nothing was marked as sent."))
        answered = carried + list(zip(ops, outcomes, strict=True))
        open_link = ops[-1].seq if isinstance(ops[-1], links.Part) and not ops[-1].last \
            else None
        carried, taken = [], []
        for pair in answered:
            open_ = isinstance(pair[0], links.Part) and pair[0].seq == open_link
            (carried if open_ else taken).append(pair)
        with db.write() as session:
            take_outcomes(session, [op for op, _ in taken], [outcome for _, outcome in taken],
                          report)
        report.pushed += len(ops)
        if progress:
            progress("push", report.pushed, total)


def op_message(op: OutboxOp | links.Part) -> dict[str, Any]:
    return {"op_id": str(op.op_id), "entity": op.entity, "row_id": str(op.row_id),
            "action": op.action, "base_version": op.base_version, "fields": op.fields,
            "user_id": str(op.user_id) if op.user_id else None, "hlc": op.hlc,
            "created_at": op.created_at.isoformat()}


def take_outcomes(session: Any, ops: list[OutboxOp | links.Part],
                  outcomes: list[dict[str, Any]], report: Report) -> None:
    """Settle the pushed `ops` by the server's `outcomes`: an applied op leaves the outbox; a
    held one stays with its status and reason (a link's part as its own row), the server's
    row taking its place. A link row goes with its last part: `ops` holds all its parts."""
    settled = [op.seq for op in ops if isinstance(op, links.Part) and op.last]
    if settled:  # first: no longer pending, a held part's server row is taken as it comes
        session.execute(delete(OutboxOp).where(OutboxOp.seq.in_(settled)))
    done = []
    refused = []
    parts: list[dict[str, Any]] = []  # held parts of links, as rows of their own
    discarded: dict[str, set[uuid.UUID]] = {}
    present: dict[tuple[str, str], bool] = {}
    held = [op for op, outcome in zip(ops, outcomes, strict=True)
            if outcome.get("status") != "applied"]
    named = dict(zip(map(id, held), record_labels(
        session, [(op.entity, op.row_id, op.fields) for op in held]), strict=True))
    for op, outcome in zip(ops, outcomes, strict=True):
        status = outcome.get("status")
        if outcome.get("op_id") != str(op.op_id) or status not in ("applied", "conflict",
                                                                   "refused"):
            raise BadMessage(translate("sync", "The server's answer does not match the ops "
                                               "sent; nothing was marked as sent."))
        if status == "applied":
            if not isinstance(op, links.Part):
                done.append(op.seq)
            report.applied += 1
            continue
        kept = reasons.stored(outcome.get("reason"), outcome.get("reason_key"))
        if isinstance(op, links.Part):
            parts.append({name: getattr(op, name) for name in _HELD}
                         | {"status": status, "reason": kept})
        else:
            session.execute(update(OutboxOp).where(OutboxOp.seq == op.seq).values(
                status=status, reason=kept))
        if status == "conflict":
            report.conflicts += 1
        else:
            report.refused += 1
            refused.append((op, reasons.said(kept)))
        report.reasons.append(f"{table_text(op.entity)} {named[id(op)]}: {reasons.said(kept)}")
        if outcome.get("row") is not None:  # the server's row replaces the refused change
            row = _as_far_as_pulled(session, op.entity, outcome["row"], present)
            if row is not None:
                apply_pull.apply_entries(session, [{
                    "entity": op.entity, "row_id": str(op.row_id), "row": row,
                    "version": outcome["row"].get("version", 0)}])
        elif status == "refused" and op.action != "purge":
            # the server holds no such row for this laptop (a refused new record, one of
            # another office): kept, it would never sync and could block what is pulled
            # (a reference another laptop took); the op and its values stay to be read
            discarded.setdefault(op.entity, set()).add(op.row_id)
    dropped = dropped_batches.told(session, refused, report)
    done += [op.seq for op in dropped if not isinstance(op, links.Part)]
    gone = {op.op_id for op in dropped}
    if parts := [part for part in parts if part["op_id"] not in gone]:
        session.execute(insert(OutboxOp.__table__), parts)
    if done:
        session.execute(delete(OutboxOp).where(OutboxOp.seq.in_(done)))
    for entity, row_ids in discarded.items():
        _discard(session, TABLES[entity], row_ids, set())


_HELD = ("op_id", "entity", "row_id", "action", "base_version", "fields", "user_id", "hlc",
         "created_at")


def _as_far_as_pulled(session: Any, entity: str, row: dict[str, Any],
                      present: dict[tuple[str, str], bool]) -> dict[str, Any] | None:
    """The server's row without its references to records this laptop has not pulled yet
    (another laptop's payment batch that took the timesheet, the household a worker moved
    to): written as it came, the missing record fails the transaction's foreign keys, and the
    same answer comes back at every sync. An optional reference is left out; a required one
    keeps this laptop's value (None: the laptop lacks the row too, which is not written).
    Such a row is newer than the laptop's cursor, so the pull that follows brings it whole;
    if the record it names is another office's, which never comes, the pull takes the row off
    this laptop (`_not_held`) rather than leave this laptop's value for good.
    `present`: the records looked up so far (a refused batch's rows name a few sites)."""
    table = TABLES[entity]
    kept = dict(row)
    for key in table.foreign_keys:
        name, value = key.parent.name, row.get(key.parent.name)
        if value is None:
            continue
        found = (key.column.table.name, str(value))
        if found not in present:
            present[found] = session.scalar(select(key.column).where(
                key.column == uuid.UUID(str(value)))) is not None
        if present[found]:
            continue
        if not key.parent.nullable:
            own = session.scalar(select(table.c[name]).where(
                table.c.id == uuid.UUID(str(row["id"]))))
            if own is None:
                return None
        kept[name] = None if key.parent.nullable else encode(own)
    return kept


def _discard(session: Any, table: Table, row_ids: set[uuid.UUID], seen: set[Any]) -> None:
    """Delete rows of `table` that only this laptop holds, and the local rows that refer to
    them (their own ops are refused in turn: the server has no parent for them). A row the
    server holds too that refers to them by an optional link (a timesheet in a refused
    payment batch whose link goes in a later push) only loses that link: its op, refused in
    turn, brings the server's row. The laptop's audit trail is never rewritten: a row it
    names (a user who worked here) is kept."""
    row_ids = {row_id for row_id in row_ids if (table.name, row_id) not in seen}
    children = [(child, key) for child in Base.metadata.sorted_tables
                for key in child.foreign_keys if key.column.table is table]
    for child, key in children:
        if child.name == AuditEvent.__tablename__ and row_ids:
            row_ids -= set(session.scalars(select(key.parent).where(key.parent.in_(row_ids))))
    if not row_ids:
        return
    seen.update((table.name, row_id) for row_id in row_ids)
    for child, key in children:
        if child.name == AuditEvent.__tablename__:
            continue
        if "id" in child.c:
            referring = set(session.scalars(select(child.c.id).where(key.parent.in_(row_ids))))
            if key.parent.nullable:
                served = referring - _created_here(session, child.name, referring)
                session.execute(update(child).where(among(
                    session.connection(), child.c.id, list(served))).values(
                    {key.parent.name: None}))
                referring -= served
            _discard(session, child, referring, seen)
        else:
            session.execute(delete(child).where(key.parent.in_(row_ids)))
    for child, key in children:  # a row still referred to (kept above) stays too
        still = select(key.parent).where(key.parent.in_(row_ids))
        if child is table:  # a revision going with the row it revises does not keep it
            still = still.where(child.c.id.not_in(row_ids))
        row_ids -= set(session.scalars(still))
    if row_ids:
        touched = Touched()  # the report's totals over the rows, as they were
        touched.read(session, table.name, row_ids)
        session.execute(delete(table).where(table.c.id.in_(row_ids)))
        totals.refresh(session, touched)


def _created_here(session: Any, entity: str, row_ids: set[uuid.UUID]) -> set[uuid.UUID]:
    """The rows among `row_ids` whose creation has not reached the server."""
    return set(session.scalars(select(OutboxOp.row_id).where(
        OutboxOp.entity == entity, OutboxOp.action == "create",
        among(session.connection(), OutboxOp.row_id, list(row_ids))))) if row_ids else set()


def _pull(db: Database, http: Http, token: str, report: Report, progress: Progress | None,
          cancelled: Callable[[], bool]) -> None:
    """Pull pages until the server has no more. The next page is fetched while this one is
    written (the server's time and the laptop's overlap); a page that fails to apply leaves
    the cursor before it, and the page fetched ahead is dropped.

    A first pull (cursor 0, or one cut short) fills its tables with their non-unique indexes
    set aside (data.indexes_aside) and applies its pages without working out totals and
    search tokens; the transaction of its last page puts the indexes back and works them all
    out once. A pull cut short leaves UNSETTLED_KEY set, so the next one finishes the job,
    and puts the indexes back on its way out (or, killed, at the next opening)."""
    with db.read() as session:
        cursor = state(session, CURSOR_KEY) or 0
        first = cursor == 0 or bool(state(session, UNSETTLED_KEY))
    try:
        _pages(db, http, token, cursor, first, report, progress, cancelled)
    finally:
        if first:
            _put_back(db)


def _pages(db: Database, http: Http, token: str, cursor: int, first: bool, report: Report,
           progress: Progress | None, cancelled: Callable[[], bool]) -> None:
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as ahead:
        coming = ahead.submit(_fetch, http, token, cursor, first)
        while not cancelled():
            page, new_cursor = coming.result()
            more = bool(page.get("more"))
            if more:
                coming = ahead.submit(_fetch, http, token, new_cursor, first)
            # a first pull's page comes as columns (a server that predates them sends entries)
            tables = apply_pull.tables_of(page["tables"]) if first and "tables" in page \
                else None
            try:
                erased = _take_page(db, page, tables, first, new_cursor, None)
            except IntegrityError as error:  # rare: the page is taken again, checked
                if not (db.is_sqlite and "FOREIGN KEY" in str(error.orig)):
                    raise
                erased = _take_page(db, page, tables, first, new_cursor, report)
            report.pulled += len(page["entries"]) if tables is None else sum(
                len(table["row_ids"]) + len(table["purged"]) for table in tables.values())
            if erased:  # their files go, and the old pages in SQLite's log
                erased_copies.finish(db, [f for erasure in erased for f in erasure["files"]])
            if progress:
                progress("pull", report.pulled, 0)
            if not more:
                return


def _take_page(db: Database, page: dict[str, Any], tables: dict[str, dict[str, Any]] | None,
               first: bool, new_cursor: int, unheld: Report | None) -> list[dict[str, Any]]:
    """Write a pulled page and the cursor after it in one transaction; its erasures. With a
    report for `unheld`, the rows that name a record this laptop never receives are not
    kept, and named there (the page failed its foreign keys once)."""
    more = bool(page.get("more"))
    with db.write() as session:
        if first and more:  # with the page that first fills them (a no-op after)
            indexes_aside.set_aside(session, TABLES)
        erased = erased_copies.taking(session, page["entries"] if tables is None else
                                      apply_pull.entries_of(tables, Erasure.__tablename__))
        if tables is None:
            apply_pull.apply_entries(session, page["entries"], settle=not first)
        else:
            apply_pull.apply_tables(session, tables)
        if unheld is not None:
            unheld.unheld += _not_held(session)
        erased_copies.taken(session, erased)
        if first:
            if more:
                set_state(session, UNSETTLED_KEY, True)
            else:
                indexes_aside.put_back(session)
                apply_pull.settle_all(session)
                set_state(session, UNSETTLED_KEY, None)
        set_state(session, CURSOR_KEY, new_cursor)
        set_state(session, CLOCK, hlc.receive(state(session, CLOCK), page.get("hlc"),
                                              int(clock.now().timestamp() * 1000),
                                              state(session, NODE) or "L"))
    return erased


def _not_held(session: Any) -> list[str]:
    """Take off this laptop the rows that name, by a link, a record it does not hold, and name
    them. The log brings a record before any row that names it, so one still missing once its
    page is written never comes: the server's row names a record of another office (an
    administrator's change there). An optional link is left empty; a row whose link is
    required goes, with what needs it, rather than keep a link the server no longer has (a
    labour day paid to the worker it was moved from) or fail every sync. SQLite's own check
    finds them (a laptop's database), on the rare page that failed it."""
    names: list[str] = []
    for _ in range(8):  # a row that needed a removed one goes with it (_discard): a few passes
        required: dict[str, set[uuid.UUID]] = {}
        for name, rowid, _parent, key in session.execute(
                text("PRAGMA foreign_key_check")).all():
            table = TABLES.get(name)
            if table is None:  # not the pull's: the page fails as it did
                continue
            link = session.execute(text(f'PRAGMA foreign_key_list("{name}")')).all()
            column = table.c[next(row[3] for row in link if row[0] == key)]
            row_id = session.scalar(select(table.c.id).where(literal_column("rowid") == rowid))
            if column.nullable:
                session.execute(update(table).where(table.c.id == row_id).values(
                    {column.name: None}))
            else:
                required.setdefault(name, set()).add(row_id)
        if not required:
            return names
        for name, row_ids in required.items():
            names += [f"{table_text(name)} {label}" for label in record_labels(
                session, [(name, row_id, {}) for row_id in sorted(row_ids)])]
            _discard(session, TABLES[name], row_ids, set())
    return names


def _put_back(db: Database) -> None:
    """The indexes a first pull cut short set aside, back (a no-op once it has finished)."""
    try:
        with db.write() as session:
            indexes_aside.put_back(session)
    except Exception:  # the pull's own error is the one to report; the next opening retries
        log.exception("the indexes set aside by the first pull were not put back")


def _fetch(http: Http, token: str, cursor: int, columns: bool) -> tuple[dict[str, Any], int]:
    """The page after `cursor`; `columns`: asked as columns (a first pull)."""
    page = call(http, "/v1/pull", {"cursor": cursor, "limit": PAGE}
                | ({"form": COLUMNS} if columns else {}), token)
    rows = page.get("tables") if columns and "tables" in page else page.get("entries")
    new_cursor = page.get("cursor")
    if not isinstance(rows, list) or not isinstance(new_cursor, int) or new_cursor < cursor:
        raise BadMessage(translate("sync", "The server's page of changes cannot be read; "
                                           "nothing of it was applied."))
    return page, new_cursor


def forget_refused(db: Database, op_ids: list[uuid.UUID]) -> None:
    """Clear refused or conflicting ops the user has read (the server kept its data)."""
    with db.write() as session:
        session.execute(delete(OutboxOp).where(OutboxOp.op_id.in_(op_ids),
                                               OutboxOp.status != "pending"))
