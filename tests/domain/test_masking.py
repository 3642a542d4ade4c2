import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelter_app.domain.iban import make_tr_iban
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.masking import mask_iban, mask_id, mask_phone

IBAN = "TR330006100519786457841326"


def test_mask_id_keeps_the_first_two_and_last_two_digits() -> None:
    assert mask_id("12345678946") == "12*******46"


def test_mask_id_of_a_ten_digit_tax_number() -> None:
    assert mask_id("1234567890") == "12******90"


@pytest.mark.parametrize("value", ["1", "1234", "1234567"])
def test_mask_id_hides_a_short_value_whole(value: str) -> None:
    assert mask_id(value) == "*" * len(value)


@pytest.mark.parametrize("value", [None, ""])
def test_no_value_masks_to_empty(value: str | None) -> None:
    assert mask_id(value) == mask_iban(value) == mask_phone(value) == ""


@given(st.from_regex(r"[1-9][0-9]{8}", fullmatch=True))
def test_a_masked_id_never_shows_the_middle_digits(first9: str) -> None:
    value = make_tckn(first9)
    masked = mask_id(value)
    assert len(masked) == 11
    assert masked[2:9] == "*" * 7
    assert masked[:2] + masked[9:] == value[:2] + value[9:]


@pytest.mark.parametrize(
    "raw", [IBAN, "TR33 0006 1005 1978 6457 8413 26", "tr330006100519786457841326"]
)
def test_mask_iban_shows_country_check_digits_and_last_four(raw: str) -> None:
    assert mask_iban(raw) == "TR33 **** **** **** **** **13 26"


@given(st.from_regex(r"[0-9]{5}", fullmatch=True), st.from_regex(r"[0-9]{16}", fullmatch=True))
def test_a_masked_iban_hides_bank_and_account(bank: str, account: str) -> None:
    value = make_tr_iban(bank, account)
    masked = mask_iban(value).replace(" ", "")
    assert masked[:4] == value[:4] and masked[-4:] == value[-4:]
    assert masked[4:-4] == "*" * 18


def test_mask_iban_hides_a_short_value_whole() -> None:
    assert mask_iban("TR3300061005") == "**** **** ****"


def test_mask_phone_of_a_stored_turkish_mobile() -> None:
    assert mask_phone("+905321234567") == "+90 *** *** ** 67"


@pytest.mark.parametrize(
    ("value", "masked"),
    [("+963 944 123 456", "+*** *** *** *56"), ("0312 123 45 67", "**** *** ** 67"),
     ("1234", "****")],
)
def test_mask_phone_of_other_numbers_keeps_separators_and_last_two(value: str,
                                                                   masked: str) -> None:
    assert mask_phone(value) == masked
