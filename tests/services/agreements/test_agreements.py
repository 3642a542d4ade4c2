"""Landlord agreements: numbering, every refusal with the data unchanged, the lifecycle from
draft to active and closed, signed scans, renewals, monitoring visits and the day's list."""

import dataclasses
import hashlib
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from agreement_cases import START, approved_dwelling, landlord_data, snapshot, terms
from factories import assessed_dwelling
from PIL import Image
from sqlalchemy import select

import factories
from shelter_app.data.models import Dwelling, LeaseAgreement
from shelter_app.domain.errors import InvalidInput, PermissionDenied, ValidationError
from shelter_app.domain.stages import AgreementStatus as S
from shelter_app.domain.stages import Stage
from shelter_app.services.agreements import agreements as service
from shelter_app.services.agreements.lookup import (
    agreement_view,
    dwellings_ready,
    list_agreements,
    signed_scan,
)
from shelter_app.services.accounts.auth import sign_in
from shelter_app.services.boq.boq import create_boq
from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.services.files import scan_path
from shelter_app.services.agreements.landlords import register_landlord
from shelter_app.services.agreements.monitoring import VisitInput, record_visit, today_list

TODAY = date(2026, 11, 25)


@pytest.fixture
def ready(demo_db, engineer, supervisor) -> str:
    return approved_dwelling(demo_db, engineer, supervisor)


@pytest.fixture
def scan(tmp_path):
    path = tmp_path / "imzalı sözleşme.png"
    picture = BytesIO()
    Image.new("L", (60, 80), 240).save(picture, "PNG")
    path.write_bytes(picture.getvalue())
    return path


def draft(db, engineer, ref, **changes) -> str:
    return service.create_agreement(db, engineer, ref, terms(**changes), today=TODAY)


def active(db, engineer, ref, scan, **changes) -> str:
    number = draft(db, engineer, ref, **changes)
    service.mark_printed(db, engineer, number)
    service.record_signature(db, engineer, number, scan, TODAY, today=TODAY)
    factories.activate_on_start(db, engineer, number)
    return number


def stage_of(db, ref) -> Stage:
    with db.read() as session:
        return session.scalar(select(Dwelling.stage).where(Dwelling.ref == ref))


def test_numbers_run_per_office_and_year_inside_the_transaction(demo_db, engineer, ready):
    with demo_db.read() as session:
        last = session.scalar(select(LeaseAgreement.number)
                              .where(LeaseAgreement.number.startswith("GAZ-2026-"))
                              .order_by(LeaseAgreement.number.desc()).limit(1))
    number = draft(demo_db, engineer, ready)
    assert number == f"GAZ-2026-{int(last[-4:]) + 1:04d}"
    service.close_agreement(demo_db, engineer, number, S.TERMINATED, "Taraflar vazgeçti.")
    assert service.create_agreement(demo_db, engineer, ready, terms(),
                                    today=date(2027, 1, 2)) == "GAZ-2027-0001"
    view = agreement_view(demo_db, engineer, number)
    assert view.status is S.DRAFT or view.status is S.TERMINATED
    assert view.end_date == date(2027, 11, 30) and view.boq_ref == f"{ready}-B1"


@pytest.mark.parametrize("changes, field, words", [
    ({"end_date": START - timedelta(days=1)}, "end_date", "not after the start"),
    ({"deposit": "22.500,01"}, "deposit", "TBK 342"),
    ({"term_months": 61}, "term_months", "1 to 60"),
    ({"payment_iban": "TR00 1234"}, "payment_iban", "26 characters"),
    ({"languages": "ar"}, "languages", "tr+ar"),
])
def test_bad_terms_are_refused_and_nothing_changes(demo_db, engineer, ready, changes, field,
                                                    words):
    before = snapshot(demo_db)
    with pytest.raises(ValidationError) as error:
        draft(demo_db, engineer, ready, **changes)
    assert error.value.field == field and words in error.value.message
    assert snapshot(demo_db) == before


