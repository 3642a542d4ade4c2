import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.phone import format_tr_mobile, normalise_tr_mobile


@pytest.mark.parametrize(
    "raw",
    [
        "0532 123 45 67",
        "+90 532 123 45 67",
        "5321234567",
        "(0532) 123-45-67",
        "905321234567",
        "0090 532 123 45 67",
        "+90 (532) 123.45.67",
        " 0532\u00a0123 45 67 ",
    ],
)
def test_normalise_tr_mobile(raw: str) -> None:
    assert normalise_tr_mobile(raw) == "+905321234567"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "Enter the mobile number"),
        (" - ", "Enter the mobile number"),
        ("0532 123 45 6x", "type digits"),
        ("0532/123 45 67", "type digits"),
        ("+90+532 123 45 67", "type digits"),
        ("٠٥٣٢١٢٣٤٥٦٧", "type digits"),
        ("+963 944 123 456", "Only Turkish mobile numbers"),
        ("0049 151 1234 5678", "Only Turkish mobile numbers"),
        ("0312 123 45 67", "not a Turkish mobile number"),
        ("0532 123 45 6", "not a Turkish mobile number"),
        ("0532 123 45 678", "not a Turkish mobile number"),
        ("90 532 123 45 6", "not a Turkish mobile number"),
        ("00532 123 45 67", "Only Turkish mobile numbers"),
    ],
)
def test_normalise_tr_mobile_rejects(raw: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_tr_mobile(raw, field="worker_phone")
    assert caught.value.field == "worker_phone"
    assert fragment in caught.value.message


def test_default_field() -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_tr_mobile("123")
    assert caught.value.field == "phone"


def test_format_tr_mobile() -> None:
    assert format_tr_mobile("+905321234567") == "+90 532 123 45 67"


@pytest.mark.parametrize("value", ["05321234567", "+90532123456", "+903121234567", ""])
def test_format_tr_mobile_wants_the_stored_form(value: str) -> None:
    with pytest.raises(ValueError):
        format_tr_mobile(value)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_round_trip(subscriber: str) -> None:
    e164 = "+905" + subscriber
    assert normalise_tr_mobile(format_tr_mobile(e164)) == e164
    assert normalise_tr_mobile("0" + e164[3:]) == e164
