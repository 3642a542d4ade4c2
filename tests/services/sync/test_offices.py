"""A laptop of one office holds that office's records and the programme-wide ones, never
another office's; what it sends about another office is refused and shows nothing of it."""

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

import case_inputs
from services.sync.machines import counts, differences, office_id, post, synced_data
from shelter_app.data.models import (Conflict, Dwelling, Household, LabourEntry, Office, User,
                                     Worker)
from shelter_app.data.outbox import office_ids
from shelter_app.data.replication import TABLES
from shelter_app.domain import clock
from shelter_app.domain.i18n import date_text, table_text
from shelter_app.domain.ids import make_tckn
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.accounts.users import deactivate_user
from shelter_app.services.cases.households import (household_view, register_household,
                                                   update_household)
from shelter_app.services.sync.status import sync_status


def _offices_of_rows(hub, machine) -> set:
    """The office (on the server) of every synced row the laptop holds."""
    found = set()
    with machine.db.read() as session:
        ids = {entity: list(session.scalars(select(table.c.id)))
               for entity, table in TABLES.items()}
    with hub.read() as session:
        for entity, row_ids in ids.items():
            found.update(office_ids(session, entity, row_ids).values())
    return found


def _household(db, code: str) -> Household:
    with db.read() as session:
        return session.scalar(select(Household).where(Household.ref.like(f"{code}-%"))
                              .order_by(Household.ref).limit(1))


def _op(row: Household, fields: dict, user_id, base: int) -> dict:
    return {"op_id": str(uuid.uuid4()), "entity": "households", "row_id": str(row.id),
            "action": "update", "base_version": base, "fields": fields,
            "user_id": str(user_id), "hlc": "1795597200000-00000-A",
            "created_at": clock.now().isoformat()}


def _user(hub, username: str) -> Actor:
    with hub.read() as session:
        user = session.scalar(select(User).where(User.username == username))
        return Actor(user.id, user.username, user.full_name, user.role, user.office_id)


def test_a_laptop_never_receives_another_offices_rows(laptop, hub, gaz):
    ank = office_id(hub, "ANK")
    a, other = laptop("a"), laptop("ankara", "ANK")
    assert _offices_of_rows(hub, a) == {None, gaz}
    assert _offices_of_rows(hub, other) == {None, ank}

    # Ankara's work after the first sync stays in Ankara
    ankara = _household(other.db, "ANK")
    with other.db.write(_user(hub, "engineer.ank")) as session:
        session.get(Household, ankara.id).nationality = "Iraqi"
    assert other.sync().applied == 1
    assert a.sync().pulled == 0
    assert _offices_of_rows(hub, a) == {None, gaz}
    assert differences(synced_data(hub, gaz), a.data()) == []
    assert differences(synced_data(hub, ank), other.data()) == []


def test_a_new_record_of_another_office_is_refused_and_leaves_the_laptop(
        laptop, hub, admin):
    a = laptop("a")
    ank = office_id(hub, "ANK")
    with a.db.write(admin) as session:  # an administrator may; this laptop's office may not
        values = case_inputs.household()
        record = Household(ref="ANK-H-A99999", office_id=ank, head_name=values.head_name,
                           head_id_number=values.id_number, nationality=values.nationality,
                           protection_status=values.protection_status, members={"adults": 2})
        session.add(record)
        session.flush()
        new_id = record.id
    report = a.sync()
    assert report.refused == 1
    assert "another office than this laptop's" in report.reasons[0]
    with hub.read() as session:
        assert session.get(Household, new_id) is None
    with a.db.read() as session:
        assert session.get(Household, new_id) is None  # not kept where it can never sync
    [held] = sync_status(a.db).held
    assert held.record == "ANK-H-A99999" and "another office" in held.reason
    assert a.sync().clean  # nothing of it is sent again


def test_an_op_on_another_offices_record_is_refused_and_shows_nothing_of_it(
        laptop, hub, http, engineer, admin):
    a = laptop("a")
    target = _household(hub, "ANK")
    data, before = synced_data(hub), counts(hub)
    ops = [_op(target, {"phone": "+905321112233"}, engineer.user_id, target.version),
           _op(target, {"phone": "+905321112233"}, admin.user_id, target.version),
           # from version 0 every field "changed elsewhere": still a refusal, not a conflict
           _op(target, {"phone": "+905321112233"}, admin.user_id, 0),
           _op(target, {"deleted_at": clock.now().isoformat()}, admin.user_id, 0)]
    results = post(http, "/v1/push", {"ops": ops}, a.token).json()["results"]
    assert [r["status"] for r in results] == ["refused"] * 4
    assert all("another office than this laptop's" in r["reason"] for r in results)
    assert [r["row"] for r in results] == [None] * 4  # the record never leaves its office
    # and a user of another office may not change this office's records from this laptop
    own = _household(hub, "GAZ")
    [result] = post(http, "/v1/push", {"ops": [_op(own, {"phone": "+905321112233"}, _user(
        hub, "engineer.ank").user_id, own.version)]}, a.token).json()["results"]
    assert result["status"] == "refused"
    assert "another office than the user's" in result["reason"]
    assert differences(data, synced_data(hub)) == []
    assert counts(hub)["sync_log"] == before["sync_log"]
    with hub.read() as session:
        assert session.scalar(select(Conflict.id)) is None


