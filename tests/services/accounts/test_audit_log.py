"""Reading the audit trail: newest first, filtered by person, record and time, paged, and shown
by the references people know."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from shelter_app.data.engine import Database
import factories
from shelter_app.data.models import AuditEvent, Dwelling, Household, Landlord, Office, User
from shelter_app.domain import clock
from shelter_app.domain.errors import PermissionDenied
from shelter_app.services.accounts.audit_log import AuditRow, find_record, list_events, record_history
from shelter_app.services.accounts.auth import Actor
from shelter_app.domain.stages import Role

ISTANBUL = timezone(timedelta(hours=3))


def actor_for(db: Database, username: str) -> Actor:
    """A user's actor from the row (no sign-in: argon2 is slow)."""
    with db.read() as session:
        user = session.scalar(select(User).where(User.username == username))
        return Actor(user.id, user.username, user.full_name, user.role, user.office_id)


@dataclass
class History:
    admin: Actor
    engineer: Actor
    supervisor: Actor
    dwelling_id: uuid.UUID
    household_id: uuid.UUID
    dwelling_ref: str
    household_ref: str
    setup_events: int  # written by the system before t0: offices, users, the case's records
    t0: datetime  # before the first write of the test
    t1: datetime  # between the engineer's first write and the supervisor's
    t2: datetime  # after the last write


def _staff(db: Database) -> Office:
    """Two offices and their people, written by the system (no actor), as a first run does."""
    offices = {code: factories.office(db, code) for code in ("GAZ", "ANK")}
    with db.write() as session:
        session.add(User(username="admin", full_name="Admin", role=Role.ADMIN,
                         password_hash="x"))
        for code, office in offices.items():
            for role in (Role.ENGINEER, Role.SUPERVISOR):
                session.add(User(username=f"{role.value}.{code.lower()}",
                                 full_name=f"Mühendis {office.province}"
                                 if role is Role.ENGINEER else f"Süpervizör {code}",
                                 role=role, office_id=office.id, password_hash="x"))
    return offices["GAZ"]


@pytest.fixture
def history(db: Database) -> History:
    """A case set up by the system, then four writes by three people:

    1. engineer.gaz changes the dwelling's street             (t0 .. t1)
    2. supervisor.gaz renames the head of its household       (t1 .. t2)
    3. engineer.gaz changes the dwelling's building number, with a reason
    4. admin changes engineer.gaz's full name
    """
    record = factories.dwelling(db, _staff(db))
    with db.read() as session:
        household_ref = session.get(Household, record.household_id).ref
        setup = session.scalar(select(func.count()).select_from(AuditEvent))
    admin = actor_for(db, "admin")
    engineer = actor_for(db, "engineer.gaz")
    supervisor = actor_for(db, "supervisor.gaz")
    t0 = clock.now()
    with db.write(engineer) as session:
        dwelling = session.get(Dwelling, record.id)
        dwelling.street = "Yeni Sokak"
    t1 = clock.now()
    with db.write(supervisor) as session:
        household = session.get(Household, record.household_id)
        household.head_name = "Şükrü Çağlar"
    with db.write(engineer, reason="kapı numarası yanlış girilmiş") as session:
        session.get(Dwelling, dwelling.id).building_no = "7A"
    with db.write(admin) as session:
        session.get(User, engineer.user_id).full_name = "Mühendis Gaziantep 2"
    t2 = clock.now()
    return History(admin, engineer, supervisor, dwelling.id, household.id, record.ref,
                   household_ref, setup, t0, t1, t2)


def key(row: AuditRow) -> tuple[datetime, uuid.UUID, str]:
    return row.at, row.entity_id, row.action


def test_newest_first(db: Database, history: History) -> None:
    rows = list_events(db, history.admin, limit=None)
    assert len(rows) == history.setup_events + 4
    times = [row.at for row in rows]
    assert times == sorted(times, reverse=True)
    assert all(row.at.tzinfo is not None for row in rows)
    assert [(row.user, row.record) for row in rows[:4]] == [
        ("admin", "engineer.gaz"),
        ("engineer.gaz", history.dwelling_ref),
        ("supervisor.gaz", history.household_ref),
        ("engineer.gaz", history.dwelling_ref),
    ]
    assert rows[0].changes == {"full_name": ["Mühendis Gaziantep", "Mühendis Gaziantep 2"]}
    assert rows[1].changes == {"building_no": [rows[1].changes["building_no"][0], "7A"]}
    assert rows[1].reason == "kapı numarası yanlış girilmiş"
    assert rows[2].changes["head_name"][1] == "Şükrü Çağlar"
    # the setup was written by the system
    assert {row.user for row in rows[4:]} == {"system"}
    assert {row.action for row in rows[4:]} == {"create"}


