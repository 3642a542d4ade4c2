"""Landlord agreements: drafted for a dwelling whose newest BoQ is approved, printed, signed
(the signed scan is kept), active, then ended, terminated or breached; renewals.

The rules are in domain.lease; this module loads what they need, checks them inside the write
transaction and refuses with a message naming the field, leaving the data as it was. Numbers
(GAZ-2026-0042) run per office and year and are taken inside the transaction that creates the
agreement (BEGIN IMMEDIATE serialises writers). Signing moves the case to "agreement signed"
through the case flow (services.case_flow).
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQ,
    Dwelling,
    Landlord,
    LeaseAgreement,
    MonitoringVisit,
    Office,
)
from shelter_app.domain import clock
from shelter_app.domain.errors import NotFound, Problems, ValidationError
from shelter_app.domain.fields import past_date, text
from shelter_app.domain.i18n import date_text, translate
from shelter_app.domain.iban import check_iban
from shelter_app.domain.lease import (
    EDITABLE,
    OPEN,
    LeasePolicy,
    agreement_number,
    check_activation,
    check_languages,
    check_terms,
    check_transition,
    monitoring_due_dates,
    next_sequence,
    status_label,
)
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, Stage
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.flow import move_stage
from shelter_app.services.cases.access import in_office, load_dwelling
from shelter_app.services.cases.references import device_mark
from shelter_app.services.cases.dwellings import reindex
from shelter_app.services.files import SCAN, has_stored, scan_path, store, sync_folder
from shelter_app.services.agreements.landlords import load_landlord
from shelter_app.services.accounts.settings import setting

S = AgreementStatus
MAX_SCAN_BYTES = 40 * 1024 * 1024
_SIGNATURES = {b"%PDF-": "pdf", b"\xff\xd8\xff": "jpeg", b"\x89PNG\r\n\x1a\n": "png"}


@dataclass(frozen=True)
class AgreementInput:
    """The agreement form as typed. An empty `landlord_ref` means the dwelling's landlord, an
    empty `payment_iban` the landlord's IBAN, an empty `court` the courts of the province."""

    term_months: str | int
    start_date: date | None
    monthly_rent: str | Decimal
    landlord_ref: str = ""
    end_date: date | None = None
    rent_free_months: str | int = 0
    deposit: str | Decimal = "0"
    payment_day: str | int = 1
    payment_iban: str = ""
    fixtures: str = ""
    utilities: str = ""
    title_deed_block: str = ""
    title_deed_parcel: str = ""
    court: str = ""
    languages: str = "tr+ar"


def lease_policy(session: Session, office_id: uuid.UUID | None) -> LeasePolicy:
    def value(key: str) -> Any:
        return setting(session, f"lease.{key}", office_id=office_id)

    return LeasePolicy(int(value("max_term_months")), int(value("max_deposit_months")),
                       Decimal(str(value("bank_payment_threshold"))))


def load_agreement(session: Session, actor: Actor, number: str | uuid.UUID) -> LeaseAgreement:
    """The live agreement named by number (or id), in the actor's office."""
    condition = (LeaseAgreement.id == number if isinstance(number, uuid.UUID)
                 else LeaseAgreement.number == number.strip().upper())
    agreement = session.scalar(select(LeaseAgreement).where(
        condition, LeaseAgreement.deleted_at.is_(None)))
    if agreement is None:
        raise NotFound(translate("agreements", "No agreement {number} exists; check the number "
                                               "(e.g. GAZ-2026-0042).").format(number=number))
    in_office(actor, agreement.office_id, agreement.number)
    return agreement


def newest_boq(session: Session, dwelling_id: uuid.UUID) -> BoQ | None:
    return session.scalar(select(BoQ).where(BoQ.dwelling_id == dwelling_id,
                                            BoQ.deleted_at.is_(None))
                          .order_by(BoQ.revision.desc()).limit(1))


def _approved_boq(session: Session, dwelling: Dwelling) -> BoQ:
    boq = newest_boq(session, dwelling.id)
    if boq is None or boq.status is not ApprovalStatus.APPROVED:
        found = (translate("agreements", "its newest, {ref}, is not approved").format(ref=boq.ref)
                 if boq else translate("agreements", "it has none"))
        raise ValidationError(
            translate("agreements", "An agreement needs an approved bill of quantities for "
                                    "{dwelling}, and {found}. A supervisor must approve the BoQ "
                                    "first.").format(dwelling=dwelling.ref, found=found),
            field="dwelling")
    return boq


