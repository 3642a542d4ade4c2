"""Registering a case on site (household, landlord and dwelling in one save) and correcting a
dwelling's address, size and position.

Like households (services.households), doubtful values raise NeedsConfirmation and save
nothing: a GPS position outside Türkiye, a foreign ID with failing check digits. An ID or tax
number already registered is refused unless a supervisor confirms it (services.cases.
duplicate_ids). Each change rewrites the dwelling's search words (dwellings.reindex) in
the same transaction.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, Landlord, Office, Photo
from shelter_app.domain.dwelling import (
    DWELLING_TYPES,
    check_floor_area,
    check_gps,
    check_rooms,
)
from shelter_app.domain.errors import InvalidInput, NotFound, Problems, ValidationError
from shelter_app.domain.fields import text
from shelter_app.domain.i18n import translate
from shelter_app.domain.iban import check_iban
from shelter_app.domain.ids import check_person_id, check_tax_number
from shelter_app.domain.permissions import Action
from shelter_app.domain.phone import normalise_tr_mobile
from shelter_app.domain.stages import LandlordKind, Stage
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.access import (
    actor_office,
    in_office,
    load_dwelling,
    office_for_new_case,
)
from shelter_app.services.cases.duplicate_ids import (
    SupervisorConfirmation,
    duplicate_id_warnings,
    refuse_duplicates,
)
from shelter_app.services.cases.dwellings import reindex
from shelter_app.services.cases.households import (
    HouseholdInput,
    Warnings,
    add_household,
    clean_household,
    confirm_or_raise,
)
from shelter_app.services.reference_data import offices
from shelter_app.services.cases.references import device_mark, format_ref, next_number


@dataclass(frozen=True)
class DwellingInput:
    """The dwelling form as typed; empty strings for what was left blank."""

    province: str
    district: str
    neighbourhood: str
    street: str
    building_no: str
    flat_no: str = ""
    dwelling_type: str = "apartment"
    floor_area_m2: str = ""
    rooms: str = ""
    latitude: str = ""
    longitude: str = ""


@dataclass(frozen=True)
class LandlordInput:
    """A new landlord, or `existing_ref` to link one already registered."""

    name: str = ""
    kind: LandlordKind | str = LandlordKind.PERSON
    id_number: str = ""
    phone: str = ""
    existing_ref: str = ""
    iban: str = ""  # optional here; the agreement needs it
    address: str = ""  # likewise


@dataclass(frozen=True)
class CaseRefs:
    dwelling: str
    household: str
    landlord: str


def clean_dwelling(data: DwellingInput) -> tuple[dict[str, Any], Warnings]:
    """Column values of a valid dwelling, and the warnings the user must confirm; every
    problem of the form at once (InvalidInput)."""
    problems = Problems()

    def address(value: str, name: str, label: str, most: int, required: bool = True) -> Any:
        return problems.check(text, value, field=name, label=label, most=most,
                              required=required)

    values: dict[str, Any] = {
        "province": address(data.province, "province", translate("dwellings", "province"), 60),
        "district": address(data.district, "district", translate("dwellings", "district"), 60),
        "neighbourhood": address(data.neighbourhood, "neighbourhood",
                                 translate("dwellings", "neighbourhood (mahalle)"), 100),
        "street": address(data.street, "street", translate("dwellings", "street"), 160),
        "building_no": address(data.building_no, "building_no",
                               translate("dwellings", "building number"), 16),
        "flat_no": address(data.flat_no, "flat_no", translate("dwellings", "flat number"), 16,
                           required=False),
    }
    if data.dwelling_type not in DWELLING_TYPES:
        problems.add(ValidationError(translate("dwellings", "Choose the type of dwelling."),
                                     field="dwelling_type"))
    values["dwelling_type"] = data.dwelling_type
    values["floor_area_m2"] = (problems.check(check_floor_area, data.floor_area_m2)
                               if data.floor_area_m2.strip() else None)
    values["rooms"] = problems.check(check_rooms, data.rooms) if data.rooms.strip() else None
    position = problems.check(check_gps, data.latitude, data.longitude)
    warnings: Warnings = []
    if position is not None and position.warning:
        warnings.append(("latitude", position.warning))
    problems.raise_any(warnings)
    values["latitude"] = position.latitude if position else None
    values["longitude"] = position.longitude if position else None
    return values, warnings


def _clean_landlord(data: LandlordInput) -> tuple[dict[str, Any], Warnings]:
    """A new landlord's values; address and IBAN may wait for the agreement (which asks for
    them), but what is typed is checked now."""
    problems = Problems()
    warnings: Warnings = []
    try:
        kind = LandlordKind(data.kind)
    except ValueError:
        kind = None
        problems.add(ValidationError(translate(
            "dwellings", "Choose whether the landlord is a person or a company."),
            field="landlord_kind"))
    values: dict[str, Any] = {
        "kind": kind,
        "name": problems.check(text, data.name, field="landlord_name",
                               label=translate("dwellings", "landlord's name"), most=200),
        "id_number": None, "tax_number": None,
        "phone": (problems.check(normalise_tr_mobile, data.phone, field="landlord_phone")
                  if data.phone.strip() else None),
        "iban": (problems.check(check_iban, data.iban, field="landlord_iban")
                 if data.iban.strip() else None),
        "address": problems.check(text, data.address, field="landlord_address",
                                  label=translate("dwellings", "landlord's address"), most=400,
                                  required=False),
    }
    if data.id_number.strip():
        if kind is LandlordKind.COMPANY:
            values["tax_number"] = problems.check(check_tax_number, data.id_number,
                                                  field="landlord_id_number")
        elif kind is not None:
            checked = problems.check(check_person_id, data.id_number, field="landlord_id_number")
            values["id_number"] = checked.value if checked else None
            if checked is not None and checked.warning:
                warnings.append(("landlord_id_number", checked.warning))
    problems.raise_any(warnings)
    values["search_key"] = fold(values["name"])
    return values, warnings


def _landlord(session: Session, actor: Actor, office: Office, data: LandlordInput,
              values: dict[str, Any] | None) -> Landlord:
    """The existing landlord named by reference, or a new one from checked `values`."""
    if values is None:
        landlord = session.scalar(select(Landlord).where(
            Landlord.ref == data.existing_ref.strip().upper(), Landlord.deleted_at.is_(None)))
        if landlord is None:
            raise ValidationError(
                translate("dwellings", "No landlord {ref} exists; check the reference or enter "
                                       "a new landlord's name.").format(ref=data.existing_ref),
                field="landlord_ref")
        in_office(actor, landlord.office_id, landlord.ref)
        return landlord
    number = next_number(session, Landlord.ref, office.code, "landlord")
    landlord = Landlord(ref=format_ref(office.code, "landlord", number, device_mark(session)),
                        office_id=office.id,
                        **values)
    session.add(landlord)
    session.flush()
    return landlord


def register_case(db: Database, actor: Actor, household: HouseholdInput,
                  dwelling: DwellingInput, landlord: LandlordInput, *,
                  confirm: bool = False,
                  supervisor: SupervisorConfirmation | None = None) -> CaseRefs:
    """A new case at stage Registered: the household, its landlord (new or existing) and the
    dwelling they rent, with the office's next references, in one transaction. Every problem
    of the three parts is reported at once (InvalidInput), the warnings and any ID already
    registered (for a supervisor to confirm, unless `supervisor` did) beside them."""
    require(actor, Action.EDIT_CASES)
    problems = Problems()
    warnings: Warnings = []
    household_values = _checked(problems, warnings, clean_household, household)
    dwelling_values = _checked(problems, warnings, clean_dwelling, dwelling)
    existing = bool(landlord.existing_ref.strip())
    landlord_values = (None if existing else
                       _checked(problems, warnings, _clean_landlord, landlord))
    with db.write(actor) as session:
        office = office_for_new_case(session, actor)
        owner = problems.check(_landlord, session, actor, office, landlord, None) \
            if existing else None
        duplicates: Warnings = []
        if household_values is not None:
            duplicates += duplicate_id_warnings(session, household_values["head_id_number"],
                                                field_name="id_number")
            landlord_id = owner.id_number if owner else (landlord_values or {}).get("id_number")
            if landlord_id and landlord_id == household_values["head_id_number"]:
                problems.add(ValidationError(translate(
                    "dwellings", "The landlord and the head of household have the same ID "
                                 "number; the programme supports tenants, not owners."),
                    field="landlord_id_number"))
        if landlord_values is not None:
            duplicates += _landlord_duplicates(session, landlord_values)
        problems.raise_any(warnings, [] if supervisor is not None else duplicates)
        assert household_values is not None and dwelling_values is not None
        assert existing or landlord_values is not None
        refuse_duplicates(session, duplicates, warnings, supervisor)
        confirm_or_raise(warnings, confirm)
        new_household = add_household(session, office, household_values)
        owner = owner or _landlord(session, actor, office, landlord, landlord_values)
        number = next_number(session, Dwelling.ref, office.code, "dwelling")
        record = Dwelling(ref=format_ref(office.code, "dwelling", number, device_mark(session)),
                          office_id=office.id,
                          household_id=new_household.id, landlord_id=owner.id,
                          stage=Stage.REGISTERED, **dwelling_values)
        session.add(record)
        reindex(session, record)
        return CaseRefs(record.ref, new_household.ref, owner.ref)


def _checked(problems: Problems, warnings: Warnings,
             clean: Callable[[Any], tuple[dict[str, Any], Warnings]], data: Any
             ) -> dict[str, Any] | None:
    """Run one part's `clean`, gathering its problems and warnings; None when it failed."""
    try:
        values, found = clean(data)
    except InvalidInput as errors:
        problems.found += errors.problems
        warnings += errors.warnings
        return None
    warnings += found
    return values


