"""Offices from an empty database: adding, renaming, closing and reopening them, the refusals
(each names its field and writes nothing), the programme's name, and a closed office refusing
new cases."""

import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

import case_inputs
from shelter_app.data.engine import Database
from shelter_app.data.models import AuditEvent, Dwelling, Office, Setting
from shelter_app.domain import clock
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.errors import (
    InvalidInput,
    NotFound,
    PermissionDenied,
    UserError,
    ValidationError,
)
from shelter_app.domain.stages import Role
from shelter_app.services.accounts.auth import SYSTEM, Actor, create_first_admin
from shelter_app.services.accounts.offices import (
    add_office,
    close_office,
    list_offices,
    programme_name,
    province_choices,
    rename_office,
    reopen_office,
    set_programme_name,
)
from shelter_app.services.accounts.settings import DEFAULTS
from shelter_app.services.cases.households import register_household
from shelter_app.services.cases.records import register_case


def stored(db: Database) -> list[tuple[str, str, str, bool]]:
    with db.read() as session:
        return [(o.code, o.name, o.province, o.closed_at is not None)
                for o in session.scalars(select(Office).order_by(Office.code))]


def audit_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def person(role: Role, office_id: uuid.UUID | None = None) -> Actor:
    return Actor(uuid.uuid4(), f"someone.{role.value}", "Someone", role, office_id)


# --- adding ------------------------------------------------------------------------------------


def test_add_offices_normalises_and_lists_them(db: Database) -> None:
    row = add_office(db, SYSTEM, " gaz ", "  Gaziantep   Saha Ofisi ", "Gaziantep")
    assert (row.code, row.name, row.province, row.closed) == (
        "GAZ", "Gaziantep Saha Ofisi", "Gaziantep", False)
    add_office(db, SYSTEM, "SUR", "Şanlıurfa Saha Ofisi", "sanliurfa")  # typed without ş ı
    add_office(db, SYSTEM, "IST", "İstanbul Ofisi", "İSTANBUL")  # beyond the six: any province
    assert stored(db) == [("GAZ", "Gaziantep Saha Ofisi", "Gaziantep", False),
                          ("IST", "İstanbul Ofisi", "İstanbul", False),
                          ("SUR", "Şanlıurfa Saha Ofisi", "Şanlıurfa", False)]
    assert [o.code for o in list_offices(db, SYSTEM)] == ["GAZ", "IST", "SUR"]
    with db.read() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.entity == "offices")).all()
    assert len(events) == 3 and {event.action for event in events} == {"create"}


def test_the_programme_provinces_come_first_then_every_other_in_turkish_order() -> None:
    choices = province_choices()
    assert len(choices) == 81 == len(set(choices))
    assert choices[:6] == ["Adana", "Gaziantep", "Ankara", "Kilis", "Mersin", "Şanlıurfa"]
    rest = choices[6:]
    assert rest[:3] == ["Adıyaman", "Afyonkarahisar", "Ağrı"]
    assert rest.index("Çanakkale") == rest.index("Bursa") + 1  # Ç right after C words
    assert rest.index("Iğdır") < rest.index("Isparta") < rest.index("İstanbul") < rest.index(
        "İzmir") < rest.index("Kahramanmaraş")
    assert rest[-1] == "Zonguldak"


def test_a_duplicate_code_is_refused_naming_the_existing_office(db: Database) -> None:
    add_office(db, SYSTEM, "GAZ", "Gaziantep Saha Ofisi", "Gaziantep")
    before = audit_count(db)
    with pytest.raises(ValidationError) as refused:
        add_office(db, SYSTEM, "gaz", "Another office", "Kilis")
    assert refused.value.field == "code"
    assert "GAZ" in str(refused.value) and "Gaziantep Saha Ofisi" in str(refused.value)
    assert stored(db) == [("GAZ", "Gaziantep Saha Ofisi", "Gaziantep", False)]
    assert audit_count(db) == before