def _landlord(session: Session, actor: Actor, dwelling: Dwelling, ref: str) -> Landlord:
    if ref.strip():
        landlord = load_landlord(session, actor, ref)
    elif dwelling.landlord_id is not None:
        landlord = session.get(Landlord, dwelling.landlord_id)
        assert landlord is not None
    else:
        raise ValidationError(translate("agreements", "Choose the landlord, or register them "
                                                      "first."), field="landlord_ref")
    missing = [label for label, value in (
        (translate("agreements", "ID or tax number"), landlord.id_number or landlord.tax_number),
        (translate("agreements", "address"), landlord.address)) if not value]
    if missing:
        raise ValidationError(
            translate("agreements", "Landlord {ref} has no {missing} on record; the contract "
                                    "prints it, so complete the landlord first.").format(
                ref=landlord.ref, missing=translate("agreements", " and ").join(missing)),
            field="landlord_ref")
    return landlord


def _values(session: Session, actor: Actor, dwelling: Dwelling,
            data: AgreementInput) -> dict[str, Any]:
    """Column values of the agreement as typed, checked; the landlord as `landlord`."""
    if dwelling.household_id is None:
        raise ValidationError(translate("agreements", "{ref} has no household; link the tenant "
                                                      "household first.").format(ref=dwelling.ref),
                              field="dwelling")
    problems = Problems()  # every problem of the form at once
    landlord = problems.check(_landlord, session, actor, dwelling, data.landlord_ref,
                              at="landlord_ref")
    # without the landlord (refused above) the IBAN rule waits for the next save
    iban = (problems.check(check_iban, data.payment_iban, field="payment_iban")
            if data.payment_iban.strip() else landlord.iban if landlord else "?")
    terms = problems.check(
        check_terms,
        lease_policy(session, dwelling.office_id), term_months=data.term_months,
        start_date=data.start_date, end_date=data.end_date, monthly_rent=data.monthly_rent,
        rent_free_months=data.rent_free_months, deposit=data.deposit,
        payment_day=data.payment_day, payment_iban=iban)

    def optional(value: str, name: str, label: str, most: int) -> str | None:
        return problems.check(text, value, field=name, label=label, most=most, required=False)

    texts = {
        "fixtures": optional(data.fixtures, "fixtures", translate("agreements", "fixtures"), 2000),
        "utilities": optional(data.utilities, "utilities",
                              translate("agreements", "utilities"), 1000),
        "title_deed_block": optional(data.title_deed_block, "title_deed_block",
                                     translate("agreements", "title deed block (ada)"), 20),
        "title_deed_parcel": optional(data.title_deed_parcel, "title_deed_parcel",
                                      translate("agreements", "title deed parcel (parsel)"), 20),
        "court": optional(data.court, "court", translate("agreements", "competent court"), 120)
        or default_court(dwelling.province),
        "languages": problems.check(check_languages, data.languages),
    }
    problems.raise_any()
    assert landlord is not None and terms is not None
    return {
        "landlord": landlord, "landlord_id": landlord.id, "household_id": dwelling.household_id,
        "term_months": terms.term_months, "start_date": terms.start_date,
        "end_date": terms.end_date, "monthly_rent": terms.monthly_rent,
        "rent_free_months": terms.rent_free_months, "deposit": terms.deposit,
        "payment_day": terms.payment_day, "payment_iban": terms.payment_iban, **texts,
    }


def default_court(province: str) -> str:
    """The courts and enforcement offices where the dwelling is (Turkish, as printed)."""
    return f"{province} Mahkemeleri ve İcra Daireleri"


def _open_agreement(session: Session, dwelling_id: uuid.UUID,
                    besides: uuid.UUID | None = None) -> LeaseAgreement | None:
    query = select(LeaseAgreement).where(LeaseAgreement.dwelling_id == dwelling_id,
                                         LeaseAgreement.deleted_at.is_(None),
                                         LeaseAgreement.status.in_(OPEN))
    if besides is not None:
        query = query.where(LeaseAgreement.id != besides)
    return session.scalar(query.limit(1))


def _next_number(session: Session, office: Office, year: int) -> str:
    mark = device_mark(session)
    prefix = agreement_number(office.code, year, 0, mark)[:-4]
    last = session.scalar(select(LeaseAgreement.number)
                          .where(LeaseAgreement.number >= prefix + "0",
                                 LeaseAgreement.number < prefix + ":")
                          .order_by(func.length(LeaseAgreement.number).desc(),
                                    LeaseAgreement.number.desc()).limit(1))
    return agreement_number(office.code, year, next_sequence([last] if last else [],
                                                             office.code, year, mark), mark)


def _relink_landlord(session: Session, dwelling: Dwelling, values: dict[str, Any]) -> None:
    """The agreement names who lets the dwelling now; the dwelling follows it."""
    landlord = values.pop("landlord")
    if dwelling.landlord_id != landlord.id:
        dwelling.landlord_id = landlord.id
        reindex(session, dwelling)


