from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import format_money_tr
from shelter_app.domain.money import (
    KURUS,
    line_total,
    parse_decimal,
    round_money,
    sum_money,
)


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("2.675", "2.68"),
        ("-2.675", "-2.68"),
        ("10", "10.00"),
        ("1.2", "1.20"),
    ],
)
def test_round_money_half_up(value: str, rounded: str) -> None:
    result = round_money(Decimal(value))
    assert result == Decimal(rounded)
    assert result.as_tuple().exponent == -2


def test_line_total_is_rounded() -> None:
    assert line_total(Decimal("12.5"), Decimal("38.45")) == Decimal("480.63")  # 480.625


def test_sum_money_reconciles_with_rounded_lines() -> None:
    lines = [line_total(Decimal("0.333"), Decimal("1.00")) for _ in range(3)]
    assert sum_money(lines) == Decimal("0.99")


def test_sum_money_of_nothing() -> None:
    total = sum_money([])
    assert total == 0 and str(total) == "0.00"


def test_sum_money_refuses_unrounded_amounts() -> None:
    with pytest.raises(ValueError):
        sum_money([Decimal("1.00"), Decimal("0.125")])


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1234.56", "1.234,56 ₺"),
        ("1234567.8", "1.234.567,80 ₺"),
        ("0", "0,00 ₺"),
        ("999.995", "1.000,00 ₺"),
        ("-1500", "-1.500,00 ₺"),
        ("-0.001", "0,00 ₺"),
    ],
)
def test_format_money_tr(value: str, text: str) -> None:
    assert format_money_tr(Decimal(value)) == text


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1.234,56 TL", "1234.56"),
        ("1.234,56 tl", "1234.56"),
        ("1.234,56₺", "1234.56"),
        ("1.234.567", "1234567"),
        ("1.234.567,5", "1234567.5"),
        ("1,234,567.5", "1234567.5"),
        ("1.234", "1.234"),
        ("0,5", "0.5"),
        ("-12,5", "-12.5"),
        ("+12", "12"),
        ("007", "7"),
        ("1\u00a0500\u202f000", "1500000"),
    ],
)
def test_parse_decimal_accepts(raw: str, value: str) -> None:
    assert parse_decimal(raw, field="amount") == Decimal(value)


def test_parse_decimal_with_places_fixes_the_exponent() -> None:
    assert str(parse_decimal("12,5", field="amount", places=2)) == "12.50"
    assert str(parse_decimal("12", field="amount", places=2)) == "12.00"
    assert str(parse_decimal("12", field="count", places=0)) == "12"


def test_parse_decimal_has_no_negative_zero() -> None:
    assert str(parse_decimal("-0,00", field="amount")) == "0.00"


@pytest.mark.parametrize(
    ("raw", "places", "fragment"),
    [
        ("", None, "Enter a number"),
        ("  TL ", None, "Enter a number"),
        ("abc", None, "'abc' is not a number"),
        ("NaN", None, "not a number"),
        ("Infinity", None, "not a number"),
        ("-inf", None, "not a number"),
        ("1e5", None, "not a number"),
        ("12a", None, "not a number"),
        ("1.23,45", None, "not a number"),
        ("1,2,3", None, "not a number"),
        ("1.234,5,6", None, "not a number"),
        ("12.34.56", None, "not a number"),
        (",5", None, "not a number"),
        ("5,", None, "not a number"),
        ("-", None, "not a number"),
        ("--5", None, "not a number"),
        ("1-5", None, "not a number"),
        ("TL 5", None, "not a number"),
        ("١٢", None, "not a number"),
        ("12,345", 2, "3 decimal places; at most 2"),
        ("1.234", 2, "A single '.' is read as a decimal point"),
        ("1,5", 0, "at most 0"),
    ],
)
def test_parse_decimal_rejects(raw: str, places: int | None, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_decimal(raw, field="unit_price", places=places)
    assert caught.value.field == "unit_price"
    assert fragment in caught.value.message


amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False
)


@given(st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False))
def test_round_money_is_idempotent_and_close(value: Decimal) -> None:
    rounded = round_money(value)
    assert round_money(rounded) == rounded
    assert abs(rounded - value) <= KURUS / 2


@given(amounts)
def test_parse_decimal_round_trips_turkish_notation(value: Decimal) -> None:
    text = format_money_tr(value)
    assert parse_decimal(text, field="amount", places=2) == value
    assert parse_decimal(text.removesuffix(" ₺"), field="amount") == value


@given(amounts)
def test_parse_decimal_round_trips_plain_notation(value: Decimal) -> None:
    assert parse_decimal(f"{value:f}", field="amount", places=2) == value
    assert parse_decimal(f"{value:,f}", field="amount") == value


def test_messages_write_amounts_and_quantities_as_the_interface_installs() -> None:
    from shelter_app.domain import i18n

    assert i18n.money_text(Decimal("1234.5")) == "1.234,50 ₺"  # no interface: Turkish
    assert i18n.number_text(Decimal("1234.000")) == "1234"
    i18n.install_formats(lambda value: f"TRY {value}", lambda value: f"<{value}>")
    try:
        assert i18n.money_text(Decimal("1.50")) == "TRY 1.50"
        assert i18n.number_text(Decimal("12.5")) == "<12.5>"
    finally:
        i18n.install_formats(None, None)
