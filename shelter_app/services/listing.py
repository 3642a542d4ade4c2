"""Lists of the records that had none of their own: households, workers and offices (the
other records are listed by their area's service, e.g. landlords.list_landlords).

Like those, each list is scoped to the actor's office (every office for an administrator) and
shows ID numbers and IBANs as the actor's role may see them. Each word of `words` must start
the reference or one of the words of the name, in any case, with or without Turkish letters.
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select

from shelter_app.data.engine import Database
from shelter_app.data.models import Household, Office, Worker
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ProtectionStatus
from shelter_app.domain.textfold import fold
from shelter_app.services.auth import Actor, require
from shelter_app.services.privacy import shown_id
from shelter_app.services.workers import WorkerRow
from shelter_app.services.workers import _row as worker_row  # the one place masking is applied


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    """One line of the households list."""

    ref: str
    head_name: str
    id_number: str
    nationality: str
    protection_status: ProtectionStatus
    size: int
    office: str


@dataclass(frozen=True, slots=True)
class OfficeRow:
    code: str
    name: str
    province: str


def _matches(word: str, search_key: ColumnElement[str], ref: ColumnElement[str]
             ) -> ColumnElement[bool]:
    """`word` (folded) starts the reference or a word of the folded name."""
    return or_(search_key.startswith(word), search_key.contains(" " + word),
               func.lower(ref).startswith(word))


def list_households(db: Database, actor: Actor, words: str = "", *, offset: int = 0,
                    limit: int | None = 200) -> list[HouseholdRow]:
    """The office's households (all for an administrator), by reference."""
    require(actor, Action.VIEW_CASES)
    query = (select(Household, Office.code).join(Office, Office.id == Household.office_id)
             .where(Household.deleted_at.is_(None)))
    if actor.office_id is not None:
        query = query.where(Household.office_id == actor.office_id)
    for word in fold(words).split():
        query = query.where(_matches(word, Household.search_key, Household.ref))
    query = query.order_by(Household.ref).offset(offset).limit(limit)
    with db.read() as session:
        return [HouseholdRow(row.ref, row.head_name, shown_id(actor, row.head_id_number),
                             row.nationality, row.protection_status,
                             sum((row.members or {}).values()), code)
                for row, code in session.execute(query)]


def list_workers(db: Database, actor: Actor, words: str = "", *, offset: int = 0,
                 limit: int | None = 200) -> list[WorkerRow]:
    """The office's cash-for-work workers (all for an administrator), by reference; a word
    may also start their household's reference."""
    require(actor, Action.VIEW_CASES)
    query = (select(Worker, Household.ref).join(Household, Household.id == Worker.household_id)
             .where(Worker.deleted_at.is_(None)))
    if actor.office_id is not None:
        query = query.where(Household.office_id == actor.office_id)
    for word in fold(words).split():
        query = query.where(or_(_matches(word, Worker.search_key, Worker.ref),
                                func.lower(Household.ref).startswith(word)))
    query = query.order_by(Worker.ref).offset(offset).limit(limit)
    with db.read() as session:
        return [worker_row(actor, worker, household_ref)
                for worker, household_ref in session.execute(query)]


def list_offices(db: Database, actor: Actor) -> list[OfficeRow]:
    """Every office, by code (an office's users see the others' names too: references carry
    their codes)."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        return [OfficeRow(*row) for row in session.execute(
            select(Office.code, Office.name, Office.province)
            .where(Office.deleted_at.is_(None)).order_by(Office.code))]
