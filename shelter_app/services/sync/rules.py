"""What the server checks before it applies a pushed change: the same role, office, lock and
value rules the desktop's services enforce, applied to the row as it would stand afterwards.
A laptop is never trusted to have checked them.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from shelter_app.data.replication import OFFICE_PATH
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import (
    check_timesheet_day,
    check_works_window,
    parse_period,
)
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import (
    date_text,
    field_text,
    money_text,
    month_text,
    table_text,
    translate,
)
from shelter_app.domain.iban import iban_is_valid
from shelter_app.domain.lease import check_activation
from shelter_app.domain.permissions import Action, allowed, batch_action
from shelter_app.domain.reopen import check_step
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, BatchStatus, Role
from shelter_app.services.cases.duplicate_ids import (
    ID_COLUMNS,
    holders,
    id_numbers,
    registered_as,
)
from shelter_app.services.sync.rows import Rows
from shelter_app.services.sync.record_names import record_name


class Refused(UserError):
    """An op the server will not apply; the message goes back to the laptop."""


@dataclass(frozen=True)
class Author:
    """Who made a change, as the server knows them (never as the laptop says)."""

    user_id: uuid.UUID | None
    role: Role
    office_id: uuid.UUID | None
    active: bool


# Tables only an administrator changes, and the permission each needs.
_ADMIN_TABLES = {"offices": Action.MANAGE_OFFICES, "users": Action.MANAGE_USERS,
                 "settings": Action.EDIT_SETTINGS, "price_catalogues": Action.EDIT_SETTINGS,
                 "price_items": Action.EDIT_SETTINGS,
                 "erasures": Action.ERASE_PERSON}
# What a user may change on their own user row from any laptop.
_OWN_USER_FIELDS = {"password_hash", "must_change_password", "language"}
_DECISION = {ApprovalStatus.APPROVED.value, ApprovalStatus.RETURNED.value}
# A supervisor reopens an approved timesheet by returning it (a BoQ is reopened as a new revision).
_REOPENED = (ApprovalStatus.APPROVED.value, ApprovalStatus.RETURNED.value)
_IBANS = {"landlords": "iban", "workers": "iban", "lease_agreements": "payment_iban"}
# What resolving a conflict changes (services.sync.conflicts.resolve).
_RESOLUTION = {"resolved_at", "resolved_by", "resolution"}
# The records that open a case: a closed office takes none (cases.access.office_for_new_case).
_NEW_CASES = {"households", "landlords", "dwellings"}


def author(rows: Rows, user_id: uuid.UUID | None) -> Author:
    if user_id is None:
        raise Refused(translate("sync", "The change names no user; sign in and save it again."))
    user = rows.get("users", user_id)
    if user is None:
        raise Refused(translate("sync", "The server does not know the user who made this "
                                        "change."))
    return Author(user["id"], Role(user["role"]), user["office_id"],
                  bool(user["active"]) and user["deleted_at"] is None)


def office_of(rows: Rows, entity: str, row: dict[str, Any]) -> uuid.UUID | None:
    """The office a row would belong to, following its parents on the server."""
    steps = _office_steps(entity)
    if steps is None:
        return None
    first, parents = steps
    value = row.get(first)
    for parent, column in parents:
        parent_row = rows.get(parent, value)
        if parent_row is None:
            return None
        value = parent_row[column]
    return value


@cache
def _office_steps(entity: str) -> tuple[str, list[tuple[str, str]]] | None:
    """OFFICE_PATH of `entity` as its first column and each parent with the column read there
    (asked several times per op of a batch)."""
    path = OFFICE_PATH.get(entity)
    if path is None:
        return None
    parents = []
    for (_, parent), (column, _) in zip(path, path[1:], strict=False):
        assert parent is not None
        parents.append((parent, column))
    return path[0][0], parents


def check(rows: Rows, who: Author, device_office: uuid.UUID | None, entity: str,
          current: dict[str, Any] | None, changes: dict[str, Any],
          made_at: datetime | None = None) -> uuid.UUID | None:
    """Refuse the change of `entity` (`current` row, None for a new one, made on the laptop at
    `made_at`) unless allowed; the office of the row after it (`office_of`) when allowed."""
    if not who.active:
        raise Refused(translate("sync", "The user who made this change is deactivated."))
    after = (current or {}) | changes
    office = _check_office(rows, who, device_office, entity, current, after)
    if current is None and entity in _NEW_CASES:
        _check_open(rows, office, made_at)
    if entity == "payment_batches":
        _check_batch(rows, who, current, changes)
    elif entity in _ADMIN_TABLES:
        _check_admin_table(who, entity, current, changes)
    elif entity == "sync_conflicts":
        _check_resolution(who, current, changes)
    elif not allowed(who.role, Action.EDIT_CASES) and not _decision_only(entity, changes) \
            and not _erasing(rows, who, entity, current):
        raise Refused(translate("sync", "Your role ({role}) may not edit cases.").format(
            role=who.role.label))
    if entity in ("boqs", "timesheets"):
        _check_approval(rows, who, entity, current, changes)
    if entity == "reopen_requests":
        _check_reopen_request(who, current, changes)
    if entity == "timesheets" and changes.get("payment_batch_id") is not None:
        _check_link(rows, current, after)
    _check_locks(rows, who, entity, current, changes)
    try:
        _check_case_rules(rows, entity, current, after, changes)
    except UserError as error:  # named by the field the laptop's user corrects
        raise Refused(translate("sync", "{field}: {reason}").format(
            field=field_text(error.field), reason=error.message) if error.field
            else error.message) from None
    field = _IBANS.get(entity)
    if field and changes.get(field) and not iban_is_valid(changes[field]):
        raise Refused(translate("sync", "{field}: {value} is not a valid IBAN.").format(
            field=field_text(field), value=changes[field]))
    return office


def _check_case_rules(rows: Rows, entity: str, current: dict[str, Any] | None,
                      after: dict[str, Any], changes: dict[str, Any]) -> None:
    """The case rules on fields that travel, by the desktop's own functions: a labour day
    inside its site's works and in a timesheet of its site and period, a timesheet's site and
    period kept, an agreement active from its start date."""
    if entity == "labour_entries" and after.get("deleted_at") is None and (
            {"work_date", "dwelling_id"} & set(changes)):
        site = rows.get("dwellings", after["dwelling_id"])
        if site is not None:
            check_works_window(site["ref"], after["work_date"], *_works_window(rows, site["id"]))
    if entity == "labour_entries" and after.get("deleted_at") is None and (
            {"work_date", "dwelling_id", "timesheet_id"} & set(changes)):
        _check_timesheet_day(rows, after)
    if entity == "timesheets" and current is not None:
        _check_timesheet_kept(current, changes)
    if entity == "lease_agreements" and changes.get("status") == AgreementStatus.ACTIVE and (
            (current or {}).get("status") != AgreementStatus.ACTIVE):
        check_activation(after["number"], after["start_date"], clock.today())


def _check_timesheet_day(rows: Rows, day: dict[str, Any]) -> None:
    """A labour day goes into a timesheet of its own site and period, as the laptop's
    services put it (timesheets._check_days). The names are read only for a refusal."""
    sheet = rows.get("timesheets", day.get("timesheet_id"))
    if sheet is None:  # none, or one the database refuses as a missing parent
        return
    if str(sheet["dwelling_id"]) == str(day["dwelling_id"]) and \
            sheet["period_start"] <= day["work_date"] <= sheet["period_end"]:
        return
    site, day_site = (rows.get("dwellings", sheet["dwelling_id"]),
                      rows.get("dwellings", day["dwelling_id"]))
    worker = rows.get("workers", day.get("worker_id"))
    check_timesheet_day(sheet["ref"], (site or {}).get("ref", ""),
                        (sheet["period_start"], sheet["period_end"]),
                        (worker or {}).get("full_name", ""), (day_site or {}).get("ref", ""),
                        day["work_date"])


def _check_timesheet_kept(current: dict[str, Any], changes: dict[str, Any]) -> None:
    """A timesheet's site and period are set when it is made (timesheets._create) and never
    changed after: its days would then belong to another site or period."""
    if any(name in changes and str(changes[name]) != str(current[name])
           for name in ("dwelling_id", "period_start", "period_end")):
        raise Refused(translate("sync", "Timesheet {ref} keeps the site and period it was made "
                                        "for; make a new timesheet for other days.").format(
            ref=current.get("ref")))


def check_duplicate_ids(rows: Rows, who: Author, entity: str, current: dict[str, Any] | None,
                        after: dict[str, Any], confirmed_by: Any) -> None:
    """A person's ID or tax number that other live people on the server carry is refused, as
    the forms refuse it, unless a supervisor confirmed it: the change's author, or the
    supervisor the laptop's write names (`confirmed_by`, data.base.CONFIRMED_BY). A laptop sees
    only its office's people, so an ID registered in another office is first found here; the
    refused change goes back with the records named, to be confirmed or corrected there."""
    columns = ID_COLUMNS.get(entity, ())
    if after.get("deleted_at") is not None or not any(
            after.get(column) and after.get(column) != (current or {}).get(column)
            for column in columns):
        return
    if allowed(who.role, Action.CONFIRM_DUPLICATE_IDS) and who.user_id is not None:
        return
    found = holders(rows.id_carriers(id_numbers(entity, after)), entity, after)
    if not found:
        return
    try:
        supervisor = rows.get("users", uuid.UUID(str(confirmed_by))) if confirmed_by else None
    except ValueError:
        supervisor = None
    if supervisor is not None and supervisor["active"] and supervisor["deleted_at"] is None \
            and allowed(Role(supervisor["role"]), Action.CONFIRM_DUPLICATE_IDS):
        return
    raise Refused(registered_as(found))


def _works_window(rows: Rows, site_id: Any) -> tuple[Any, Any]:
    """The site's works window as stored, widened by this push's agreements and final
    assessments: a laptop signs an agreement and logs the first days before it syncs."""
    signed, completed = rows.works_window(site_id)
    for row in rows.known("lease_agreements"):
        if str(row["dwelling_id"]) == str(site_id) and row.get("deleted_at") is None \
                and row.get("signed_on") is not None:
            signed = row["signed_on"] if signed is None else min(signed, row["signed_on"])
    for row in rows.known("assessments"):
        if str(row["dwelling_id"]) == str(site_id) and row.get("deleted_at") is None \
                and row.get("is_final"):
            completed = row["assessed_on"] if completed is None else min(completed,
                                                                          row["assessed_on"])
    return signed, completed


def _erasing(rows: Rows, who: Author, entity: str, current: dict[str, Any] | None) -> bool:
    """An erasure's change of a record it names, by whoever may erase (an administrator who
    does not otherwise edit cases); the erasure itself came first in the same push."""
    return current is not None and allowed(who.role, Action.ERASE_PERSON) and \
        rows.erased(entity, current["id"])


def _check_office(rows: Rows, who: Author, device_office: uuid.UUID | None, entity: str,
                  current: dict[str, Any] | None, after: dict[str, Any]) -> uuid.UUID | None:
    """Refuse a row of another office than the laptop's or the user's, before or after the
    change; the office after it. The office before is looked up only when the change moves
    the row (its first column on the office path), else it is the same."""
    after_office = office_of(rows, entity, after)
    offices = {after_office}
    steps = _office_steps(entity)
    if current is not None and steps is not None and current.get(steps[0]) != after.get(
            steps[0]):
        offices.add(office_of(rows, entity, current))
    for office in offices - {None}:
        if device_office is not None and office != device_office:
            raise Refused(translate("sync", "This record belongs to another office than this "
                                            "laptop's; it was not applied."))
        if who.office_id is not None and office != who.office_id:
            raise Refused(translate("sync", "This record belongs to another office than the "
                                            "user's; it was not applied."))
    return after_office


def _check_open(rows: Rows, office_id: uuid.UUID | None, made_at: datetime | None) -> None:
    """A new case in an office closed before the laptop made it is refused (one made while the
    office was open, synced after it closed, is kept: the laptop was right then)."""
    if office_id is None:
        return
    office = rows.get("offices", office_id)
    closed_at = office["closed_at"] if office is not None else None
    if office is not None and closed_at is not None and (made_at is None or made_at >= closed_at):
        raise Refused(translate("sync", "The office {code} ({name}) was closed on {day} and "
                                        "takes no new cases; it was not applied.").format(
            code=office["code"], name=office["name"],
            day=date_text(closed_at.astimezone(clock.CALENDAR_ZONE).date())))


def _check_resolution(who: Author, current: dict[str, Any] | None,
                      changes: dict[str, Any]) -> None:
    """A laptop only resolves a conflict, as its supervisor: the server alone records them."""
    if not allowed(who.role, Action.APPROVE):
        raise Refused(translate("sync", "Only a supervisor resolves conflicts."))
    if current is None or not set(changes) <= _RESOLUTION or \
            changes.get("resolved_by", who.user_id) != who.user_id:
        raise Refused(translate("sync", "A laptop may only resolve a conflict, in the name of "
                                        "the supervisor who resolves it; the server records "
                                        "conflicts."))


def _check_admin_table(who: Author, entity: str, current: dict[str, Any] | None,
                       changes: dict[str, Any]) -> None:
    """Offices, users, settings, price catalogues and erasures are an administrator's; the
    refusal names the kind of record in the reader's words (`table_text`) and the record."""
    own = entity == "users" and current is not None and current.get("id") == who.user_id
    if own and set(changes) <= _OWN_USER_FIELDS:
        return
    if not allowed(who.role, _ADMIN_TABLES[entity]):
        after = (current or {}) | changes
        raise Refused(translate("sync", "Only an administrator may change {table} records, "
                                        "so this change of {record} was not applied; if it is "
                                        "needed, ask an administrator to make it.").format(
            table=table_text(entity),
            record=record_name(after) or after.get("id") or table_text(entity)))