def test_a_conflict_is_seen_only_in_its_office(laptop, hub, gaz, engineer):
    a, b, other = laptop("a"), laptop("b"), laptop("ankara", "ANK")
    ref = _household(a.db, "GAZ").ref
    before = household_view(a.db, engineer, ref).as_input()
    update_household(a.db, engineer, ref, replace(before, phone="+905321112233"), confirm=True)
    update_household(b.db, engineer, ref, replace(before, phone="+905329998877"), confirm=True)
    a.sync()
    assert b.sync().conflicts == 1
    a.sync()
    other.sync()
    for machine in (a, b):
        with machine.db.read() as session:
            assert session.scalar(select(Conflict.field)) == "phone"
    with other.db.read() as session:
        assert session.scalar(select(Conflict.id)) is None


def test_a_closed_office_takes_no_new_case_made_after_it_closed(laptop, hub, gaz, engineer,
                                                                 time_machine):
    a = laptop("a")
    before = register_household(a.db, engineer, case_inputs.household(), confirm=True)
    time_machine.move_to(clock.now() + timedelta(hours=1))
    with hub.write() as session:  # closed on the server while the laptop is offline
        session.get(Office, gaz).closed_at = clock.now()
    time_machine.move_to(clock.now() + timedelta(hours=1))
    after = register_household(a.db, engineer, case_inputs.household(
        id_number=make_tckn("912345678")), confirm=True)
    report = a.sync()
    assert (report.applied, report.refused) == (1, 1), report.reasons
    assert "was closed on" in report.reasons[0] and "takes no new cases" in report.reasons[0]
    with hub.read() as session:
        refs = set(session.scalars(select(Household.ref).where(
            Household.ref.in_([before, after]))))
    assert refs == {before}  # made while it was open: kept
    with a.db.read() as session:
        assert session.scalar(select(Household.id).where(Household.ref == after)) is None


def test_a_closed_office_is_said_closed_on_its_day_in_turkiye(laptop, hub, gaz, engineer):
    """Closed at 01:30 in Türkiye (22:30 UTC the evening before): the refusal names the day
    the office's staff saw, not the UTC day."""
    a = laptop("a")
    with hub.write() as session:  # closed on the server while the laptop is offline
        session.get(Office, gaz).closed_at = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)
    register_household(a.db, engineer, case_inputs.household(), confirm=True)
    report = a.sync()
    assert report.refused == 1, report.reasons
    assert f"was closed on {date_text(date(2026, 11, 25))} and" in report.reasons[0]


@pytest.mark.parametrize("how", ["pulled", "refused", "first sync"])
def test_a_record_that_names_another_offices_record_leaves_the_laptop_which_syncs_on(
        laptop, hub, gaz, engineer, admin, how):
    """An administrator on the server gives a Gaziantep labour day to a worker of an Ankara
    household: a Gaziantep laptop never receives that worker, so it cannot hold the day as
    the server has it. The pull failed its foreign keys at every sync (a new laptop never
    joined); a refused change of the day kept the laptop's old worker, to be paid for it. The
    day now leaves the laptop, named in the report, and the laptop syncs on."""
    with hub.read() as session:
        worker = session.scalar(select(Worker.id).join(Household).where(
            Household.office_id == office_id(hub, "ANK")).order_by(Worker.ref).limit(1))
        day, site, when = session.execute(select(
            LabourEntry.id, Dwelling.ref, LabourEntry.work_date).join(
            Dwelling, LabourEntry.dwelling_id == Dwelling.id).where(Dwelling.office_id == gaz)
            .order_by(LabourEntry.work_date, LabourEntry.id).limit(1)).one()
    machine = laptop("b", first_sync=how != "first sync")
    with hub.write(admin) as session:
        session.get(LabourEntry, day).worker_id = worker
    if how == "refused":
        deactivate_user(hub, admin, engineer.username)
        with machine.db.write(engineer) as session:
            session.get(LabourEntry, day).task = "plastering"
    report = machine.sync()
    # named by its site and day: a labour day has no reference, and its id says nothing
    assert report.unheld == [f"{table_text('labour_entries')} at {site} on {date_text(when)}"]
    if how == "refused":
        assert report.refused == 1
        [held] = sync_status(machine.db).held
        assert held.reason == "The user who made this change is deactivated."
    with machine.db.read() as session:
        assert session.get(LabourEntry, day) is None
    server = synced_data(hub, gaz)
    del server["labour_entries"][str(day)]
    assert differences(server, machine.data()) == []
    again = machine.sync()
    assert again.clean and again.unheld == [] and again.pulled == 0


def test_an_optional_link_to_another_offices_record_is_left_empty_here_and_not_sent_back(
        laptop, hub, gaz, admin):
    """A Gaziantep dwelling given an Ankara household on the server: the laptop keeps the
    dwelling with no household, says nothing of it, and queues no change of its own, so the
    server's link is never overwritten by the laptop's empty one."""
    with hub.read() as session:
        household = session.scalar(select(Household.id).where(
            Household.office_id == office_id(hub, "ANK")).order_by(Household.ref).limit(1))
        dwelling = session.scalar(select(Dwelling.id).where(
            Dwelling.office_id == gaz, Dwelling.household_id.is_not(None))
            .order_by(Dwelling.ref).limit(1))
    machine = laptop("b")
    with hub.write(admin) as session:
        session.get(Dwelling, dwelling).household_id = household
    report = machine.sync()
    assert report.clean and report.unheld == []
    with machine.db.read() as session:
        assert session.get(Dwelling, dwelling).household_id is None
    assert machine.outbox() == []
    assert machine.sync().clean
    with hub.read() as session:
        assert session.get(Dwelling, dwelling).household_id == household
