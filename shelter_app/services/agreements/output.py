"""Agreements on paper: the contract's plain values filled from the database, one PDF or many.

The documents layer never sees the database: this module turns an agreement into a
documents.contract.ContractDocument (parties with their full ID numbers and IBANs, as the
signed copy needs them, the approved BoQ's works with their translations) and hands it over.
A batch reads with one session and writes each file aside then renames it, so an interrupted
run (Ctrl-C, Cancel) leaves only complete PDFs.
"""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import null, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQ,
    BoQLine,
    Dwelling,
    Household,
    HouseholdMember,
    Landlord,
    LeaseAgreement,
    PriceItem,
)
from shelter_app.documents.contract import (
    ContractDocument,
    ContractParty,
    ContractWork,
    render_contract,
)
from shelter_app.domain import clock
from shelter_app.domain.boq import Category
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.lease import LeaseTerms, check_languages
from shelter_app.domain.permissions import Action
from shelter_app.domain.phone import format_tr_mobile
from shelter_app.domain.stages import AgreementStatus
from shelter_app.services.agreements.lookup import agreement_numbers
from shelter_app.services.agreements.agreements import load_agreement
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.files import write_atomically
from shelter_app.services.accounts.settings import setting

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


def _phone(value: str | None) -> str | None:
    return format_tr_mobile(value) if value and value.startswith("+905") else value


def _document(session: Session, actor: Actor, agreement: LeaseAgreement,
              languages: str | None, today: date) -> ContractDocument:
    dwelling = session.get(Dwelling, agreement.dwelling_id)
    household = session.get(Household, agreement.household_id)
    landlord = session.get(Landlord, agreement.landlord_id)
    boq = session.get(BoQ, agreement.boq_id) if agreement.boq_id else None
    assert dwelling is not None and household is not None and landlord is not None
    pair = check_languages(languages or agreement.languages)
    second = pair.partition("+")[2]
    translation = {"ar": PriceItem.description_ar, "en": PriceItem.description_en}.get(second)
    works = []
    if boq is not None:
        rows = session.execute(
            select(BoQLine, translation if translation is not None else null())
            .outerjoin(PriceItem, PriceItem.id == BoQLine.price_item_id)
            .where(BoQLine.boq_id == boq.id, BoQLine.deleted_at.is_(None))).all()
        rows.sort(key=lambda row: (Category(row[0].category).order, row[0].position))
        works = [ContractWork(Category(line.category), line.description, line.quantity,
                              line.unit, line.unit_price, line.kdv_rate,
                              text)
                 for line, text in rows]
    previous = (session.scalar(select(LeaseAgreement.number)
                               .where(LeaseAgreement.id == agreement.renewal_of_id))
                if agreement.renewal_of_id else None)

    def policy(key: str) -> str:
        return str(setting(session, f"lease.{key}", on=agreement.start_date,
                           office_id=agreement.office_id))

    return ContractDocument(
        number=agreement.number, languages=pair,
        landlord=ContractParty(landlord.name, landlord.id_number or landlord.tax_number,
                               landlord.address, _phone(landlord.phone), landlord.iban,
                               reference=landlord.ref),
        tenant=ContractParty(household.head_name, household.head_id_number, dwelling.address,
                             _phone(household.phone), nationality=household.nationality,
                             reference=household.ref,
                             arabic_name=session.scalar(select(HouseholdMember.arabic_name).where(
                                 HouseholdMember.household_id == household.id,
                                 HouseholdMember.relation == "head",
                                 HouseholdMember.deleted_at.is_(None)).limit(1))),
        programme=policy("programme_name"), property_address=dwelling.address,
        terms=LeaseTerms(agreement.term_months, agreement.start_date, agreement.end_date,
                         agreement.monthly_rent, agreement.rent_free_months, agreement.deposit,
                         agreement.payment_day, agreement.payment_iban),
        court=agreement.court or "", boq_ref=boq.ref if boq else "—", works=works,
        contingency_pct=boq.contingency_pct if boq else Decimal(0),
        title_deed_block=agreement.title_deed_block,
        title_deed_parcel=agreement.title_deed_parcel, floor_area_m2=dwelling.floor_area_m2,
        fixtures=agreement.fixtures, utilities=agreement.utilities,
        stamp_tax_per_mille=Decimal(policy("stamp_tax_per_mille")),
        bank_payment_threshold=Decimal(policy("bank_payment_threshold")),
        previous_number=previous,
        programme_signatory=actor.full_name if actor.user_id is not None else None,
        issued=today)


def contract_document(db: Database, actor: Actor, number: str | uuid.UUID,
                      languages: str | None = None) -> ContractDocument:
    """The agreement's printable values; `languages` overrides the agreement's pair."""
    require(actor, Action.VIEW_PERSONAL_IDS)  # the signed copy carries IDs and the IBAN
    with db.read() as session:
        return _document(session, actor, load_agreement(session, actor, number), languages,
                         clock.today())


def write_pdf(data: bytes, target: Path, *, durable: bool = True) -> None:
    """A folder that is missing or not writable is the user's to fix, not a crash."""
    try:
        write_atomically(target, data, durable=durable)
    except OSError as error:
        raise UserError(translate("agreements", "Cannot write {path}: {error}").format(
            path=target, error=error.strerror or error)) from None


def print_contract(db: Database, actor: Actor, number: str | uuid.UUID, target: Path,
                   languages: str | None = None) -> ContractDocument:
    """Write the agreement's contract as a PDF (complete or not at all)."""
    document = contract_document(db, actor, number, languages)
    write_pdf(render_contract(document), Path(target))
    return document


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (number, why)
    cancelled: bool = False


def print_contracts(db: Database, actor: Actor, folder: Path, *,
                    numbers: Sequence[str] | None = None,
                    status: AgreementStatus | None = None, languages: str | None = None,
                    progress: Progress | None = None,
                    cancelled: Cancelled | None = None) -> BatchResult:
    """Write one PDF per agreement (`numbers`, or every one of the office with `status`) into
    `folder` as NUMBER.pdf; `progress(done, total, number)` after each, stopping between two
    files when `cancelled()` says so. An agreement that cannot be printed is reported, the
    others are printed."""
    require(actor, Action.VIEW_PERSONAL_IDS)
    if languages is not None:
        check_languages(languages)
    todo = list(numbers) if numbers is not None else agreement_numbers(db, actor, status)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(translate("agreements", "Cannot write {path}: {error}").format(
            path=folder, error=error.strerror or error)) from None
    result = BatchResult()
    today = clock.today()
    with db.read() as session:
        for done, number in enumerate(todo, start=1):
            if cancelled is not None and cancelled():
                result.cancelled = True
                break
            target = folder / f"{number}.pdf"
            try:
                document = _document(session, actor, load_agreement(session, actor, number),
                                     languages, today)
                write_pdf(render_contract(document), target, durable=False)
            except UserError as error:
                result.failed.append((number, error.message))
            else:
                result.written.append(target)
            if progress is not None:
                progress(done, len(todo), number)
    return result
