"""Landlords from a list: a person (TCKN/YKN) or a company (10-digit tax number), IBAN, phone,
address. Without a kind column, ten digits mean a company and eleven a person. A landlord is
the same one when the ID or tax number is, or the IBAN (rent must never be paid into an account
registered twice by mistake).
"""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.models import Dwelling, Household, Landlord, Office, Worker
from shelter_app.domain.i18n import translate
from shelter_app.domain.stages import LandlordKind
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.access import office_for_new_case
from shelter_app.services.cases.duplicate_ids import registered_as
from shelter_app.services.imports.kinds.base import (
    Checked,
    Field,
    Key,
    Kind,
    Line,
    changed,
    choices,
    people_by_id,
)
from shelter_app.services.imports.values import as_choice, as_number, as_text
from shelter_app.services.agreements.landlords import LandlordData, clean_landlord
from shelter_app.services.cases.references import device_mark, format_ref, next_number

_KIND = choices({LandlordKind.PERSON: ("kişi", "şahıs", "gerçek kişi", "individual"),
                 LandlordKind.COMPANY: ("şirket", "firma", "tüzel kişi", "kurum")})
# the identifying columns, as duplicate keys
_KEYS = ("id_number", "tax_number", "iban")

FIELDS = (
    Field("name", lambda: translate("imports", "Landlord's name or company title"),
          ("ev sahibi", "ev sahibi adı soyadı", "mal sahibi", "adı soyadı", "ad soyad",
           "landlord", "landlord name", "name", "unvan"), required=True),
    Field("kind", lambda: translate("imports", "Person or company"),
          ("tür", "tip", "kişi şirket", "landlord kind", "kind", "type")),
    Field("id_number", lambda: translate("imports", "ID or tax number"),
          ("tc kimlik no", "tckn", "kimlik no", "vergi no", "vergi numarası", "vkn",
           "id number", "tax number", "landlord id number"), required=True),
    Field("iban", lambda: translate("imports", "IBAN"), ("iban no", "hesap no", "iban number")),
    Field("phone", lambda: translate("imports", "Phone"), ("telefon", "tel", "cep telefonu", "gsm",
                                                           "phone", "mobile")),
    Field("address", lambda: translate("imports", "Address"), ("adres", "address", "ikamet adresi"),
          required=True),
)


class Landlords(Kind):
    name = "landlords"
    entity = Landlord.__tablename__
    fields = FIELDS
    check_reads = ("elsewhere",)

    def label(self) -> str:
        return translate("imports", "landlords")

    def prepare(self, session: Session, actor: Actor, office: Office | None
                ) -> dict[Key, uuid.UUID]:
        self.office = office_for_new_case(session, actor, office)
        found: dict[Key, uuid.UUID] = {}
        for row in session.execute(select(Landlord.id, *(getattr(Landlord, key) for key in _KEYS))
                                   .where(Landlord.deleted_at.is_(None))):
            found.update({(key, value): row[0] for key, value in zip(_KEYS, row[1:]) if value})
        self.elsewhere = people_by_id(session, (Household, Household.head_id_number),
                                      (Worker, Worker.id_number))
        return found

    def check(self, line: Line) -> Checked:
        number = as_number(line.get("id_number"))
        kind = as_choice(line.get("kind"), "kind", _KIND, lambda: "person, company") or (
            LandlordKind.COMPANY if len(number) == 10 else LandlordKind.PERSON)
        values, warnings = clean_landlord(LandlordData(
            kind, as_text(line.get("name")), number, as_text(line.get("iban")),
            as_text(line.get("phone")), as_text(line.get("address"))))
        messages = [message for _, message in warnings]
        duplicates = [registered_as(self.elsewhere[values["id_number"]])] \
            if values["id_number"] in self.elsewhere else []
        return Checked(values, [(key, values[key]) for key in _KEYS if values[key]], messages,
                       duplicates)

    def create(self, session: Session, rows: list[Checked]) -> list[tuple[uuid.UUID, str]]:
        created = []
        for row in rows:
            number = next_number(session, Landlord.ref, self.office.code, "landlord")
            landlord = Landlord(ref=format_ref(self.office.code, "landlord", number,
                                               device_mark(session)),
                                office_id=self.office.id, **row.values)
            session.add(landlord)
            session.flush()
            created.append((landlord.id, landlord.ref))
        return created

    def update(self, session: Session, record_id: uuid.UUID, row: Checked) -> bool:
        return changed(session, session.get(Landlord, record_id), row.values,
                       Dwelling.landlord_id)

    def office_of(self, session: Session, record_id: uuid.UUID) -> uuid.UUID | None:
        return session.scalar(select(Landlord.office_id).where(Landlord.id == record_id))

    def describe(self, session: Session, record_id: uuid.UUID) -> str:
        return session.scalar(select(Landlord.ref).where(Landlord.id == record_id)) or ""