def test_default_limit_and_limit(db: Database, history: History) -> None:
    assert len(list_events(db, history.admin)) == history.setup_events + 4  # under the 200 default
    newest = list_events(db, history.admin, limit=2)
    assert [row.user for row in newest] == ["admin", "engineer.gaz"]


@pytest.mark.parametrize("name", ["engineer.gaz", " Engineer.GAZ "])
def test_filter_by_user(db: Database, history: History, name: str) -> None:
    rows = list_events(db, history.supervisor, user=name)
    assert [row.user for row in rows] == ["engineer.gaz", "engineer.gaz"]
    assert [set(row.changes) for row in rows] == [{"building_no"}, {"street"}]
    assert {row.record for row in rows} == {history.dwelling_ref}


def test_filter_by_other_users(db: Database, history: History) -> None:
    [row] = list_events(db, history.admin, user="supervisor.gaz")
    assert row.entity_id == history.household_id
    [row] = list_events(db, history.admin, user="admin")
    assert row.entity == "users" and row.record == "engineer.gaz"
    assert list_events(db, history.admin, user="engineer.ank") == []
    assert list_events(db, history.admin, user="nobody") == []


def test_filter_by_the_system_user(db: Database, history: History) -> None:
    """Rows written without an actor show as "system"; that name must also filter them."""
    rows = list_events(db, history.admin, user="system", limit=None)
    assert len(rows) == history.setup_events
    assert {row.user for row in rows} == {"system"}
    assert list_events(db, history.admin, user=" System ", limit=None) == rows


def test_find_record_resolves_references(db: Database, history: History) -> None:
    assert find_record(db, history.dwelling_ref) == history.dwelling_id
    assert find_record(db, f" {history.dwelling_ref} ") == history.dwelling_id
    assert find_record(db, history.household_ref) == history.household_id
    assert find_record(db, "engineer.gaz") == history.engineer.user_id
    assert find_record(db, "GAZ-D-999999") is None
    assert find_record(db, "nobody") is None
    with db.read() as session:
        landlord_id = session.scalar(select(Dwelling.landlord_id)
                                     .where(Dwelling.id == history.dwelling_id))
        ref = session.get(Landlord, landlord_id).ref
    assert find_record(db, ref) == landlord_id


def test_filter_by_record(db: Database, history: History) -> None:
    dwelling = list_events(db, history.admin,
                           entity_id=find_record(db, history.dwelling_ref))
    assert [(row.user, row.action, row.record) for row in dwelling] == [
        ("engineer.gaz", "update", history.dwelling_ref),
        ("engineer.gaz", "update", history.dwelling_ref),
        ("system", "create", history.dwelling_ref),
    ]
    assert all(row.entity == "dwellings" and row.entity_id == history.dwelling_id
               for row in dwelling)

    household, created = list_events(db, history.admin,
                                     entity_id=find_record(db, history.household_ref))
    assert (household.user, household.record, household.entity) == (
        "supervisor.gaz", history.household_ref, "households")
    assert (created.user, created.action) == ("system", "create")

    user = list_events(db, history.admin, entity_id=find_record(db, "engineer.gaz"))
    assert [(row.user, row.action, row.record) for row in user] == [
        ("admin", "update", "engineer.gaz"),
        ("system", "create", "engineer.gaz"),
    ]
    assert user[1].changes["password_hash"] == [None, "***"]


def test_filters_combine(db: Database, history: History) -> None:
    rows = list_events(db, history.admin, user="engineer.gaz",
                       entity_id=history.household_id)
    assert rows == []
    rows = list_events(db, history.admin, user="engineer.gaz",
                       entity_id=history.dwelling_id, since=history.t1)
    assert [set(row.changes) for row in rows] == [{"building_no"}]


