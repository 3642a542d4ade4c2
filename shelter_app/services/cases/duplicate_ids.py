"""The same national ID (TCKN/YKN) or tax number on two people: refused unless a supervisor
confirms it with a reason.

Two records of one person split a household's history and can pay a worker or a landlord twice,
so the services that register or correct a person (household head, member, landlord, worker)
raise NeedsSupervisor for an ID found on another live record. A supervisor who knows both
records are right (a landlord who also works, a head who moved household) confirms it with a
reason: the signed-in supervisor, or one who signs in on the spot with their password. The
write's audit events then carry the reason and the supervisor's name.
"""

import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Uuid, literal, select, union_all
from sqlalchemy.orm import Session

from shelter_app.data.base import CONFIRMED_BY, REASON_KEY
from shelter_app.data.bulk import among
from shelter_app.data.engine import Database
from shelter_app.data.models import Household, HouseholdMember, Landlord, Worker
from shelter_app.domain.errors import NeedsSupervisor, Problems, ValidationError
from shelter_app.domain.fields import text
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor, SignInError, require, sign_in

Warnings = list[tuple[str, str]]
# The columns that hold a person's national ID or tax number, by table.
ID_COLUMNS = {"households": ("head_id_number",), "landlords": ("id_number", "tax_number"),
              "workers": ("id_number",), "household_members": ("id_number",)}


@dataclass(frozen=True)
class SupervisorConfirmation:
    """A supervisor's word that a duplicate ID is right, as `supervisor_confirmation` gives it."""

    supervisor: Actor
    reason: str


def duplicate_id_warnings(session: Session, id_number: str | None, *, field_name: str,
                          exclude: uuid.UUID | None = None) -> Warnings:
    """One message per other live person (household head, landlord, worker) with this ID."""
    if not id_number:
        return []
    found: list[str] = []
    for model, column in ((Household, Household.head_id_number), (Landlord, Landlord.id_number),
                          (Worker, Worker.id_number)):
        query = select(model.ref).where(column == id_number, model.deleted_at.is_(None))
        if exclude is not None:
            query = query.where(model.id != exclude)
        found += session.scalars(query.order_by(model.ref))
    return [(field_name, registered_as(found))] if found else []


def registered_as(refs: list[str]) -> str:
    """The message for an ID number other records already carry."""
    return translate(
        "households", "This ID number is already registered as {refs}. If it is the same "
                      "person, open that record instead of registering them twice; only a "
                      "supervisor may confirm that both records are right.").format(
        refs=", ".join(refs))


@dataclass(frozen=True)
class Carrier:
    """A live record that carries an ID or tax number (`carriers`); `holders` decides whether
    it counts against a row."""

    kind: str  # head | landlord | tax | worker | member
    number: str
    ref: str
    record_id: uuid.UUID  # the landlord, the worker, the household of a head or member
    household_id: uuid.UUID | None  # a worker's household


def id_numbers(entity: str, row: Mapping[str, Any]) -> set[str]:
    """The ID and tax numbers a row of `entity` (in ID_COLUMNS) carries."""
    return {number for column in ID_COLUMNS[entity] if (number := row.get(column))}


def carriers(session: Session, numbers: Collection[str]) -> list[Carrier]:
    """The live records that carry any of `numbers`, in one query: the sync server reads them
    once for a pushed segment, not once per op."""
    if not numbers:
        return []
    connection = session.connection()
    numbers = list(numbers)
    nobody = literal(None, Uuid())
    queries = [select(literal(kind), column, model.ref, model.id, household).where(
        among(connection, column, numbers), model.deleted_at.is_(None))
        for kind, model, column, household in (
            ("head", Household, Household.head_id_number, nobody),
            ("landlord", Landlord, Landlord.id_number, nobody),
            ("tax", Landlord, Landlord.tax_number, nobody),
            ("worker", Worker, Worker.id_number, Worker.household_id))]
    queries.append(select(literal("member"), HouseholdMember.id_number, Household.ref,
                          Household.id, nobody).join(
        HouseholdMember, HouseholdMember.household_id == Household.id).where(
        among(connection, HouseholdMember.id_number, numbers),
        HouseholdMember.deleted_at.is_(None)))
    return [Carrier(*row) for row in session.execute(union_all(*queries))]


