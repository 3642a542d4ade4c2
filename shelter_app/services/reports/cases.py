"""The cases behind one bar of the Reports page: the same conditions as the figure it counts
(services.reports.scope), a page at a time, as rows of the dwellings list."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session, aliased

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQ,
    Dwelling,
    Household,
    LabourEntry,
    Landlord,
    LeaseAgreement,
)
from shelter_app.data.totals import MEMBER_COLUMNS
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import month_bounds
from shelter_app.domain.household import MEMBER_KEYS
from shelter_app.domain.stages import Stage
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.dwellings import DwellingRow
from shelter_app.services.reports.figures import ending_soon_days
from shelter_app.services.reports.scope import Scope, agreement_kinds, make_scope

CHARTS = ("stages", "money", "labour", "agreements", "members", "nationality", "disability")


@dataclass(frozen=True)
class Bar:
    """One bar: its chart (one of CHARTS), the office it stands for (None: every office in the
    report) and its key: a stage, a month ("2026-10"), an agreement kind, a member band (of
    domain.household.MEMBER_KEYS) or a nationality."""

    chart: str
    office: str | None = None
    key: str = ""


def bar_cases(db: Database, actor: Actor, bar: Bar, *, office: str | None = None,
              first: date | None = None, last: date | None = None, offset: int = 0,
              limit: int | None = 200) -> list[DwellingRow]:
    """One page of the cases that `bar` counts, by reference, in the report's scope (`office`
    and the period): each case once, however many records of it the bar counts."""
    with db.read() as session:
        scope = make_scope(session, actor, bar.office or office, first, last)
        household, landlord = aliased(Household), aliased(Landlord)
        query = (select(Dwelling.id, Dwelling.ref, Dwelling.stage, Dwelling.province,
                        Dwelling.district, household.head_name, landlord.name)
                 .outerjoin(household, household.id == Dwelling.household_id)
                 .outerjoin(landlord, landlord.id == Dwelling.landlord_id)
                 .where(Dwelling.id.in_(_ids(session, scope, bar)),
                        Dwelling.deleted_at.is_(None))
                 .order_by(Dwelling.ref).offset(offset).limit(limit))
        return [DwellingRow(*row) for row in session.execute(query)]


def _ids(session: Session, scope: Scope, bar: Bar) -> Select[Any]:
    if bar.chart == "stages":
        return select(Dwelling.id).where(*scope.cases(), Dwelling.stage == Stage(bar.key))
    if bar.chart == "money":
        return select(BoQ.dwelling_id).join(Dwelling, Dwelling.id == BoQ.dwelling_id).where(
            *scope.approved_boqs())
    if bar.chart == "labour":
        first, last = month_bounds(date.fromisoformat(f"{bar.key}-01"))
        return (select(LabourEntry.dwelling_id)
                .join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
                .where(*scope.labour_days(), LabourEntry.work_date.between(first, last)))
    if bar.chart == "agreements":
        today = clock.today()
        kind = agreement_kinds(scope.as_of(today), ending_soon_days(session), today)[bar.key]
        return select(LeaseAgreement.dwelling_id).where(
            LeaseAgreement.deleted_at.is_(None), *scope.in_office(LeaseAgreement.office_id), kind)
    households = select(Household.id).where(
        Household.deleted_at.is_(None), Household.id.in_(scope.reached_households()),
        _household(bar))
    return select(Dwelling.id).where(*scope.in_office(Dwelling.office_id),
                                     Dwelling.household_id.in_(households))


def _household(bar: Bar) -> ColumnElement[bool]:
    if bar.chart == "members":
        if bar.key not in MEMBER_KEYS:
            raise ValueError(f"unknown member band {bar.key}")  # a bug, not user input
        return Household.__table__.c[MEMBER_COLUMNS[bar.key]] > 0
    if bar.chart == "nationality":
        return Household.nationality == bar.key
    if bar.chart == "disability":
        return Household.disabled.is_(True)
    raise ValueError(f"unknown chart {bar.chart}")