# A batch's steps as services.labour.payments takes them (its status before, None for a new
# batch, and after) and the fields each changes (None: any, as it is built). No other: a batch
# made a draft again would free its paid timesheets for editing; an exported one's total is
# what finance was sent.
_BATCH_STEPS: dict[tuple[str | None, str], frozenset[str] | None] = {
    (None, BatchStatus.DRAFT.value): None,
    (BatchStatus.DRAFT.value, BatchStatus.DRAFT.value): frozenset({"total"}),
    (BatchStatus.DRAFT.value, BatchStatus.EXPORTED.value): frozenset({"status"}),
    (BatchStatus.EXPORTED.value, BatchStatus.PAID.value): frozenset({"status", "paid_at"}),
}


def _check_batch(rows: Rows, who: Author, current: dict[str, Any] | None,
                 changes: dict[str, Any]) -> None:
    """A batch is built and recorded paid by whom the laptop lets (permissions.batch_action),
    one of the steps the laptop's service takes (_BATCH_STEPS) and no other change, under a
    number no other batch has (`_check_number`)."""
    was = None if current is None else str(current["status"])
    status = str(changes.get("status", was or BatchStatus.DRAFT.value))
    action = batch_action(was, status)
    if not allowed(who.role, action):
        raise Refused(translate("auth", "Your role ({role}) may not {action}.").format(
            role=who.role.label, action=action.label))
    step = (was, status)
    fields = _BATCH_STEPS.get(step, frozenset())
    if step not in _BATCH_STEPS or fields is not None and not set(changes) <= fields:
        raise Refused(translate("sync", "Payment batch {ref} cannot change so: a batch is "
                                        "built as a draft, exported, then paid, and only a "
                                        "draft's total changes.").format(
            ref=((current or {}) | changes).get("ref")))
    if current is None:
        _check_number(rows, changes)


