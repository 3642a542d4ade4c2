"""The list of all assessments: newest first or by priority, filtered by the dwelling's words.

Like the dwellings list, one page of ids is found first (filtered and sorted on the assessments
table and the dwellings' search tokens), then names are joined for that page only. Measured on
the 100,000-dwelling demo (123,000 assessments): a filtered page 12-100 ms; an unfiltered page
by date or priority 200-250 ms, as neither column is indexed (the screen loads when first shown).
"""

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, and_, select
from sqlalchemy.orm import aliased

from shelter_app.data.cancel import Cancel, interruptible
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    Dwelling,
    DwellingSearchToken,
    Household,
    User,
)
from shelter_app.domain.textfold import tokens
from shelter_app.services.cases.dwellings import TOKEN_LENGTH


class AssessmentSort(StrEnum):
    DATE = "date"
    PRIORITY = "priority"
    DWELLING = "dwelling"


@dataclass(frozen=True, slots=True)
class AssessmentRow:
    id: uuid.UUID
    dwelling_id: uuid.UUID
    dwelling_ref: str
    assessed_on: date
    province: str
    district: str
    household: str | None
    assessor: str | None
    priority_score: Decimal | None
    eligible: bool | None
    is_final: bool


_END = "\U0010ffff"  # sorts after every character: [term, term+END) is "starts with term"


def _prefix(term: str) -> ColumnElement[bool]:
    return and_(DwellingSearchToken.token >= term, DwellingSearchToken.token < term + _END)


def _page(text: str, sort: AssessmentSort, descending: bool, latest_only: bool
          ) -> Select[tuple[object, ...]]:
    key = {AssessmentSort.DATE: Assessment.assessed_on,
           AssessmentSort.PRIORITY: Assessment.priority_score,
           AssessmentSort.DWELLING: Dwelling.ref}[sort]
    page = (select(Assessment.id, key.label("sort_key"))
            .join(Dwelling, Dwelling.id == Assessment.dwelling_id)
            .where(Assessment.deleted_at.is_(None), Dwelling.deleted_at.is_(None)))
    # the longest word picks the candidates by index; the others are probed per candidate
    terms = sorted({word[:TOKEN_LENGTH] for word in tokens(text)}, key=len, reverse=True)
    if terms:
        page = page.where(Assessment.dwelling_id.in_(
            select(DwellingSearchToken.dwelling_id).where(_prefix(terms[0]))))
    for term in terms[1:]:
        page = page.where(select(DwellingSearchToken.token).where(
            DwellingSearchToken.dwelling_id == Assessment.dwelling_id, _prefix(term)).exists())
    if latest_only:
        newer = aliased(Assessment)
        page = page.where(~select(newer.id).where(
            newer.dwelling_id == Assessment.dwelling_id, newer.deleted_at.is_(None),
            (newer.assessed_on > Assessment.assessed_on)
            | and_(newer.assessed_on == Assessment.assessed_on,
                   newer.created_at > Assessment.created_at)).exists())
    order = key.desc() if descending else key.asc()
    if sort is AssessmentSort.PRIORITY:  # the only key that can be NULL: unscored last
        order = order.nulls_last()
    return page.order_by(order, Assessment.assessed_on.desc(), Assessment.id)


def search_assessments(db: Database, text: str = "", *,
                       sort: AssessmentSort = AssessmentSort.DATE, descending: bool = True,
                       latest_only: bool = False, offset: int = 0,
                       limit: int | None = 200, cancel: Cancel | None = None
                       ) -> list[AssessmentRow]:
    """One page of assessments whose dwelling matches every word of `text`. `cancel` stops
    the query from another thread (data.cancel): the list's search, replaced by a newer one."""
    rows = _page(text, sort, descending, latest_only).offset(offset).limit(limit).subquery()
    direction = "desc" if descending else "asc"
    query = (
        select(Assessment.id, Dwelling.id, Dwelling.ref, Assessment.assessed_on,
               Dwelling.province, Dwelling.district, Household.head_name, User.full_name,
               Assessment.priority_score, Assessment.eligible, Assessment.is_final)
        .join(rows, rows.c.id == Assessment.id)
        .join(Dwelling, Dwelling.id == Assessment.dwelling_id)
        .outerjoin(Household, Household.id == Dwelling.household_id)
        .outerjoin(User, User.id == Assessment.assessor_id)
        .order_by(getattr(rows.c.sort_key, direction)().nulls_last(),
                  Assessment.assessed_on.desc(), Assessment.id))
    with db.read() as session, interruptible(session, cancel):
        return [AssessmentRow(*row) for row in session.execute(query)]
