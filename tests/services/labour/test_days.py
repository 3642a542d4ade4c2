from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

import factories
import labour_factories as lf
from shelter_app.data.engine import Database
from shelter_app.data.models import Household, LabourEntry, Setting
from shelter_app.domain.cash_for_work import Rule
from shelter_app.domain.errors import PermissionDenied, ValidationError
from shelter_app.domain.stages import ProtectionStatus, Role, Stage
from shelter_app.services.labour import timesheets
from shelter_app.services.labour.days import DayChange, log_day, set_day, set_task, set_week
from shelter_app.services.labour.grid import week_grid

DAY = date(2026, 11, 10)


@pytest.fixture
def p(db: Database) -> lf.Programme:
    return lf.programme(db)


def entries(db: Database) -> list[tuple[object, date, Decimal, str | None]]:
    with db.read() as session:
        return [tuple(row) for row in session.execute(
            select(LabourEntry.worker_id, LabourEntry.work_date, LabourEntry.portion,
                   LabourEntry.override_reason)
            .where(LabourEntry.deleted_at.is_(None)).order_by(LabourEntry.work_date))]


def refused(field: str, call, *args, **kwargs) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        call(*args, **kwargs)
    assert error.value.field == field, error.value.message
    return error.value


def test_log_a_day_and_see_it_in_the_grid(p: lf.Programme) -> None:
    worker = lf.worker(p)
    result = set_day(p.db, p.engineer, p.site.ref, worker, DAY, "full", task="Sıva tamiri",
                     today=lf.TODAY)
    assert result.saved == 1 and not result.warnings
    grid = week_grid(p.db, p.engineer, p.site.ref, DAY)
    assert grid.days[0] == lf.MONDAY and [w.id for w in grid.workers] == [worker]
    cell = grid.cell(worker, DAY)
    assert cell.portion == Decimal("1.0") and cell.task == "Sıva tamiri"
    assert cell.recorded_by == p.engineer.full_name
    set_day(p.db, p.engineer, p.site.ref, worker, DAY, "half", today=lf.TODAY)
    assert week_grid(p.db, p.engineer, p.site.ref, DAY).cell(worker, DAY).portion == \
        Decimal("0.5")
    set_day(p.db, p.engineer, p.site.ref, worker, DAY, "absent", today=lf.TODAY)
    assert entries(p.db) == []


def test_future_day_is_refused(p: lf.Programme) -> None:
    worker = lf.worker(p)
    error = refused("work_date", set_day, p.db, p.engineer, p.site.ref, worker,
                    lf.TODAY + timedelta(days=1), "full", today=lf.TODAY)
    assert "in the future" in error.message and entries(p.db) == []


def test_two_halves_and_a_full_day_on_one_date(p: lf.Programme) -> None:
    worker = lf.worker(p)
    log_day(p.db, p.engineer, p.site.ref, worker, DAY, "half", task="Boya", today=lf.TODAY)
    log_day(p.db, p.engineer, p.site.ref, worker, DAY, "half", task="Sıva", today=lf.TODAY)
    error = refused("portion", log_day, p.db, p.engineer, p.site.ref, worker, DAY, "full",
                    today=lf.TODAY)
    assert "at most one full day" in error.message
    assert [portion for _, _, portion, _ in entries(p.db)] == [Decimal("0.5")] * 2
    cell = week_grid(p.db, p.engineer, p.site.ref, DAY).cell(worker, DAY)
    assert cell.portion == Decimal("1.0") and cell.task == "Boya / Sıva"


def test_two_sites_on_the_same_day_are_refused(p: lf.Programme) -> None:
    worker = lf.worker(p)
    second, _ = lf.other_site(p)
    set_day(p.db, p.engineer, p.site.ref, worker, DAY, "half", today=lf.TODAY)
    error = refused("site", set_day, p.db, p.engineer, second.ref, worker, DAY, "half",
                    override_reason="neighbour's roof", today=lf.TODAY)
    assert p.site.ref in error.message and len(entries(p.db)) == 1


def test_another_households_dwelling_needs_a_reason(p: lf.Programme) -> None:
    worker = lf.worker(p)
    second, _ = lf.other_site(p)
    warned = set_day(p.db, p.engineer, second.ref, worker, DAY, "full", today=lf.TODAY)
    assert warned.needs_reason and [w.rule for w in warned.warnings] == [Rule.OWN_DWELLING]
    assert entries(p.db) == []
    done = set_day(p.db, p.engineer, second.ref, worker, DAY, "full",
                   override_reason="Helps his uncle", today=lf.TODAY)
    assert done.saved == 1
    assert entries(p.db)[0][3] == "Helps his uncle"


