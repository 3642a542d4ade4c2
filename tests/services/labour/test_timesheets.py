from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

import labour_factories as lf
from shelter_app.data.engine import Database
from shelter_app.data.models import AuditEvent, Household, LabourEntry, Timesheet
from shelter_app.domain.errors import PermissionDenied, UserError, ValidationError
from shelter_app.domain.stages import ApprovalStatus, BatchStatus
from shelter_app.services.labour import payments
from shelter_app.services.labour import timesheets as ts
from shelter_app.services.labour.days import DayChange, set_day, set_week

EARLY = "Paid before the month ends: the programme closes on 28 November."


@pytest.fixture
def p(db: Database) -> lf.Programme:
    return lf.programme(db)


def log_week(p: lf.Programme, worker: object, monday: date = lf.MONDAY, days: int = 5) -> None:
    set_week(p.db, p.engineer, p.site.ref,
             [DayChange(worker, monday + timedelta(days=n), "full") for n in range(days)],
             today=lf.TODAY)


def status(db: Database, timesheet_id: object) -> ApprovalStatus:
    with db.read() as session:
        return session.get(Timesheet, timesheet_id).status


def test_submit_approve(p: lf.Programme) -> None:
    worker = lf.worker(p)
    log_week(p, worker)
    (row,) = ts.submit_week(p.db, p.engineer, p.site.ref, lf.MONDAY)
    assert row.ref == f"{p.site.ref}-T01" and row.status is ApprovalStatus.SUBMITTED
    assert (row.period_start, row.period_end) == (lf.MONDAY, lf.MONDAY + timedelta(days=6))
    assert row.days == Decimal(5) and row.workers == 1
    assert row.submitted_by == p.engineer.full_name
    with pytest.raises(PermissionDenied):
        ts.approve(p.db, p.engineer, row.id)
    assert status(p.db, row.id) is ApprovalStatus.SUBMITTED
    approved = ts.approve(p.db, p.supervisor, row.id)
    assert approved.status is ApprovalStatus.APPROVED
    assert approved.decided_by == p.supervisor.full_name


def test_a_week_across_two_months_makes_two_timesheets(p: lf.Programme) -> None:
    worker = lf.worker(p)
    log_week(p, worker, date(2026, 10, 26), days=7)  # Mon 26 Oct .. Sun 1 Nov
    rows = ts.submit_week(p.db, p.engineer, p.site.ref, date(2026, 10, 28))
    assert [(r.period_start, r.period_end, r.days) for r in rows] == [
        (date(2026, 10, 26), date(2026, 10, 31), Decimal(6)),
        (date(2026, 11, 1), date(2026, 11, 1), Decimal(1))]


def test_return_needs_a_reason_and_reopens_editing(p: lf.Programme) -> None:
    worker = lf.worker(p)
    log_week(p, worker)
    (row,) = ts.submit_week(p.db, p.engineer, p.site.ref, lf.MONDAY)
    with pytest.raises(ValidationError) as error:
        ts.return_timesheet(p.db, p.supervisor, row.id, "  ")
    assert error.value.field == "reason"
    assert status(p.db, row.id) is ApprovalStatus.SUBMITTED
    returned = ts.return_timesheet(p.db, p.supervisor, row.id, "Cuma günü yarım gün olmalı")
    assert returned.status is ApprovalStatus.RETURNED
    assert returned.return_reason == "Cuma günü yarım gün olmalı"
    set_day(p.db, p.engineer, p.site.ref, worker, lf.MONDAY + timedelta(days=4), "half",
            today=lf.TODAY)
    again = ts.submit(p.db, p.engineer, row.id)
    assert again.status is ApprovalStatus.SUBMITTED and again.days == Decimal("4.5")


def test_supervisor_cannot_approve_their_own_submission(p: lf.Programme) -> None:
    worker = lf.worker(p)
    log_week(p, worker)
    (row,) = ts.submit_week(p.db, p.supervisor, p.site.ref, lf.MONDAY)
    with pytest.raises(PermissionDenied, match="another supervisor"):
        ts.approve(p.db, p.supervisor, row.id)
    assert ts.approve(p.db, p.supervisor2, row.id).status is ApprovalStatus.APPROVED


