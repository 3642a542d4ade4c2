"""The programme's offices: each has a code (GAZ) that starts every reference it issues.

An administrator adds offices, renames them, and closes one that stops taking cases: a closed
office keeps its records and its users, and may be reopened. The programme's name (printed on
the contracts as the third party) is set here too.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Office, Setting
from shelter_app.domain import clock
from shelter_app.domain.errors import NotFound, Problems, UserError, ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.money import parse_decimal
from shelter_app.domain.permissions import Action
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.accounts.settings import setting
from shelter_app.services.reference_data import provinces

_CODE = re.compile(r"[A-Z]{3}")
NAME_MAX = 120  # offices.name
PROGRAMME_NAME_KEY = "lease.programme_name"
PROGRAMME_NAME_MAX = 200


@dataclass(frozen=True, slots=True)
class OfficeRow:
    code: str
    name: str
    province: str
    closed_at: datetime | None = None  # None: open
    budget: Decimal | None = None  # None: not set

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


def _row(office: Office) -> OfficeRow:
    return OfficeRow(office.code, office.name, office.province, office.closed_at, office.budget)


def list_offices(db: Database, actor: Actor, *, open_only: bool = False) -> list[OfficeRow]:
    """Every office, by code (an office's users see the others' names too: references carry
    their codes); closed offices too unless `open_only` (e.g. to offer for a new user)."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        query = select(Office).where(Office.deleted_at.is_(None)).order_by(Office.code)
        if open_only:
            query = query.where(Office.closed_at.is_(None))
        return [_row(office) for office in session.scalars(query)]


def province_choices() -> list[str]:
    """Every province an office may be in, from the shipped reference data: the programme's
    provinces first, then the other provinces of Türkiye in Turkish alphabetical order."""
    return list(provinces())


def clean_code(code: str) -> str:
    """An office code as stored: three capital Latin letters (" gaz " -> "GAZ")."""
    cleaned = code.strip().upper()
    if _CODE.fullmatch(cleaned) is None:
        raise ValidationError(
            translate("offices", "An office code is exactly 3 Latin letters A-Z, such as GAZ "
                                 "(it starts every reference the office issues: GAZ-D-000123)."),
            field="code")
    return cleaned


def clean_province(province: str) -> str:
    """The province as the reference data spells it; "sanliurfa" finds "Şanlıurfa"."""
    wanted = fold(province)
    for name in provinces():
        if fold(name) == wanted:
            return name
    raise ValidationError(
        translate("offices", "{province} is not a province of Türkiye; enter one of the 81 "
                             "provinces, such as Gaziantep or Şanlıurfa.").format(
            province=province.strip() or "\u2014"), field="province")


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError(translate("offices", "Enter the office's name."), field="name")
    if len(cleaned) > NAME_MAX:
        raise ValidationError(
            translate("offices", "The office's name is too long: at most %n characters.", "",
                      NAME_MAX), field="name")
    return cleaned


def load_office(session: Session, code: str) -> Office:
    """The live office with this code, or NotFound naming the existing codes."""
    cleaned = code.strip().upper()
    office = session.scalar(select(Office).where(Office.code == cleaned,
                                                 Office.deleted_at.is_(None)))
    if office is None:
        codes = ", ".join(session.scalars(select(Office.code).where(Office.deleted_at.is_(None))
                                          .order_by(Office.code)))
        raise NotFound(
            translate("offices", "No office {code} exists; the offices are: {codes}.").format(
                code=cleaned or "\u2014", codes=codes or "\u2014"), field="code")
    return office


