"""Agreements on paper: the contract's plain values filled from the database, one PDF or many.

The documents layer never sees the database: this module turns an agreement into a
documents.contract_values.ContractDocument (parties with their full ID numbers and IBANs, as
the signed copy needs them, the approved BoQ's works with their translations) and hands it
over.
A batch reads with one session and writes each file aside then renames it, so an interrupted
run (Ctrl-C, Cancel) leaves only complete PDFs.
"""

import itertools
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
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
from shelter_app.documents.contract_values import (
    ContractDocument,
    ContractParty,
    ContractWork,
)
from shelter_app.domain import clock
from shelter_app.domain.boq import Category
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.lease import LeaseTerms, check_languages
from shelter_app.domain.permissions import Action
from shelter_app.domain.phone import format_tr_mobile
from shelter_app.domain.stages import AgreementStatus
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.accounts.settings import Settings
from shelter_app.services.agreements.agreements import load_agreement
from shelter_app.services.agreements.contract_files import write_contract, write_contracts
from shelter_app.services.agreements.lookup import agreement_numbers
from shelter_app.services.cases.access import in_office
from shelter_app.services.processes import cores, in_processes

Progress = Callable[[int, int, str], None]
# Contracts per worker process, at least, before a batch spreads over processes: a worker
# starts in ~0.5 s of CPU, about what five contracts take to render.
PER_WORKER = 5
# Contracts handed to a worker at once, at most: each hand-over wakes four threads of this
# process and the worker's, on the same cores as the rendering (a third of this process's CPU
# in a batch of 500). Two bundles a worker are under way, and end after a cancel.
BUNDLE = 4
Cancelled = Callable[[], bool]
_WARM = "shelter_app.services.agreements.contract_preload"  # the workers' fork server imports it


def _phone(value: str | None) -> str | None:
    return format_tr_mobile(value) if value and value.startswith("+905") else value


_POLICIES = ("lease.programme_name", "lease.stamp_tax_per_mille",
             "lease.bank_payment_threshold")
CHUNK = 25  # agreements a batch reads at once


class _Reading:
    """What the contracts of some agreements need besides the agreements, read with a query
    per kind for all of them (a query per row took ~10 ms of CPU per contract, beside
    rendering it, on the same cores)."""

    def __init__(self, session: Session, agreements: Sequence[LeaseAgreement],
                 policies: Settings) -> None:
        self.policies = policies

        def rows(model: Any, column: str) -> dict[uuid.UUID, Any]:
            ids = {getattr(agreement, column) for agreement in agreements} - {None}
            return {row.id: row for row in session.scalars(select(model).where(
                model.id.in_(ids)))} if ids else {}

        self.dwellings: dict[uuid.UUID, Dwelling] = rows(Dwelling, "dwelling_id")
        self.households: dict[uuid.UUID, Household] = rows(Household, "household_id")
        self.landlords: dict[uuid.UUID, Landlord] = rows(Landlord, "landlord_id")
        self.boqs: dict[uuid.UUID, BoQ] = rows(BoQ, "boq_id")
        self.previous: dict[uuid.UUID, LeaseAgreement] = rows(LeaseAgreement, "renewal_of_id")
        self.lines: dict[uuid.UUID, list[Any]] = {boq: [] for boq in self.boqs}
        if self.boqs:
            for row in session.execute(
                    select(BoQLine, PriceItem.description_ar, PriceItem.description_en)
                    .outerjoin(PriceItem, PriceItem.id == BoQLine.price_item_id)
                    .where(BoQLine.boq_id.in_(self.boqs), BoQLine.deleted_at.is_(None))):
                self.lines[row[0].boq_id].append(row)
        self.arabic_names: dict[uuid.UUID, str | None] = {}
        if self.households:
            for household, name in session.execute(
                    select(HouseholdMember.household_id, HouseholdMember.arabic_name).where(
                        HouseholdMember.household_id.in_(self.households),
                        HouseholdMember.relation == "head",
                        HouseholdMember.deleted_at.is_(None))):
                self.arabic_names.setdefault(household, name)

    def document(self, actor: Actor, agreement: LeaseAgreement, languages: str | None,
                 today: date) -> ContractDocument:
        dwelling = self.dwellings[agreement.dwelling_id]
        household = self.households[agreement.household_id]
        landlord = self.landlords[agreement.landlord_id]
        boq = self.boqs[agreement.boq_id] if agreement.boq_id else None
        pair = check_languages(languages or agreement.languages)
        second = pair.partition("+")[2]
        works = []
        if boq is not None:
            rows = sorted(self.lines[boq.id],
                          key=lambda row: (Category(row[0].category).order, row[0].position))
            works = [ContractWork(Category(line.category), line.description, line.quantity,
                                  line.unit, line.unit_price, line.kdv_rate,
                                  {"ar": arabic, "en": english}.get(second))
                     for line, arabic, english in rows]
        previous = self.previous.get(agreement.renewal_of_id) if agreement.renewal_of_id else None

        def policy(key: str) -> str:
            return str(self.policies.value(f"lease.{key}", on=agreement.start_date,
                                           office_id=agreement.office_id))

        return ContractDocument(
            number=agreement.number, languages=pair,
            landlord=ContractParty(landlord.name, landlord.id_number or landlord.tax_number,
                                   landlord.address, _phone(landlord.phone), landlord.iban,
                                   reference=landlord.ref),
            tenant=ContractParty(household.head_name, household.head_id_number,
                                 dwelling.address, _phone(household.phone),
                                 nationality=household.nationality, reference=household.ref,
                                 arabic_name=self.arabic_names.get(household.id)),
            programme=policy("programme_name"), property_address=dwelling.address,
            terms=LeaseTerms(agreement.term_months, agreement.start_date, agreement.end_date,
                             agreement.monthly_rent, agreement.rent_free_months,
                             agreement.deposit, agreement.payment_day, agreement.payment_iban),
            court=agreement.court or "", boq_ref=boq.ref if boq else "—", works=works,
            contingency_pct=boq.contingency_pct if boq else Decimal(0),
            title_deed_block=agreement.title_deed_block,
            title_deed_parcel=agreement.title_deed_parcel, floor_area_m2=dwelling.floor_area_m2,
            fixtures=agreement.fixtures, utilities=agreement.utilities,
            stamp_tax_per_mille=Decimal(policy("stamp_tax_per_mille")),
            bank_payment_threshold=Decimal(policy("bank_payment_threshold")),
            previous_number=previous.number if previous else None,
            programme_signatory=actor.full_name if actor.user_id is not None else None,
            issued=today)