def test_a_worker_under_age_on_the_day_is_refused(p: lf.Programme) -> None:
    worker = lf.worker(p, birth_date=date(2008, 11, 15))  # 18 on TODAY, 17 on DAY
    error = refused("worker", set_day, p.db, p.engineer, p.site.ref, worker, DAY, "full",
                    today=lf.TODAY)
    assert "is 17" in error.message and entries(p.db) == []
    assert set_day(p.db, p.engineer, p.site.ref, worker, date(2026, 11, 16), "full",
                   today=lf.TODAY).saved == 1


def test_an_expired_work_permit_is_a_warning_that_needs_a_reason(p: lf.Programme) -> None:
    with p.db.write() as session:
        session.scalar(select(Household).where(Household.ref == p.household_ref)
                       ).protection_status = ProtectionStatus.TEMPORARY
    worker = lf.worker(p, work_permit_number="WP-7", work_permit_expiry=date(2026, 11, 5))
    warned = set_day(p.db, p.engineer, p.site.ref, worker, DAY, "full", today=lf.TODAY)
    assert warned.needs_reason and warned.saved == 0
    assert [w.rule for w in warned.warnings] == [Rule.WORK_PERMIT]
    assert "expired on 05.11.2026" in warned.warnings[0].message
    assert entries(p.db) == []
    blank = set_day(p.db, p.engineer, p.site.ref, worker, DAY, "full", override_reason="  ",
                    today=lf.TODAY)
    assert blank.needs_reason and entries(p.db) == []
    done = set_day(p.db, p.engineer, p.site.ref, worker, DAY, "full",
                   override_reason="Renewal filed, receipt seen", today=lf.TODAY)
    assert done.saved == 1 and done.warnings
    assert entries(p.db)[0][3] == "Renewal filed, receipt seen"
    valid_day = set_day(p.db, p.engineer, p.site.ref, worker, date(2026, 11, 4), "full",
                        today=lf.TODAY)
    assert valid_day.saved == 1 and entries(p.db)[0][3] is None


def test_one_worker_per_household_at_a_time(p: lf.Programme) -> None:
    first, second = lf.worker(p), lf.worker(p)
    set_day(p.db, p.engineer, p.site.ref, first, DAY, "full", today=lf.TODAY)
    warned = set_day(p.db, p.engineer, p.site.ref, second, DAY + timedelta(days=1), "full",
                     today=lf.TODAY)
    assert [w.rule for w in warned.warnings] == [Rule.HOUSEHOLD]
    assert "one worker per household" in warned.warnings[0].message
    assert len(entries(p.db)) == 1
    next_month = set_day(p.db, p.engineer, p.site.ref, second, date(2026, 12, 1), "full",
                         today=date(2026, 12, 2))
    assert next_month.saved == 1


def test_month_cap(p: lf.Programme) -> None:
    worker = lf.worker(p)
    today = date(2026, 11, 30)
    month = [DayChange(worker, date(2026, 11, d), "full") for d in range(1, 21)]
    assert set_week(p.db, p.engineer, p.site.ref, month, today=today).saved == 20
    error = refused("portion", set_day, p.db, p.engineer, p.site.ref, worker,
                    date(2026, 11, 21), "half", today=today)
    assert "limit in 11.2026: days 20.5, limit 20" in error.message
    set_day(p.db, p.engineer, p.site.ref, worker, date(2026, 11, 20), "half", today=today)
    assert set_day(p.db, p.engineer, p.site.ref, worker, date(2026, 11, 21), "half",
                   today=today).saved == 1


def test_year_cap_is_a_dated_setting(p: lf.Programme) -> None:
    worker = lf.worker(p)
    with p.db.write() as session:
        session.add(Setting(key="cfw.max_days_per_year", value="2",
                            valid_from=date(2026, 11, 1)))
    set_day(p.db, p.engineer, p.site.ref, worker, date(2026, 10, 30), "full", today=lf.TODAY)
    set_day(p.db, p.engineer, p.site.ref, worker, date(2026, 11, 2), "full", today=lf.TODAY)
    error = refused("portion", set_day, p.db, p.engineer, p.site.ref, worker,
                    date(2026, 11, 3), "full", today=lf.TODAY)
    assert "programme year" in error.message and len(entries(p.db)) == 2


def test_a_week_is_saved_whole_or_not_at_all(p: lf.Programme) -> None:
    worker = lf.worker(p)
    week = [DayChange(worker, lf.MONDAY + timedelta(days=n), "full") for n in range(7)]
    week.append(DayChange(worker, lf.TODAY + timedelta(days=3), "full"))
    refused("work_date", set_week, p.db, p.engineer, p.site.ref, week, today=lf.TODAY)
    assert entries(p.db) == []
    assert set_week(p.db, p.engineer, p.site.ref, week[:7], today=lf.TODAY).saved == 7