def test_filter_by_time(db: Database, history: History) -> None:
    def users(**window: datetime) -> list[str]:
        return [row.user for row in list_events(db, history.admin, limit=None, **window)]

    assert users(since=history.t0) == ["admin", "engineer.gaz", "supervisor.gaz",
                                       "engineer.gaz"]
    assert users(since=history.t0, until=history.t1) == ["engineer.gaz"]
    assert users(since=history.t1) == ["admin", "engineer.gaz", "supervisor.gaz"]
    assert users(since=history.t1, until=history.t2) == ["admin", "engineer.gaz",
                                                         "supervisor.gaz"]
    assert users(until=history.t0) == ["system"] * history.setup_events
    assert users(since=history.t2) == []
    assert users(until=history.t0 - timedelta(days=3650)) == []


def test_since_includes_and_until_excludes_the_instant(db: Database,
                                                       history: History) -> None:
    newest = list_events(db, history.admin, limit=1)[0]
    assert key(newest) in {key(row) for row in
                           list_events(db, history.admin, since=newest.at)}
    assert key(newest) not in {key(row) for row in
                               list_events(db, history.admin, until=newest.at, limit=None)}


def test_time_filters_convert_other_time_zones(db: Database, history: History) -> None:
    """An Istanbul wall-clock time means the same instant as its UTC equivalent."""
    def rows(since: datetime, until: datetime) -> list[tuple[datetime, uuid.UUID, str]]:
        return [key(row) for row in list_events(db, history.admin, since=since,
                                                until=until, limit=None)]

    utc = rows(history.t0, history.t1)
    local = rows(history.t0.astimezone(ISTANBUL), history.t1.astimezone(ISTANBUL))
    assert len(utc) == 1
    assert local == utc
    # the same wall-clock digits read as UTC are three hours off: nothing in that window
    shifted = history.t0.replace(tzinfo=ISTANBUL)
    assert rows(shifted, shifted + (history.t1 - history.t0)) == []


def test_rows_show_references_not_ids(db: Database, history: History) -> None:
    rows = list_events(db, history.admin, limit=None)
    with db.read() as session:
        office_codes = {row[0]: row[1] for row in session.execute(select(Office.id, Office.code))}
        usernames = {row[0]: row[1] for row in session.execute(select(User.id, User.username))}
    for row in rows:
        if row.entity == "users":
            assert row.record == usernames[row.entity_id]
        elif row.entity == "offices":
            assert row.record == office_codes[row.entity_id]  # GAZ, not an id
        elif row.entity == "dwellings":
            assert row.record == history.dwelling_ref
        elif row.entity == "households":
            assert row.record == history.household_ref
        elif row.entity == "landlords":
            assert row.record.startswith("GAZ-L-")
        else:
            pytest.fail(f"unexpected entity {row.entity}")
        assert str(row.entity_id) != row.record


def test_deleted_record_keeps_its_reference(db: Database, history: History) -> None:
    with db.write(history.engineer) as session:
        session.get(Dwelling, history.dwelling_id).deleted_at = clock.now()
    row = list_events(db, history.admin, limit=1)[0]
    assert (row.action, row.record) == ("delete", history.dwelling_ref)


@pytest.mark.parametrize("size", [1, 4, 7, 200])
def test_paging_is_disjoint_and_complete(db: Database, history: History,
                                         size: int) -> None:
    everything = list_events(db, history.admin, limit=None)
    assert len({key(row) for row in everything}) == len(everything)
    pages: list[list[AuditRow]] = []
    offset = 0
    while page := list_events(db, history.admin, offset=offset, limit=size):
        assert len(page) <= size
        pages.append(page)
        offset += size
    assert all(len(page) == size for page in pages[:-1])
    joined = [row for page in pages for row in page]
    assert joined == everything
    seen: set[tuple[datetime, uuid.UUID, str]] = set()
    for page in pages:
        keys = {key(row) for row in page}
        assert not keys & seen
        seen |= keys


def test_paging_with_a_filter(db: Database, history: History) -> None:
    first = list_events(db, history.admin, user="engineer.gaz", offset=0, limit=1)
    second = list_events(db, history.admin, user="engineer.gaz", offset=1, limit=1)
    third = list_events(db, history.admin, user="engineer.gaz", offset=2, limit=1)
    assert [set(first[0].changes), set(second[0].changes)] == [{"building_no"}, {"street"}]
    assert third == []


