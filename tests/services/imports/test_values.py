"""Cell values read as the forms would have typed them: Turkish, Kobo and Excel shapes."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from shelter_app.documents.spreadsheet import FORMULA_TRIGGERS
from shelter_app.domain.errors import ValidationError
from shelter_app.services.imports.values import (
    as_date,
    as_flag,
    as_list,
    as_number,
    as_text,
)


@pytest.mark.parametrize("cell", [
    "25.11.2026", "25/11/2026", "25-11-2026", "2026-11-25", " 25.11.2026 ",
    "2026-11-25T10:11:12.000+03:00",  # Kobo's _submission_time / a dateTime question
    "2026-11-25 23:59:59",
    "25.11.2026 00:00",  # Excel's "date and time" written to CSV
    date(2026, 11, 25),
    datetime(2026, 11, 25, 10, 11, 12, tzinfo=timezone(timedelta(hours=3))),
])
def test_as_date_reads_every_written_form(cell):
    assert as_date(cell, "consent_on") == date(2026, 11, 25)


def test_as_date_is_none_for_an_empty_cell():
    assert as_date(None, "consent_on") is None
    assert as_date("", "consent_on") is None


def test_an_excel_day_number_is_the_date_it_stands_for():
    """A date column that lost its format in Excel shows day numbers."""
    assert as_date(Decimal(46351), "consent_on") == date(2026, 11, 25)
    assert as_date(46351, "consent_on") == date(2026, 11, 25)
    assert as_date("46351", "consent_on") == date(2026, 11, 25)  # the same column as CSV


@pytest.mark.parametrize("cell", ["31.02.2026", "2026-13-01", "yarın", "25.11.26",
                                  Decimal(2026), "100000"])
def test_as_date_refuses_what_is_not_a_date_naming_the_field(cell):
    with pytest.raises(ValidationError) as caught:
        as_date(cell, "consent_on")
    assert caught.value.field == "consent_on"  # the runner puts the column's header first
    assert caught.value.message == f"'{as_text(cell)}' is not a date; write it as 25.11.2026."


@pytest.mark.parametrize("cell, expected", [
    ("Evet", True), ("EVET", True), ("e", True), ("yes", True), ("Y", True), ("1", True),
    (1, True), (True, True), ("x", True), ("var", True), ("نعم", True),
    ("Hayır", False), ("HAYIR", False), ("hayir", False), ("no", False), ("0", False),
    (0, False), (False, False), ("yok", False), ("لا", False),
    (None, None), ("", None),
])
def test_as_flag_reads_yes_and_no_in_three_languages(cell, expected):
    assert as_flag(cell, "vulnerability.disability") is expected


@pytest.mark.parametrize("cell", ["belki", "2", "evet hayır", Decimal("0.5")])
def test_as_flag_refuses_anything_else_naming_the_field(cell):
    with pytest.raises(ValidationError, match="^'.+' is neither yes nor no; write Evet/Hayır"
                       ) as caught:
        as_flag(cell, "vulnerability.disability")
    assert caught.value.field == "vulnerability.disability"


@pytest.mark.parametrize("cell, expected", [
    (Decimal("64.5"), "64,5"),  # Excel's float 64.5 back in Turkish notation
    (Decimal("64.50"), "64,5"),
    (Decimal("0.25"), "0,25"),
    (Decimal(12345678901), "12345678901"),  # an ID number typed into a number cell
    (Decimal("12345678901.0"), "12345678901"),
    (Decimal("1.2345678901E+10"), "12345678901"),
    (12345678901, "12345678901"),
    (Decimal(-3), "-3"),
    (None, ""), (True, "1"), (False, "0"),
    (date(2026, 11, 25), "25.11.2026"),
    (datetime(2026, 11, 25, 9, 5), "25.11.2026 09:05"),
    ("  Ayşe Yılmaz ", "Ayşe Yılmaz"),
])
def test_as_text_gives_what_the_form_would_hold(cell, expected):
    assert as_text(cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("engelli, kronik hastalık", ["engelli", "kronik hastalık"]),
    ("engelli;kronik hastalık; ", ["engelli", "kronik hastalık"]),
    ("engelli\nyaşlı", ["engelli", "yaşlı"]),
    ("chronic_illness older_person", ["chronic_illness", "older_person"]),  # Kobo
    ("  disability  ", ["disability"]),
    ("", []), (None, []),
])
def test_as_list_splits_commas_semicolons_and_kobo_spaces(cell, expected):
    assert as_list(cell) == expected


@pytest.mark.parametrize("value", [
    '=HYPERLINK("http://x.example","tıkla")', "+905321234567", "-3", "@SUM(A1)"])
def test_the_reports_apostrophe_guard_comes_off_on_the_way_back(value):
    assert value.startswith(FORMULA_TRIGGERS)  # what the report guards
    assert as_text("'" + value) == value


@pytest.mark.parametrize("value", ["'Ali'", "'", "''", "'5 numara", "Ali'nin evi"])
def test_any_other_apostrophe_is_part_of_the_value(value):
    assert as_text(value) == value


@pytest.mark.parametrize("cell, expected", [
    (123456789, "0123456789"),  # tax number 0123456789 in a number cell: Excel drops the 0
    (Decimal(123456789), "0123456789"),
    ("123456789", "0123456789"),  # the same cell written to CSV
    (123456780, "123456780"),  # not a tax number with a zero in front: left to the checks
    (" 100 000 001 46 ", "10000000146"),
    ("GAZ-L-000012", "GAZ-L-000012"),
    (None, ""),
])
def test_as_number_puts_back_the_zeros_excel_drops_from_a_tax_number(cell, expected):
    assert as_number(cell) == expected
