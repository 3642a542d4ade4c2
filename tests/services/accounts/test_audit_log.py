"""Reading the audit trail: newest first, filtered by person, record and time, paged, and shown
by the references people know."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, Household, Landlord, Office, User
from shelter_app.domain import clock
from shelter_app.domain.errors import PermissionDenied
from shelter_app.services.accounts.audit_log import AuditRow, find_record, list_events, record_history
from shelter_app.services.accounts.auth import Actor

ISTANBUL = timezone(timedelta(hours=3))
DEMO_EVENTS = 6 + 13  # offices and users created by the demo data, as the system


def actor_for(db: Database, username: str) -> Actor:
    """A demo user's actor from the row (no sign-in: argon2 is slow)."""
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
    t0: datetime  # before the first write of the test
    t1: datetime  # between the engineer's first write and the supervisor's
    t2: datetime  # after the last write


@pytest.fixture
def history(demo_db: Database) -> History:
    """Four writes by three people on top of the demo data's own events:

    1. engineer.gaz changes GAZ-D-000001's street             (t0 .. t1)
    2. supervisor.gaz renames the head of GAZ-H-000001        (t1 .. t2)
    3. engineer.gaz changes GAZ-D-000001's building number, with a reason
    4. admin changes engineer.gaz's full name
    """
    admin = actor_for(demo_db, "admin")
    engineer = actor_for(demo_db, "engineer.gaz")
    supervisor = actor_for(demo_db, "supervisor.gaz")
    t0 = clock.now()
    with demo_db.write(engineer) as session:
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == "GAZ-D-000001"))
        dwelling.street = "Yeni Sokak"
    t1 = clock.now()
    with demo_db.write(supervisor) as session:
        household = session.scalar(select(Household).where(Household.ref == "GAZ-H-000001"))
        household.head_name = "Şükrü Çağlar"
    with demo_db.write(engineer, reason="kapı numarası yanlış girilmiş") as session:
        session.get(Dwelling, dwelling.id).building_no = "7A"
    with demo_db.write(admin) as session:
        session.get(User, engineer.user_id).full_name = "Mühendis Gaziantep 2"
    t2 = clock.now()
    return History(admin, engineer, supervisor, dwelling.id, household.id, t0, t1, t2)


def key(row: AuditRow) -> tuple[datetime, uuid.UUID, str]:
    return row.at, row.entity_id, row.action


def test_newest_first(demo_db: Database, history: History) -> None:
    rows = list_events(demo_db, history.admin, limit=None)
    assert len(rows) == DEMO_EVENTS + 4
    times = [row.at for row in rows]
    assert times == sorted(times, reverse=True)
    assert all(row.at.tzinfo is not None for row in rows)
    assert [(row.user, row.record) for row in rows[:4]] == [
        ("admin", "engineer.gaz"),
        ("engineer.gaz", "GAZ-D-000001"),
        ("supervisor.gaz", "GAZ-H-000001"),
        ("engineer.gaz", "GAZ-D-000001"),
    ]
    assert rows[0].changes == {"full_name": ["Mühendis Gaziantep", "Mühendis Gaziantep 2"]}
    assert rows[1].changes == {"building_no": [rows[1].changes["building_no"][0], "7A"]}
    assert rows[1].reason == "kapı numarası yanlış girilmiş"
    assert rows[2].changes["head_name"][1] == "Şükrü Çağlar"
    # the demo data was written by the system
    assert {row.user for row in rows[4:]} == {"system"}
    assert {row.action for row in rows[4:]} == {"create"}


def test_default_limit_and_limit(demo_db: Database, history: History) -> None:
    assert len(list_events(demo_db, history.admin)) == DEMO_EVENTS + 4  # under the 200 default
    newest = list_events(demo_db, history.admin, limit=2)
    assert [row.user for row in newest] == ["admin", "engineer.gaz"]


@pytest.mark.parametrize("name", ["engineer.gaz", " Engineer.GAZ "])
def test_filter_by_user(demo_db: Database, history: History, name: str) -> None:
    rows = list_events(demo_db, history.supervisor, user=name)
    assert [row.user for row in rows] == ["engineer.gaz", "engineer.gaz"]
    assert [set(row.changes) for row in rows] == [{"building_no"}, {"street"}]
    assert {row.record for row in rows} == {"GAZ-D-000001"}


def test_filter_by_other_users(demo_db: Database, history: History) -> None:
    [row] = list_events(demo_db, history.admin, user="supervisor.gaz")
    assert row.entity_id == history.household_id
    [row] = list_events(demo_db, history.admin, user="admin")
    assert row.entity == "users" and row.record == "engineer.gaz"
    assert list_events(demo_db, history.admin, user="engineer.ank") == []
    assert list_events(demo_db, history.admin, user="nobody") == []


