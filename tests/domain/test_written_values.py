"""A day, an amount or a column named in a sentence travels as what it was written from, and
is written again in the reader's notation and names (domain.i18n.Written)."""

from datetime import date
from decimal import Decimal

import pytest

from shelter_app.domain import i18n


@pytest.fixture
def reader():
    """`reader(day, field)`: the notation and names another reader's interface installs."""
    yield lambda day, field: (i18n.install_formats(None, None, day),
                              i18n.install_names(field, None))
    i18n.install_formats(None, None)
    i18n.install_names(None, None)


def test_a_day_an_amount_and_columns_are_written_again_for_another_reader(reader):
    said = i18n.translate("sync", "{fields} of {day}: {amount}").format(
        fields=i18n.fields_text(["phone", "iban"]), day=i18n.date_text(date(2026, 11, 25)),
        amount=i18n.money_text(Decimal("1234.5")))
    assert said == "phone, iban of 25.11.2026: 1.234,50 ₺"  # as the server writes it
    reader(lambda day: day.strftime("%d/%m/%Y"), {"phone": "الهاتف", "iban": "IBAN"}.get)
    assert i18n.rendered(said.key) == "الهاتف, IBAN of 25/11/2026: 1.234,50 ₺"


def test_a_day_put_in_as_it_is_travels_as_a_day(reader):
    said = i18n.translate("sync", "closed on {day}").format(day=date(2026, 1, 2))
    reader(lambda day: day.strftime("%Y/%m/%d"), None)
    assert i18n.rendered(said.key) == "closed on 2026/01/02"
