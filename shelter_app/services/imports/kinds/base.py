"""What every importable kind of record declares: its columns, how a row is checked, how it is
found again (duplicates) and how it is saved.

A kind checks a row with the same clean_* function its form's service uses, so an import can
never store what the form would refuse. Field keys are the service's own field names, so a
ValidationError's `field` leads back to the column the value came from.
"""

import re
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shelter_app.data.models import Dwelling, Household, Office
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.stages import PhotoTag
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.access import in_office
from shelter_app.services.cases.dwellings import reindex
from shelter_app.services.imports.sources import Cell

# A duplicate key: ("id_number", "12345678901"), ("iban", "TR..."), ("kobo", "<_uuid>").
Key = tuple[str, str]


@dataclass(frozen=True)
class Choices:
    """What a choice field stores, for the value-mapping step (services.imports.choices):
    `options` the stored values with their labels, `names` every known way of writing one
    (folded, any language) -> stored value. `multiple`: Kobo's select_multiple, names separated
    by spaces. `scale`: an ordinal scale whose direction a number does not tell."""

    options: Callable[[], list[tuple[str, str]]]
    names: Callable[[], Mapping[str, str]]
    multiple: bool = False
    scale: bool = False


@dataclass(frozen=True)
class Field:
    """A column an import can fill; `aliases` are other header names (Turkish, English, Kobo
    question names), compared folded; `choices` when its values are one of a list."""

    key: str
    label: Callable[[], str]
    aliases: tuple[str, ...] = ()
    required: bool = False
    choices: Choices | None = None


@dataclass(frozen=True)
class Line:
    """One row as the mapping reads it: field key -> cell, and the Kobo repeat-group rows that
    belong to it, by sheet name (each a dict of header -> cell)."""

    values: Mapping[str, Cell]
    children: Mapping[str, list[Mapping[str, Cell]]] = field(default_factory=dict)

    def get(self, key: str) -> Cell:
        return self.values.get(key)


@dataclass
class Checked:
    """A row that passed the form's rules: the column values to save, the keys that identify
    the same person or record, warnings the form would ask to confirm, an ID number found on
    other people (refused unless a supervisor confirms), photo files to attach."""

    values: dict[str, Any]
    keys: list[Key]
    warnings: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    photos: list[Path] = field(default_factory=list)
    photo_tag: PhotoTag = PhotoTag.BEFORE
    notes: list[str] = field(default_factory=list)  # remarks that need no confirmation
    captions: dict[Path, str] = field(default_factory=dict)  # a repeat row's photo: its room


class Kind(ABC):
    """One kind of record an import creates or updates."""

    name: str  # the --kind value
    entity: str  # the table, as the audit trail and external keys name it
    fields: tuple[Field, ...]
    repeat_photos = False  # whether photos in repeat-group rows are this kind's (rooms')
    # the attributes `prepare` sets that `check` reads, when that is all it reads: a large
    # file's rows are then checked in worker processes (None: `check` reads the database)
    check_reads: tuple[str, ...] | None = None

    @abstractmethod
    def label(self) -> str:
        """The kind's translated name in lists and messages ("households")."""

    @abstractmethod
    def prepare(self, session: Session, actor: Actor, office: Office | None
                ) -> dict[Key, uuid.UUID]:
        """Look up what checking needs (linked records) and return every existing record's
        duplicate keys, to find rows that are already registered."""

    @abstractmethod
    def check(self, line: Line) -> Checked:
        """The row's checked values; raises a UserError naming the field."""

    @abstractmethod
    def create(self, session: Session, rows: list[Checked]) -> list[tuple[uuid.UUID, str]]:
        """Insert new records; returns each one's id and reference, in order."""

    @abstractmethod
    def update(self, session: Session, record_id: uuid.UUID, row: Checked) -> bool:
        """Bring an existing record to the row's values; False when nothing differed."""

    @abstractmethod
    def describe(self, session: Session, record_id: uuid.UUID) -> str:
        """The reference a user knows the record by."""

    def office_of(self, session: Session, record_id: uuid.UUID) -> uuid.UUID | None:
        """The office of a registered record the row would update: the runner refuses another
        office's, as the forms do (None: `check` already keeps to the actor's office)."""
        return None

    def photo_target(self, session: Session, record_id: uuid.UUID) -> uuid.UUID | None:
        """The dwelling a row's photos belong to (kinds without photos: None)."""
        return None

    def photo_assessment(self, record_id: uuid.UUID) -> uuid.UUID | None:
        """The assessment a row's photos belong to (only an assessment's own)."""
        return None

    def caption(self, cells: Mapping[str, Cell]) -> str:
        """The caption of a photo named in a repeat-group row (a room's name)."""
        return ""

    def field(self, key: str) -> Field | None:
        return self._fields.get(key)

    @cached_property
    def _fields(self) -> dict[str, Field]:  # asked for every cell of every row
        return {f.key: f for f in self.fields}

    def key_label(self, key: Key) -> str:
        """A duplicate key as messages name it: "IBAN TR33…"."""
        what = self.field(key[0])
        return f"{what.label() if what else key[0]} {key[1]}"


def people_by_id(session: Session, *people: Any) -> dict[str, list[str]]:
    """ID number -> references of the live records of `people` ((model, ID column) pairs)
    carrying it: the forms warn when a new person's ID is already someone else's."""
    found: dict[str, list[str]] = {}
    for model, column in people:
        for number, ref in session.execute(select(column, model.ref).where(
                column.is_not(None), model.deleted_at.is_(None))):
            found.setdefault(number, []).append(ref)
    return found


def question_name(header: str) -> str:
    """A Kobo header's question name ("members/sex" -> "sex"), folded, words joined by "_"
    without punctuation (the label "Uzunluk (m)" -> "uzunluk_m")."""
    return "_".join(re.split(r"[\W_]+", fold(header.rsplit("/", 1)[-1]))).strip("_")


def household_named(session: Session, actor: Actor, text: str) -> Household:
    """The household a row names by reference or by its head's ID number, in the actor's
    office."""
    wanted = "".join(text.split()).upper()
    household = session.scalar(select(Household).where(
        or_(Household.ref == wanted, Household.head_id_number == wanted),
        Household.deleted_at.is_(None))) if wanted else None
    if household is None:
        raise ValidationError(translate(
            "imports", "No household '{value}' is registered; give its reference (GAZ-H-000123) "
                       "or its head's ID number, and import households first.").format(value=text),
            field="household_ref")
    in_office(actor, household.office_id, household.ref)
    return household


def choices(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """{folded name: code} from {code: names}; the code itself is a name too."""
    found: dict[str, str] = {}
    for code, names in table.items():
        for name in (code, code.replace("_", " "), *names):
            found[fold(name)] = code
            found[fold(name).replace(" ", "_")] = code
    return found


def changed(session: Session, record: Any, values: Mapping[str, Any],
            dwellings_of: Any = None) -> bool:
    """Set each differing attribute; True when any did (the audit trail records them). When the
    search key changed, the dwellings whose `dwellings_of` column points at the record are
    reindexed, as the forms' services do."""
    differs = [key for key, value in values.items() if getattr(record, key) != value]
    for key in differs:
        setattr(record, key, values[key])
    if "search_key" in differs and dwellings_of is not None:
        for dwelling in session.scalars(select(Dwelling).where(
                dwellings_of == record.id, Dwelling.deleted_at.is_(None))):
            reindex(session, dwelling)
    return bool(differs)