def test_wrong_transitions_are_refused(p: lf.Programme) -> None:
    worker = lf.worker(p)
    log_week(p, worker)
    draft = ts.create_timesheet(p.db, p.engineer, p.site.ref, lf.MONDAY,
                                lf.MONDAY + timedelta(days=6))
    assert draft.days == Decimal(5)  # the days logged before it joined it
    with pytest.raises(UserError, match="not submitted"):
        ts.approve(p.db, p.supervisor, draft.id)
    with pytest.raises(UserError, match="only an approved"):
        ts.reopen(p.db, p.supervisor, draft.id, "why not")
    empty = ts.create_timesheet(p.db, p.engineer, p.site.ref, date(2026, 11, 2),
                                date(2026, 11, 8))
    with pytest.raises(UserError, match="no days logged"):
        ts.submit(p.db, p.engineer, empty.id)


def test_periods_stay_in_one_month_and_never_overlap(p: lf.Programme) -> None:
    with pytest.raises(ValidationError) as error:
        ts.create_timesheet(p.db, p.engineer, p.site.ref, date(2026, 10, 26),
                            date(2026, 11, 1))
    assert error.value.field == "period_end"
    ts.create_timesheet(p.db, p.engineer, p.site.ref, lf.MONDAY, lf.MONDAY + timedelta(6))
    with pytest.raises(ValidationError, match="already covers"):
        ts.create_timesheet(p.db, p.engineer, p.site.ref, lf.MONDAY + timedelta(6),
                            lf.MONDAY + timedelta(8))


def _move_day(p: lf.Programme, site_id: object, day: date, timesheet_id: object) -> None:
    """Put the site's entry of `day` into `timesheet_id` behind the services' back, as a row
    written before the rule may be."""
    with p.db.write() as session:
        entry = session.scalar(select(LabourEntry).where(LabourEntry.dwelling_id == site_id,
                                                         LabourEntry.work_date == day))
        entry.timesheet_id = timesheet_id


def _days_of(p: lf.Programme, timesheet_id: object) -> list[tuple[object, date]]:
    with p.db.read() as session:
        return sorted(session.execute(select(LabourEntry.dwelling_id, LabourEntry.work_date)
                                      .where(LabourEntry.timesheet_id == timesheet_id)).all())


def test_a_timesheet_holding_another_sites_day_is_neither_submitted_nor_approved(
        p: lf.Programme) -> None:
    """Payment sums read a day through its timesheet: one of another site would be paid as
    this site's labour, so it is refused, naming the day, the site and the fix."""
    log_week(p, lf.worker(p))
    other, household = lf.other_site(p)
    set_day(p.db, p.engineer, other.ref, lf.worker(p, household), lf.MONDAY + timedelta(2),
            "full", today=lf.TODAY)
    draft = ts.create_timesheet(p.db, p.engineer, p.site.ref, lf.MONDAY,
                                lf.MONDAY + timedelta(6))
    _move_day(p, other.id, lf.MONDAY + timedelta(2), draft.id)
    held = _days_of(p, draft.id)
    with pytest.raises(ValidationError) as error:
        ts.submit(p.db, p.engineer, draft.id)
    assert error.value.field == "timesheet_id"
    assert f"was logged on {other.ref}, so it cannot be in timesheet {draft.ref}" in \
        error.value.message and "11.11.2026" in error.value.message
    assert status(p.db, draft.id) is ApprovalStatus.DRAFT and _days_of(p, draft.id) == held

    _move_day(p, other.id, lf.MONDAY + timedelta(2), None)
    submitted = ts.submit(p.db, p.engineer, draft.id)
    assert submitted.days == Decimal(5)
    _move_day(p, other.id, lf.MONDAY + timedelta(2), draft.id)  # synced in since
    with pytest.raises(ValidationError, match=f"cannot be in timesheet {draft.ref}"):
        ts.approve(p.db, p.supervisor, draft.id)
    assert status(p.db, draft.id) is ApprovalStatus.SUBMITTED


def test_a_timesheet_holding_a_day_outside_its_period_is_not_submitted(
        p: lf.Programme) -> None:
    worker = lf.worker(p)
    log_week(p, worker)
    log_week(p, worker, date(2026, 11, 2), days=1)
    draft = ts.create_timesheet(p.db, p.engineer, p.site.ref, lf.MONDAY,
                                lf.MONDAY + timedelta(6))
    _move_day(p, p.site.id, date(2026, 11, 2), draft.id)
    with pytest.raises(ValidationError) as error:
        ts.submit(p.db, p.engineer, draft.id)
    assert error.value.field == "timesheet_id"
    assert f"02.11.2026 is outside timesheet {draft.ref} (09.11.2026 – 15.11.2026)" in \
        error.value.message
    assert status(p.db, draft.id) is ApprovalStatus.DRAFT