def _landlord_duplicates(session: Session, values: dict[str, Any]) -> Warnings:
    if values["tax_number"]:
        refs = list(session.scalars(select(Landlord.ref).where(
            Landlord.tax_number == values["tax_number"], Landlord.deleted_at.is_(None))))
        if refs:
            return [("landlord_id_number", translate(
                "dwellings", "This tax number is already registered as landlord {refs}; enter "
                             "that reference instead of registering the company again.").format(
                refs=", ".join(refs)))]
        return []
    return duplicate_id_warnings(session, values["id_number"], field_name="landlord_id_number")


def update_dwelling(db: Database, actor: Actor, ref: str, data: DwellingInput, *,
                    confirm: bool = False) -> None:
    """Correct a dwelling's address, type, size or position."""
    require(actor, Action.EDIT_CASES)
    values, warnings = clean_dwelling(data)
    with db.write(actor) as session:
        dwelling = load_dwelling(session, actor, ref)
        moved = (values["latitude"], values["longitude"]) != (dwelling.latitude,
                                                              dwelling.longitude)
        confirm_or_raise(warnings if moved else [], confirm)
        for key, value in values.items():
            if getattr(dwelling, key) != value:
                setattr(dwelling, key, value)
        reindex(session, dwelling)


@dataclass(frozen=True)
class DwellingFacts:
    """A dwelling's editable values as the form shows them."""

    ref: str
    stage: Stage
    values: DwellingInput


