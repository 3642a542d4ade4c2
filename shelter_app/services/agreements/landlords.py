"""Registering and correcting landlords: a person (TCKN or YKN) or a company (tax number), the
IBAN the rent is paid into, phone and address.

Like households, doubtful values raise NeedsConfirmation and save nothing: an IBAN that another
person already has (DOMAIN.md: flagged before save), a foreign ID with failing check digits. An
ID or tax number another person already has is refused unless a supervisor confirms it
(services.cases.duplicate_ids). A renamed landlord's dwellings are reindexed so searches find the new
name.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, Landlord, Worker
from shelter_app.domain.errors import NotFound, Problems, ValidationError
from shelter_app.domain.fields import text
from shelter_app.domain.i18n import translate
from shelter_app.domain.iban import check_iban
from shelter_app.domain.ids import check_person_id, check_tax_number
from shelter_app.domain.permissions import Action
from shelter_app.domain.phone import format_tr_mobile, normalise_tr_mobile
from shelter_app.domain.stages import LandlordKind
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.access import in_office, office_for_new_case
from shelter_app.services.cases.duplicate_ids import (
    SupervisorConfirmation,
    duplicate_id_warnings,
    refuse_duplicates,
)
from shelter_app.services.cases.dwellings import reindex
from shelter_app.services.cases.households import Warnings, confirm_or_raise, word_matches
from shelter_app.services.privacy.people import shown_iban, shown_id
from shelter_app.services.cases.references import device_mark, format_ref, next_number


@dataclass(frozen=True)
class LandlordData:
    """The landlord form as typed: `id_number` is the TCKN/YKN of a person or the 10-digit tax
    number of a company."""

    kind: LandlordKind | str
    name: str
    id_number: str
    iban: str = ""
    phone: str = ""
    address: str = ""


def clean_landlord(data: LandlordData) -> tuple[dict[str, Any], Warnings]:
    """Column values of a valid landlord, and the warnings the user must confirm. Every value
    is checked: InvalidInput names each problem at its field at once."""
    problems = Problems()
    kind = None
    try:
        kind = LandlordKind(data.kind)
    except ValueError:
        problems.add(ValidationError(translate("landlords", "Choose whether the landlord is a "
                                                            "person or a company."), field="kind"))
    warnings: Warnings = []
    values: dict[str, Any] = {
        "kind": kind,
        "name": problems.check(text, data.name, field="name", most=200,
                               label=translate("landlords", "landlord's name or company title")),
        "id_number": None, "tax_number": None,
    }
    if kind is LandlordKind.COMPANY:
        values["tax_number"] = problems.check(check_tax_number, data.id_number, field="id_number")
    elif kind is LandlordKind.PERSON:
        checked = problems.check(check_person_id, data.id_number, field="id_number")
        values["id_number"] = checked.value if checked else None
        if checked and checked.warning:
            warnings.append(("id_number", checked.warning))
    values["iban"] = (problems.check(check_iban, data.iban, field="iban") if data.iban.strip()
                      else None)
    values["phone"] = (problems.check(normalise_tr_mobile, data.phone, field="phone")
                       if data.phone.strip() else None)
    values["address"] = problems.check(text, data.address, field="address", most=400,
                                       label=translate("landlords", "landlord's address"))
    problems.raise_any(warnings)
    values["search_key"] = fold(values["name"])
    return values, warnings


def duplicate_warnings(session: Session, values: dict[str, Any],
                       exclude: uuid.UUID | None = None) -> tuple[Warnings, Warnings]:
    """The same ID or tax number on another live person (refused unless a supervisor confirms),
    and the same IBAN (a warning to confirm)."""
    duplicates = duplicate_id_warnings(session, values.get("id_number"), field_name="id_number",
                                       exclude=exclude)

    def others(model: type[Landlord] | type[Worker], column: Any, value: str) -> list[str]:
        query = select(model.ref).where(column == value, model.deleted_at.is_(None))
        if exclude is not None:
            query = query.where(model.id != exclude)
        return list(session.scalars(query.order_by(model.ref)))

    if values.get("tax_number") and (refs := others(Landlord, Landlord.tax_number,
                                                    values["tax_number"])):
        duplicates.append(("id_number", translate(
            "landlords", "This tax number is already registered as landlord {refs}; open that "
                         "record instead of registering the company twice.").format(
            refs=", ".join(refs))))
    warnings: Warnings = []
    if values.get("iban") and (refs := others(Landlord, Landlord.iban, values["iban"])
                               + others(Worker, Worker.iban, values["iban"])):
        warnings.append(("iban", translate(
            "landlords", "This IBAN already belongs to {refs}. Check it with the landlord's "
                         "bank papers; save again only if it is right.").format(
            refs=", ".join(refs))))
    return duplicates, warnings


def load_landlord(session: Session, actor: Actor, ref: str) -> Landlord:
    landlord = session.scalar(select(Landlord).where(Landlord.ref == ref.strip().upper(),
                                                     Landlord.deleted_at.is_(None)))
    if landlord is None:
        raise NotFound(translate("landlords", "No landlord {ref} exists; check the reference."
                                 ).format(ref=ref.strip()), field="landlord_ref")
    in_office(actor, landlord.office_id, landlord.ref)
    return landlord


def register_landlord(db: Database, actor: Actor, data: LandlordData, *,
                      confirm: bool = False,
                      supervisor: SupervisorConfirmation | None = None) -> str:
    """A new landlord in the actor's office; returns the reference."""
    require(actor, Action.EDIT_CASES)
    values, warnings = clean_landlord(data)
    with db.write(actor) as session:
        office = office_for_new_case(session, actor)
        duplicates, found = duplicate_warnings(session, values)
        refuse_duplicates(session, duplicates, warnings + found, supervisor)
        confirm_or_raise(warnings + found, confirm)
        number = next_number(session, Landlord.ref, office.code, "landlord")
        landlord = Landlord(ref=format_ref(office.code, "landlord", number, device_mark(session)),
                            office_id=office.id,
                            **values)
        session.add(landlord)
        session.flush()
        return landlord.ref