def test_filter_by_the_system_user(demo_db: Database, history: History) -> None:
    """Rows written without an actor show as "system"; that name must also filter them."""
    rows = list_events(demo_db, history.admin, user="system", limit=None)
    assert len(rows) == DEMO_EVENTS
    assert {row.user for row in rows} == {"system"}
    assert list_events(demo_db, history.admin, user=" System ", limit=None) == rows


def test_find_record_resolves_references(demo_db: Database, history: History) -> None:
    assert find_record(demo_db, "GAZ-D-000001") == history.dwelling_id
    assert find_record(demo_db, " GAZ-D-000001 ") == history.dwelling_id
    assert find_record(demo_db, "GAZ-H-000001") == history.household_id
    assert find_record(demo_db, "engineer.gaz") == history.engineer.user_id
    assert find_record(demo_db, "GAZ-D-999999") is None
    assert find_record(demo_db, "nobody") is None
    with demo_db.read() as session:
        landlord_id = session.scalar(select(Dwelling.landlord_id)
                                     .where(Dwelling.id == history.dwelling_id))
        ref = session.get(Landlord, landlord_id).ref
    assert find_record(demo_db, ref) == landlord_id


def test_filter_by_record(demo_db: Database, history: History) -> None:
    dwelling = list_events(demo_db, history.admin,
                           entity_id=find_record(demo_db, "GAZ-D-000001"))
    assert [(row.user, row.action, row.record) for row in dwelling] == [
        ("engineer.gaz", "update", "GAZ-D-000001"),
        ("engineer.gaz", "update", "GAZ-D-000001"),
    ]
    assert all(row.entity == "dwellings" and row.entity_id == history.dwelling_id
               for row in dwelling)

    [household] = list_events(demo_db, history.admin,
                              entity_id=find_record(demo_db, "GAZ-H-000001"))
    assert (household.user, household.record, household.entity) == (
        "supervisor.gaz", "GAZ-H-000001", "households")

    user = list_events(demo_db, history.admin, entity_id=find_record(demo_db, "engineer.gaz"))
    assert [(row.user, row.action, row.record) for row in user] == [
        ("admin", "update", "engineer.gaz"),
        ("system", "create", "engineer.gaz"),
    ]
    assert user[1].changes["password_hash"] == [None, "***"]


def test_filters_combine(demo_db: Database, history: History) -> None:
    rows = list_events(demo_db, history.admin, user="engineer.gaz",
                       entity_id=history.household_id)
    assert rows == []
    rows = list_events(demo_db, history.admin, user="engineer.gaz",
                       entity_id=history.dwelling_id, since=history.t1)
    assert [set(row.changes) for row in rows] == [{"building_no"}]


def test_filter_by_time(demo_db: Database, history: History) -> None:
    def users(**window: datetime) -> list[str]:
        return [row.user for row in list_events(demo_db, history.admin, limit=None, **window)]

    assert users(since=history.t0) == ["admin", "engineer.gaz", "supervisor.gaz",
                                       "engineer.gaz"]
    assert users(since=history.t0, until=history.t1) == ["engineer.gaz"]
    assert users(since=history.t1) == ["admin", "engineer.gaz", "supervisor.gaz"]
    assert users(since=history.t1, until=history.t2) == ["admin", "engineer.gaz",
                                                         "supervisor.gaz"]
    assert users(until=history.t0) == ["system"] * DEMO_EVENTS
    assert users(since=history.t2) == []
    assert users(until=history.t0 - timedelta(days=3650)) == []


def test_since_includes_and_until_excludes_the_instant(demo_db: Database,
                                                       history: History) -> None:
    newest = list_events(demo_db, history.admin, limit=1)[0]
    assert key(newest) in {key(row) for row in
                           list_events(demo_db, history.admin, since=newest.at)}
    assert key(newest) not in {key(row) for row in
                               list_events(demo_db, history.admin, until=newest.at, limit=None)}


def test_time_filters_convert_other_time_zones(demo_db: Database, history: History) -> None:
    """An Istanbul wall-clock time means the same instant as its UTC equivalent."""
    def rows(since: datetime, until: datetime) -> list[tuple[datetime, uuid.UUID, str]]:
        return [key(row) for row in list_events(demo_db, history.admin, since=since,
                                                until=until, limit=None)]

    utc = rows(history.t0, history.t1)
    local = rows(history.t0.astimezone(ISTANBUL), history.t1.astimezone(ISTANBUL))
    assert len(utc) == 1
    assert local == utc
    # the same wall-clock digits read as UTC are three hours off: nothing in that window
    shifted = history.t0.replace(tzinfo=ISTANBUL)
    assert rows(shifted, shifted + (history.t1 - history.t0)) == []


