"""Finding agreements: the office's list, one agreement with its visits, the dwellings ready for
one, and the signed scan."""

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from shelter_app.data.cancel import Cancel, interruptible
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQ,
    Dwelling,
    Household,
    Landlord,
    LeaseAgreement,
    MonitoringVisit,
)
from shelter_app.domain.errors import NotFound
from shelter_app.domain.i18n import translate
from shelter_app.domain.lease import OPEN, TRANSITIONS
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, Stage
from shelter_app.domain.textfold import fold
from shelter_app.services.agreements.agreements import AgreementInput, load_agreement, scan_kind
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.files import SCAN, read_stored
from shelter_app.services.privacy.people import shown_iban


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """One line of the agreements list."""

    id: uuid.UUID
    number: str
    status: AgreementStatus
    dwelling_ref: str
    household: str
    landlord: str
    start_date: date
    end_date: date
    monthly_rent: Decimal


def list_agreements(db: Database, actor: Actor, words: str = "",
                    status: AgreementStatus | None = None, *, offset: int = 0,
                    limit: int | None = 200, cancel: Cancel | None = None,
                    dwelling_id: uuid.UUID | None = None) -> list[AgreementRow]:
    """One page of the office's agreements (every office for an administrator), newest number
    first; each word must start the number or dwelling reference, or be in a party's name;
    `dwelling_id`: one dwelling's agreements (the dwelling file), read by its index instead of
    testing words against every agreement of the office.
    `cancel` stops the query from another thread (data.cancel)."""
    require(actor, Action.VIEW_CASES)
    query = (select(LeaseAgreement.id, LeaseAgreement.number, LeaseAgreement.status,
                    Dwelling.ref, Household.head_name, Landlord.name, LeaseAgreement.start_date,
                    LeaseAgreement.end_date, LeaseAgreement.monthly_rent)
             .join(Dwelling, Dwelling.id == LeaseAgreement.dwelling_id)
             .join(Household, Household.id == LeaseAgreement.household_id)
             .join(Landlord, Landlord.id == LeaseAgreement.landlord_id)
             .where(LeaseAgreement.deleted_at.is_(None)))
    if dwelling_id is not None:  # the office checked on the dwelling: SQLite would otherwise
        # walk the office's agreements by their office index rather than take the dwelling's
        query = query.where(LeaseAgreement.dwelling_id == dwelling_id)
        if actor.office_id is not None:
            query = query.where(Dwelling.office_id == actor.office_id)
    elif actor.office_id is not None:
        query = query.where(LeaseAgreement.office_id == actor.office_id)
    if status is not None:
        query = query.where(LeaseAgreement.status == status)
    for word in fold(words).split():
        query = query.where(or_(func.lower(LeaseAgreement.number).startswith(word),
                                func.lower(Dwelling.ref).startswith(word),
                                Household.search_key.contains(word),
                                func.lower(Household.head_name).contains(word),
                                Landlord.search_key.contains(word)))
    query = query.order_by(LeaseAgreement.number.desc()).offset(offset).limit(limit)
    with db.read() as session, interruptible(session, cancel):
        return [AgreementRow(*row) for row in session.execute(query)]


def agreement_numbers(db: Database, actor: Actor,
                      status: AgreementStatus | None = None) -> list[str]:
    """Every agreement number of the office with `status` (for batch printing)."""
    require(actor, Action.VIEW_CASES)
    query = select(LeaseAgreement.number).where(LeaseAgreement.deleted_at.is_(None))
    if actor.office_id is not None:
        query = query.where(LeaseAgreement.office_id == actor.office_id)
    if status is not None:
        query = query.where(LeaseAgreement.status == status)
    with db.read() as session:
        return list(session.scalars(query.order_by(LeaseAgreement.number)))


@dataclass(frozen=True, slots=True)
class VisitRow:
    id: uuid.UUID
    due_on: date
    visited_on: date | None
    rent_paid: Decimal | None
    household_present: bool | None
    notes: str


@dataclass(frozen=True)
class AgreementView:
    """One agreement as its window shows it; `values` fill the edit form."""

    id: uuid.UUID
    number: str
    status: AgreementStatus
    dwelling_ref: str
    address: str
    household_ref: str
    household_name: str
    landlord_ref: str
    landlord_name: str
    boq_ref: str | None
    values: AgreementInput
    end_date: date
    signed_on: date | None
    scan_sha256: str | None
    end_reason: str | None
    renewal_of: str | None
    renewed_by: str | None
    visits: tuple[VisitRow, ...]

    @property
    def next_statuses(self) -> frozenset[AgreementStatus]:
        return TRANSITIONS[self.status]


