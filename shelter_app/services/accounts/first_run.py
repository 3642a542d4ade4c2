"""The first start on an empty database: the programme's name, its offices, its administrator.

The first-run wizard checks each step as it is left (check_programme_name, check_office,
check_offices) and saves everything at the end with set_up_programme: the administrator is
created first (create_first_admin, which refuses once any user exists, and checks the user name
and password before it writes anything), then the offices and the programme's name are saved
under that administrator through offices.add_office and offices.set_programme_name, so the
audit trail names the person who set the programme up.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.models import Office
from shelter_app.domain.errors import UserError, ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.services.accounts import auth, offices


@dataclass(frozen=True, slots=True)
class OfficeInput:
    """An office to create: its code, name and province as cleaned by check_office."""

    code: str
    name: str
    province: str


def needs_set_up(db: Database) -> bool:
    """True while the database has no user: the first start."""
    return not auth.has_users(db)


def check_programme_name(name: str) -> str:
    """The programme's name as it will be stored (the rules of offices.set_programme_name)."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError(translate("offices", "Enter the programme's name."), field="name")
    if len(cleaned) > offices.PROGRAMME_NAME_MAX:
        raise ValidationError(
            translate("offices", "The programme's name is too long: at most %n characters.",
                      "", offices.PROGRAMME_NAME_MAX), field="name")
    return cleaned


def _existing_codes(db: Database) -> dict[str, str]:
    with db.read() as session:
        return {code: name for code, name in session.execute(select(Office.code, Office.name))}


def check_office(db: Database, code: str, name: str, province: str,
                 planned: Sequence[OfficeInput] = ()) -> OfficeInput:
    """One office of the wizard's list, cleaned as add_office cleans it; refused with the field
    named (code, name, province) when add_office would refuse it, also when its code is already
    in the list (`planned`) or in the database."""
    cleaned_code = offices.clean_code(code)
    cleaned_name = offices._clean_name(name)  # the same rule add_office applies
    cleaned_province = offices.clean_province(province)
    taken = _existing_codes(db)
    taken.update((office.code, office.name) for office in planned)
    if cleaned_code in taken:
        raise ValidationError(
            translate("offices", "The code {code} is already used by the office "
                                 "\u201c{name}\u201d; choose another code.").format(
                code=cleaned_code, name=taken[cleaned_code]), field="code")
    return OfficeInput(cleaned_code, cleaned_name, cleaned_province)


def check_offices(db: Database, planned: Sequence[OfficeInput]) -> None:
    """At least one office: engineers and supervisors each work in one."""
    if not planned and not _existing_codes(db):
        raise ValidationError(
            translate("first_run", "Add at least one office: engineers and supervisors each "
                                   "work in an office."), field="offices")


def set_up_programme(db: Database, programme_name: str, planned: Sequence[OfficeInput], *,
                     username: str, full_name: str, password: str, repeat: str) -> auth.Actor:
    """Create the administrator, then the offices and the programme's name under them.

    Everything is checked before anything is written; refused (UserError naming the field)
    once the database has a user."""
    name = check_programme_name(programme_name)
    checked: list[OfficeInput] = []
    for office in planned:
        checked.append(check_office(db, office.code, office.name, office.province, checked))
    check_offices(db, checked)
    if not needs_set_up(db):
        raise UserError(translate("auth", "An administrator already exists; sign in."))
    admin = auth.create_first_admin(db, username, full_name, password, repeat)
    for office in checked:
        offices.add_office(db, admin, office.code, office.name, office.province)
    offices.set_programme_name(db, admin, name)
    return admin