def dwelling_input(db: Database, actor: Actor, ref: str) -> DwellingFacts:
    with db.read() as session:
        d = load_dwelling(session, actor, ref)
        return DwellingFacts(d.ref, d.stage, DwellingInput(
            d.province, d.district, d.neighbourhood, d.street, d.building_no, d.flat_no or "",
            d.dwelling_type, _plain(d.floor_area_m2), "" if d.rooms is None else str(d.rooms),
            _plain(d.latitude), _plain(d.longitude)))


def _plain(value: Decimal | None) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class PhotoPosition:
    photo_id: uuid.UUID
    taken_at: datetime | None
    latitude: Decimal
    longitude: Decimal
    name: str


def photo_positions(db: Database, actor: Actor, ref: str) -> list[PhotoPosition]:
    """The dwelling's photos that carry a GPS position (from their EXIF), newest first: the
    dwelling form offers them as the dwelling's position."""
    with db.read() as session:
        dwelling = load_dwelling(session, actor, ref)
        rows = session.execute(
            select(Photo.id, Photo.taken_at, Photo.latitude, Photo.longitude,
                   Photo.original_name)
            .where(Photo.dwelling_id == dwelling.id, Photo.deleted_at.is_(None),
                   Photo.latitude.is_not(None), Photo.longitude.is_not(None))
            .order_by(Photo.taken_at.desc())
        ).all()
        return [PhotoPosition(row[0], row[1], row[2], row[3], row[4] or "") for row in rows]


def landlord_name(db: Database, actor: Actor, ref: str) -> str:
    """The name of landlord `ref`, to confirm a typed reference in the form."""
    with db.read() as session:
        landlord = session.scalar(select(Landlord).where(Landlord.ref == ref.strip().upper(),
                                                         Landlord.deleted_at.is_(None)))
        if landlord is None:
            raise NotFound(translate("dwellings", "No landlord {ref} exists; check the "
                                                  "reference.").format(ref=ref))
        in_office(actor, landlord.office_id, landlord.ref)
        return landlord.name


@dataclass(frozen=True)
class AddressChoices:
    """The actor's office province and its districts with their neighbourhoods, to pick from."""

    province: str
    districts: dict[str, list[str]]


def address_choices(db: Database, actor: Actor) -> AddressChoices:
    with db.read() as session:
        office = actor_office(session, actor)
        known = {info.code: info for info in offices()}.get(office.code)
        return AddressChoices(office.province, dict(known.districts) if known else {})
