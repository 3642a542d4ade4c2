"""An ID number registered offline on two laptops: the server applies the forms' rule to pushed
changes, so the second is refused with the record that has it, unless a supervisor confirmed
it on the laptop (the confirmation travels with the write's ops)."""

import uuid
from datetime import date

import pytest
from sqlalchemy import select, update

import case_inputs
from services.sync.machines import enrolled
from shelter_app.data.base import CONFIRMED_BY
from shelter_app.data.models import Household, HouseholdMember, OutboxOp
from shelter_app.data.replication import TABLES
from shelter_app.domain import clock
from shelter_app.domain.errors import NeedsSupervisor
from shelter_app.domain.ids import make_tckn
from shelter_app.services.cases.duplicate_ids import SupervisorConfirmation, registered_as
from shelter_app.services.cases.households import register_household
from shelter_app.services.sync.apply import Outcome, apply_batch
from shelter_app.services.sync.protocol import Op
from shelter_app.services.sync.status import sync_status


def _heads(db, number: str) -> list[str]:
    with db.read() as session:
        return sorted(session.scalars(select(Household.ref).where(
            Household.head_id_number == number)))


def test_an_id_registered_on_two_laptops_offline_is_refused_the_second_time(laptop, hub,
                                                                           engineer):
    a, b = laptop("a"), laptop("b")
    number = make_tckn("598765431")
    first = register_household(a.db, engineer, case_inputs.household(id_number=number),
                               confirm=True)
    register_household(b.db, engineer, case_inputs.household(
        id_number=number, head_name="Başka Biri"), confirm=True)  # b cannot know
    assert a.sync().clean
    report = b.sync()
    assert report.refused == 1
    assert f"This ID number is already registered as {first}." in report.reasons[0]
    [held] = sync_status(b.db).held
    assert held.status == "refused" and first in held.reason
    assert _heads(hub, number) == [first]


def test_a_supervisors_confirmation_on_the_laptop_goes_with_the_change(laptop, hub, engineer,
                                                                     supervisor):
    a, b = laptop("a"), laptop("b")
    number = make_tckn("598765432")
    first = register_household(a.db, engineer, case_inputs.household(id_number=number),
                               confirm=True)
    assert a.sync().clean and b.sync().clean  # b now has a's household
    data = case_inputs.household(id_number=number, head_name="Aynı Kişi")
    with pytest.raises(NeedsSupervisor):
        register_household(b.db, engineer, data, confirm=True)
    second = register_household(b.db, engineer, data, confirm=True, supervisor=(
        SupervisorConfirmation(supervisor, "moved to her daughter's flat")))
    with b.db.read() as session:
        sent = session.scalars(select(OutboxOp.fields).where(OutboxOp.entity == "households"))
        assert [fields[CONFIRMED_BY] for fields in sent] == [str(supervisor.user_id)]
    assert b.sync().clean
    assert _heads(hub, number) == sorted([first, second])


def test_a_confirmation_naming_an_engineer_is_refused(laptop, hub, engineer):
    a, b = laptop("a"), laptop("b")
    number = make_tckn("598765433")
    first = register_household(a.db, engineer, case_inputs.household(id_number=number),
                               confirm=True)
    register_household(b.db, engineer, case_inputs.household(id_number=number), confirm=True)
    with b.db.write() as session:  # a laptop that claims its engineer confirmed it
        for op in session.scalars(select(OutboxOp).where(OutboxOp.entity == "households")):
            session.execute(update(OutboxOp).where(OutboxOp.seq == op.seq).values(
                fields=op.fields | {CONFIRMED_BY: str(engineer.user_id)}))
    assert a.sync().clean
    report = b.sync()
    assert report.refused == 1 and first in report.reasons[0]
    assert _heads(hub, number) == [first]


def test_the_ids_of_a_push_are_looked_up_in_one_query(laptop, hub, engineer, statements):
    """The server reads who carries the pushed ID numbers once for the batch, not once per op,
    and still refuses exactly the one already registered."""
    a, b = laptop("a"), laptop("b")
    taken = make_tckn("598765434")
    first = register_household(b.db, engineer, case_inputs.household(id_number=taken),
                               confirm=True)
    assert b.sync().clean
    numbers = [make_tckn("598765435"), taken, make_tckn("598765436")]
    for n, number in enumerate(numbers):
        register_household(a.db, engineer, case_inputs.household(
            id_number=number, head_name=f"Kişi {n}"), confirm=True)
    statements.clear()
    report = a.sync()
    assert report.refused == 1 and first in report.reasons[0]
    assert len([s for s in statements if "UNION ALL" in s and "tax_number" in s]) == 1
    assert len(_heads(hub, numbers[0]) + _heads(hub, numbers[2])) == 2
    assert _heads(hub, taken) == [first]