def agreement_view(db: Database, actor: Actor, number: str | uuid.UUID) -> AgreementView:
    require(actor, Action.VIEW_CASES)
    renewal = aliased(LeaseAgreement)
    with db.read() as session:
        a = load_agreement(session, actor, number)
        dwelling = session.get(Dwelling, a.dwelling_id)
        household = session.get(Household, a.household_id)
        landlord = session.get(Landlord, a.landlord_id)
        assert dwelling is not None and household is not None and landlord is not None
        boq_ref = session.scalar(select(BoQ.ref).where(BoQ.id == a.boq_id)) if a.boq_id else None
        previous = (session.scalar(select(LeaseAgreement.number)
                                   .where(LeaseAgreement.id == a.renewal_of_id))
                    if a.renewal_of_id else None)
        renewed_by = session.scalar(select(renewal.number).where(
            renewal.renewal_of_id == a.id, renewal.deleted_at.is_(None))
            .order_by(renewal.number.desc()).limit(1))
        visits = tuple(VisitRow(v.id, v.due_on, v.visited_on, v.rent_paid, v.household_present,
                                v.notes or "")
                       for v in session.scalars(select(MonitoringVisit).where(
                           MonitoringVisit.agreement_id == a.id,
                           MonitoringVisit.deleted_at.is_(None))
                           .order_by(MonitoringVisit.due_on)))
        values = AgreementInput(
            term_months=a.term_months, start_date=a.start_date, monthly_rent=a.monthly_rent,
            landlord_ref=landlord.ref, end_date=a.end_date, rent_free_months=a.rent_free_months,
            deposit=a.deposit, payment_day=a.payment_day,
            payment_iban=shown_iban(actor, a.payment_iban), fixtures=a.fixtures or "",
            utilities=a.utilities or "", title_deed_block=a.title_deed_block or "",
            title_deed_parcel=a.title_deed_parcel or "", court=a.court or "",
            languages=a.languages)
        return AgreementView(
            a.id, a.number, a.status, dwelling.ref, dwelling.address, household.ref,
            household.head_name, landlord.ref, landlord.name, boq_ref, values, a.end_date,
            a.signed_on, a.signed_scan_sha256, a.end_reason, previous, renewed_by, visits)


@dataclass(frozen=True, slots=True)
class ReadyDwelling:
    """A dwelling whose BoQ is approved and that has no agreement being prepared or in force."""

    ref: str
    household: str
    landlord_ref: str | None
    landlord: str | None
    address: str


def dwellings_ready(db: Database, actor: Actor, limit: int = 500) -> list[ReadyDwelling]:
    require(actor, Action.VIEW_CASES)
    open_agreement = select(LeaseAgreement.id).where(
        LeaseAgreement.dwelling_id == Dwelling.id, LeaseAgreement.deleted_at.is_(None),
        LeaseAgreement.status.in_(OPEN)).exists()
    approved = select(BoQ.id).where(BoQ.dwelling_id == Dwelling.id, BoQ.deleted_at.is_(None),
                                    BoQ.status == ApprovalStatus.APPROVED).exists()
    query = (select(Dwelling, Household.head_name, Landlord.ref, Landlord.name)
             .join(Household, Household.id == Dwelling.household_id)
             .outerjoin(Landlord, Landlord.id == Dwelling.landlord_id)
             .where(Dwelling.deleted_at.is_(None), Dwelling.stage == Stage.BOQ_APPROVED,
                    approved, ~open_agreement)
             .order_by(Dwelling.ref).limit(limit))
    if actor.office_id is not None:
        query = query.where(Dwelling.office_id == actor.office_id)
    with db.read() as session:
        return [ReadyDwelling(d.ref, head, landlord_ref, landlord, d.address)
                for d, head, landlord_ref, landlord in session.execute(query)]


def signed_scan(db: Database, actor: Actor, number: str) -> tuple[bytes, str]:
    """The signed scan's bytes and type ("pdf", "jpeg", "png"), to open or check it."""
    require(actor, Action.VIEW_PERSONAL_IDS)
    with db.read() as session:
        agreement = load_agreement(session, actor, number)
        sha = agreement.signed_scan_sha256
    try:
        data = read_stored(db, SCAN, sha) if sha else b""
    except OSError:  # missing or damaged: recorded again from the paper copy
        data = b""
    kind = scan_kind(data)
    if kind is None:
        raise NotFound(translate("agreements", "The signed scan of {number} is missing from "
                                               "{folder}; record the signature again from the "
                                               "paper copy.").format(number=number,
                                                                     folder=db.files_dir))
    return data, kind
