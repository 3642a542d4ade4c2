"""An ID number on two people: refused unless a supervisor confirms with a reason, audited."""

import pytest
from sqlalchemy import select

import case_inputs
from shelter_app.data.models import AuditEvent, Household
from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.domain.errors import InvalidInput, NeedsSupervisor, PermissionDenied
from shelter_app.services.cases.duplicate_ids import (
    SupervisorConfirmation,
    supervisor_confirmation,
)
from shelter_app.services.cases.households import register_household


def first_head_id(db) -> str:
    with db.read() as session:
        return session.scalar(select(Household.head_id_number).order_by(Household.ref).limit(1))


def test_a_confirmation_needs_a_reason_and_a_supervisor_every_problem_at_once(demo_db, engineer):
    with pytest.raises(InvalidInput) as missing:
        supervisor_confirmation(demo_db, engineer, "  ")
    assert [field for field, _ in missing.value.problems] == ["reason", "username"]
    with pytest.raises(InvalidInput) as wrong:
        supervisor_confirmation(demo_db, engineer, "same person", username="supervisor.gaz",
                                password="not it")
    assert [field for field, _ in wrong.value.problems] == ["password"]
    with pytest.raises(InvalidInput, match="not a supervisor") as engineer_only:
        supervisor_confirmation(demo_db, engineer, "same person", username="engineer.gaz",
                                password=DEMO_PASSWORD)
    assert engineer_only.value.field == "username"
    confirmed = supervisor_confirmation(demo_db, engineer, " same  person ",
                                        username="Supervisor.Gaz", password=DEMO_PASSWORD)
    assert confirmed.supervisor.username == "supervisor.gaz" and confirmed.reason == "same person"


def test_a_signed_in_supervisor_confirms_with_the_reason_alone(demo_db, supervisor):
    assert supervisor_confirmation(demo_db, supervisor, "same person").supervisor == supervisor


def test_a_confirmed_duplicate_is_saved_and_audited_with_reason_and_supervisor(demo_db,
                                                                              engineer):
    number = first_head_id(demo_db)
    data = case_inputs.household(id_number=number)
    with pytest.raises(NeedsSupervisor) as refused:
        register_household(demo_db, engineer, data, confirm=True)
    assert refused.value.field == "id_number"
    confirmation = supervisor_confirmation(demo_db, engineer, "moved out of her son's house",
                                           username="supervisor.gaz", password=DEMO_PASSWORD)
    ref = register_household(demo_db, engineer, data, supervisor=confirmation)
    with demo_db.read() as session:
        household = session.scalar(select(Household).where(Household.ref == ref))
        event = session.scalar(select(AuditEvent).where(AuditEvent.entity_id == household.id,
                                                        AuditEvent.action == "create"))
    assert household.head_id_number == number
    assert event.user_id == engineer.user_id
    assert "supervisor.gaz" in event.reason and "moved out of her son's house" in event.reason


def test_a_confirmation_in_an_engineers_name_is_refused(demo_db, engineer):
    forged = SupervisorConfirmation(engineer, "trust me")
    with pytest.raises(PermissionDenied):
        register_household(demo_db, engineer,
                           case_inputs.household(id_number=first_head_id(demo_db)),
                           supervisor=forged)