def update_landlord(db: Database, actor: Actor, ref: str, data: LandlordData, *,
                    confirm: bool = False,
                    supervisor: SupervisorConfirmation | None = None) -> None:
    """Correct a landlord; the search of their dwellings follows a new name."""
    require(actor, Action.EDIT_CASES)
    values, warnings = clean_landlord(data)
    with db.write(actor) as session:
        landlord = load_landlord(session, actor, ref)
        changed_ids = {key: values[key] for key in ("id_number", "tax_number", "iban")
                       if values[key] != getattr(landlord, key)}
        duplicates, found = duplicate_warnings(session, changed_ids, exclude=landlord.id)
        warnings += found
        refuse_duplicates(session, duplicates, warnings, supervisor)
        confirm_or_raise(warnings, confirm)
        renamed = values["name"] != landlord.name
        for key, value in values.items():
            if getattr(landlord, key) != value:
                setattr(landlord, key, value)
        if renamed:
            for dwelling in session.scalars(select(Dwelling).where(
                    Dwelling.landlord_id == landlord.id, Dwelling.deleted_at.is_(None))):
                reindex(session, dwelling)


@dataclass(frozen=True, slots=True)
class LandlordRow:
    """One line of the landlords list (ID and IBAN as the viewer's role may see them)."""

    ref: str
    kind: LandlordKind
    name: str
    id_number: str
    iban: str
    phone: str
    dwellings: int


def list_landlords(db: Database, actor: Actor, words: str = "", *, offset: int = 0,
                   limit: int | None = 200) -> list[LandlordRow]:
    """The office's landlords (all for an administrator) whose name or reference starts with
    each typed word, by reference."""
    require(actor, Action.VIEW_CASES)
    owned = (select(Dwelling.landlord_id, func.count().label("n"))
             .where(Dwelling.deleted_at.is_(None)).group_by(Dwelling.landlord_id).subquery())
    query = (select(Landlord, func.coalesce(owned.c.n, 0))
             .outerjoin(owned, owned.c.landlord_id == Landlord.id)
             .where(Landlord.deleted_at.is_(None)))
    if actor.office_id is not None:
        query = query.where(Landlord.office_id == actor.office_id)
    for word in fold(words).split():
        query = query.where(word_matches(word, Landlord.search_key, Landlord.ref))
    query = query.order_by(Landlord.ref).offset(offset).limit(limit)
    with db.read() as session:
        return [LandlordRow(row.ref, row.kind, row.name,
                            shown_id(actor, row.id_number or row.tax_number),
                            shown_iban(actor, row.iban), _phone(row.phone), count)
                for row, count in session.execute(query)]


def _phone(value: str | None) -> str:
    return format_tr_mobile(value) if value and value.startswith("+905") else (value or "")


@dataclass(frozen=True)
class LandlordView:
    ref: str
    data: LandlordData


def landlord_view(db: Database, actor: Actor, ref: str) -> LandlordView:
    """A landlord's values as the form shows them (who may edit may see ID numbers)."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        landlord = load_landlord(session, actor, ref)
        return LandlordView(landlord.ref, LandlordData(
            landlord.kind, landlord.name,
            shown_id(actor, landlord.id_number or landlord.tax_number),
            shown_iban(actor, landlord.iban), _phone(landlord.phone), landlord.address or ""))
