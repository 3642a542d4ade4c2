"""Dwellings from a list or a Kobo form: the address, type, size and position of a household's
rented home, with its landlord when known. The household (by reference or head's ID number) and
the landlord (by reference, ID or tax number) must be registered first. A dwelling is the same
one when the same household lives at the same address; photos in the row go to the dwelling.
"""

import uuid
from functools import cache
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shelter_app.data.models import Dwelling, Landlord, Office
from shelter_app.domain.dwelling import DWELLING_TYPES, dwelling_type_label
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.stages import Stage
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.access import in_office, refuse_closed
from shelter_app.services.cases.dwellings import reindex
from shelter_app.services.cases.households import Warnings
from shelter_app.services.cases.records import DwellingInput, clean_dwelling
from shelter_app.services.cases.references import device_mark, format_ref, next_number
from shelter_app.services.imports.kinds.base import (
    Checked,
    Choices,
    Field,
    Key,
    Kind,
    Line,
    changed,
    choices,
    household_named,
)
from shelter_app.services.imports.values import as_choice, as_number, as_text
from shelter_app.services.reference_data import provinces

_TYPES = choices({"apartment": ("daire", "apartman dairesi", "flat", "apartment flat"),
                  "house": ("müstakil ev", "müstakil", "ev", "detached house"),
                  "basement": ("bodrum", "bodrum katı", "basement flat"),
                  "annex": ("ek bina", "müştemilat", "outbuilding"),
                  "other": ("diğer",)})
_ADDRESS = ("province", "district", "neighbourhood", "street", "building_no", "flat_no")


@cache
def _provinces() -> dict[str, str]:
    """Folded province names (Kobo's choice names too: "sanliurfa") -> the name as stored."""
    return choices({name: () for name in provinces()})


def _type_options() -> list[tuple[str, str]]:
    return [(code, dwelling_type_label(code)) for code in DWELLING_TYPES]

FIELDS = (
    Field("household_ref", lambda: translate("imports", "Household (reference or head's ID)"),
          ("hane", "hane no", "household", "household ref", "hane reisi tc", "head id number"),
          required=True),
    Field("landlord_ref", lambda: translate("imports", "Landlord (reference, ID or tax number)"),
          ("ev sahibi", "ev sahibi tc", "ev sahibi no", "landlord", "landlord ref",
           "landlord id number")),
    Field("province", lambda: translate("imports", "Province"),
          ("il", "şehir", "province", "city", "المحافظة"), required=True,
          choices=Choices(lambda: [(name, name) for name in provinces()], _provinces)),
    Field("district", lambda: translate("imports", "District"), ("ilçe", "district"),
          required=True),
    Field("neighbourhood", lambda: translate("imports", "Neighbourhood"),
          ("mahalle", "neighbourhood", "neighborhood", "mahalle köy"), required=True),
    Field("street", lambda: translate("imports", "Street"), ("sokak", "cadde", "cadde sokak",
                                                             "street"), required=True),
    Field("building_no", lambda: translate("imports", "Building number"),
          ("bina no", "dış kapı no", "kapı no", "building no", "building number"), required=True),
    Field("flat_no", lambda: translate("imports", "Flat number"),
          ("daire no", "iç kapı no", "flat no", "flat number", "apartment number")),
    Field("dwelling_type", lambda: translate("imports", "Type of dwelling"),
          ("konut tipi", "konut türü", "dwelling type", "type"),
          choices=Choices(_type_options, lambda: _TYPES)),
    Field("floor_area_m2", lambda: translate("imports", "Floor area (m²)"),
          ("alan", "alan m2", "brüt alan", "net alan", "floor area", "area", "area m2")),
    Field("rooms", lambda: translate("imports", "Rooms"), ("oda sayısı", "oda", "rooms",
                                                           "number of rooms")),
    Field("latitude", lambda: translate("imports", "Latitude"),
          ("enlem", "latitude", "lat", "_gps_latitude", "_location_latitude")),
    Field("longitude", lambda: translate("imports", "Longitude"),
          ("boylam", "longitude", "lon", "lng", "_gps_longitude", "_location_longitude")),
    Field("gps", lambda: translate("imports", "GPS (Kobo geopoint)"),
          ("konum", "gps", "location", "geopoint", "coordinates")),
)