def test_every_problem_of_a_new_office_is_named_at_once(db: Database) -> None:
    add_office(db, SYSTEM, "GAZ", "Gaziantep Saha Ofisi", "Gaziantep")
    with pytest.raises(InvalidInput) as refused:
        add_office(db, SYSTEM, "gaz", "  ", "Atlantis")
    assert [field for field, _ in refused.value.problems] == ["name", "province", "code"]
    with pytest.raises(InvalidInput) as refused:
        add_office(db, SYSTEM, "G4", "Kilis", "Kilis ili")
    assert [field for field, _ in refused.value.problems] == ["code", "province"]
    assert stored(db) == [("GAZ", "Gaziantep Saha Ofisi", "Gaziantep", False)]


def test_a_closed_office_keeps_its_code(db: Database) -> None:
    add_office(db, SYSTEM, "GAZ", "Gaziantep Saha Ofisi", "Gaziantep")
    close_office(db, SYSTEM, "GAZ")
    with pytest.raises(ValidationError, match="Gaziantep Saha Ofisi"):
        add_office(db, SYSTEM, "GAZ", "New Gaziantep", "Gaziantep")


@pytest.mark.parametrize("code", ["GA", "GAZI", "G4Z", "ĞAZ", "GA Z", "", "غاز"])
def test_a_code_that_is_not_three_letters_is_refused_saying_the_rule(db: Database,
                                                                     code: str) -> None:
    with pytest.raises(ValidationError, match="exactly 3 Latin letters A-Z") as refused:
        add_office(db, SYSTEM, code, "Some office", "Gaziantep")
    assert refused.value.field == "code"
    assert stored(db) == []


@pytest.mark.parametrize("province", ["Aleppo", "Gazi antep", "", "Keçiören"])
def test_an_unknown_province_is_refused(db: Database, province: str) -> None:
    with pytest.raises(ValidationError, match="not a province of Türkiye") as refused:
        add_office(db, SYSTEM, "GAZ", "Gaziantep Saha Ofisi", province)
    assert refused.value.field == "province"
    assert stored(db) == []


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_a_missing_or_too_long_name_is_refused(db: Database, name: str) -> None:
    with pytest.raises(ValidationError) as refused:
        add_office(db, SYSTEM, "GAZ", name, "Gaziantep")
    assert refused.value.field == "name"
    assert stored(db) == []


@pytest.mark.parametrize("role", [Role.ENGINEER, Role.SUPERVISOR])
def test_only_administrators_manage_offices(db: Database, role: Role) -> None:
    add_office(db, SYSTEM, "GAZ", "Gaziantep Saha Ofisi", "Gaziantep")
    someone = person(role)
    for action in (lambda: add_office(db, someone, "KLS", "Kilis", "Kilis"),
                   lambda: rename_office(db, someone, "GAZ", "New name"),
                   lambda: close_office(db, someone, "GAZ"),
                   lambda: reopen_office(db, someone, "GAZ"),
                   lambda: set_programme_name(db, someone, "Another programme")):
        with pytest.raises(PermissionDenied):
            action()
    assert stored(db) == [("GAZ", "Gaziantep Saha Ofisi", "Gaziantep", False)]
    admin = create_first_admin(db, "root", "Root Admin", "correct-horse-1", "correct-horse-1")
    add_office(db, admin, "KLS", "Kilis Saha Ofisi", "Kilis")
    with db.read() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.entity == "offices")
                                .order_by(AuditEvent.created_at.desc())).first()
    assert event is not None and event.user_id == admin.user_id


# --- renaming, closing, reopening ---------------------------------------------------------------


