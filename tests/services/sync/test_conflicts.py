"""The same field changed on two laptops, and a deletion against an edit: one conflict each,
the server keeps the first change, and a supervisor's resolution reaches every database."""

import uuid
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from services.sync.machines import differences, synced_data
from shelter_app.data.models import BoQLine, Conflict, Dwelling, Household, PriceItem
from shelter_app.domain import clock
from shelter_app.domain.stages import Stage
from shelter_app.services.boq import boq as boqs
from shelter_app.services.cases.households import household_view, update_household
from shelter_app.services.sync import conflicts
from shelter_app.services.sync.status import sync_status


def _conflict_rows(db) -> list[Conflict]:
    with db.read() as session:
        return list(session.scalars(select(Conflict).order_by(Conflict.field)))


def _all_equal(hub, office, *laptops) -> None:
    expected = synced_data(hub, office)
    for machine in laptops:
        assert differences(expected, machine.data()) == [], machine.name


@pytest.fixture
def ref(hub) -> str:
    with hub.read() as session:
        return session.scalar(select(Household.ref).where(Household.ref.like("GAZ-%"))
                              .order_by(Household.ref).limit(1))


def test_the_same_field_on_two_laptops_is_one_conflict_and_its_resolution_reaches_all(
        laptop, hub, gaz, ref, engineer, supervisor):
    a, b = laptop("a"), laptop("b")
    before = household_view(a.db, engineer, ref).as_input()
    update_household(a.db, engineer, ref, replace(before, phone="+905321112233"), confirm=True)
    update_household(b.db, engineer, ref, replace(before, phone="+905329998877"), confirm=True)
    assert a.sync().clean

    report = b.sync()
    assert (report.conflicts, report.applied, report.refused) == (1, 0, 0)
    [conflict] = _conflict_rows(hub)
    assert (conflict.field, conflict.ours, conflict.theirs) == (
        "phone", "+905329998877", "+905321112233")
    assert conflict.base == before.phone.replace(" ", "")
    assert household_view(b.db, engineer, ref).phone == "+90 532 111 22 33"  # theirs, kept
    assert sync_status(b.db).open_conflicts == 1
    [held] = sync_status(b.db).held
    assert held.status == "conflict" and "phone" in held.reason

    [seen] = conflicts.list_conflicts(b.db, supervisor)
    assert (seen.ours, seen.theirs, seen.ours_device) == ("+905329998877", "+905321112233", "b")
    conflicts.resolve(b.db, supervisor, seen.id, seen.ours)
    assert b.sync().clean
    a.sync()

    for db in (hub, a.db, b.db):
        assert household_view(db, engineer, ref).phone == "+90 532 999 88 77"
        [row] = _conflict_rows(db)
        assert row.resolved_at is not None and row.resolution == "+905329998877"
    _all_equal(hub, gaz, a, b)
    assert conflicts.list_conflicts(a.db, supervisor) == []


@pytest.fixture
def lines(hub, engineer) -> list[uuid.UUID]:
    """Two lines of a draft BoQ written on the server (laptops take them at their next sync)."""
    with hub.read() as session:
        dwelling = session.scalar(select(Dwelling.ref).where(
            Dwelling.stage == Stage.ASSESSED, Dwelling.ref.like("GAZ-%"))
            .order_by(Dwelling.ref).limit(1))
        items = list(session.scalars(select(PriceItem.id).order_by(PriceItem.code).limit(2)))
    view = boqs.create_boq(hub, engineer, dwelling)
    return [boqs.add_line(hub, engineer, view.id, item, Decimal("2")).id for item in items]


def _line(db, line_id) -> BoQLine:
    with db.read() as session:
        return session.get(BoQLine, line_id)


def test_a_deletion_of_a_line_edited_elsewhere_is_a_conflict_and_the_edit_survives(
        laptop, hub, gaz, lines, engineer):
    a, b = laptop("a"), laptop("b")
    a.sync(), b.sync()  # the lines written on the server since the laptops enrolled
    line = lines[0]
    boqs.set_quantity(a.db, engineer, line, "7")
    boqs.remove_line(b.db, engineer, line)
    assert a.sync().clean
    report = b.sync()
    assert report.conflicts == 1
    [conflict] = _conflict_rows(hub)
    assert (conflict.field, conflict.theirs) == ("deleted_at", None)
    assert conflict.ours is not None  # the deletion, kept for the supervisor
    a.sync()
    for db in (hub, a.db, b.db):
        kept = _line(db, line)
        assert kept.deleted_at is None and kept.quantity == Decimal("7")
    _all_equal(hub, gaz, a, b)


def test_an_edit_of_a_line_deleted_elsewhere_is_a_conflict_and_stays_deleted(
        laptop, hub, gaz, lines, engineer, supervisor):
    a, b = laptop("a"), laptop("b")
    a.sync(), b.sync()
    line = lines[1]
    boqs.remove_line(a.db, engineer, line)
    boqs.set_quantity(b.db, engineer, line, "9")
    assert a.sync().clean
    report = b.sync()
    assert report.conflicts == 1 and report.applied == 0
    found = {row.field: row for row in _conflict_rows(hub)}
    assert set(found) == {"deleted_at", "quantity"}
    assert Decimal(found["quantity"].ours) == 9
    a.sync()
    for db in (hub, a.db, b.db):
        gone = _line(db, line)
        assert gone.deleted_at is not None and gone.quantity == Decimal("2")
    _all_equal(hub, gaz, a, b)

    # the supervisor brings the edit back: both fields, from the laptop that lost them
    for seen in conflicts.list_conflicts(b.db, supervisor):
        conflicts.resolve(b.db, supervisor, seen.id, seen.ours)
    assert b.sync().clean
    a.sync()
    for db in (hub, a.db, b.db):
        back = _line(db, line)
        assert back.deleted_at is None and back.quantity == Decimal("9")
    _all_equal(hub, gaz, a, b)


def test_a_laptop_may_only_resolve_a_conflict_never_make_or_rewrite_one(
        laptop, hub, gaz, ref, engineer, supervisor):
    a, b = laptop("a"), laptop("b")
    before = household_view(a.db, engineer, ref).as_input()
    update_household(a.db, engineer, ref, replace(before, phone="+905321112233"), confirm=True)
    update_household(b.db, engineer, ref, replace(before, phone="+905329998877"), confirm=True)
    a.sync(), b.sync()
    [conflict] = _conflict_rows(b.db)
    with b.db.write(supervisor) as session:  # past conflicts.resolve, as a faulty laptop
        session.get(Conflict, conflict.id).theirs = "+905320000000"
        session.add(Conflict(entity="households", row_id=conflict.row_id, office_id=gaz,
                             field="nationality", base="x", ours="y", theirs="z",
                             op_id=uuid.uuid4(), resolution=None))
    with b.db.write(engineer) as session:
        found = session.get(Conflict, conflict.id)
        found.resolved_at, found.resolution = clock.now(), found.ours
    report = b.sync()
    assert report.refused == 3, report.reasons
    assert sum("may only resolve a conflict" in reason for reason in report.reasons) == 2
    assert any("Only a supervisor" in reason for reason in report.reasons)
    [kept] = _conflict_rows(hub)
    assert (kept.theirs, kept.resolved_at) == ("+905321112233", None)
    assert differences(synced_data(hub, gaz), b.data()) == []