def _agreements(session: Session, actor: Actor, numbers: Sequence[str]
                ) -> Iterator[tuple[str, LeaseAgreement | UserError]]:
    """Each number's live agreement of the actor's office, in one query, or why not."""
    found = {agreement.number: agreement for agreement in session.scalars(
        select(LeaseAgreement).where(
            LeaseAgreement.number.in_({number.strip().upper() for number in numbers}),
            LeaseAgreement.deleted_at.is_(None)))}
    for number in numbers:
        agreement = found.get(number.strip().upper())
        try:
            if agreement is None:
                agreement = load_agreement(session, actor, number)  # says why not
            in_office(actor, agreement.office_id, agreement.number)
        except UserError as error:
            yield number, error
        else:
            yield number, agreement


def contract_document(db: Database, actor: Actor, number: str | uuid.UUID,
                      languages: str | None = None) -> ContractDocument:
    """The agreement's printable values; `languages` overrides the agreement's pair."""
    require(actor, Action.VIEW_PERSONAL_IDS)  # the signed copy carries IDs and the IBAN
    with db.read() as session:
        agreement = load_agreement(session, actor, number)
        return _Reading(session, [agreement], Settings(session, _POLICIES)).document(
            actor, agreement, languages, clock.today())


def _cannot_write(target: Path, why: str) -> str:
    """A folder that is missing or not writable is the user's to fix, not a crash."""
    return translate("agreements", "Cannot write {path}: {error}").format(path=target,
                                                                          error=why)


def print_contract(db: Database, actor: Actor, number: str | uuid.UUID, target: Path,
                   languages: str | None = None) -> ContractDocument:
    """Write the agreement's contract as a PDF (complete or not at all)."""
    document = contract_document(db, actor, number, languages)
    problem = write_contract(document, Path(target))
    if problem is not None:
        raise UserError(_cannot_write(Path(target), problem))
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
    others are printed. This thread reads the agreements; from 2 x PER_WORKER of them on,
    worker processes (one per core) render and write the files, a few at a time as they are
    read."""
    require(actor, Action.VIEW_PERSONAL_IDS)
    if languages is not None:
        check_languages(languages)
    todo = list(numbers) if numbers is not None else agreement_numbers(db, actor, status)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(_cannot_write(folder, str(error.strerror or error))) from None
    result = BatchResult()
    today = clock.today()
    workers = min(cores(), len(todo) // PER_WORKER)
    # what is under way when a batch is cancelled is never more than a quarter of it
    bundle = max(1, min(BUNDLE, len(todo) // (8 * max(workers, 1))))

    def jobs(session: Session) -> Iterator[tuple[str, tuple[ContractDocument, Path, bool]]]:
        """Each agreement's document read (one that cannot be is reported here), to render."""
        policies = Settings(session, _POLICIES)
        for first in range(0, len(todo), CHUNK):
            found = list(_agreements(session, actor, todo[first:first + CHUNK]))
            reading = _Reading(session, [agreement for _, agreement in found
                                         if isinstance(agreement, LeaseAgreement)], policies)
            for number, agreement in found:
                if isinstance(agreement, UserError):
                    report(number, agreement.message)
                    continue
                try:
                    document = reading.document(actor, agreement, languages, today)
                except UserError as error:
                    report(number, error.message)
                else:
                    yield number, (document, folder / f"{number}.pdf", False)

    def report(number: str, problem: str | None) -> None:
        if problem is None:
            result.written.append(folder / f"{number}.pdf")
        else:
            result.failed.append((number, problem))
        if progress is not None:
            progress(len(result.written) + len(result.failed), len(todo), number)

    def outcomes(session: Session) -> Iterator[tuple[str, str | None]]:
        """(number, why it failed or None) of each file, in the order they are done."""
        if workers < 2:  # a few files: starting processes would cost more than it saves
            for number, args in jobs(session):
                if cancelled is not None and cancelled():
                    return
                problem = write_contract(*args)
                yield number, problem and _cannot_write(args[1], problem)
            return
        for numbers, future in in_processes(write_contracts, bundles(session), workers,
                                            cancelled, warm=_WARM):
            try:
                problems = future.result()
            except BrokenProcessPool:
                problems = [translate("agreements", "The printing process stopped "
                                                    "unexpectedly; print it again.")] * len(numbers)
            else:
                problems = [problem and _cannot_write(folder / f"{number}.pdf", problem)
                            for number, problem in zip(numbers, problems, strict=True)]
            yield from zip(numbers, problems, strict=True)

    def bundles(session: Session) -> Iterator[tuple[list[str], tuple[list[Any]]]]:
        """The jobs a bundle at a time, under their numbers."""
        source = jobs(session)
        while taken := list(itertools.islice(source, bundle)):
            yield [number for number, _ in taken], ([args for _, args in taken],)

    with db.read() as session:
        for number, problem in outcomes(session):
            report(number, problem)
    result.cancelled = len(result.written) + len(result.failed) < len(todo)
    return result