def test_rename_keeps_the_code(db: Database) -> None:
    add_office(db, SYSTEM, "GAZ", "Gaziantep Saha Ofisi", "Gaziantep")
    row = rename_office(db, SYSTEM, "gaz", "Gaziantep Şahinbey Ofisi")
    assert (row.code, row.name) == ("GAZ", "Gaziantep Şahinbey Ofisi")
    assert stored(db) == [("GAZ", "Gaziantep Şahinbey Ofisi", "Gaziantep", False)]
    with pytest.raises(NotFound, match="No office XYZ exists; the offices are: GAZ") as refused:
        rename_office(db, SYSTEM, "XYZ", "Somewhere")
    assert refused.value.field == "code"


def test_close_and_reopen(db: Database) -> None:
    add_office(db, SYSTEM, "GAZ", "Gaziantep Saha Ofisi", "Gaziantep")
    add_office(db, SYSTEM, "KLS", "Kilis Saha Ofisi", "Kilis")
    closed = close_office(db, SYSTEM, "KLS")
    assert closed.closed and closed.closed_at is not None
    assert [o.code for o in list_offices(db, SYSTEM)] == ["GAZ", "KLS"]
    assert [o.code for o in list_offices(db, SYSTEM, open_only=True)] == ["GAZ"]
    with pytest.raises(UserError, match="already closed"):
        close_office(db, SYSTEM, "KLS")
    assert reopen_office(db, SYSTEM, "KLS").closed is False
    with pytest.raises(UserError, match="is open"):
        reopen_office(db, SYSTEM, "KLS")
    assert [o.code for o in list_offices(db, SYSTEM, open_only=True)] == ["GAZ", "KLS"]


# --- a closed office takes no new cases ---------------------------------------------------------


def test_a_closed_office_takes_no_new_cases_but_keeps_its_records(demo_db: Database, engineer,
                                                                  admin) -> None:
    first = register_case(demo_db, engineer, case_inputs.household(),
                          case_inputs.dwelling(), case_inputs.landlord())
    close_office(demo_db, admin, "GAZ")
    with demo_db.read() as session:
        before = session.scalar(select(func.count()).select_from(Dwelling))
        kept = session.scalar(select(Dwelling).where(Dwelling.ref == first.dwelling))
    assert kept is not None and kept.deleted_at is None
    other = case_inputs.household(id_number=make_tckn("312345699"))
    with pytest.raises(UserError, match="GAZ .* is closed and takes no new cases") as refused:
        register_case(demo_db, engineer, other, case_inputs.dwelling(building_no="40"),
                      case_inputs.landlord(id_number=make_tckn("412345699")))
    assert refused.value.field == "office"
    with pytest.raises(UserError, match="closed"):
        register_household(demo_db, engineer, other)
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Dwelling)) == before
    reopen_office(demo_db, admin, "GAZ")
    register_case(demo_db, engineer, other, case_inputs.dwelling(building_no="40"),
                  case_inputs.landlord(id_number=make_tckn("412345699")))


# --- the programme's name -----------------------------------------------------------------------


def test_programme_name_from_today(db: Database) -> None:
    assert programme_name(db) == DEFAULTS["lease.programme_name"]
    assert set_programme_name(db, SYSTEM, "  Güvenli   Barınma Programı ") == \
        "Güvenli Barınma Programı"
    assert programme_name(db) == "Güvenli Barınma Programı"
    set_programme_name(db, SYSTEM, "Güvenli Konut Programı")  # the same day: one row
    assert programme_name(db) == "Güvenli Konut Programı"
    with db.read() as session:
        rows = session.execute(select(Setting.value, Setting.valid_from, Setting.office_id)
                               .where(Setting.key == "lease.programme_name")).all()
    assert rows == [("Güvenli Konut Programı", clock.today(), None)]
    assert clock.today() == date(2026, 11, 25)


@pytest.mark.parametrize("name", ["", "  ", "x" * 201])
def test_programme_name_needs_a_name(db: Database, name: str) -> None:
    with pytest.raises(ValidationError) as refused:
        set_programme_name(db, SYSTEM, name)
    assert refused.value.field == "name"
    assert programme_name(db) == DEFAULTS["lease.programme_name"]