def holders(found: Iterable[Carrier], entity: str, row: Mapping[str, Any]) -> list[str]:
    """The references of the other live people among `found` (`carriers` of the row's
    numbers) who carry an ID or tax number of `row` (a row of `entity` in ID_COLUMNS, as it
    would stand), as the forms count them: a person's own household does not count for its
    members and workers (the head is also a member, and may be its worker), and a member
    register is searched only for a member."""
    household = _id(row.get("id") if entity == "households" else row.get("household_id"))
    own = _id(row.get("id"))
    refs = set()
    for column in ID_COLUMNS[entity]:
        number = row.get(column)
        if not number:
            continue
        kinds = {"tax"} if column == "tax_number" else {"head", "landlord", "worker"} | (
            {"member"} if entity == "household_members" else set())
        for carrier in found:
            if carrier.number != number or carrier.kind not in kinds:
                continue
            if carrier.kind in ("head", "member"):
                counts = carrier.record_id != household
            else:  # as SQL compares: a worker of no household is never counted
                counts = carrier.record_id != own and (carrier.kind != "worker" or (
                    carrier.household_id is not None and carrier.household_id != household))
            if counts:
                refs.add(carrier.ref)
    return sorted(refs)


def _id(value: Any) -> uuid.UUID | None:
    """An id as stored, from a stored or a decoded row."""
    return None if value is None else value if isinstance(value, uuid.UUID) else uuid.UUID(
        str(value))


def supervisor_confirmation(db: Database, actor: Actor, reason: str, *, username: str = "",
                            password: str = "") -> SupervisorConfirmation:
    """The signed-in supervisor's confirmation, or another supervisor's who signs in here
    (`username`, `password`; failed attempts count towards their lock-out); every problem at
    once."""
    problems = Problems()
    kept = problems.check(text, reason, field="reason", most=300,
                          label=translate("duplicates", "reason"))
    supervisor = actor
    if username.strip() or not actor.can(Action.CONFIRM_DUPLICATE_IDS):
        if not username.strip():
            problems.add(ValidationError(translate(
                "duplicates", "Enter the user name of the supervisor who confirms."),
                field="username"))
        else:
            try:
                supervisor = sign_in(db, username, password)[0]
            except SignInError as error:
                problems.add(ValidationError(error.message, field="password"))
            else:
                if not supervisor.can(Action.CONFIRM_DUPLICATE_IDS):
                    problems.add(ValidationError(translate(
                        "duplicates", "{name} is not a supervisor; a supervisor must "
                                      "confirm.").format(name=supervisor.full_name),
                        field="username"))
    problems.raise_any()
    assert kept is not None
    return SupervisorConfirmation(supervisor, kept)


def refuse_duplicates(session: Session, duplicates: Warnings, warnings: Warnings,
                      confirmation: SupervisorConfirmation | None) -> None:
    """Refuse an ID found on other records (NeedsSupervisor, with the other `warnings` to show
    beside it) unless a supervisor confirmed it; then this write is audited with the reason."""
    if not duplicates:
        return
    if confirmation is None:
        raise NeedsSupervisor(duplicates, warnings)
    _confirmed(session, confirmation, "")


def accept_confirmed(session: Session, confirmation: SupervisorConfirmation) -> None:
    """An import's rows whose ID is on other records go in: the supervisor's confirmation is
    checked and added to the import's audit reason."""
    _confirmed(session, confirmation, session.info.get(REASON_KEY) or "")


def _confirmed(session: Session, confirmation: SupervisorConfirmation, before: str) -> None:
    require(confirmation.supervisor, Action.CONFIRM_DUPLICATE_IDS)
    reason = translate(
        "duplicates", "Same ID as another record, confirmed by supervisor {name}: {reason}"
    ).format(name=confirmation.supervisor.username, reason=confirmation.reason)
    session.info[REASON_KEY] = f"{before}; {reason}" if before else reason
    session.info[CONFIRMED_BY] = str(confirmation.supervisor.user_id)