def test_rows_show_references_not_ids(demo_db: Database, history: History) -> None:
    rows = list_events(demo_db, history.admin, limit=None)
    with demo_db.read() as session:
        office_codes = {row[0]: row[1] for row in session.execute(select(Office.id, Office.code))}
        usernames = {row[0]: row[1] for row in session.execute(select(User.id, User.username))}
    for row in rows:
        if row.entity == "users":
            assert row.record == usernames[row.entity_id]
        elif row.entity == "offices":
            assert row.record == office_codes[row.entity_id]  # GAZ, not an id
        elif row.entity == "dwellings":
            assert row.record == "GAZ-D-000001"
        elif row.entity == "households":
            assert row.record == "GAZ-H-000001"
        else:
            pytest.fail(f"unexpected entity {row.entity}")
        assert str(row.entity_id) != row.record


def test_deleted_record_keeps_its_reference(demo_db: Database, history: History) -> None:
    with demo_db.write(history.engineer) as session:
        session.get(Dwelling, history.dwelling_id).deleted_at = clock.now()
    row = list_events(demo_db, history.admin, limit=1)[0]
    assert (row.action, row.record) == ("delete", "GAZ-D-000001")


@pytest.mark.parametrize("size", [1, 4, 7, 200])
def test_paging_is_disjoint_and_complete(demo_db: Database, history: History,
                                         size: int) -> None:
    everything = list_events(demo_db, history.admin, limit=None)
    assert len({key(row) for row in everything}) == len(everything)
    pages: list[list[AuditRow]] = []
    offset = 0
    while page := list_events(demo_db, history.admin, offset=offset, limit=size):
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


def test_paging_with_a_filter(demo_db: Database, history: History) -> None:
    first = list_events(demo_db, history.admin, user="engineer.gaz", offset=0, limit=1)
    second = list_events(demo_db, history.admin, user="engineer.gaz", offset=1, limit=1)
    third = list_events(demo_db, history.admin, user="engineer.gaz", offset=2, limit=1)
    assert [set(first[0].changes), set(second[0].changes)] == [{"building_no"}, {"street"}]
    assert third == []


def test_record_history_returns_only_that_record(demo_db: Database, history: History) -> None:
    rows = record_history(demo_db, history.engineer, history.dwelling_id)
    assert [set(row.changes) for row in rows] == [{"building_no"}, {"street"}]  # newest first
    assert {row.entity_id for row in rows} == {history.dwelling_id}
    assert {row.record for row in rows} == {"GAZ-D-000001"}
    assert rows[0].reason == "kapı numarası yanlış girilmiş"
    assert rows[1].reason is None
    assert rows[1].changes["street"][1] == "Yeni Sokak"

    [row] = record_history(demo_db, history.engineer, history.household_id)
    assert row.changes["head_name"][1] == "Şükrü Çağlar"
    assert row.user == "supervisor.gaz"

    assert record_history(demo_db, history.engineer, uuid.uuid4()) == []


def test_record_history_is_not_limited_to_a_page(demo_db: Database, history: History) -> None:
    with demo_db.write(history.engineer) as session:
        dwelling = session.get(Dwelling, history.dwelling_id)
        for number in range(210):
            dwelling.flat_no = str(number)
            session.flush()
    rows = record_history(demo_db, history.supervisor, history.dwelling_id)
    assert len(rows) == 212
    assert rows[0].changes == {"flat_no": ["208", "209"]}


def test_engineers_may_not_list_events(demo_db: Database, history: History) -> None:
    with pytest.raises(PermissionDenied):
        list_events(demo_db, history.engineer)


def test_a_case_history_gathers_its_records_and_names_the_ids(demo_db):
    from shelter_app.services.accounts.audit_log import case_history
    from shelter_app.services.boq.boq import create_boq
    from tests.factories import assessed_dwelling

    engineer = actor_for(demo_db, "engineer.gaz")
    ref = assessed_dwelling(demo_db)
    boq = create_boq(demo_db, engineer, ref)
    with demo_db.read() as session:
        dwelling_id = session.scalar(select(Dwelling.id).where(Dwelling.ref == ref))
    rows = case_history(demo_db, engineer, dwelling_id)
    created = [row for row in rows if row.entity == "boqs"]
    assert [row.record for row in created] == [boq.ref]
    assert created[0].changes["dwelling_id"][-1] == ref  # named, not 680fe8b7-…
    # another case's history does not show it
    with demo_db.read() as session:
        other = session.scalar(select(Dwelling.id).where(Dwelling.ref != ref).limit(1))
    assert not [row for row in case_history(demo_db, engineer, other) if row.record == boq.ref]