def _insert(session: Session, dwelling: Dwelling, values: dict[str, Any], boq_id: uuid.UUID,
            today: date, renewal_of: uuid.UUID | None = None) -> LeaseAgreement:
    _relink_landlord(session, dwelling, values)
    office = session.get(Office, dwelling.office_id)
    assert office is not None
    agreement = LeaseAgreement(number=_next_number(session, office, today.year),
                               office_id=office.id, dwelling_id=dwelling.id, boq_id=boq_id,
                               renewal_of_id=renewal_of, status=S.DRAFT, **values)
    session.add(agreement)
    session.flush()
    return agreement


def create_agreement(db: Database, actor: Actor, dwelling_ref: str | uuid.UUID,
                     data: AgreementInput, *, today: date | None = None) -> str:
    """A draft agreement for the dwelling, its household and landlord; returns its number."""
    require(actor, Action.EDIT_CASES)
    today = today or clock.today()
    with db.write(actor) as session:
        dwelling = load_dwelling(session, actor, dwelling_ref)
        boq = _approved_boq(session, dwelling)
        existing = _open_agreement(session, dwelling.id)
        if existing is not None:
            raise ValidationError(
                translate("agreements", "{dwelling} already has agreement {number} ({status}); "
                                        "open it, or renew it when its term ends.").format(
                    dwelling=dwelling.ref, number=existing.number,
                    status=status_label(existing.status).lower()), field="dwelling")
        return _insert(session, dwelling, _values(session, actor, dwelling, data), boq.id,
                       today).number


def renew_agreement(db: Database, actor: Actor, number: str, data: AgreementInput, *,
                    today: date | None = None) -> str:
    """A new draft that continues an active or ended agreement (same dwelling, household and
    works); the old one ends when the renewal becomes active. Returns the new number."""
    require(actor, Action.EDIT_CASES)
    today = today or clock.today()
    with db.write(actor) as session:
        old = load_agreement(session, actor, number)
        if old.status not in (S.ACTIVE, S.ENDED):
            raise ValidationError(
                translate("agreements", "Only an active or ended agreement is renewed; {number} "
                                        "is {status}.").format(
                    number=old.number, status=status_label(old.status).lower()), field="status")
        dwelling = load_dwelling(session, actor, old.dwelling_id)
        existing = _open_agreement(session, dwelling.id, besides=old.id)
        if existing is not None:
            raise ValidationError(
                translate("agreements", "{number} is already renewed by {renewal}; open that "
                                        "one.").format(number=old.number,
                                                       renewal=existing.number),
                field="status")
        values = _values(session, actor, dwelling, data)
        if values["start_date"] <= old.end_date:
            raise ValidationError(
                translate("agreements", "A renewal starts after {number} ends on {end}; start "
                                        "it on {next} or later.").format(
                    number=old.number, end=date_text(old.end_date),
                    next=date_text(old.end_date + timedelta(days=1))),
                field="start_date")
        assert old.boq_id is not None
        return _insert(session, dwelling, values, old.boq_id, today, renewal_of=old.id).number


def update_agreement(db: Database, actor: Actor, number: str, data: AgreementInput) -> None:
    """Correct a draft or printed agreement; a printed one goes back to draft, as its paper no
    longer matches."""
    require(actor, Action.EDIT_CASES)
    with db.write(actor) as session:
        agreement = load_agreement(session, actor, number)
        if agreement.status not in EDITABLE:
            raise ValidationError(
                translate("agreements", "{number} is {status}: its terms are those the parties "
                                        "signed and cannot change. Renew it for new terms."
                          ).format(number=agreement.number,
                                   status=status_label(agreement.status).lower()),
                field="status")
        dwelling = load_dwelling(session, actor, agreement.dwelling_id)
        values = _values(session, actor, dwelling, data)
        _relink_landlord(session, dwelling, values)
        for key, value in values.items():
            if getattr(agreement, key) != value:
                setattr(agreement, key, value)
        if agreement.status is S.PRINTED and session.is_modified(agreement):
            agreement.status = S.DRAFT


def mark_printed(db: Database, actor: Actor, number: str) -> None:
    """The agreement went to the printer for signing (printing again keeps it printed)."""
    require(actor, Action.EDIT_CASES)
    with db.write(actor) as session:
        agreement = load_agreement(session, actor, number)
        check_transition(agreement.status, S.PRINTED, agreement.number)
        agreement.status = S.PRINTED


def scan_kind(data: bytes) -> str | None:
    """"pdf", "jpeg" or "png" when `data` is a complete file of that type, else None."""
    kind = next((name for magic, name in _SIGNATURES.items() if data.startswith(magic)), None)
    if kind == "pdf":
        return kind if b"%%EOF" in data[-2048:] else None
    if kind is not None:
        from PIL import Image, UnidentifiedImageError  # only when a scan comes in

        try:
            with Image.open(BytesIO(data), formats=[kind.upper()]) as image:
                image.verify()
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError, SyntaxError):
            return None
    return kind


