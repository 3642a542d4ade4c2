from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

import labour_factories as lf
from shelter_app.data.engine import Database
from shelter_app.data.models import Household, Worker
from shelter_app.domain.errors import (
    InvalidInput,
    NeedsConfirmation,
    NeedsSupervisor,
    PermissionDenied,
    ValidationError,
)
from shelter_app.domain.ids import make_ykn
from shelter_app.domain.stages import PaymentMethod, ProtectionStatus, Role
from shelter_app.services.cases.duplicate_ids import supervisor_confirmation
from shelter_app.services.labour.workers import (
    household_workers,
    register_worker,
    update_worker,
    worker_view,
)


@pytest.fixture
def p(db: Database) -> lf.Programme:
    return lf.programme(db)


def count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count(Worker.id))) or 0


def test_register_and_read_back(p: lf.Programme) -> None:
    data = lf.worker_input(p.household_ref, full_name="  Şükrü  İğdeli ",
                           iban="tr33 0006 1005 1978 6457 8413 26", skills="painting, tiling")
    ref = register_worker(p.db, p.engineer, data, today=lf.TODAY)
    assert ref == "GAZ-W-000001"
    view = worker_view(p.db, p.engineer, ref)
    assert view.full_name == "Şükrü İğdeli"
    assert view.iban == "TR33 0006 1005 1978 6457 8413 26"
    assert view.skills == ("painting", "tiling")
    assert [w.ref for w in household_workers(p.db, p.engineer, p.household_ref)] == [ref]


@pytest.mark.parametrize(("change", "field"), [
    ({"id_number": "12345678901"}, "id_number"),
    ({"full_name": " "}, "full_name"),
    ({"birth_date": None}, "birth_date"),
    ({"birth_date": date(2027, 1, 1)}, "birth_date"),
    ({"birth_date": date(2010, 1, 1)}, "birth_date"),  # 16: under age
    ({"iban": "TR00 1234"}, "iban"),
    ({"payment_method": "cash"}, "payment_method"),
    ({"work_permit_number": "WP-1", "work_permit_expiry": None}, "work_permit_expiry"),
])
def test_bad_input_is_refused_at_its_field(p: lf.Programme, change: dict[str, object],
                                           field: str) -> None:
    with pytest.raises(ValidationError) as error:
        register_worker(p.db, p.engineer, lf.worker_input(p.household_ref, **change),
                        today=lf.TODAY)
    assert error.value.field == field and error.value.message
    assert count(p.db) == 0


def test_every_problem_of_the_worker_form_at_once(p: lf.Programme) -> None:
    with pytest.raises(InvalidInput) as error:
        register_worker(p.db, p.engineer, lf.worker_input(
            "GAZ-H-999999", full_name="", id_number="123", birth_date=None, iban="TR00"),
            today=lf.TODAY)
    assert [field for field, _ in error.value.problems] == [
        "household_ref", "full_name", "id_number", "birth_date", "iban"]
    assert count(p.db) == 0


def test_under_age_message_says_the_age(p: lf.Programme) -> None:
    with pytest.raises(ValidationError, match="is 17; cash-for-work workers must be at least "
                                              "18"):
        register_worker(p.db, p.engineer,
                        lf.worker_input(p.household_ref, birth_date=date(2009, 1, 1)),
                        today=lf.TODAY)


def test_ptt_needs_no_iban(p: lf.Programme) -> None:
    ref = register_worker(p.db, p.engineer, lf.worker_input(
        p.household_ref, payment_method=PaymentMethod.PTT, iban="not an iban"), today=lf.TODAY)
    assert worker_view(p.db, p.engineer, ref).iban == ""


def test_same_id_on_two_workers_is_refused(p: lf.Programme) -> None:
    data = lf.worker_input(p.household_ref)
    register_worker(p.db, p.engineer, data, today=lf.TODAY)
    twin = lf.worker_input(p.household_ref, id_number=data.id_number)
    with pytest.raises(ValidationError, match="already registered as worker GAZ-W-000001") as e:
        register_worker(p.db, p.engineer, twin, confirm=True, today=lf.TODAY)
    assert e.value.field == "id_number" and count(p.db) == 1


