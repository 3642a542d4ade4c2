"""Human references made offline on two laptops never collide: each laptop puts its device mark
in the references it issues. A reference made from another (a BoQ's, from its dwelling's) that
a second laptop also took is refused, and that laptop takes the first one's record."""

from sqlalchemy import func, select

import case_inputs
from services.sync.machines import differences, synced_data
from shelter_app.data.models import (
    AuditEvent,
    BoQ,
    Dwelling,
    Household,
    Landlord,
    User,
    Worker,
)
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.stages import Role, Stage
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.accounts.users import deactivate_user
from shelter_app.services.agreements.landlords import LandlordData, register_landlord
from shelter_app.services.boq import boq as boqs
from shelter_app.services.cases.households import register_household
from shelter_app.services.sync.status import sync_status


def test_two_laptops_offline_never_issue_the_same_reference(laptop, hub, gaz, engineer):
    a, b = laptop("a"), laptop("b")
    assert a.mark != b.mark
    made = {}
    for n, machine in enumerate((a, b)):
        made[machine.mark] = [
            register_household(machine.db, engineer, case_inputs.household(
                id_number=make_tckn(f"5123456{n}{k}"), head_name=f"Aile {n} {k}"), confirm=True)
            for k in range(2)] + [
            register_landlord(machine.db, engineer, LandlordData(
                "person", f"Ev Sahibi {n}", make_tckn(f"61234567{n}"),
                address="Gül Sokak 12, Şahinbey"), confirm=True)]
    for mark, refs in made.items():
        assert refs == [f"GAZ-H-{mark}00001", f"GAZ-H-{mark}00002", f"GAZ-L-{mark}00001"]
    assert a.sync().clean and b.sync().clean
    a.sync()
    every = [ref for refs in made.values() for ref in refs]
    with hub.read() as session:
        found = set(session.scalars(select(Household.ref).where(Household.ref.in_(every)))) | \
            set(session.scalars(select(Landlord.ref).where(Landlord.ref.in_(every))))
        assert found == set(every)
        assert session.scalar(select(func.count()).select_from(Household).group_by(
            Household.ref).order_by(func.count().desc()).limit(1)) == 1
    assert differences(synced_data(hub, gaz), a.data()) == []
    assert differences(a.data(), b.data()) == []


def test_a_derived_reference_taken_on_two_laptops_is_refused_once_and_both_converge(
        laptop, hub, gaz, engineer):
    a, b = laptop("a"), laptop("b")
    with hub.read() as session:
        dwelling = session.scalar(select(Dwelling.ref).where(
            Dwelling.stage == Stage.ASSESSED, Dwelling.ref.like("GAZ-%"))
            .order_by(Dwelling.ref).limit(1))
    first = boqs.create_boq(a.db, engineer, dwelling)
    second = boqs.create_boq(b.db, engineer, dwelling)
    assert first.ref == second.ref and first.id != second.id
    assert a.sync().clean
    report = b.sync()
    assert report.refused == 1 and "reference may already be in use" in report.reasons[0]
    for db in (hub, a.db, b.db):
        with db.read() as session:
            assert session.scalars(select(BoQ.id).where(BoQ.ref == first.ref)).all() \
                == [first.id]
    [held] = sync_status(b.db).held
    assert held.record == first.ref and held.status == "refused"
    assert b.sync().clean  # the laptop goes on syncing
    assert differences(synced_data(hub, gaz), a.data()) == []
    assert differences(a.data(), b.data()) == []


def test_a_user_name_taken_on_the_server_is_refused_and_the_trail_that_names_it_stays(
        laptop, hub, gaz, admin):
    a = laptop("a")
    with a.db.write(admin) as session:  # made offline; the server has a supervisor.ank
        user = User(username="supervisor.ank", full_name="Yeni Süpervizör",
                    role=Role.SUPERVISOR, office_id=gaz)
        lonely = User(username="taken.twice", full_name="Kimse", role=Role.ENGINEER,
                      office_id=gaz)
        session.add_all([user, lonely])
        session.flush()
        newcomer = Actor(user.id, user.username, user.full_name, user.role, gaz)
        lonely_id = lonely.id
    with hub.write(admin) as session:  # and taken on the server meanwhile
        session.add(User(username="taken.twice", full_name="Biri", role=Role.ENGINEER,
                         office_id=gaz))
    with a.db.write(newcomer) as session:  # the new user works on this laptop
        session.scalars(select(Household).where(Household.office_id == gaz)).first() \
            .nationality = "Iraqi"
    report = a.sync()
    assert report.refused == 3, report.reasons  # both users, and the newcomer's edit
    assert sum("already be in use" in reason for reason in report.reasons) == 2
    assert any("does not know the user" in reason for reason in report.reasons)
    with a.db.read() as session:
        assert session.get(User, newcomer.user_id) is not None  # its audit trail names it
        assert session.get(User, lonely_id) is None
        assert session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.user_id == newcomer.user_id)) == 1
    assert a.sync().clean  # and the laptop goes on syncing


def test_a_refused_change_whose_server_row_needs_a_record_not_pulled_yet_never_wedges(
        laptop, hub, gaz, engineer, admin):
    """Laptop a registers a household and moves a worker into it; laptop b's engineer, since
    deactivated, changes that worker offline. b's change is refused, and the server's row
    that comes with the refusal names a household b has not pulled: a required reference,
    which cannot be left out. b keeps its own until the pull that follows brings both, tells
    its user why the change was refused, and syncs on."""
    a, b = laptop("a"), laptop("b")
    with a.db.read() as session:
        worker_id = session.scalars(select(Worker.id).join(Household).where(
            Household.ref.like("GAZ-%"), Worker.deleted_at.is_(None))
            .order_by(Worker.ref).limit(1)).one()
    moved_to = register_household(a.db, engineer, case_inputs.household(
        id_number=make_tckn("512345679"), head_name="Aile Yeni"), confirm=True)
    with a.db.write(engineer) as session:
        session.scalars(select(Worker).where(Worker.id == worker_id)).one().household_id = \
            session.scalars(select(Household.id).where(Household.ref == moved_to)).one()
    assert a.sync().clean
    deactivate_user(hub, admin, engineer.username)
    with b.db.write(engineer) as session:
        session.scalars(select(Worker).where(Worker.id == worker_id)).one().work_permit_number = \
            "WP-2026-0042"
    report = b.sync()
    assert report.refused == 1
    [held] = sync_status(b.db).held
    assert held.reason == "The user who made this change is deactivated."
    people = ("households", "workers")
    assert differences(synced_data(hub, gaz, people), b.data(people)) == []
    assert b.sync().clean