def test_rent_of_500_or_more_needs_the_landlords_iban(demo_db, engineer, ready):
    ref = register_landlord(demo_db, engineer, landlord_data(iban="", name="Nakit Ev Sahibi"))
    before = snapshot(demo_db)
    with pytest.raises(ValidationError) as error:
        draft(demo_db, engineer, ready, landlord_ref=ref, monthly_rent="500", deposit="0")
    assert error.value.field == "payment_iban" and "IBAN" in error.value.message
    assert snapshot(demo_db) == before
    number = draft(demo_db, engineer, ready, landlord_ref=ref, monthly_rent="499,99",
                   deposit="0")
    assert agreement_view(demo_db, engineer, number).values.payment_iban == ""


def test_no_agreement_without_an_approved_boq(demo_db, engineer):
    never_priced = assessed_dwelling(demo_db)
    before = snapshot(demo_db)
    with pytest.raises(ValidationError, match="it has none") as error:
        draft(demo_db, engineer, never_priced)
    assert error.value.field == "dwelling" and snapshot(demo_db) == before
    create_boq(demo_db, engineer, never_priced)
    before = snapshot(demo_db)
    with pytest.raises(ValidationError, match="B1, is not approved"):
        draft(demo_db, engineer, never_priced)
    assert snapshot(demo_db) == before


def test_one_open_agreement_per_dwelling(demo_db, engineer, ready):
    number = draft(demo_db, engineer, ready)
    assert ready not in [d.ref for d in dwellings_ready(demo_db, engineer)]
    before = snapshot(demo_db)
    with pytest.raises(ValidationError, match=number):
        draft(demo_db, engineer, ready)
    assert snapshot(demo_db) == before


def test_from_draft_to_active(demo_db, engineer, ready, scan):
    number = draft(demo_db, engineer, ready)
    with pytest.raises(ValidationError, match="Possible next"):  # not printed yet
        service.record_signature(demo_db, engineer, number, scan, TODAY, today=TODAY)
    service.mark_printed(demo_db, engineer, number)
    service.mark_printed(demo_db, engineer, number)  # printed again: still printed
    sha = service.record_signature(demo_db, engineer, number, scan, TODAY, today=TODAY)
    assert sha == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert scan_path(demo_db, sha).read_bytes() == scan.read_bytes()
    assert signed_scan(demo_db, engineer, number) == (scan.read_bytes(), "png")
    assert stage_of(demo_db, ready) is Stage.AGREEMENT_SIGNED
    view = agreement_view(demo_db, engineer, number)
    assert view.status is S.SIGNED and view.signed_on == TODAY
    due = factories.activate_on_start(demo_db, engineer, number)
    assert due == [date(2027, 3, 1), date(2027, 6, 1), date(2027, 9, 1)]
    view = agreement_view(demo_db, engineer, number)
    assert view.status is S.ACTIVE and [v.due_on for v in view.visits] == due


def test_a_bad_scan_or_date_is_refused(demo_db, engineer, ready, scan, tmp_path):
    number = draft(demo_db, engineer, ready)
    service.mark_printed(demo_db, engineer, number)
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"not a pdf at all")
    broken = tmp_path / "broken.png"
    broken.write_bytes(scan.read_bytes()[:40])
    before = snapshot(demo_db)
    for path, day, field in ((fake, TODAY, "scan"), (broken, TODAY, "scan"),
                             (tmp_path / "missing.png", TODAY, "scan"),
                             (scan, TODAY + timedelta(days=1), "signed_on"),
                             (scan, None, "signed_on")):
        with pytest.raises(ValidationError) as error:
            service.record_signature(demo_db, engineer, number, path, day, today=TODAY)
        assert error.value.field == field
    with pytest.raises(InvalidInput) as both:  # every problem after one save
        service.record_signature(demo_db, engineer, number, None, TODAY + timedelta(days=1),
                                 today=TODAY)
    assert [field for field, _ in both.value.problems] == ["scan", "signed_on"]
    assert snapshot(demo_db) == before
    assert agreement_view(demo_db, engineer, number).status is S.PRINTED


