"""Money, numbers and dates as each language writes them; typed numbers with a decimal comma."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QValidator

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.fields import past_date
from shelter_app.domain.i18n import format_money_tr
from shelter_app.domain.money import parse_decimal
from shelter_app.ui import formats
from shelter_app.ui.language import install_language


@pytest.fixture
def turkish(in_language):
    in_language("tr")


@pytest.mark.parametrize(("code", "money", "day"), [
    ("tr", "1.234,56 ₺", "25.11.2026"),
    ("ar", "1.234,56 ₺", "25.11.2026"),  # Türkiye's conventions, Latin digits
    ("en", "₺1,234.56", "25/11/2026"),
])
def test_each_language_writes_money_and_dates_its_way(in_language, code, money, day):
    in_language(code)
    assert formats.money(Decimal("1234.56")) == money
    assert formats.date_text(date(2026, 11, 25)) == day
    assert formats.datetime_text(datetime(2026, 11, 25, 9, 5, tzinfo=UTC)).startswith(day)


def test_money_is_rounded_half_up_without_floats(turkish):
    assert formats.money(Decimal("0.005")) == "0,01 ₺"
    assert formats.money(Decimal("-1234567.895")) == "-1.234.567,90 ₺"
    assert formats.number(Decimal("12.5"), 3) == "12,500"


@given(st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False))
def test_turkish_money_agrees_with_the_documents_and_reads_back(value):
    from PySide6.QtWidgets import QApplication

    install_language(QApplication.instance(), "tr")
    try:
        shown = formats.money(value)
        assert shown == format_money_tr(value)
        assert parse_decimal(shown, field="amount", places=2) == value
    finally:
        install_language(QApplication.instance(), "en")


@pytest.mark.parametrize(("typed", "state"), [
    ("1.234,56", QValidator.State.Acceptable),
    ("1234,5", QValidator.State.Acceptable),
    ("1234.56", QValidator.State.Acceptable),
    ("12,", QValidator.State.Intermediate),  # still typing
    ("", QValidator.State.Intermediate),
    ("1,234", QValidator.State.Intermediate),  # three decimals for money: not yet valid
    ("12a", QValidator.State.Invalid),
])
def test_the_decimal_validator_accepts_the_turkish_comma(qapp, typed, state):
    edit = formats.decimal_edit(places=2)
    assert edit.validator().validate(typed, len(typed))[0] == state


def test_digits_typed_on_an_arabic_keyboard_become_latin_digits(qapp):
    edit = formats.decimal_edit(places=2)
    state, text, _ = edit.validator().validate("١٬٢٣٤٫٥", 0)
    assert (state, text) == (QValidator.State.Acceptable, "1.234,5")
    edit.setText("۶۴٫۵")
    assert formats.read_decimal(edit, "area", places=2) == Decimal("64.50")


def test_read_decimal_names_the_field_when_the_text_is_no_number(qapp):
    edit = formats.decimal_edit(places=2)
    edit.setText("64,5")
    assert formats.read_decimal(edit, "area", places=2) == Decimal("64.50")
    edit.setText("1.2,3")
    with pytest.raises(ValidationError) as caught:
        formats.read_decimal(edit, "area", places=2)
    assert caught.value.field == "area"


def test_values_keep_their_own_direction_in_the_arabic_interface(in_language):
    in_language("tr")
    assert formats.bidi_safe("+90 532 123 45 67") == "+90 532 123 45 67"
    in_language("ar")
    shown = formats.bidi_safe("+90 532 123 45 67")
    assert shown.startswith("\u200f\u2068") and shown.endswith("\u2069")
    assert shown.strip("\u200f\u2068\u2069") == "+90 532 123 45 67"
    assert formats.bidi_safe("") == ""


@pytest.mark.parametrize(("code", "shown", "typed"), [
    ("tr", "1.234,5", "1234,5"),
    ("ar", "1.234,5", "1234,5"),
    ("en", "1,234.5", "1234.5"),
])
def test_quantities_keep_their_own_decimals_and_type_back_ungrouped(in_language, code, shown,
                                                                    typed):
    in_language(code)
    assert formats.number(Decimal("1234.500"), None) == shown
    assert formats.number(Decimal("12"), None) == "12"
    assert formats.typed_number(Decimal("1234.500")) == typed
    assert formats.typed_stored("1234.500") == typed and formats.typed_stored(None) == ""
    # an amount is grouped in its editor as in the lists, and reads back the same
    amount = formats.typed_number(Decimal("9250"), 2)
    assert amount == {"en": "9,250.00"}.get(code, "9.250,00")
    assert parse_decimal(amount, field="rent", places=2) == Decimal("9250.00")


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False),
       st.sampled_from(["tr", "en"]))
def test_a_typed_number_reads_back_as_the_same_number(value, code):
    """A grouped Turkish "1.234" would read back as 1,234 thousandths: typed text has no
    thousands separator, so an editor opened on 1234 saves 1234 again; with fixed decimals
    ("1.234,000") the grouping is unambiguous."""
    from PySide6.QtWidgets import QApplication

    install_language(QApplication.instance(), code)
    try:
        assert parse_decimal(formats.typed_number(value), field="quantity") == value
        assert parse_decimal(formats.typed_number(value, 3), field="quantity") == value
    finally:
        install_language(QApplication.instance(), "en")


def test_numbers_with_places_round_half_up_like_money(turkish):
    assert formats.number(Decimal("0.125")) == "0,13"  # Python's format alone gives 0,12
    assert formats.number(7) == "7,00"


@pytest.mark.parametrize(("code", "typed", "day"), [
    ("tr", "01.07.2026", date(2026, 7, 1)),
    ("tr", "1.7.2026", date(2026, 7, 1)),
    ("tr", "2026-07-01", date(2026, 7, 1)),
    ("en", "01/07/2026", date(2026, 7, 1)),
    ("tr", "31.02.2026", None),
    ("tr", "next week", None),
])
def test_typed_dates_are_read_as_the_interface_writes_them(in_language, code, typed, day):
    in_language(code)
    assert formats.read_date(typed) == day


@pytest.mark.parametrize(("code", "shown"), [
    ("tr", "37,0662; 37,3833"),  # a comma between them would read as more decimals
    ("en", "37.0662, 37.3833"),
])
def test_a_gps_position_separates_its_numbers_unambiguously(in_language, code, shown):
    in_language(code)
    assert formats.position(Decimal("37.066200"), Decimal("37.3833")) == shown


@pytest.mark.parametrize(("code", "day"), [("tr", "26.11.2026"), ("en", "26/11/2026")])
def test_service_messages_write_days_as_the_interface_does(in_language, code, day):
    in_language(code)
    with pytest.raises(ValidationError) as refused:
        past_date(date(2026, 11, 26), field="visited_on", label="visit date",
                  today=date(2026, 11, 25))
    assert day in refused.value.message


@pytest.mark.parametrize(("code", "title"), [("tr", "İş günü 12"), ("en", "Iş günü 12")])
def test_a_title_starts_with_the_capital_of_its_language(in_language, code, title):
    in_language(code)
    assert formats.capitalised("iş günü 12") == title
    assert formats.capitalised("") == ""
