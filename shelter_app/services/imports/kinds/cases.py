"""Whole cases from a beneficiary list: one row holds the head of household, the rented
dwelling's address and, when known, the landlord (columns `landlord.*`).

Each part is checked by its own kind, so by the same rules as its form: the household's
columns as `households`, the address as `dwellings`, the landlord as `landlords`. The landlord
may not have the head's ID number (as register_case). A landlord is one person however many
rows name them: an ID or tax number already registered links that landlord, unchanged (the
row's other landlord columns are then not read); a new one is created with the first row that
names them and linked by the others. A row's landlord may leave out the address, as the case
form does.

The record this kind imports is the household (`entity`, the ids `create` returns, the Kobo
`_uuid` keys): a row is the same case when the head's ID number (or the submission) is. A
registered household skips the row or, with "update", gets the row's household values; its
dwelling and landlord are left as they are (correct those in their own forms or imports). The
reference shown is the dwelling's, where the row's photos go.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.models import Dwelling, Household, Landlord, Office
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.access import in_office
from shelter_app.services.imports.kinds.base import Checked, Field, Key, Kind, Line
from shelter_app.services.imports.kinds.dwellings import FIELDS as DWELLING_FIELDS
from shelter_app.services.imports.kinds.dwellings import Dwellings, dwelling_values
from shelter_app.services.imports.kinds.households import FIELDS as HOUSEHOLD_FIELDS
from shelter_app.services.imports.kinds.households import Households
from shelter_app.services.imports.kinds.landlords import FIELDS as LANDLORD_FIELDS
from shelter_app.services.imports.kinds.landlords import Landlords
from shelter_app.services.imports.values import as_number, as_text

LANDLORD = "landlord."
# headers that name the landlord's values beside the head's own (compared folded)
_LANDLORD_ALIASES = {
    "name": ("ev sahibi", "ev sahibi adı", "ev sahibi adı soyadı", "ev sahibinin adı soyadı",
             "mal sahibi", "mal sahibi adı soyadı", "ev sahibi unvanı", "landlord",
             "landlord name", "owner name"),
    "kind": ("ev sahibi türü", "ev sahibi tipi", "landlord kind", "landlord type"),
    "id_number": ("ev sahibi tc", "ev sahibi tc kimlik no", "ev sahibi tckn",
                  "ev sahibi kimlik no", "ev sahibi vergi no", "ev sahibi tc vergi no",
                  "mal sahibi tc", "landlord id", "landlord id number", "landlord tax number"),
    "iban": ("ev sahibi iban", "iban", "iban no", "kira iban", "landlord iban"),
    "phone": ("ev sahibi telefon", "ev sahibi telefonu", "ev sahibi tel", "landlord phone"),
    "address": ("ev sahibi adres", "ev sahibi adresi", "landlord address"),
}
_NO_ADDRESS = "-"  # stands in for a left-out address while the landlord form's rules run


def _landlord_field(part: Field) -> Field:
    label = part.label if part.key == "name" else (
        lambda: translate("imports", "Landlord: {field}").format(field=part.label()))
    return Field(LANDLORD + part.key, label, _LANDLORD_ALIASES[part.key])


FIELDS = (
    *HOUSEHOLD_FIELDS,
    *(part for part in DWELLING_FIELDS if part.key not in ("household_ref", "landlord_ref")),
    *(_landlord_field(part) for part in LANDLORD_FIELDS),
)


@dataclass
class Case(Checked):
    """A checked row: `values` are the household's; the dwelling's values; the landlord to
    link (registered) or to create (`new_landlord`, keyed by its ID or tax number)."""

    dwelling: dict[str, Any] = field(default_factory=dict)
    landlord_id: uuid.UUID | None = None
    new_landlord: Checked | None = None
    landlord_number: str = ""


class Cases(Kind):
    name = "cases"
    entity = Household.__tablename__
    fields = FIELDS

    def __init__(self) -> None:
        self.households, self.dwellings, self.landlords = Households(), Dwellings(), Landlords()

    def label(self) -> str:
        return translate("imports", "cases (household, dwelling and landlord per row)")

    def prepare(self, session: Session, actor: Actor, office: Office | None
                ) -> dict[Key, uuid.UUID]:
        self.session, self.actor = session, actor
        self.registered = self.landlords.prepare(session, actor, office)
        self.created: dict[str, uuid.UUID] = {}  # ID or tax number -> landlord made here
        self.ibans: dict[str, str] = {}  # a new landlord's IBAN -> their number, in this file
        self.first: dict[str, dict[str, Any]] = {}  # a new landlord's values on its first row
        return self.households.prepare(session, actor, office)

    def check(self, line: Line) -> Checked:
        household = self.households.check(line)
        dwelling, warnings = dwelling_values(line)
        case = Case(household.values, household.keys,
                    household.warnings + [message for _, message in warnings],
                    household.duplicates, dwelling=dwelling, notes=household.notes)
        self._landlord(line, case)
        return case

    def _landlord(self, line: Line, case: Case) -> None:
        """Fill the case's landlord from the `landlord.*` columns, if the row names one."""
        cells = {part.key: line.get(LANDLORD + part.key) for part in LANDLORD_FIELDS}
        if not any(as_text(cell) for cell in cells.values()):
            return
        number = as_number(cells["id_number"])
        if number and number == case.values["head_id_number"]:
            raise ValidationError(translate(
                "imports", "The landlord and the head of household have the same ID number; "
                           "the programme supports tenants, not owners."),
                field=LANDLORD + "id_number")
        registered = self.registered.get(("id_number", number)) or self.registered.get(
            ("tax_number", number))
        if registered is not None:
            landlord = self.session.get(Landlord, registered)
            assert landlord is not None
            in_office(self.actor, landlord.office_id, landlord.ref)
            case.landlord_id = registered
            return
        given_address = bool(as_text(cells["address"]))
        try:
            checked = self.landlords.check(Line(
                cells if given_address else {**cells, "address": _NO_ADDRESS}))
        except ValidationError as error:
            raise ValidationError(error.message, field=LANDLORD + (error.field or "name")
                                  ) from None
        if not given_address:
            checked.values["address"] = None
        number = checked.values["id_number"] or checked.values["tax_number"]
        self._own_iban(checked.values["iban"], number)
        case.new_landlord, case.landlord_number = checked, number
        case.warnings += checked.warnings
        case.duplicates += checked.duplicates
        first = self.first.setdefault(number, checked.values)
        if any(checked.values[key] not in (None, first[key])  # a blank repeats, it does not differ
               for key in ("search_key", "iban", "phone")):
            case.warnings.append(translate(
                "imports", "Landlord {number} is written differently on an earlier row "
                           "({name}); the earlier row's name, IBAN and phone are kept.").format(
                number=number, name=first["name"]))

    def _own_iban(self, iban: str | None, number: str) -> None:
        """A new landlord's IBAN may not be another landlord's (rent paid to the wrong one)."""
        if not iban:
            return
        other = self.registered.get(("iban", iban))
        if other is not None:
            raise ValidationError(translate(
                "imports", "{keys} belong to other registered records ({refs}); check the row "
                           "against them.").format(
                keys=f"IBAN {iban}", refs=self.landlords.describe(self.session, other)),
                field=LANDLORD + "iban")
        if self.ibans.setdefault(iban, number) != number:
            raise ValidationError(translate(
                "imports", "Another landlord in this file ({number}) has the same IBAN; one "
                           "account is paid for one landlord.").format(number=self.ibans[iban]),
                field=LANDLORD + "iban")

    def create(self, session: Session, rows: list[Checked]) -> list[tuple[uuid.UUID, str]]:
        cases = [row for row in rows if isinstance(row, Case)]
        assert len(cases) == len(rows)  # every row this kind checked
        households = self.households.create(session, rows)
        dwellings = self.dwellings.create(session, [
            Checked({**row.dwelling, "household_id": household_id,
                     "office_id": self.households.office.id,
                     "landlord_id": self._landlord_id(session, row)}, [])
            for row, (household_id, _) in zip(cases, households, strict=True)])
        return [(household_id, dwelling_ref) for (household_id, _), (_, dwelling_ref)
                in zip(households, dwellings, strict=True)]

    def _landlord_id(self, session: Session, row: Case) -> uuid.UUID | None:
        """The row's landlord: registered, created for an earlier row, or created now."""
        if row.new_landlord is None:
            return row.landlord_id
        if row.landlord_number not in self.created:
            [(landlord_id, _)] = self.landlords.create(session, [row.new_landlord])
            self.created[row.landlord_number] = landlord_id
        return self.created[row.landlord_number]

    def update(self, session: Session, record_id: uuid.UUID, row: Checked) -> bool:
        return self.households.update(session, record_id, row)

    def office_of(self, session: Session, record_id: uuid.UUID) -> uuid.UUID | None:
        return self.households.office_of(session, record_id)

    def describe(self, session: Session, record_id: uuid.UUID) -> str:
        """The household's dwelling's reference (its newest), else the household's."""
        return session.scalar(self._dwelling(record_id, Dwelling.ref)) or \
            self.households.describe(session, record_id)

    def photo_target(self, session: Session, record_id: uuid.UUID) -> uuid.UUID | None:
        return session.scalar(self._dwelling(record_id, Dwelling.id))

    @staticmethod
    def _dwelling(household_id: uuid.UUID, column: Any) -> Any:
        return (select(column).where(Dwelling.household_id == household_id,
                                     Dwelling.deleted_at.is_(None))
                .order_by(Dwelling.created_at.desc(), Dwelling.ref.desc()).limit(1))