def _check_number(rows: Rows, batch: dict[str, Any]) -> None:
    """Batch numbers count an office's batches of the month (payments.build_batches), so two
    laptops building one month offline number their batches alike, and the second batch's
    timesheets are mostly in the first. That batch is refused whole, naming the server's;
    its supervisor builds the month again once the sync has freed what the server's lacks."""
    other = rows.find("payment_batches", "ref", batch.get("ref"))
    if other is None:
        return
    month = month_text(parse_period(str(other["period"]))[0])
    raise Refused(translate("sync", "Payment batch {ref} of {month} was not taken: the server "
                                    "already has a batch {ref}, built on {day} for {total}. "
                                    "This laptop's batch has been removed; each of its "
                                    "timesheets is now in the server's batch or free again. "
                                    "After this sync, build {month}'s batch again for those "
                                    "still waiting; if this batch's payment list was sent to "
                                    "finance, withdraw it.").format(
        ref=other["ref"], month=month,
        day=date_text(other["created_at"].astimezone(clock.CALENDAR_ZONE).date()),
        total=money_text(other["total"])))


def _check_link(rows: Rows, current: dict[str, Any] | None, after: dict[str, Any]) -> None:
    """A timesheet goes into a batch approved, live and out of any other batch, as
    payments.build_batches takes them (its `_pending`)."""
    was = (current or {}).get("payment_batch_id")
    if was is not None and str(was) == str(after["payment_batch_id"]):
        return
    ref = after.get("ref")
    if after.get("deleted_at") is not None:
        raise Refused(translate("sync", "Timesheet {ref} is deleted; it cannot go into a "
                                        "payment batch.").format(ref=ref))
    if after.get("status") != ApprovalStatus.APPROVED.value:
        raise Refused(translate("sync", "Timesheet {ref} is not approved; only an approved "
                                        "timesheet goes into a payment batch.").format(ref=ref))
    if was is not None:
        batch = rows.get("payment_batches", was)
        raise Refused(translate("sync", "Timesheet {ref} is already in payment batch {batch}; "
                                        "a timesheet is paid once.").format(
            ref=ref, batch=batch["ref"] if batch is not None else was))
    if rows.get("payment_batches", after["payment_batch_id"]) is None:
        raise Refused(translate("sync", "Timesheet {ref} was not put into a payment batch: the "
                                        "server has no such batch (it refused it); the "
                                        "timesheet waits for its month's next batch.").format(
            ref=ref))


