"""Dates inside rule and service messages follow the interface (the hook the UI installs with
`install_formats`); dates inside text the database keeps stay in one notation."""

import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from agreement_cases import approved_dwelling, terms
from PIL import Image
from sqlalchemy import select

import labour_factories as lf
import factories
from shelter_app.data.models import Household
from shelter_app.domain import i18n
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import FULL, DayFacts, Policy, check_day
from shelter_app.domain.errors import NeedsConfirmation, UserError, ValidationError
from shelter_app.domain.fields import past_date
from shelter_app.domain.ids import make_ykn
from shelter_app.domain.lease import LeasePolicy, check_terms
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, ProtectionStatus
from shelter_app.services.agreements import agreements
from shelter_app.services.labour import timesheets
from shelter_app.services.agreements.lookup import agreement_view
from shelter_app.services.labour.days import lock_message
from shelter_app.services.agreements.monitoring import VisitInput, record_visit
from shelter_app.services.privacy.people import record_consent
from shelter_app.services.labour.workers import register_worker

#: how the fixed notation writes a day: what no interface-dependent message may contain
FIXED_DAY = re.compile(r"\d\d\.\d\d\.\d{4}")


@pytest.fixture
def marked() -> None:
    """Days in messages as "<2026/11/25>", so a day written any other way shows."""
    i18n.install_formats(None, None, lambda day: f"<{day:%Y/%m/%d}>")


def interface_dated(message: str, *days: date) -> bool:
    return all(f"<{day:%Y/%m/%d}>" in message for day in days) and not FIXED_DAY.search(message)


def test_without_an_interface_days_read_as_on_the_documents() -> None:
    assert i18n.date_text(date(2026, 11, 25)) == "25.11.2026"
    with pytest.raises(ValidationError) as refused:
        past_date(date(2026, 11, 26), field="visited_on", label="visit date",
                  today=date(2026, 11, 25))
    assert "26.11.2026" in refused.value.message


def test_rule_messages_write_days_as_the_interface_does(marked) -> None:
    with pytest.raises(ValidationError) as future:
        past_date(date(2026, 11, 26), field="f", label="visit date", today=date(2026, 11, 25))
    assert interface_dated(future.value.message, date(2026, 11, 26))
    with pytest.raises(ValidationError) as early:
        past_date(date(1999, 5, 1), field="f", label="visit date", today=date(2026, 11, 25))
    assert interface_dated(early.value.message, date(1999, 5, 1), date(2000, 1, 1))

    values = dict(term_months="12", start_date=date(2026, 1, 1), monthly_rent="7500",
                  rent_free_months="0", deposit="0", payment_day="5", payment_iban=None)
    with pytest.raises(ValidationError) as backwards:
        check_terms(LeasePolicy(), end_date=date(2025, 12, 1), **values)
    assert interface_dated(backwards.value.message, date(2025, 12, 1), date(2026, 1, 1))
    with pytest.raises(ValidationError) as wrong_end:
        check_terms(LeasePolicy(), end_date=date(2026, 12, 1), **values)
    assert interface_dated(wrong_end.value.message, date(2026, 1, 1), date(2026, 12, 31),
                           date(2026, 12, 1))

    facts = DayFacts(worker="Ahmet Yılmaz", site="GAZ-D-000001", day=date(2026, 11, 10),
                     today=date(2026, 11, 20), new_entry=True, grows=True, day_total=FULL,
                     other_sites=(), month_days=Decimal(5), year_days=Decimal(30), age=30,
                     needs_permit=True, permit_number="WP-1",
                     permit_expiry=date(2026, 10, 31), own_dwelling=True, household_others=())
    (expired,) = check_day(facts, Policy(Decimal(20), Decimal(60), "01-01", 18, 1))
    assert interface_dated(expired.message, date(2026, 10, 31), date(2026, 11, 10))
    assert interface_dated(lock_message("GAZ-T-000001", ApprovalStatus.SUBMITTED,
                                        date(2026, 11, 10)), date(2026, 11, 10))


