"""Finding bills of quantity: the list of an office's BoQs with their totals, and the
quantities the take-off helper offers from the dwelling's assessment."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, cast, func, select
from sqlalchemy.orm import Session

from shelter_app.data.cancel import Cancel, interruptible
from shelter_app.data.engine import Database
from shelter_app.data.models import Assessment, BoQ, BoQLine, Dwelling, Household
from shelter_app.domain.boq import gross_of
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.domain.takeoff import takeoff
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.boq.boq import BoQView, load_boq, may_edit, view_in
from shelter_app.services.boq.catalogue import ItemRow, items_in


@dataclass(frozen=True, slots=True)
class BoQRow:
    """One line of the BoQ list."""

    id: uuid.UUID
    ref: str
    dwelling_ref: str
    household: str | None
    province: str
    status: ApprovalStatus
    revision: int
    gross: Decimal
    updated_at: datetime


def list_boqs(db: Database, actor: Actor, text: str = "", status: ApprovalStatus | None = None,
              *, offset: int = 0, limit: int | None = 200,
              dwelling_id: uuid.UUID | None = None, boq_id: uuid.UUID | None = None,
              cancel: Cancel | None = None) -> list[BoQRow]:
    """One page of BoQs of the actor's office (all offices for an administrator), newest
    change first; `text` matches the start of the BoQ or dwelling reference, or the household
    head's name; `dwelling_id`: one dwelling's BoQs (the dwelling file), read by its index
    instead of testing the text against every BoQ of the office; `boq_id`: that BoQ's row
    alone if the list shows it (read again after an edit of its lines, instead of the list).
    `cancel` stops the reads from another thread (data.cancel): the list's search, replaced by
    a newer one.

    The page is picked by the BoQs' ids alone, then its rows are read: sorting the office's
    whole rows with their households (13,000 on a programme) took half as long again."""
    require(actor, Action.VIEW_CASES)
    page = (select(BoQ.id).join(Dwelling, Dwelling.id == BoQ.dwelling_id)
            .where(BoQ.deleted_at.is_(None)))
    if actor.office_id is not None:
        page = page.where(Dwelling.office_id == actor.office_id)
    if status is not None:
        page = page.where(BoQ.status == status)
    if dwelling_id is not None:
        page = page.where(BoQ.dwelling_id == dwelling_id)
    if boq_id is not None:
        page = page.where(BoQ.id == boq_id)
    words = fold(text).split()
    if words:
        page = page.outerjoin(Household, Household.id == Dwelling.household_id)
    for word in words:
        page = page.where(func.lower(BoQ.ref).startswith(word)
                          | func.lower(Household.head_name).contains(word))
    order = (BoQ.updated_at.desc(), BoQ.ref)
    query = (select(BoQ.id, BoQ.ref, Dwelling.ref, Household.head_name, Dwelling.province,
                    BoQ.status, BoQ.revision, BoQ.updated_at, BoQ.contingency_pct)
             .join(Dwelling, Dwelling.id == BoQ.dwelling_id)
             .outerjoin(Household, Household.id == Dwelling.household_id)
             .where(BoQ.id.in_(page.order_by(*order).offset(offset).limit(limit)))
             .order_by(*order))
    with db.read() as session, interruptible(session, cancel):
        rows = session.execute(query).all()
        works = _works_by_rate(session, [row[0] for row in rows])
    return [BoQRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6],
                   gross_of(works[row[0]], row[8]), row[7]) for row in rows]


# a line's amount in kuruş, rounded half up as printed: round(quantity x price), computed in
# whole numbers (thousandths x kuruş, then to the kuruş), so exact on SQLite's floating-point
# numbers too, for any line under 92 trillion TL
_LINE_KURUS = (cast(func.round(BoQLine.quantity * 1000), BigInteger)
               * cast(func.round(BoQLine.unit_price * 100), BigInteger) + 500) // 1000


def _works_by_rate(session: Session, ids: list[uuid.UUID]
                   ) -> dict[uuid.UUID, dict[Decimal, Decimal]]:
    """The works of each of a page of BoQs summed per KDV rate by the database: a few rows
    per BoQ, not its every line turned into Decimals and totalled in Python (~19 ms a page)."""
    works: dict[uuid.UUID, dict[Decimal, Decimal]] = {boq_id: {} for boq_id in ids}
    if ids:
        for boq_id, rate, kurus in session.execute(
                select(BoQLine.boq_id, BoQLine.kdv_rate, func.sum(_LINE_KURUS))
                .where(BoQLine.boq_id.in_(ids), BoQLine.deleted_at.is_(None))
                .group_by(BoQLine.boq_id, BoQLine.kdv_rate)):
            works[boq_id][rate] = Decimal(kurus).scaleb(-2)
    return works


Takeoff = list[tuple[str, Decimal, str]]


def boq_takeoff(db: Database, actor: Actor, boq_id: uuid.UUID) -> Takeoff:
    """Quantities measured at the dwelling's latest assessment, for the take-off helper:
    (label, quantity, unit) rows; empty when the assessment recorded no rooms."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        _, dwelling = load_boq(session, actor, boq_id)
        return _takeoff(session, dwelling.id)


def boq_to_edit(db: Database, actor: Actor, boq_id: uuid.UUID
                ) -> tuple[BoQView, list[ItemRow], Takeoff]:
    """What the BoQ editor shows, in one session: the BoQ, the catalogue it can be priced from
    (when the actor may edit it) and the take-off. Read as boq_view, catalogue_items and
    boq_takeoff, it opened three connections and read the BoQ and its dwelling twice: 3.5-6 ms
    more of a worker's CPU beside the editor's window opening."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        view = view_in(session, actor, boq_id)
        items = items_in(session, view.catalogue_id) if may_edit(view, actor) else []
        return view, items, _takeoff(session, view.dwelling_id)


def _takeoff(session: Session, dwelling_id: uuid.UUID) -> Takeoff:
    measurements = session.scalar(
        select(Assessment.measurements)
        .where(Assessment.dwelling_id == dwelling_id, Assessment.deleted_at.is_(None))
        .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc()).limit(1))
    if not measurements or not measurements.get("rooms"):
        return []
    areas = takeoff(measurements)
    return [
        (translate("boq", "Exterior walls (insulation, facade paint)"), areas.exterior_walls,
         "m²"),
        (translate("boq", "Interior walls (plaster, paint)"), areas.walls, "m²"),
        (translate("boq", "Windows, frame area"), areas.window_area, "m²"),
        (translate("boq", "Windows"), Decimal(areas.windows), "adet"),
        (translate("boq", "Doors"), Decimal(areas.doors), "adet"),
        (translate("boq", "Floor (ceiling, roof)"), areas.floor, "m²"),
    ]