def _decision_only(entity: str, changes: dict[str, Any]) -> bool:
    return entity in ("boqs", "timesheets") and set(changes) <= {
        "status", "decided_at", "decided_by", "return_reason", "deleted_at", "created_at",
        "created_by"} and changes.get("status") in _DECISION


def _check_approval(rows: Rows, who: Author, entity: str, current: dict[str, Any] | None,
                    changes: dict[str, Any]) -> None:
    status = changes.get("status")
    was = (current or {}).get("status")
    if status is None or status == was:
        return
    if entity == "timesheets" and (was, status) == _REOPENED:  # timesheets.unlock, offline
        _check_reopen(rows, who, current or {})
        return
    if status in _DECISION and not allowed(who.role, Action.APPROVE):
        raise Refused(translate("sync", "Only a supervisor approves or returns."))
    if status in _DECISION and was != ApprovalStatus.SUBMITTED.value:
        raise Refused(translate("sync", "Only a submitted record can be approved or returned; "
                                        "this one is {status}.").format(status=was))
    if status == ApprovalStatus.SUBMITTED.value and not allowed(who.role,
                                                                Action.SUBMIT_FOR_APPROVAL):
        raise Refused(translate("sync", "Your role may not submit for approval."))


def _check_reopen(rows: Rows, who: Author, timesheet: dict[str, Any]) -> None:
    """A supervisor's reopen made offline, checked as timesheets.unlock checks it: refused
    once the timesheet's batch went to finance (perhaps since the laptop last synced)."""
    if not allowed(who.role, Action.REOPEN_APPROVED):
        raise Refused(translate("sync", "Only a supervisor reopens an approved record."))
    batch = rows.get("payment_batches", timesheet.get("payment_batch_id"))
    if batch is not None and batch["status"] != BatchStatus.DRAFT.value:
        raise Refused(translate("timesheets", "{ref} was paid in batch {batch}, which went "
                                              "to finance; correct the pay in a later "
                                              "timesheet instead.").format(
            ref=timesheet.get("ref"), batch=batch["ref"]))


