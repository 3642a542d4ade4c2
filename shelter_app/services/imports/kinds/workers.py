"""Cash-for-work workers from a list: each names their household by reference or by the head's
ID number, and is checked by the worker form's rules (age, IBAN, work permit). A worker is the
same one when the ID number is; an IBAN already paid to another worker is a conflict.
"""

import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.models import Household, Landlord, Office, Worker
from shelter_app.domain.i18n import translate
from shelter_app.domain.stages import PaymentMethod
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.duplicate_ids import registered_as
from shelter_app.services.imports.kinds.base import (
    Checked,
    Field,
    Key,
    Kind,
    Line,
    changed,
    choices,
    household_named,
)
from shelter_app.services.imports.values import as_choice, as_date, as_list, as_text
from shelter_app.services.cases.references import device_mark, format_ref, next_number
from shelter_app.services.accounts.settings import setting
from shelter_app.services.labour.workers import WorkerInput, clean_worker

_METHOD = choices({PaymentMethod.IBAN: ("banka", "bank", "havale", "eft"),
                   PaymentMethod.PTT: ("ptt", "posta", "cash", "nakit", "post office")})

FIELDS = (
    Field("household_ref", lambda: translate("imports", "Household (reference or head's ID)"),
          ("hane", "hane no", "hane referansı", "household", "household ref",
           "household reference", "hane reisi tc", "head id number"), required=True),
    Field("full_name", lambda: translate("imports", "Full name"),
          ("ad soyad", "adı soyadı", "işçi", "çalışan", "worker", "name", "full name"),
          required=True),
    Field("id_number", lambda: translate("imports", "ID number (TCKN/YKN)"),
          ("tc kimlik no", "tckn", "kimlik no", "ykn", "id number", "id no"), required=True),
    Field("birth_date", lambda: translate("imports", "Date of birth"),
          ("doğum tarihi", "birth date", "date of birth", "dob"), required=True),
    Field("payment_method", lambda: translate("imports", "Payment method"),
          ("ödeme yöntemi", "ödeme şekli", "payment method", "payment")),
    Field("iban", lambda: translate("imports", "IBAN"), ("iban no", "hesap no")),
    Field("work_permit_number", lambda: translate("imports", "Work permit number"),
          ("çalışma izni no", "çalışma izni", "work permit", "work permit number")),
    Field("work_permit_expiry", lambda: translate("imports", "Work permit expiry"),
          ("çalışma izni bitiş", "izin bitiş tarihi", "work permit expiry", "permit expiry")),
    Field("skills", lambda: translate("imports", "Skills"), ("beceriler", "meslek", "skills",
                                                             "trade")),
)


class Workers(Kind):
    name = "workers"
    entity = Worker.__tablename__
    fields = FIELDS

    def label(self) -> str:
        return translate("imports", "workers")

    def prepare(self, session: Session, actor: Actor, office: Office | None
                ) -> dict[Key, uuid.UUID]:
        self.session, self.actor = session, actor
        self.min_age: dict[uuid.UUID, int] = {}
        # what the form warns about (services.workers._duplicates): the ID number of another
        # household's head or of a landlord, an IBAN a landlord is paid into
        self.others: dict[str, list[tuple[uuid.UUID | None, str]]] = defaultdict(list)
        for number, household_id, ref in session.execute(
                select(Household.head_id_number, Household.id, Household.ref).where(
                    Household.deleted_at.is_(None), Household.head_id_number.is_not(None))):
            self.others[number].append((household_id, ref))
        self.landlord_ibans: dict[str, list[str]] = defaultdict(list)
        for number, iban, ref in session.execute(
                select(Landlord.id_number, Landlord.iban, Landlord.ref)
                .where(Landlord.deleted_at.is_(None))):
            if number:
                self.others[number].append((None, ref))
            if iban:
                self.landlord_ibans[iban].append(ref)
        found: dict[Key, uuid.UUID] = {}
        for worker_id, number, iban in session.execute(
                select(Worker.id, Worker.id_number, Worker.iban)
                .where(Worker.deleted_at.is_(None))):
            found[("id_number", number)] = worker_id
            if iban:
                found[("iban", iban)] = worker_id
        return found

    def check(self, line: Line) -> Checked:
        household = household_named(self.session, self.actor, as_text(line.get("household_ref")))
        iban = as_text(line.get("iban"))
        method = as_choice(line.get("payment_method"), "payment_method", _METHOD,
                           lambda: "iban, ptt") or (PaymentMethod.IBAN if iban else
                                                    PaymentMethod.PTT)
        data = WorkerInput(household.ref, as_text(line.get("full_name")),
                           as_text(line.get("id_number")),
                           as_date(line.get("birth_date"), "birth_date"), method, iban,
                           as_text(line.get("work_permit_number")),
                           as_date(line.get("work_permit_expiry"), "work_permit_expiry"),
                           as_list(line.get("skills")))
        values, warnings = clean_worker(data, household, self._min_age(household))
        messages = [message for _, message in warnings]
        also = sorted(ref for owner, ref in self.others.get(values["id_number"], ())
                      if owner != household.id)
        duplicates = [registered_as(also)] if also else []
        if values["iban"] and values["iban"] in self.landlord_ibans:
            messages.append(translate(
                "workers", "This IBAN is already used by {refs}; each worker is paid into their "
                           "own account. Save only if that is right.").format(
                refs=", ".join(sorted(self.landlord_ibans[values["iban"]]))))
        values["household_id"] = household.id
        keys = [("id_number", values["id_number"])]
        return Checked(values, keys + ([("iban", values["iban"])] if values["iban"] else []),
                       messages, duplicates)

    def _min_age(self, household: Household) -> int:
        if household.office_id not in self.min_age:
            self.min_age[household.office_id] = int(
                setting(self.session, "cfw.min_age", office_id=household.office_id))
        return self.min_age[household.office_id]

    def create(self, session: Session, rows: list[Checked]) -> list[tuple[uuid.UUID, str]]:
        created = []
        for row in rows:
            code = session.scalar(select(Office.code).join(Household).where(
                Household.id == row.values["household_id"]))
            assert code is not None
            number = next_number(session, Worker.ref, code, "worker")
            worker = Worker(ref=format_ref(code, "worker", number, device_mark(session)),
                            extra={}, **row.values)
            session.add(worker)
            session.flush()
            created.append((worker.id, worker.ref))
        return created

    def update(self, session: Session, record_id: uuid.UUID, row: Checked) -> bool:
        return changed(session, session.get(Worker, record_id), row.values)

    def office_of(self, session: Session, record_id: uuid.UUID) -> uuid.UUID | None:
        return session.scalar(select(Household.office_id).join(Worker).where(
            Worker.id == record_id))

    def describe(self, session: Session, record_id: uuid.UUID) -> str:
        return session.scalar(select(Worker.ref).where(Worker.id == record_id)) or ""