class Dwellings(Kind):
    name = "dwellings"
    entity = Dwelling.__tablename__
    fields = FIELDS

    def label(self) -> str:
        return translate("imports", "dwellings")

    def prepare(self, session: Session, actor: Actor, office: Office | None
                ) -> dict[Key, uuid.UUID]:
        self.session, self.actor = session, actor
        rows = session.execute(select(Dwelling.id, Dwelling.household_id,
                                      *(getattr(Dwelling, key) for key in _ADDRESS))
                               .where(Dwelling.deleted_at.is_(None)))
        return {_address_key(row[1], row[2:]): row[0] for row in rows}

    def check(self, line: Line) -> Checked:
        household = household_named(self.session, self.actor, as_text(line.get("household_ref")))
        landlord = self._landlord(as_number(line.get("landlord_ref")))
        values, warnings = dwelling_values(line)
        if landlord is not None and landlord.id_number and \
                landlord.id_number == household.head_id_number:
            raise ValidationError(translate(
                "imports", "The landlord and the head of household have the same ID number; "
                           "the programme supports tenants, not owners."), field="landlord_ref")
        office = self.session.get(Office, household.office_id)
        assert office is not None
        # a new dwelling is a new case; a closed office's dwellings are corrected in the form
        refuse_closed(office)
        values.update(household_id=household.id, office_id=household.office_id,
                      landlord_id=landlord.id if landlord else None)
        key = _address_key(household.id, [values[name] for name in _ADDRESS])
        return Checked(values, [key], [message for _, message in warnings])

    def _landlord(self, text: str) -> Landlord | None:
        wanted = "".join(text.split()).upper()
        if not wanted:
            return None
        landlord = self.session.scalar(select(Landlord).where(
            or_(Landlord.ref == wanted, Landlord.id_number == wanted,
                Landlord.tax_number == wanted), Landlord.deleted_at.is_(None)))
        if landlord is None:
            raise ValidationError(translate(
                "imports", "No landlord '{value}' is registered; give the landlord's reference, "
                           "ID or tax number, and import landlords first.").format(value=text),
                field="landlord_ref")
        in_office(self.actor, landlord.office_id, landlord.ref)
        return landlord

    def create(self, session: Session, rows: list[Checked]) -> list[tuple[uuid.UUID, str]]:
        created = []
        for row in rows:
            code = session.scalar(select(Office.code).where(
                Office.id == row.values["office_id"]))
            assert code is not None
            number = next_number(session, Dwelling.ref, code, "dwelling")
            dwelling = Dwelling(ref=format_ref(code, "dwelling", number, device_mark(session)),
                                stage=Stage.REGISTERED, **row.values)
            session.add(dwelling)
            reindex(session, dwelling)
            created.append((dwelling.id, dwelling.ref))
        return created

    def update(self, session: Session, record_id: uuid.UUID, row: Checked) -> bool:
        dwelling = session.get(Dwelling, record_id)
        assert dwelling is not None
        if not changed(session, dwelling, row.values):
            return False
        reindex(session, dwelling)
        return True

    def office_of(self, session: Session, record_id: uuid.UUID) -> uuid.UUID | None:
        return session.scalar(select(Dwelling.office_id).where(Dwelling.id == record_id))

    def describe(self, session: Session, record_id: uuid.UUID) -> str:
        return session.scalar(select(Dwelling.ref).where(Dwelling.id == record_id)) or ""

    def key_label(self, key: Key) -> str:
        return translate("imports", "household at the same address") if key[0] == "address" \
            else super().key_label(key)

    def photo_target(self, session: Session, record_id: uuid.UUID) -> uuid.UUID | None:
        return record_id


def dwelling_values(line: Line) -> tuple[dict[str, Any], Warnings]:
    """The dwelling's own columns (address, type, size, position) by the form's rules
    (clean_dwelling); a Kobo geopoint stands in for separate latitude/longitude columns."""
    latitude, longitude = as_text(line.get("latitude")), as_text(line.get("longitude"))
    geopoint = not (latitude or longitude)
    if geopoint:
        latitude, longitude = _geopoint(as_text(line.get("gps")))
    kind = as_choice(line.get("dwelling_type"), "dwelling_type", _TYPES,
                     lambda: ", ".join(DWELLING_TYPES)) or "apartment"
    address = [as_text(line.get(key)) for key in _ADDRESS]
    address[0] = _provinces().get(fold(address[0]), address[0])  # "sanliurfa" is Şanlıurfa
    try:
        return clean_dwelling(DwellingInput(
            *address, kind,
            as_text(line.get("floor_area_m2")), as_text(line.get("rooms")), latitude,
            longitude))
    except ValidationError as error:
        if geopoint and error.field in ("latitude", "longitude"):  # name the GPS column
            raise ValidationError(error.message, field="gps") from None
        raise


def _address_key(household_id: uuid.UUID | None, parts: object) -> Key:
    """The same household at the same address (folded, so "Atatürk Cd." typed twice meets)."""
    return ("address", f"{household_id}|" + "|".join(fold(str(part or "")) for part in parts))


def _geopoint(text: str) -> tuple[str, str]:
    """Kobo/ODK geopoint "37.0662 37.3833 850 5" (latitude longitude altitude accuracy)."""
    parts = text.split()
    return (parts[0], parts[1]) if len(parts) >= 2 else (text, "")
