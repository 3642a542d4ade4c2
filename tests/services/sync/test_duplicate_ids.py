"""An ID number registered offline on two laptops: the server applies the forms' rule to pushed
changes, so the second is refused with the record that has it, unless a supervisor confirmed
it on the laptop (the confirmation travels with the write's ops)."""

import pytest
from sqlalchemy import select, update

import case_inputs
from shelter_app.data.base import CONFIRMED_BY
from shelter_app.data.models import Household, OutboxOp
from shelter_app.domain.errors import NeedsSupervisor
from shelter_app.domain.ids import make_tckn
from shelter_app.services.cases.duplicate_ids import SupervisorConfirmation
from shelter_app.services.cases.households import register_household
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