def _row(hub, entity: str, *where) -> dict:
    table = TABLES[entity]
    with hub.read() as session:
        return dict(session.execute(select(table).where(*where).order_by(table.c.id)
                                    .limit(1)).one()._mapping)


def _push(hub, entity: str, row: dict, fields: dict, user) -> Outcome:
    """An edit of `row` pushed straight to the server by a laptop of Gaziantep."""
    [outcome] = apply_batch(hub, enrolled(hub, f"ids-{uuid.uuid4().hex[:8]}"), [Op(
        uuid.uuid4(), entity, row["id"], "update", row["version"], fields, user.user_id,
        "1795597200000-00000-A", clock.now())])
    return outcome


def _member(hub, household: dict, id_number: str | None) -> dict:
    with hub.write() as session:
        member = HouseholdMember(household_id=household["id"], latin_name="Leyla Kaya", sex="female",
                                 birth_date=date(2001, 5, 4), relation="child",
                                 id_number=id_number)
        session.add(member)
    return _row(hub, "household_members", TABLES["household_members"].c.id == member.id)


def _stored(hub, entity: str, row: dict, column: str):
    return _row(hub, entity, TABLES[entity].c.id == row["id"])[column]


def test_a_pushed_worker_id_held_by_a_landlord_is_refused_its_own_heads_is_applied(
        hub, engineer, gaz):
    """The server's holders rules for a worker: a landlord anywhere in the programme counts,
    the head of the worker's own household does not (the head may be its worker)."""
    workers, households = TABLES["workers"], TABLES["households"]
    worker = _row(hub, "workers", workers.c.household_id.in_(
        select(households.c.id).where(households.c.office_id == gaz)))
    landlord = _row(hub, "landlords", TABLES["landlords"].c.office_id != gaz,
                    TABLES["landlords"].c.id_number.is_not(None))
    refused = _push(hub, "workers", worker, {"id_number": landlord["id_number"]}, engineer)
    assert refused.status == "refused"
    assert refused.reason == registered_as([landlord["ref"]])
    assert _stored(hub, "workers", worker, "id_number") == worker["id_number"]
    head = _stored(hub, "households", {"id": worker["household_id"]}, "head_id_number")
    applied = _push(hub, "workers", worker, {"id_number": head}, engineer)
    assert applied.status == "applied"
    assert _stored(hub, "workers", worker, "id_number") == head


def test_a_pushed_landlord_id_held_by_a_head_or_tax_number_by_a_landlord_is_refused(
        hub, engineer, gaz):
    """A landlord's ID counts against the heads of other offices' households too, its tax
    number against other landlords' tax numbers; a record deleted since holds nothing."""
    landlords, households = TABLES["landlords"], TABLES["households"]
    landlord = _row(hub, "landlords", landlords.c.office_id == gaz)
    other = _row(hub, "households", households.c.office_id != gaz)
    taxed = _row(hub, "landlords", landlords.c.tax_number.is_not(None),
                 landlords.c.id != landlord["id"])
    for fields, holder in (({"id_number": other["head_id_number"]}, other["ref"]),
                           ({"tax_number": taxed["tax_number"]}, taxed["ref"])):
        outcome = _push(hub, "landlords", landlord, fields, engineer)
        assert (outcome.status, outcome.reason) == ("refused", registered_as([holder]))
    assert _row(hub, "landlords", landlords.c.id == landlord["id"]) == landlord
    with hub.write() as session:
        session.execute(update(households).where(households.c.id == other["id"]).values(
            deleted_at=clock.now()))
    applied = _push(hub, "landlords", landlord, {"id_number": other["head_id_number"]},
                    engineer)
    assert applied.status == "applied"
    assert _stored(hub, "landlords", landlord, "id_number") == other["head_id_number"]


def test_a_pushed_member_id_held_in_another_household_is_refused_its_heads_is_applied(
        hub, engineer, gaz):
    """A member's ID counts against the members and heads of other households, not against
    the head of its own (the head is also a member of the register)."""
    households = TABLES["households"]
    own = _row(hub, "households", households.c.office_id == gaz)
    elsewhere = _row(hub, "households", households.c.office_id != gaz)
    member = _member(hub, own, None)
    held = make_tckn("598765437")
    _member(hub, elsewhere, held)
    refused = _push(hub, "household_members", member, {"id_number": held}, engineer)
    assert (refused.status, refused.reason) == ("refused", registered_as([elsewhere["ref"]]))
    assert _stored(hub, "household_members", member, "id_number") is None
    applied = _push(hub, "household_members", member, {"id_number": own["head_id_number"]},
                    engineer)
    assert applied.status == "applied"
    assert _stored(hub, "household_members", member, "id_number") == own["head_id_number"]
