"""One number rule for screens and papers (domain.numbers.written)."""

from decimal import Decimal

import pytest

from shelter_app.documents.styles import amount, quantity
from shelter_app.domain.i18n import format_money_tr
from shelter_app.domain.numbers import written

D = Decimal


@pytest.mark.parametrize(("value", "places", "group", "point", "text"), [
    (D("1234.565"), 2, ".", ",", "1.234,57"),  # half up, like money
    (D("-0.004"), 2, ".", ",", "0,00"),  # no "-0,00"
    (D("1234567.5"), None, ".", ",", "1.234.567,5"),
    (D("12.500"), None, ",", ".", "12.5"),
    (D("9250"), 2, "", ",", "9250,00"),  # ungrouped, as typed
    (49, 1, ".", ",", "49,0"),
])
def test_written(value, places, group, point, text):
    assert written(value, places, group, point) == text


def test_papers_and_plain_messages_use_the_same_rule():
    assert amount(D("1234.565")) == written(D("1234.565")) == "1.234,57"
    assert quantity(D("1250.000")) == "1.250" and quantity(D("0.125")) == "0,125"
    assert quantity(D("0")) == "0" and quantity(D("100")) == "100"
    assert format_money_tr(D("1101")) == "1.101,00 ₺"