def test_reopen_is_a_supervisors_action_recorded_with_its_reason(p: lf.Programme) -> None:
    worker = lf.worker(p)
    log_week(p, worker)
    (row,) = ts.submit_week(p.db, p.engineer, p.site.ref, lf.MONDAY)
    ts.approve(p.db, p.supervisor, row.id)
    with pytest.raises(PermissionDenied):
        ts.reopen(p.db, p.engineer, row.id, "typo")
    with pytest.raises(ValidationError):
        ts.reopen(p.db, p.supervisor, row.id, "")
    assert status(p.db, row.id) is ApprovalStatus.APPROVED
    reopened = ts.reopen(p.db, p.supervisor, row.id, "Perşembe işçi gelmemiş")
    assert reopened.status is ApprovalStatus.RETURNED
    with p.db.read() as session:
        event = session.scalar(select(AuditEvent).where(
            AuditEvent.entity == "timesheets", AuditEvent.entity_id == row.id,
            AuditEvent.reason.is_not(None)))
    assert event.reason == "Perşembe işçi gelmemiş"
    assert event.user_id == p.supervisor.user_id
    assert event.changes["status"] == ["approved", "returned"]
    set_day(p.db, p.engineer, p.site.ref, worker, lf.MONDAY + timedelta(days=3), "absent",
            today=lf.TODAY)
    with p.db.read() as session:
        assert session.query(LabourEntry).filter(LabourEntry.deleted_at.is_(None)).count() == 4


def test_reopen_takes_the_timesheet_out_of_a_draft_batch_but_not_an_exported_one(
        p: lf.Programme, tmp_path) -> None:  # type: ignore[no-untyped-def]
    worker = lf.worker(p)
    log_week(p, worker)
    log_week(p, worker, date(2026, 11, 2))
    rows = [*ts.submit_week(p.db, p.engineer, p.site.ref, lf.MONDAY),
            *ts.submit_week(p.db, p.engineer, p.site.ref, date(2026, 11, 2))]
    for row in rows:
        ts.approve(p.db, p.supervisor, row.id)
    (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    assert batch.total == Decimal("11010.00") and batch.timesheets == 2
    ts.reopen(p.db, p.supervisor, rows[0].id, "Yanlış hafta")
    (after,) = payments.list_batches(p.db, p.supervisor, "2026-11")
    assert after.total == Decimal("5505.00") and after.timesheets == 1
    payments.export_payments(p.db, p.supervisor, [batch.id], tmp_path / "p.xlsx")
    with pytest.raises(UserError, match="went to finance"):
        ts.reopen(p.db, p.supervisor, rows[1].id, "too late")
    assert status(p.db, rows[1].id) is ApprovalStatus.APPROVED
    assert payments.list_batches(p.db, p.supervisor)[0].status is BatchStatus.EXPORTED


def test_list_and_find(p: lf.Programme) -> None:
    worker = lf.worker(p)
    log_week(p, worker)
    (row,) = ts.submit_week(p.db, p.engineer, p.site.ref, lf.MONDAY)
    assert [r.id for r in ts.list_timesheets(p.db, p.engineer)] == [row.id]
    assert ts.list_timesheets(p.db, p.engineer, status=ApprovalStatus.APPROVED) == []
    with p.db.write() as session:
        session.scalar(select(Household).where(Household.ref == p.household_ref)
                       ).search_key = "ayse yilmaz"
    assert [r.id for r in ts.list_timesheets(p.db, p.engineer, text="AYŞE")] == [row.id]
    assert [r.id for r in ts.list_timesheets(p.db, p.engineer, text=row.ref[:8])] == [row.id]
    assert ts.list_timesheets(p.db, p.engineer, text="nobody") == []
    assert ts.find_timesheet(p.db, p.engineer, row.ref.lower()) == row.id
    other = lf.programme(p.db, "ANK")
    assert ts.list_timesheets(p.db, other.engineer) == []
    with pytest.raises(PermissionDenied):
        ts.find_timesheet(p.db, other.engineer, row.ref)