def test_the_month_cap_names_the_month_as_the_interface_does() -> None:
    facts = DayFacts(worker="Ahmet Yılmaz", site="GAZ-D-000001", day=date(2026, 11, 10),
                     today=date(2026, 11, 20), new_entry=True, grows=True, day_total=FULL,
                     other_sites=(), month_days=Decimal(21), year_days=Decimal(30), age=30,
                     needs_permit=False, permit_number=None, permit_expiry=None,
                     own_dwelling=True, household_others=())
    policy = Policy(Decimal(20), Decimal(60), "01-01", 18, 1)
    (plain,) = check_day(facts, policy)
    assert "in 11.2026:" in plain.message
    i18n.install_formats(None, None, None, lambda day: f"<{day:%B %Y}>")
    (named,) = check_day(facts, policy)
    assert "in <November 2026>:" in named.message


@pytest.fixture
def p(db) -> lf.Programme:
    return lf.programme(db)


def test_labour_worker_and_consent_messages_write_days_as_the_interface_does(p, marked):
    with pytest.raises(ValidationError) as split:  # a timesheet stays inside one month
        timesheets.create_timesheet(p.db, p.engineer, p.site.ref, date(2026, 10, 26),
                                    date(2026, 11, 1))
    assert interface_dated(split.value.message, date(2026, 10, 31))
    with pytest.raises(UserError) as empty:
        timesheets.submit_week(p.db, p.engineer, p.site.ref, lf.MONDAY + timedelta(days=2))
    assert interface_dated(empty.value.message, lf.MONDAY)

    with p.db.write() as session:
        session.scalar(select(Household).where(Household.ref == p.household_ref)
                       ).protection_status = ProtectionStatus.TEMPORARY
    data = replace(lf.worker_input(p.household_ref, id_number=make_ykn("1234567")),
                   work_permit_number="WP-42", work_permit_expiry=date(2026, 1, 1))
    with pytest.raises(NeedsConfirmation) as warned:
        register_worker(p.db, p.engineer, data, today=lf.TODAY)
    ((field, warning),) = warned.value.warnings
    assert field == "work_permit_expiry" and interface_dated(warning, date(2026, 1, 1))

    tomorrow = clock.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as consent:
        record_consent(p.db, p.engineer, p.household_ref, tomorrow)
    assert interface_dated(consent.value.message, tomorrow)


def test_agreement_messages_follow_the_interface_but_a_stored_reason_does_not(
        demo_db, engineer, supervisor, tmp_path, marked):
    ref = approved_dwelling(demo_db, engineer, supervisor)
    today = date(2026, 11, 25)
    number = agreements.create_agreement(demo_db, engineer, ref, terms(), today=today)
    scan = tmp_path / "imzalı.png"
    Image.new("L", (60, 80), 240).save(scan)
    agreements.mark_printed(demo_db, engineer, number)
    agreements.record_signature(demo_db, engineer, number, scan, today, today=today)
    factories.activate_on_start(demo_db, engineer, number)
    with pytest.raises(ValidationError) as early:
        agreements.close_agreement(demo_db, engineer, number, AgreementStatus.ENDED,
                                   today=today)
    assert interface_dated(early.value.message, date(2027, 11, 30))
    with pytest.raises(ValidationError) as overlapping:
        agreements.renew_agreement(demo_db, engineer, number,
                                   terms(start_date=date(2027, 11, 30)))
    assert interface_dated(overlapping.value.message, date(2027, 11, 30), date(2027, 12, 1))

    record_visit(demo_db, engineer, number, VisitInput(date(2027, 3, 1), False),
                 today=date(2027, 3, 2))
    reason = agreement_view(demo_db, engineer, number).end_reason
    assert "01.03.2027" in reason and "<" not in reason  # kept as every reader can read it