def test_edits_until_signed_and_a_printed_copy_is_void_after_a_change(demo_db, engineer, ready,
                                                                      scan):
    number = draft(demo_db, engineer, ready)
    service.mark_printed(demo_db, engineer, number)
    service.update_agreement(demo_db, engineer, number, terms())  # nothing changed
    assert agreement_view(demo_db, engineer, number).status is S.PRINTED
    service.update_agreement(demo_db, engineer, number, terms(monthly_rent="8000"))
    view = agreement_view(demo_db, engineer, number)
    assert view.status is S.DRAFT and view.values.monthly_rent == Decimal("8000.00")
    service.mark_printed(demo_db, engineer, number)
    service.record_signature(demo_db, engineer, number, scan, TODAY, today=TODAY)
    with pytest.raises(ValidationError, match="cannot change"):
        service.update_agreement(demo_db, engineer, number, terms(monthly_rent="9000"))


def test_closing_needs_the_term_over_or_a_reason(demo_db, engineer, ready, scan):
    number = active(demo_db, engineer, ready, scan)
    before = snapshot(demo_db)
    with pytest.raises(ValidationError, match="runs until 30.11.2027"):
        service.close_agreement(demo_db, engineer, number, S.ENDED, today=TODAY)
    with pytest.raises(ValidationError) as error:
        service.close_agreement(demo_db, engineer, number, S.TERMINATED, "  ")
    assert error.value.field == "reason" and snapshot(demo_db) == before
    service.close_agreement(demo_db, engineer, number, S.TERMINATED, "Hane taşındı.")
    view = agreement_view(demo_db, engineer, number)
    assert view.status is S.TERMINATED and view.end_reason == "Hane taşındı."
    with pytest.raises(ValidationError, match="closed"):
        service.close_agreement(demo_db, engineer, number, S.BREACHED, "x")


def test_a_renewal_is_a_new_agreement_linked_to_the_old(demo_db, engineer, ready, scan):
    old = active(demo_db, engineer, ready, scan)
    with pytest.raises(ValidationError) as error:
        service.renew_agreement(demo_db, engineer, old, terms(start_date=date(2027, 11, 30)))
    assert error.value.field == "start_date" and "01.12.2027" in error.value.message
    new = service.renew_agreement(demo_db, engineer, old, terms(start_date=date(2027, 12, 1),
                                                                 monthly_rent="8.100,00"))
    view = agreement_view(demo_db, engineer, new)
    assert view.renewal_of == old and view.status is S.DRAFT and view.boq_ref == f"{ready}-B1"
    assert agreement_view(demo_db, engineer, old).renewed_by == new
    with pytest.raises(ValidationError, match="already renewed"):
        service.renew_agreement(demo_db, engineer, old, terms(start_date=date(2027, 12, 1)))
    service.mark_printed(demo_db, engineer, new)
    service.record_signature(demo_db, engineer, new, scan, TODAY, today=TODAY)
    factories.activate_on_start(demo_db, engineer, new)
    old_view = agreement_view(demo_db, engineer, old)
    assert old_view.status is S.ENDED and new in old_view.end_reason


def test_monitoring_visits_and_a_breach_found_at_one(demo_db, engineer, ready, scan):
    number = active(demo_db, engineer, ready, scan, rent_free_months=0)
    first = record_visit(demo_db, engineer, number,
                         VisitInput(date(2027, 3, 3), True, "7.500,00", "Kira dekontu görüldü."),
                         today=date(2027, 3, 10))
    assert first.breach is None and first.due_on == date(2027, 3, 1)
    with pytest.raises(ValidationError) as error:  # before the term started
        record_visit(demo_db, engineer, number, VisitInput(date(2026, 11, 1), True),
                     today=date(2027, 3, 10))
    assert error.value.field == "visited_on"
    with pytest.raises(InvalidInput) as every:  # every bad value at once
        record_visit(demo_db, engineer, number,
                     VisitInput(date(2026, 11, 1), True, "yedi bin", "x" * 2001),
                     today=date(2027, 3, 10))
    assert [field for field, _ in every.value.problems] == ["rent_paid", "notes", "visited_on"]
    found = record_visit(demo_db, engineer, number, VisitInput(date(2027, 6, 2), True, "9000"),
                         today=date(2027, 6, 5))
    assert "raised" in found.breach
    view = agreement_view(demo_db, engineer, number)
    assert view.status is S.BREACHED and "02.06.2027" in view.end_reason
    assert [(v.visited_on, v.rent_paid) for v in view.visits[:2]] == [
        (date(2027, 3, 3), Decimal("7500.00")), (date(2027, 6, 2), Decimal("9000.00"))]
    with pytest.raises(ValidationError, match="while an agreement is active"):
        record_visit(demo_db, engineer, number, VisitInput(date(2027, 6, 3), True),
                     today=date(2027, 6, 5))


