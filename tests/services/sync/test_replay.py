"""A batch the server has decided is answered again, never applied again: replayed three
times, in reverse order, or after its answer was lost on the way (Kobo's duplicate uploads)."""

from dataclasses import replace

from sqlalchemy import select

import case_inputs
from services.sync.machines import counts, differences, post, synced_data
from shelter_app.data.models import Conflict, Household
from shelter_app.services.cases.households import (household_view, register_household,
                                                   update_household)
from shelter_app.services.sync import client
from shelter_app.services.sync.client import op_message
from shelter_app.services.sync.status import sync_status
from shelter_app.services.sync.wire import Report


def _first_household(db) -> str:
    with db.read() as session:
        return session.scalar(select(Household.ref).where(Household.ref.like("GAZ-%"))
                              .order_by(Household.ref).limit(1))


def _messages(machine) -> list[dict]:
    return [op_message(op) for op in machine.outbox()]


def test_a_batch_replayed_three_times_and_in_reverse_order_changes_nothing(
        laptop, hub, http, gaz, engineer):
    a = laptop("a")
    ref = _first_household(a.db)
    before = household_view(a.db, engineer, ref).as_input()
    update_household(a.db, engineer, ref, replace(before, phone="+905321112233"), confirm=True)
    update_household(a.db, engineer, ref, replace(household_view(a.db, engineer, ref).as_input(),
                                                  nationality="Iraqi"), confirm=True)
    new = register_household(a.db, engineer, case_inputs.household(), confirm=True)
    ops = _messages(a)
    assert len(ops) == 3

    first = post(http, "/v1/push", {"ops": ops}, a.token).json()["results"]
    assert [result["status"] for result in first] == ["applied"] * 3
    data, bookkeeping = synced_data(hub), counts(hub)

    for _ in range(3):
        again = post(http, "/v1/push", {"ops": ops}, a.token).json()["results"]
        assert [(r["op_id"], r["status"], r["version"]) for r in again] == [
            (r["op_id"], r["status"], r["version"]) for r in first]
    backwards = post(http, "/v1/push", {"ops": ops[::-1]}, a.token).json()["results"]
    assert [r["op_id"] for r in backwards] == [op["op_id"] for op in ops[::-1]]
    assert {r["status"] for r in backwards} == {"applied"}

    assert differences(data, synced_data(hub)) == []
    assert counts(hub) == bookkeeping
    assert a.sync().clean  # the laptop's own push of the same ops is a replay too
    assert counts(hub) == bookkeeping
    assert differences(synced_data(hub, gaz), a.data()) == []
    with hub.read() as session:
        assert session.scalar(select(Household.phone).where(Household.ref == ref)) \
            == "+905321112233"
        assert session.scalar(select(Household.ref).where(Household.ref == new)) == new


def test_a_conflict_whose_answer_was_lost_still_gives_the_laptop_the_servers_row(
        laptop, hub, http, gaz, engineer):
    a, b = laptop("a"), laptop("b")
    ref = _first_household(a.db)
    before = household_view(a.db, engineer, ref).as_input()
    update_household(a.db, engineer, ref, replace(before, phone="+905321112233"), confirm=True)
    assert a.sync().clean
    update_household(b.db, engineer, ref, replace(before, phone="+905329998877"), confirm=True)
    # b takes a's change while its own waits (a sync beside the user's typing keeps theirs)
    client._pull(b.db, b.http, b.token, Report(), None, lambda: False)
    assert household_view(b.db, engineer, ref).phone == "+90 532 999 88 77"
    # the server decides b's op, and the answer never reaches b (a cut connection)
    [lost] = post(http, "/v1/push", {"ops": _messages(b)}, b.token).json()["results"]
    assert lost["status"] == "conflict"

    report = b.sync()
    assert report.conflicts == 1
    with hub.read() as session:
        assert len(session.scalars(select(Conflict.id)).all()) == 1  # decided once
    assert household_view(b.db, engineer, ref).phone == "+90 532 111 22 33"
    a.sync()
    assert differences(synced_data(hub, gaz), b.data()) == []
    assert differences(a.data(), b.data()) == []


def test_a_refused_op_does_not_hold_back_the_ones_after_it(laptop, hub, engineer):
    """PowerSync's wedged queue: one op the server will not take must not stop the rest."""
    a = laptop("a")
    ref = _first_household(a.db)
    with a.db.write(engineer) as session:  # past the form's checks, as a faulty laptop would
        session.scalar(select(Household).where(Household.ref == ref)).phone = "9" * 17
    with a.db.write(engineer) as session:
        session.scalar(select(Household).where(Household.ref == ref)).nationality = "Iraqi"
    report = a.sync()
    assert (report.applied, report.refused) == (1, 1)
    assert "at most 16 characters" in report.reasons[0]
    with hub.read() as session:
        row = session.scalar(select(Household).where(Household.ref == ref))
        assert row.nationality == "Iraqi" and row.phone != "9" * 17
    [held] = sync_status(a.db).held
    assert held.status == "refused" and held.fields == ["phone"]
    assert "phone" in held.reason and held.record == ref
    assert sync_status(a.db).pending == 0
    assert household_view(a.db, engineer, ref).nationality == "Iraqi"
    assert a.sync().clean  # and it is not sent again


def test_an_op_id_of_another_laptop_is_refused_not_answered(laptop, hub, http, engineer):
    a, b = laptop("a"), laptop("b")
    ref = _first_household(a.db)
    with a.db.write(engineer) as session:
        session.scalar(select(Household).where(Household.ref == ref)).nationality = "Iraqi"
    ops = _messages(a)
    assert post(http, "/v1/push", {"ops": ops}, a.token).json()["results"][0]["status"] \
        == "applied"
    data = synced_data(hub)
    [answer] = post(http, "/v1/push", {"ops": [ops[0] | {"fields": {"nationality": "Afghan"}}]},
                    b.token).json()["results"]
    assert answer["status"] == "refused" and "another laptop" in answer["reason"]
    assert answer["row"] is None
    assert differences(data, synced_data(hub)) == []