def test_a_foreign_head_id_needs_a_supervisor_and_a_shared_iban_is_a_warning(
        p: lf.Programme) -> None:
    first = lf.worker_input(p.household_ref)
    register_worker(p.db, p.engineer, first, today=lf.TODAY)
    _, other_household = lf.other_site(p)
    with p.db.read() as session:
        head_id = session.scalar(select(Household.head_id_number).where(
            Household.ref == other_household))
    second = lf.worker_input(p.household_ref, iban=first.iban, id_number=head_id)
    with pytest.raises(NeedsSupervisor) as refused:
        register_worker(p.db, p.engineer, second, confirm=True, today=lf.TODAY)
    assert [field for field, _ in refused.value.duplicates] == ["id_number"]
    assert other_household in refused.value.message
    # "member": a second worker of the household (one per household at a time)
    assert {field for field, _ in refused.value.warnings} == {"iban", "member"}
    assert count(p.db) == 1
    confirmation = supervisor_confirmation(p.db, p.supervisor, "the head works for us")
    with pytest.raises(NeedsConfirmation):
        register_worker(p.db, p.engineer, second, today=lf.TODAY, supervisor=confirmation)
    register_worker(p.db, p.engineer, second, confirm=True, today=lf.TODAY,
                    supervisor=confirmation)
    assert count(p.db) == 2


def test_own_household_head_may_be_the_worker(p: lf.Programme) -> None:
    with p.db.read() as session:
        head_id = session.scalar(select(Household.head_id_number).where(
            Household.ref == p.household_ref))
    register_worker(p.db, p.engineer, lf.worker_input(p.household_ref, id_number=head_id),
                    today=lf.TODAY)
    assert count(p.db) == 1


def test_temporary_protection_without_permit_is_a_warning(p: lf.Programme) -> None:
    with p.db.write() as session:
        session.scalar(select(Household).where(Household.ref == p.household_ref)
                       ).protection_status = ProtectionStatus.TEMPORARY
    data = lf.worker_input(p.household_ref, id_number=make_ykn("1234567"))
    with pytest.raises(NeedsConfirmation) as warned:
        register_worker(p.db, p.engineer, data, today=lf.TODAY)
    assert [field for field, _ in warned.value.warnings] == ["work_permit_number"]
    expired = replace(data, work_permit_number="WP-42", work_permit_expiry=date(2026, 1, 1))
    with pytest.raises(NeedsConfirmation) as warned:
        register_worker(p.db, p.engineer, expired, today=lf.TODAY)
    assert [field for field, _ in warned.value.warnings] == ["work_permit_expiry"]
    valid = replace(expired, work_permit_expiry=date(2027, 6, 30))
    ref = register_worker(p.db, p.engineer, valid, today=lf.TODAY)
    assert worker_view(p.db, p.engineer, ref).work_permit_number == "WP-42"


def test_update_records_a_renewed_permit(p: lf.Programme) -> None:
    data = lf.worker_input(p.household_ref, work_permit_number="WP-1",
                           work_permit_expiry=date(2026, 12, 31))
    ref = register_worker(p.db, p.engineer, data, today=lf.TODAY)
    update_worker(p.db, p.engineer, ref, replace(data, work_permit_expiry=date(2027, 12, 31)),
                  today=lf.TODAY)
    assert worker_view(p.db, p.engineer, ref).work_permit_expiry == date(2027, 12, 31)


def test_permissions_and_office_scope(p: lf.Programme) -> None:
    admin = lf.user(p.db, None, "admin", Role.ADMIN)
    with pytest.raises(PermissionDenied):
        register_worker(p.db, admin, lf.worker_input(p.household_ref), today=lf.TODAY)
    other = lf.programme(p.db, "ANK")
    with pytest.raises(PermissionDenied):
        register_worker(p.db, other.engineer, lf.worker_input(p.household_ref), today=lf.TODAY)
    assert count(p.db) == 0


def test_ids_are_masked_for_a_role_that_may_not_see_them(p: lf.Programme) -> None:
    ref = register_worker(p.db, p.engineer, lf.worker_input(p.household_ref), today=lf.TODAY)
    admin = lf.user(p.db, None, "admin", Role.ADMIN)
    view = worker_view(p.db, admin, ref)
    assert "*" in view.id_number and "*" in view.iban