def _check_reopen_request(who: Author, current: dict[str, Any] | None,
                          changes: dict[str, Any]) -> None:
    """Asked by whoever submits, decided once by a supervisor (domain.reopen)."""
    was = (current or {}).get("status")
    status = changes.get("status", was)
    if status == was and current is not None:
        return
    try:
        check_step(who.role, ApprovalStatus(was) if was else None, ApprovalStatus(status))
    except UserError as error:
        raise Refused(error.message) from None


def _check_locks(rows: Rows, who: Author, entity: str, current: dict[str, Any] | None,
                 changes: dict[str, Any]) -> None:
    """Approved records are locked: only a supervisor's reopening changes them."""
    locked = False
    if entity in ("boqs", "timesheets") and current is not None:
        locked = current.get("status") == ApprovalStatus.APPROVED.value and \
            set(changes) - {"payment_batch_id"} != set()
    elif entity == "boq_lines":
        locked = _parent_approved(rows, "boqs", (current or {}).get("boq_id")) or \
            _parent_approved(rows, "boqs", changes.get("boq_id"))
    elif entity == "labour_entries":  # a day taken out of an approved timesheet, or put in
        locked = _parent_approved(rows, "timesheets", (current or {}).get("timesheet_id")) or \
            _parent_approved(rows, "timesheets", changes.get("timesheet_id"))
    if locked and not allowed(who.role, Action.REOPEN_APPROVED):
        raise Refused(translate("sync", "This record is approved and locked; a supervisor must "
                                        "reopen it first."))


def _parent_approved(rows: Rows, parent: str, parent_id: Any) -> bool:
    row = rows.get(parent, parent_id)
    return row is not None and row["status"] == ApprovalStatus.APPROVED.value