def _read_scan(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SCAN_BYTES:
            raise ValidationError(
                translate("agreements", "{name} is {size} MB; a scan may have at most {most} MB. "
                                        "Scan at a lower resolution.").format(
                    name=path.name, size=size // 2**20, most=MAX_SCAN_BYTES // 2**20),
                field="scan")
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(translate("agreements", "Cannot read {path}: {error}").format(
            path=path, error=error.strerror or error), field="scan") from None
    if scan_kind(data) is None:
        raise ValidationError(
            translate("agreements", "{name} is not a complete PDF, JPEG or PNG file; scan or "
                                    "photograph the signed agreement to one of these.").format(
                name=path.name), field="scan")
    return data


def record_signature(db: Database, actor: Actor, number: str, scan: Path | None,
                     signed_on: date | None, *, today: date | None = None) -> str:
    """The parties signed the printed agreement on `signed_on`: keep the scan (by its SHA-256)
    and move the case to "agreement signed". Returns the scan's hash. A scan missing or
    unreadable and a wrong date are reported together (InvalidInput)."""
    require(actor, Action.EDIT_CASES)
    problems = Problems()
    if scan is None:
        problems.add(ValidationError(translate(
            "agreements", "Choose the scan of the signed agreement."), field="scan"))
    data = problems.check(_read_scan, Path(scan)) if scan is not None else None
    with db.write(actor) as session:
        agreement = load_agreement(session, actor, number)
        check_transition(agreement.status, S.SIGNED, agreement.number)
        day = problems.check(past_date, signed_on, field="signed_on", today=today,
                             label=translate("agreements", "signing date"),
                             earliest=agreement.created_at.date() - timedelta(days=1))
        problems.raise_any()
        assert data is not None
        sha = hashlib.sha256(data).hexdigest()
        if not has_stored(db, SCAN, sha):
            store(db, SCAN, sha, data)
            sync_folder(scan_path(db, sha).parent)
        agreement.status = S.SIGNED
        agreement.signed_on = day
        agreement.signed_scan_sha256 = sha
        session.flush()
        dwelling = load_dwelling(session, actor, agreement.dwelling_id)
        if dwelling.stage is Stage.BOQ_APPROVED:
            move_stage(session, dwelling, Stage.AGREEMENT_SIGNED)
        return sha


def activate(db: Database, actor: Actor, number: str) -> list[date]:
    """The signed agreement is in force: monitoring visits are scheduled over its term (and a
    renewed agreement still active ends). Returns the visits' due dates."""
    require(actor, Action.EDIT_CASES)
    with db.write(actor) as session:
        agreement = load_agreement(session, actor, number)
        check_transition(agreement.status, S.ACTIVE, agreement.number)
        check_activation(agreement.number, agreement.start_date, clock.today())
        agreement.status = S.ACTIVE
        every = int(setting(session, "lease.monitoring_every_months",
                            office_id=agreement.office_id))
        due = monitoring_due_dates(agreement.start_date, agreement.end_date, every)
        session.add_all(MonitoringVisit(agreement_id=agreement.id, due_on=day) for day in due)
        if agreement.renewal_of_id is not None:
            old = session.get(LeaseAgreement, agreement.renewal_of_id)
            if old is not None and old.status is S.ACTIVE:
                old.status = S.ENDED
                old.end_reason = translate("agreements", "Renewed by {number}.").format(
                    number=agreement.number)
        return due


# Ways an agreement closes, chosen by the user.
CLOSING = (S.ENDED, S.TERMINATED, S.BREACHED)


def close_agreement(db: Database, actor: Actor, number: str, status: AgreementStatus | str,
                    reason: str = "", *, today: date | None = None) -> None:
    """End (the term is over), terminate (early, with the reason) or record a breach (rent
    raised, tenant evicted: with what was found)."""
    require(actor, Action.EDIT_CASES)
    target = AgreementStatus(status)
    if target not in CLOSING:
        raise ValidationError(translate("agreements", "Choose ended, terminated or breached."),
                              field="status")
    reason = reason.strip()
    today = today or clock.today()
    with db.write(actor, reason=reason or None) as session:
        agreement = load_agreement(session, actor, number)
        check_transition(agreement.status, target, agreement.number)
        if target is S.ENDED and agreement.end_date > today:
            raise ValidationError(
                translate("agreements", "{number} runs until {end}; an agreement that stops "
                                        "early is terminated, with the reason.").format(
                    number=agreement.number, end=date_text(agreement.end_date)),
                field="status")
        if target is not S.ENDED and not reason:
            raise ValidationError(
                translate("agreements", "Say why the agreement is {status}; the reason is kept "
                                        "with it.").format(status=status_label(target).lower()),
                field="reason")
        agreement.status = target
        agreement.end_reason = reason or None
