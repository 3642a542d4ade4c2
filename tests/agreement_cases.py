"""Agreement test cases: a dwelling whose BoQ a supervisor approved, and valid agreement input."""

import dataclasses
from datetime import date
from typing import Any

from factories import assessed_dwelling
from sqlalchemy import func, select

from shelter_app.data.engine import Database
from shelter_app.data.models import AuditEvent, LeaseAgreement
from shelter_app.domain.iban import make_tr_iban
from shelter_app.domain.ids import make_tckn
from shelter_app.services.boq import approval
from shelter_app.services.boq import boq
from shelter_app.services.agreements.agreements import AgreementInput
from shelter_app.services.boq.catalogue import catalogue_items
from shelter_app.services.agreements.landlords import LandlordData

START = date(2026, 12, 1)
LANDLORD_IBAN = make_tr_iban("00062", "0000000012345678")


def approved_dwelling(db: Database, engineer: Any, supervisor: Any) -> str:
    """An assessed demo dwelling of Gaziantep, priced, submitted and approved: its reference."""
    ref = assessed_dwelling(db)
    view = boq.create_boq(db, engineer, ref)
    items = catalogue_items(db, view.catalogue_id)
    for item, quantity in ((items[0], "12,5"), (items[-1], "1")):
        boq.add_line(db, engineer, view.id, item.id, quantity)
    approval.submit(db, engineer, view.id, confirm=True)
    approval.approve(db, supervisor, view.id, confirm=True)
    return ref


def landlord_data(**changes: Any) -> LandlordData:
    base = LandlordData(kind="person", name="Öztürk & Oğulları <Ltd>",
                        id_number=make_tckn("512345678"), iban=LANDLORD_IBAN,
                        phone="0532 111 22 33", address="İnönü Cad. No:12, Şahinbey/Gaziantep")
    return dataclasses.replace(base, **changes)


def terms(**changes: Any) -> AgreementInput:
    base = AgreementInput(term_months=12, start_date=START, monthly_rent="7.500,00",
                          rent_free_months=2, deposit="15000", payment_day=5,
                          fixtures="Kombi, mutfak dolabı", title_deed_block="1234",
                          title_deed_parcel="56")
    return dataclasses.replace(base, **changes)


def snapshot(db: Database) -> tuple[int, int]:
    """Agreements and audit events: what a refused action must leave unchanged."""
    with db.read() as session:
        return (session.scalar(select(func.count()).select_from(LeaseAgreement)),
                session.scalar(select(func.count()).select_from(AuditEvent)))
