from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelter_app.domain.cash_for_work import (
    FULL,
    HALF,
    DayFacts,
    PayLine,
    Policy,
    Rule,
    age_on,
    check_day,
    daily_rate,
    parse_period,
    parse_portion,
    pay_lines,
    pay_total,
    programme_year,
    timesheet_period,
)
from shelter_app.domain.errors import ValidationError

POLICY = Policy(Decimal(20), Decimal(60), "01-01", 18, 1)
FACTS = DayFacts(worker="Ahmet Yılmaz", site="GAZ-D-000001", day=date(2026, 11, 10),
                 today=date(2026, 11, 20), new_entry=True, grows=True, day_total=FULL,
                 other_sites=(), month_days=Decimal(5), year_days=Decimal(30), age=30,
                 needs_permit=False, permit_number=None, permit_expiry=None, own_dwelling=True,
                 household_others=())


def rules(facts: DayFacts) -> list[Rule]:
    return [violation.rule for violation in check_day(facts, POLICY)]


def test_a_normal_day_passes() -> None:
    assert check_day(FACTS, POLICY) == []


@pytest.mark.parametrize(("change", "rule", "blocking"), [
    ({"day": date(2026, 11, 21)}, Rule.FUTURE, True),
    ({"day_total": Decimal("1.5")}, Rule.OVER_ONE_DAY, True),
    ({"other_sites": ("GAZ-D-000002",)}, Rule.TWO_SITES, True),
    ({"month_days": Decimal("20.5")}, Rule.MONTH_CAP, True),
    ({"year_days": Decimal(61)}, Rule.YEAR_CAP, True),
    ({"age": 17}, Rule.MIN_AGE, True),
    ({"needs_permit": True}, Rule.WORK_PERMIT, False),
    ({"needs_permit": True, "permit_number": "WP-1", "permit_expiry": date(2026, 11, 9)},
     Rule.WORK_PERMIT, False),
    ({"household_others": ("Mehmet",)}, Rule.HOUSEHOLD, False),
    ({"own_dwelling": False}, Rule.OWN_DWELLING, False),
])
def test_each_rule(change: dict[str, object], rule: Rule, blocking: bool) -> None:
    found = check_day(replace(FACTS, **change), POLICY)
    assert [v.rule for v in found] == [rule]
    assert found[0].blocking is blocking
    assert found[0].message


def test_a_permit_valid_on_the_day_passes() -> None:
    facts = replace(FACTS, needs_permit=True, permit_number="WP-1",
                    permit_expiry=date(2026, 11, 10))
    assert rules(facts) == []


def test_caps_are_inclusive_and_only_judged_when_days_grow() -> None:
    assert rules(replace(FACTS, month_days=Decimal(20), year_days=Decimal(60))) == []
    lowered = replace(FACTS, new_entry=False, grows=False, month_days=Decimal(25))
    assert rules(lowered) == []


def test_day_rules_are_judged_on_new_entries_only() -> None:
    existing = replace(FACTS, new_entry=False, age=16, own_dwelling=False)
    assert rules(existing) == []


def test_blocks_come_before_warnings() -> None:
    found = check_day(replace(FACTS, own_dwelling=False, age=16), POLICY)
    assert [v.blocking for v in found] == [True, False]


def test_message_names_worker_and_day() -> None:
    (violation,) = check_day(replace(FACTS, age=17), POLICY)
    assert "Ahmet Yılmaz" in violation.message and "10.11.2026" in violation.message


@pytest.mark.parametrize(("raw", "portion"), [
    ("full", FULL), ("F", FULL), ("1", FULL), ("half", HALF), ("0,5", HALF),
    (Decimal("0.5"), HALF), ("absent", Decimal(0)), ("", Decimal(0))])
def test_parse_portion(raw: object, portion: Decimal) -> None:
    assert parse_portion(raw) == portion


@pytest.mark.parametrize("raw", ["2", "0.25", "1,5", "many"])
def test_parse_portion_refuses(raw: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_portion(raw)
    assert error.value.field == "portion"


def test_daily_rate_is_a_thirtieth_of_the_monthly_wage() -> None:
    assert daily_rate(Decimal("33030.00")) == Decimal("1101.00")
    assert daily_rate(Decimal("26005.50")) == Decimal("866.85")


def test_age_on_birthday_edges() -> None:
    assert age_on(date(2008, 11, 10), date(2026, 11, 9)) == 17
    assert age_on(date(2008, 11, 10), date(2026, 11, 10)) == 18
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_timesheet_period_is_a_week_cut_at_month_edges() -> None:
    assert timesheet_period(date(2026, 11, 11)) == (date(2026, 11, 9), date(2026, 11, 15))
    assert timesheet_period(date(2026, 10, 30)) == (date(2026, 10, 26), date(2026, 10, 31))
    assert timesheet_period(date(2026, 11, 1)) == (date(2026, 11, 1), date(2026, 11, 1))


def test_programme_year() -> None:
    assert programme_year(date(2026, 5, 1), "01-01") == (date(2026, 1, 1), date(2026, 12, 31))
    assert programme_year(date(2026, 2, 1), "04-01") == (date(2025, 4, 1), date(2026, 3, 31))


def test_parse_period() -> None:
    assert parse_period("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    with pytest.raises(ValidationError) as error:
        parse_period("11/2026")
    assert error.value.field == "period"


def test_pay_is_rounded_per_line_half_up() -> None:
    lines = pay_lines({Decimal("866.85"): Decimal("0.5"), Decimal("1101.01"): Decimal("2.5")})
    assert [line.amount for line in lines] == [Decimal("433.43"), Decimal("2752.53")]
    assert pay_total(lines) == Decimal("3185.96")


@given(st.lists(st.tuples(st.integers(0, 62).map(lambda n: Decimal(n) / 2),
                          st.integers(50_000, 500_000).map(lambda n: Decimal(n) / 100)),
                min_size=1, max_size=30))
def test_total_is_the_sum_of_rounded_lines(pairs: list[tuple[Decimal, Decimal]]) -> None:
    lines = [PayLine(days, rate) for days, rate in pairs]
    total = pay_total(lines)
    assert total == sum((line.amount for line in lines), Decimal(0))
    assert total == total.quantize(Decimal("0.01"))
    assert abs(total - sum((d * r for d, r in pairs), Decimal(0))) <= Decimal("0.005") * len(pairs)


def test_labour_only_between_the_signing_and_the_completion():
    from shelter_app.domain.cash_for_work import check_works_window

    signed, done = date(2026, 12, 5), date(2027, 1, 20)
    check_works_window("GAZ-D-000001", signed, signed, None)
    check_works_window("GAZ-D-000001", done, signed, done)
    for day, words in ((date(2026, 11, 23), "before the agreement"),
                       (date(2027, 1, 21), "after the works")):
        with pytest.raises(ValidationError) as error:
            check_works_window("GAZ-D-000001", day, signed, done)
        assert words in error.value.message and error.value.field == "work_date"
    with pytest.raises(ValidationError, match="no signed landlord agreement"):
        check_works_window("GAZ-D-000001", signed, None, None)


def test_a_month_is_paid_once_over_unless_a_reason_is_given():
    from shelter_app.domain.cash_for_work import check_month_over

    last = date(2026, 12, 31)
    check_month_over(last, date(2027, 1, 1), "")
    check_month_over(last, date(2026, 12, 5), "Staff leave before the holidays")
    with pytest.raises(ValidationError, match="not over yet") as error:
        check_month_over(last, date(2026, 12, 5), "  ")
    assert error.value.field == "reason"
