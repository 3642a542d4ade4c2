"""Lease rules: term, deposit cap, bank payment, stamp tax, statuses, monitoring, numbers."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelter_app.domain.errors import InvalidInput, ValidationError
from shelter_app.domain.lease import (
    TRANSITIONS,
    LeasePolicy,
    add_months,
    agreement_number,
    check_languages,
    check_terms,
    check_transition,
    expected_rent,
    judge_visit,
    monitoring_due_dates,
    next_sequence,
    stamp_tax,
    term_end,
)
from shelter_app.domain.stages import AgreementStatus as S

D = Decimal
POLICY = LeasePolicy()
IBAN = "TR330006100519786457841326"


def terms(**changes):
    values = dict(term_months="12", start_date=date(2026, 1, 1), end_date=None,
                  monthly_rent="7.500,00", rent_free_months="0", deposit="0", payment_day="5",
                  payment_iban=IBAN)
    values.update(changes)
    return check_terms(POLICY, **values)


def refused(field, **changes):
    with pytest.raises(ValidationError) as error:
        terms(**changes)
    assert error.value.field == field
    return error.value.message


def test_valid_terms_compute_the_end_and_the_money():
    checked = terms(rent_free_months="2", deposit="22.500,00")
    assert checked.end_date == date(2026, 12, 31)
    assert checked.monthly_rent == D("7500.00") and checked.deposit == D("22500.00")
    assert checked.total_rent == D("75000.00")  # ten paying months
    assert checked.first_rent_date == date(2026, 3, 1)


def test_the_end_is_the_day_before_the_same_day_term_months_later():
    assert term_end(date(2026, 1, 31), 1) == date(2026, 2, 27)
    assert term_end(date(2024, 2, 29), 12) == date(2025, 2, 27)
    assert add_months(date(2026, 11, 30), -12) == date(2025, 11, 30)


def test_refusals_name_the_field_and_the_fix():
    assert "1 to 60 months" in refused("term_months", term_months="61")
    assert "TBK 342" in refused("deposit", deposit="22.500,01")
    assert "IBAN" in refused("payment_iban", payment_iban=None)
    assert "not after the start" in refused("end_date", end_date=date(2025, 12, 31))
    assert "ends on 31.12.2026" in refused("end_date", end_date=date(2027, 1, 1))
    refused("rent_free_months", rent_free_months="12")
    refused("payment_day", payment_day="30")
    refused("monthly_rent", monthly_rent="0")
    refused("start_date", start_date=None)
    refused("term_months", term_months="twelve")


def test_rent_below_the_bank_threshold_may_be_paid_in_cash():
    assert terms(monthly_rent="499,99", payment_iban=None).payment_iban is None
    refused("payment_iban", monthly_rent="500", payment_iban=None)


@given(st.decimals(min_value=D("1"), max_value=D("99999.99"), places=2),
       st.integers(min_value=0, max_value=4))
def test_the_deposit_cap_is_exactly_three_months(rent, months):
    deposit = rent * months
    if months <= 3:
        assert terms(monthly_rent=rent, deposit=deposit).deposit == deposit
    else:
        with pytest.raises(ValidationError):
            terms(monthly_rent=rent, deposit=deposit)


def test_stamp_tax_is_per_mille_of_the_total_rent_rounded():
    assert stamp_tax(D("90000.00"), D("1.89")) == D("170.10")
    assert stamp_tax(D("100.00"), D("1.89")) == D("0.19")


def test_lifecycle_moves_forward_only():
    check_transition(S.DRAFT, S.PRINTED, "X")
    check_transition(S.PRINTED, S.SIGNED, "X")
    check_transition(S.SIGNED, S.ACTIVE, "X")
    for final in (S.ENDED, S.TERMINATED, S.BREACHED):
        check_transition(S.ACTIVE, final, "X")
        assert not TRANSITIONS[final]
    with pytest.raises(ValidationError, match="Possible next: Printed, Terminated"):
        check_transition(S.DRAFT, S.SIGNED, "GAZ-2026-0001")
    with pytest.raises(ValidationError, match="closed"):
        check_transition(S.ENDED, S.ACTIVE, "GAZ-2026-0001")


def test_monitoring_falls_every_interval_within_the_term():
    assert monitoring_due_dates(date(2026, 1, 15), date(2026, 12, 31), 3) == [
        date(2026, 4, 15), date(2026, 7, 15), date(2026, 10, 15)]
    assert monitoring_due_dates(date(2026, 1, 1), date(2026, 2, 28), 3) == []


def test_a_visit_finding_a_raise_or_an_empty_dwelling_is_a_breach():
    rent = D("6000.00")
    assert expected_rent(date(2026, 1, 1), 2, rent, date(2026, 2, 20)) == 0
    assert expected_rent(date(2026, 1, 1), 2, rent, date(2026, 3, 1)) == rent
    assert judge_visit(rent, rent, True).breach is None
    assert judge_visit(rent, None, True).breach is None
    assert "raised" in judge_visit(rent, D("6500"), True).breach
    assert "no longer lives" in judge_visit(rent, rent, False).breach


def test_numbers_run_per_office_and_year():
    assert agreement_number("GAZ", 2026, 42) == "GAZ-2026-0042"
    taken = ["GAZ-2026-0041", "GAZ-2026-10000", "GAZ-2025-0099", "ANK-2026-0500"]
    assert next_sequence(taken, "GAZ", 2026) == 10001
    assert next_sequence(taken, "GAZ", 2027) == 1


def test_language_pairs():
    assert check_languages(" TR+AR ") == "tr+ar"
    with pytest.raises(ValidationError) as error:
        check_languages("ar")
    assert error.value.field == "languages"


def test_every_broken_term_is_reported_at_once():
    with pytest.raises(InvalidInput) as error:
        terms(term_months="61", start_date=None, monthly_rent="abc", deposit="-1",
              payment_day="30")
    assert [field for field, _ in error.value.problems] == [
        "term_months", "start_date", "monthly_rent", "deposit", "payment_day"]


def test_an_agreement_is_active_from_its_start_date_not_before():
    from shelter_app.domain.lease import check_activation

    check_activation("GAZ-2026-0001", date(2026, 12, 15), date(2026, 12, 15))
    with pytest.raises(ValidationError, match="starts on 15.12.2026") as error:
        check_activation("GAZ-2026-0001", date(2026, 12, 15), date(2026, 12, 5))
    assert error.value.field == "status"
