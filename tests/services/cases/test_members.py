"""The household members register, and a worker picked from it."""

from datetime import date

import pytest
from sqlalchemy import select

import case_inputs
from shelter_app.data.models import HouseholdMember, Worker
from shelter_app.domain import clock
from shelter_app.domain.errors import (
    InvalidInput,
    NeedsConfirmation,
    NeedsSupervisor,
    ValidationError,
)
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.stages import PaymentMethod
from shelter_app.services.cases.members import (
    MemberInput,
    add_member,
    household_members,
    remove_member,
    update_member,
)
from shelter_app.services.cases.duplicate_ids import supervisor_confirmation
from shelter_app.services.cases.records import register_case
from shelter_app.services.labour.workers import WorkerInput, register_worker

SON_ID = make_tckn("512345678")


@pytest.fixture
def household(demo_db, engineer) -> str:
    return register_case(demo_db, engineer, case_inputs.household(), case_inputs.dwelling(),
                         case_inputs.landlord()).household


def son(**changes) -> MemberInput:
    values = dict(latin_name="Muhammed Halil", arabic_name="محمد خليل", sex="male",
                  birth_date=date(2000, 3, 4), relation="child", id_number=SON_ID)
    values.update(changes)
    return MemberInput(**values)


def test_members_are_listed_head_first_then_by_age(demo_db, engineer, household):
    add_member(demo_db, engineer, household, son())
    add_member(demo_db, engineer, household, son(
        latin_name="Zeynep Kılıç", arabic_name="", sex="female", birth_date=None, age="41",
        relation="head", id_number=case_inputs.HEAD_TCKN))
    rows = household_members(demo_db, engineer, household)
    assert [(r.latin_name, r.relation) for r in rows] == [("Zeynep Kılıç", "head"),
                                                          ("Muhammed Halil", "child")]
    head = rows[0]
    assert head.birth_date_estimated and head.age == 41
    assert head.as_input().age == "41" and head.as_input().birth_date is None
    assert rows[1].arabic_name == "محمد خليل" and rows[1].id_number == SON_ID


def test_every_problem_of_a_member_at_once_and_nothing_saved(demo_db, engineer, household):
    with pytest.raises(InvalidInput) as error:
        add_member(demo_db, engineer, household, MemberInput(
            latin_name="محمد", arabic_name="Halil", sex="", birth_date=None, age="200",
            relation="cousin", id_number="123"))
    assert [field for field, _ in error.value.problems] == [
        "latin_name", "arabic_name", "sex", "age", "relation", "id_number"]
    assert household_members(demo_db, engineer, household) == []


def test_an_id_of_another_household_needs_a_supervisor(demo_db, engineer, supervisor,
                                                       household):
    other = register_case(demo_db, engineer, case_inputs.household(
        id_number=make_tckn("612345678")), case_inputs.dwelling(street="Nar Sokak"),
        case_inputs.landlord(id_number=make_tckn("712345678"))).household
    add_member(demo_db, engineer, other, son())
    with pytest.raises(NeedsSupervisor) as refused:
        add_member(demo_db, engineer, household, son(), confirm=True)
    assert other in refused.value.message and refused.value.field == "id_number"
    confirmation = supervisor_confirmation(demo_db, supervisor, "lives in both households")
    add_member(demo_db, engineer, household, son(), supervisor=confirmation)
    with pytest.raises(ValidationError, match="another member of this household"):
        add_member(demo_db, engineer, household, son(latin_name="Ali"), confirm=True,
                   supervisor=confirmation)


def test_correct_and_remove_a_member(demo_db, engineer, household):
    member = add_member(demo_db, engineer, household, son())
    update_member(demo_db, engineer, member, son(latin_name="Muhammed Halil Kılıç"))
    assert household_members(demo_db, engineer, household)[0].latin_name == \
        "Muhammed Halil Kılıç"
    remove_member(demo_db, engineer, member)
    assert household_members(demo_db, engineer, household) == []
    with demo_db.read() as session:
        assert session.get(HouseholdMember, member).deleted_at is not None


def worker_of(household: str, member, **changes) -> WorkerInput:
    values = dict(household_ref=household, full_name="", id_number="", birth_date=None,
                  payment_method=PaymentMethod.PTT, member_id=member)
    values.update(changes)
    return WorkerInput(**values)


def test_a_worker_picked_from_the_members_takes_name_id_and_age_from_the_record(
        demo_db, engineer, household):
    member = add_member(demo_db, engineer, household, son())
    ref = register_worker(demo_db, engineer, worker_of(household, member))
    with demo_db.read() as session:
        worker = session.scalar(select(Worker).where(Worker.ref == ref))
    assert (worker.full_name, worker.id_number, worker.birth_date) == (
        "Muhammed Halil", SON_ID, date(2000, 3, 4))
    # a second worker of the same household is a warning to confirm
    daughter = add_member(demo_db, engineer, household, son(
        latin_name="Ayşe", sex="female", id_number=make_tckn("812345678")))
    with pytest.raises(NeedsConfirmation, match="one worker per household"):
        register_worker(demo_db, engineer, worker_of(household, daughter))


def test_an_under_age_member_is_refused_from_the_record(demo_db, engineer, household):
    young = clock.today().year - 16
    member = add_member(demo_db, engineer, household, son(birth_date=date(young, 1, 1)))
    with pytest.raises(InvalidInput) as error:  # what the form typed does not count
        register_worker(demo_db, engineer, worker_of(household, member,
                                                     birth_date=date(1990, 1, 1)))
    assert [field for field, _ in error.value.problems] == ["birth_date"]
    no_id = add_member(demo_db, engineer, household, son(latin_name="Ali", id_number=""))
    with pytest.raises(InvalidInput, match="no ID number"):
        register_worker(demo_db, engineer, worker_of(household, no_id))
