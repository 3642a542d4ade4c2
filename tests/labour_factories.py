"""Cash-for-work test data on an empty database: an office, its engineer and supervisors, sites
whose works are in progress, and workers."""

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import factories
from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, Household, LeaseAgreement, Office, User
from shelter_app.domain.iban import make_tr_iban
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.stages import AgreementStatus, PaymentMethod, Role, Stage
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.labour.workers import WorkerInput, register_worker

TODAY = date(2026, 11, 20)  # a Friday; the tests' "today"
MONDAY = date(2026, 11, 9)
SIGNED_ON = date(2026, 1, 1)
_agreements = itertools.count(9000)


@dataclass
class Programme:
    db: Database
    office: Office
    engineer: Actor
    supervisor: Actor
    supervisor2: Actor
    site: Dwelling
    household_ref: str


def user(db: Database, office: Office | None, username: str, role: Role) -> Actor:
    with db.write() as session:
        record = User(username=username, full_name=f"{role.value.title()} Şahin", role=role,
                      office_id=office.id if office else None)
        session.add(record)
    return Actor(record.id, username, record.full_name, role, record.office_id)


def works_site(db: Database, office: Office, **fields: Any) -> Dwelling:
    """A dwelling whose works are in progress under an agreement signed on 1 January, so
    labour may be logged on it (domain.cash_for_work.check_works_window)."""
    site = factories.dwelling(db, office, stage=Stage.WORKS_IN_PROGRESS, **fields)
    with db.write() as session:
        session.add(LeaseAgreement(
            number=f"{office.code}-2026-{next(_agreements):04d}", office_id=office.id,
            dwelling_id=site.id, landlord_id=site.landlord_id, household_id=site.household_id,
            status=AgreementStatus.SIGNED, term_months=12, start_date=SIGNED_ON,
            end_date=date(2026, 12, 31), monthly_rent=Decimal("5000.00"), signed_on=SIGNED_ON))
    return site


def programme(db: Database, code: str = "GAZ") -> Programme:
    office = factories.office(db, code)
    site = works_site(db, office)
    with db.read() as session:
        household_ref = session.get(Household, site.household_id).ref
    return Programme(db, office, user(db, office, f"engineer.{code.lower()}", Role.ENGINEER),
                     user(db, office, f"supervisor.{code.lower()}", Role.SUPERVISOR),
                     user(db, office, f"supervisor2.{code.lower()}", Role.SUPERVISOR),
                     site, household_ref)


# workers' ID numbers start with 6: apart from the household heads of factories.py (1000000nn),
# since the same ID on two people is refused without a supervisor
_serial = iter(range(10_000_000, 99_999_999))


def worker_input(household_ref: str, **fields: Any) -> WorkerInput:
    n = next(_serial)
    values: dict[str, Any] = {
        "household_ref": household_ref, "full_name": f"İşçi Çalışkan {n}",
        "id_number": make_tckn(f"6{n:08d}"), "birth_date": date(1990, 5, 17),
        "payment_method": PaymentMethod.IBAN,
        "iban": make_tr_iban("00010", f"{n:016d}"), "skills": ["painting"]}
    values.update(fields)
    return WorkerInput(**values)


def worker(p: Programme, household_ref: str | None = None, **fields: Any) -> Any:
    """A registered worker (of the site's household by default); returns its id."""
    from sqlalchemy import select

    from shelter_app.data.models import Worker

    ref = register_worker(p.db, p.engineer, worker_input(household_ref or p.household_ref,
                                                         **fields),
                          confirm=True, today=TODAY)
    with p.db.read() as session:
        return session.scalar(select(Worker.id).where(Worker.ref == ref))


def other_site(p: Programme, **fields: Any) -> tuple[Dwelling, str]:
    """A second site in the same office, and its household's reference."""
    site = works_site(p.db, p.office, **fields)
    with p.db.read() as session:
        return site, session.get(Household, site.household_id).ref