@pytest.mark.parametrize("decide", ["submit", "approve"])
def test_a_locked_timesheet_refuses_every_change(p: lf.Programme, decide: str) -> None:
    worker = lf.worker(p)
    set_day(p.db, p.engineer, p.site.ref, worker, DAY, "full", task="Boya", today=lf.TODAY)
    (row,) = timesheets.submit_week(p.db, p.engineer, p.site.ref, DAY)
    if decide == "approve":
        timesheets.approve(p.db, p.supervisor, row.id)
    before = entries(p.db)
    error = refused("timesheet", set_day, p.db, p.engineer, p.site.ref, worker, DAY, "half",
                    today=lf.TODAY)
    assert row.ref in error.message
    refused("timesheet", set_day, p.db, p.engineer, p.site.ref, worker,
            DAY + timedelta(days=1), "full", today=lf.TODAY)
    refused("timesheet", log_day, p.db, p.engineer, p.site.ref, worker, DAY, "half",
            today=lf.TODAY)
    refused("timesheet", set_task, p.db, p.engineer, p.site.ref, worker, DAY, "Sıva")
    assert entries(p.db) == before
    grid = week_grid(p.db, p.engineer, p.site.ref, DAY)
    assert set(grid.locks) == set(grid.days)


def test_labour_needs_works_in_progress(db: Database) -> None:
    p = lf.programme(db)
    office = p.office
    early = factories.dwelling(db, office, stage=Stage.BOQ_APPROVED)
    worker = lf.worker(p)
    error = refused("site", set_day, db, p.engineer, early.ref, worker, DAY, "full",
                    today=lf.TODAY)
    assert "works are in progress" in error.message


def test_roles_and_offices(p: lf.Programme) -> None:
    worker = lf.worker(p)
    admin = lf.user(p.db, None, "admin", Role.ADMIN)
    with pytest.raises(PermissionDenied):
        set_day(p.db, admin, p.site.ref, worker, DAY, "full", today=lf.TODAY)
    other = lf.programme(p.db, "ANK")
    with pytest.raises(PermissionDenied):
        set_day(p.db, other.engineer, p.site.ref, worker, DAY, "full", today=lf.TODAY)
    with p.db.read() as session:
        assert session.scalar(select(func.count(LabourEntry.id))) == 0


def test_changes_are_audited_with_the_recorder(p: lf.Programme) -> None:
    from shelter_app.data.models import AuditEvent

    worker = lf.worker(p)
    set_day(p.db, p.engineer, p.site.ref, worker, DAY, "full", today=lf.TODAY)
    set_day(p.db, p.engineer, p.site.ref, worker, DAY, "half", today=lf.TODAY)
    with p.db.read() as session:
        events = session.execute(select(AuditEvent.action, AuditEvent.user_id, AuditEvent.changes)
                                 .where(AuditEvent.entity == "labour_entries")
                                 .order_by(AuditEvent.created_at)).all()
    assert [e.action for e in events] == ["create", "update"]
    assert {e.user_id for e in events} == {p.engineer.user_id}
    assert events[1].changes["portion"] == ["1.0", "0.5"]


def test_labour_only_from_the_signing_to_the_completion(db: Database) -> None:
    from shelter_app.data.models import Assessment, LeaseAgreement

    p = lf.programme(db)
    worker = lf.worker(p)
    with db.write() as session:  # signed on 5 November, works found complete on 18 November
        session.execute(LeaseAgreement.__table__.update().values(signed_on=date(2026, 11, 5)))
        session.add(Assessment(dwelling_id=p.site.id, assessed_on=date(2026, 11, 18),
                               is_final=True, eligible=True))
    before = refused("work_date", set_day, db, p.engineer, p.site.ref, worker,
                     date(2026, 11, 4), "full", today=lf.TODAY)
    assert "before the agreement" in before.message and "05.11.2026" in before.message
    after = refused("work_date", set_day, db, p.engineer, p.site.ref, worker,
                    date(2026, 11, 19), "full", today=lf.TODAY)
    assert "after the works" in after.message and entries(db) == []
    set_day(db, p.engineer, p.site.ref, worker, date(2026, 11, 5), "full", today=lf.TODAY)
    set_day(db, p.engineer, p.site.ref, worker, date(2026, 11, 18), "half", today=lf.TODAY)
    assert [day for _, day, _, _ in entries(db)] == [date(2026, 11, 5), date(2026, 11, 18)]