def test_record_history_returns_only_that_record(db: Database, history: History) -> None:
    rows = record_history(db, history.engineer, history.dwelling_id)
    assert [set(row.changes) for row in rows[:2]] == [{"building_no"}, {"street"}]  # newest first
    assert rows[2].action == "create" and rows[2].changes["street"][1] == "Gül Sokak"
    assert {row.entity_id for row in rows} == {history.dwelling_id}
    assert {row.record for row in rows} == {history.dwelling_ref}
    assert rows[0].reason == "kapı numarası yanlış girilmiş"
    assert rows[1].reason is None
    assert rows[1].changes["street"][1] == "Yeni Sokak"

    row, _created = record_history(db, history.engineer, history.household_id)
    assert row.changes["head_name"][1] == "Şükrü Çağlar"
    assert row.user == "supervisor.gaz"

    assert record_history(db, history.engineer, uuid.uuid4()) == []


def test_record_history_is_not_limited_to_a_page(db: Database, history: History) -> None:
    with db.write(history.engineer) as session:
        dwelling = session.get(Dwelling, history.dwelling_id)
        for number in range(210):
            dwelling.flat_no = str(number)
            session.flush()
    rows = record_history(db, history.supervisor, history.dwelling_id)
    assert len(rows) == 213  # 210 flats, the street, the building number, its creation
    assert rows[0].changes == {"flat_no": ["208", "209"]}


def test_engineers_may_not_list_events(db: Database, history: History) -> None:
    with pytest.raises(PermissionDenied):
        list_events(db, history.engineer)


def test_a_case_history_gathers_its_records_and_names_the_ids(demo_db):
    from shelter_app.data.models import Assessment
    from shelter_app.services.accounts.audit_log import case_history
    from shelter_app.services.boq.boq import add_line, create_boq
    from shelter_app.services.boq.catalogue import catalogue_items
    from tests.factories import assessed_dwelling

    engineer = actor_for(demo_db, "engineer.gaz")
    ref = assessed_dwelling(demo_db)
    boq = create_boq(demo_db, engineer, ref)
    eps = next(i for i in catalogue_items(demo_db, boq.catalogue_id) if i.code == "YAL-EPS-05")
    add_line(demo_db, engineer, boq.id, eps.id, "48,2")
    with demo_db.read() as session:
        dwelling_id = session.scalar(select(Dwelling.id).where(Dwelling.ref == ref))
        assessed_on = session.scalar(select(Assessment.assessed_on)
                                     .where(Assessment.dwelling_id == dwelling_id))
    rows = case_history(demo_db, engineer, dwelling_id)
    created = [row for row in rows if row.entity == "boqs"]
    assert [row.record for row in created] == [boq.ref]
    assert created[0].changes["dwelling_id"][-1] == ref  # named, not 680fe8b7-…
    # records without a reference read as what they hold, not as a cut id
    assert [row.record for row in rows if row.entity == "boq_lines"] == [f"{boq.ref} · YAL-EPS-05"]
    assert {row.record for row in rows if row.entity == "assessments"} == {
        assessed_on.strftime("%d.%m.%Y")}
    # another case's history does not show it
    with demo_db.read() as session:
        other = session.scalar(select(Dwelling.id).where(Dwelling.ref != ref).limit(1))
    assert not [row for row in case_history(demo_db, engineer, other) if row.record == boq.ref]


def test_a_photo_with_nothing_to_name_it_by_reads_as_its_short_id(db: Database,
                                                                   history: History) -> None:
    from shelter_app.data.models import Photo
    from shelter_app.services.accounts.audit_log import case_history

    with db.write(history.engineer) as session:
        photo = Photo(dwelling_id=history.dwelling_id, sha256="0" * 64, size_bytes=1, width=1,
                      height=1)
        session.add(photo)
        session.flush()
        photo_id = photo.id
    rows = [row for row in case_history(db, history.engineer, history.dwelling_id)
            if row.entity == "photos"]
    assert [row.record for row in rows] == [str(photo_id)[:8]]