def test_a_household_gone_is_a_breach(demo_db, engineer, ready, scan):
    number = active(demo_db, engineer, ready, scan)
    result = record_visit(demo_db, engineer, number, VisitInput(date(2027, 3, 1), False),
                          today=date(2027, 3, 2))
    assert "no longer lives" in result.breach


def test_the_days_list_shows_terms_ending_and_visits_overdue(demo_db, engineer, ready, scan):
    number = active(demo_db, engineer, ready, scan)
    later = today_list(demo_db, engineer, date(2027, 10, 5))
    ending = {row.number: row for row in later.ending}
    assert ending[number].days_left == (date(2027, 11, 30) - date(2027, 10, 5)).days
    overdue = {row.number: row for row in later.overdue}
    assert overdue[number].due_on == date(2027, 3, 1) and overdue[number].missed == 3
    now = today_list(demo_db, engineer, TODAY)
    assert number not in {row.number for row in now.ending}
    assert number not in {row.number for row in now.overdue}
    assert all(row.number.startswith("GAZ-") for row in now.ending + now.overdue)


def test_demo_data_has_agreements_at_every_stage(demo_db, engineer, admin):
    statuses = {row.status for row in list_agreements(demo_db, admin, limit=None)}
    assert statuses == set(S)
    days = today_list(demo_db, admin, date(2026, 11, 25))
    assert days.ending and days.overdue


def test_demo_signed_agreements_have_their_scan(db):
    from shelter_app.demo.programme import create_demo

    create_demo(db, 24)
    with db.read() as session:
        shas = set(session.scalars(select(LeaseAgreement.signed_scan_sha256)
                                   .where(LeaseAgreement.status == S.SIGNED)))
    assert len(shas) == 1 and scan_path(db, shas.pop()).is_file()


def test_roles_and_offices(demo_db, engineer, admin, supervisor, ready):
    with pytest.raises(PermissionDenied):
        draft(demo_db, admin, ready)
    number = draft(demo_db, supervisor, ready)
    other = sign_in(demo_db, "engineer.ank", DEMO_PASSWORD)[0]
    with pytest.raises(PermissionDenied):
        service.mark_printed(demo_db, other, number)
    with pytest.raises(PermissionDenied):
        signed_scan(demo_db, admin, number)
    assert number in {row.number for row in list_agreements(demo_db, engineer, "gaz-2026")}
    assert number not in {row.number for row in list_agreements(demo_db, other)}


def test_one_dwellings_agreements_for_its_file(demo_db, engineer, ready):
    number = draft(demo_db, engineer, ready)
    with demo_db.read() as session:
        dwelling_id = session.scalar(select(Dwelling.id).where(Dwelling.ref == ready))
    rows = list_agreements(demo_db, engineer, dwelling_id=dwelling_id)
    assert [(row.number, row.dwelling_ref) for row in rows] == [(number, ready)]
    other = sign_in(demo_db, "engineer.ank", DEMO_PASSWORD)[0]
    assert list_agreements(demo_db, other, dwelling_id=dwelling_id) == []  # not the office's


def test_search_by_a_tenants_name_folds_turkish_letters(demo_db, engineer, ready):
    number = draft(demo_db, engineer, ready)
    view = agreement_view(demo_db, engineer, number)
    word = view.household_name.split()[0]
    assert number in {row.number for row in list_agreements(demo_db, engineer, word.upper())}
    assert dataclasses.replace(view.values) == view.values


def test_an_agreement_is_not_active_before_its_start(demo_db, engineer, ready, scan):
    number = draft(demo_db, engineer, ready)  # starts on 1 December; today is 25 November
    service.mark_printed(demo_db, engineer, number)
    service.record_signature(demo_db, engineer, number, scan, TODAY, today=TODAY)
    with pytest.raises(ValidationError, match="starts on") as early:
        service.activate(demo_db, engineer, number)
    assert early.value.field == "status"
    assert agreement_view(demo_db, engineer, number).status is S.SIGNED