def add_office(db: Database, actor: Actor, code: str, name: str, province: str) -> OfficeRow:
    """A new office. Refused: a code that is not 3 letters, a code already used (also by a
    closed office: references must stay unique), an empty name, an unknown province."""
    require(actor, Action.MANAGE_OFFICES)
    problems = Problems()  # every problem of the form at once
    code = problems.check(clean_code, code)
    name = problems.check(_clean_name, name)
    province = problems.check(clean_province, province)
    with db.write(actor) as session:
        existing = session.scalar(select(Office).where(Office.code == code)) if code else None
        if existing is not None:
            problems.add(ValidationError(
                translate("offices", "The code {code} is already used by the office "
                                     "\u201c{name}\u201d; choose another code.").format(
                    code=code, name=existing.name), field="code"))
        problems.raise_any()
        office = Office(code=code, name=name, province=province)
        session.add(office)
        session.flush()
        return _row(office)


def rename_office(db: Database, actor: Actor, code: str, name: str) -> OfficeRow:
    """A new name for an office; its code (and so its references) stay."""
    require(actor, Action.MANAGE_OFFICES)
    name = _clean_name(name)
    with db.write(actor) as session:
        office = load_office(session, code)
        office.name = name
        session.flush()
        return _row(office)


def close_office(db: Database, actor: Actor, code: str) -> OfficeRow:
    """Close an office: it keeps its records and users, but registers no new cases (the case
    services and imports refuse it). Refused when it is already closed."""
    require(actor, Action.MANAGE_OFFICES)
    with db.write(actor) as session:
        office = load_office(session, code)
        if office.closed_at is not None:
            raise UserError(translate("offices", "The office {code} is already closed.").format(
                code=office.code), field="code")
        office.closed_at = clock.now()
        session.flush()
        return _row(office)


def reopen_office(db: Database, actor: Actor, code: str) -> OfficeRow:
    """Reopen a closed office: it takes new cases again."""
    require(actor, Action.MANAGE_OFFICES)
    with db.write(actor) as session:
        office = load_office(session, code)
        if office.closed_at is None:
            raise UserError(translate("offices", "The office {code} is open.").format(
                code=office.code), field="code")
        office.closed_at = None
        session.flush()
        return _row(office)


def set_office_budget(db: Database, actor: Actor, code: str, amount: str) -> OfficeRow:
    """The office's budget in TL (an empty text clears it), which the Reports page and the
    programme report weigh approved BoQs and payments against. Refused: a negative amount or
    one that is not money."""
    require(actor, Action.MANAGE_OFFICES)
    budget = parse_decimal(amount, field="budget", places=2) if amount.strip() else None
    if budget is not None and budget < 0:
        raise ValidationError(translate("offices", "The budget cannot be negative; enter the "
                                                   "amount in TL, or nothing to clear it."),
                              field="budget")
    with db.write(actor) as session:
        office = load_office(session, code)
        office.budget = budget
        session.flush()
        return _row(office)


def programme_name(db: Database) -> str:
    """The programme's name in force today (setting lease.programme_name)."""
    with db.read() as session:
        return str(setting(session, PROGRAMME_NAME_KEY))


def set_programme_name(db: Database, actor: Actor, name: str) -> str:
    """Name the programme from today on (printed on contracts as the third party). Stored as a
    programme-wide setting row dated today, so what was in force on earlier days stays on
    record; a second change on the same day replaces the first."""
    require(actor, Action.EDIT_SETTINGS)
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError(translate("offices", "Enter the programme's name."), field="name")
    if len(cleaned) > PROGRAMME_NAME_MAX:
        raise ValidationError(
            translate("offices", "The programme's name is too long: at most %n characters.",
                      "", PROGRAMME_NAME_MAX), field="name")
    today = clock.today()
    with db.write(actor) as session:
        row = session.scalar(select(Setting).where(
            Setting.key == PROGRAMME_NAME_KEY, Setting.valid_from == today,
            Setting.office_id.is_(None), Setting.deleted_at.is_(None)))
        if row is None:
            session.add(Setting(key=PROGRAMME_NAME_KEY, value=cleaned, valid_from=today,
                                office_id=None))
        else:
            row.value = cleaned
    return cleaned
