import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.iban import (
    check_iban,
    format_iban,
    iban_is_valid,
    make_tr_iban,
    normalise_iban,
)

KNOWN = "TR330006100519786457841326"


def test_known_iban_is_valid() -> None:
    assert iban_is_valid(KNOWN)
    assert make_tr_iban("00061", "0519786457841326") == KNOWN


@pytest.mark.parametrize(
    "raw",
    [
        "TR33 0006 1005 1978 6457 8413 26",
        "tr33 0006 1005 1978 6457 8413 26",
        " TR330006100519786457841326\n",
        "TR33\u00a00006\u00a01005 1978 6457 8413 26",
    ],
)
def test_check_iban_accepts_typed_forms(raw: str) -> None:
    assert check_iban(raw) == KNOWN


def test_format_and_normalise() -> None:
    assert format_iban(KNOWN) == "TR33 0006 1005 1978 6457 8413 26"
    assert normalise_iban("tr33 0006 1005") == "TR3300061005"


def test_iban_is_valid_wants_the_stored_form() -> None:
    assert not iban_is_valid(format_iban(KNOWN))
    assert not iban_is_valid(KNOWN.lower())


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "Enter the IBAN"),
        ("   ", "Enter the IBAN"),
        ("TR33-0006-1005-1978-6457-8413-26", "remove '-'"),
        ("DE89 3704 0044 0532 0130 00", "start with TR, not 'DE'"),
        ("TR33 0006 1005 1978 6457 8413 2", "26 characters; this one has 25"),
        ("TR33 0006 1005 1978 6457 8413 266", "this one has 27"),
        ("TRXX 0006 1005 1978 6457 8413 26", "'XX' is not a number"),
        ("TR33 000A 1005 1978 6457 8413 26", "bank code"),
        ("TR33 0006 1105 1978 6457 8413 26", "reserve digit and must be 0, not '1'"),
        ("TR33 0006 1005 1978 6457 8413 27", "check digits do not match"),
        ("TR34 0006 1005 1978 6457 8413 26", "typing error"),
        ("TR33 0006 1005 1978 6457 8431 26", "typing error"),
    ],
)
def test_check_iban_rejects(raw: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_iban(raw, field="landlord_iban")
    assert caught.value.field == "landlord_iban"
    assert fragment in caught.value.message


def test_check_iban_default_field() -> None:
    with pytest.raises(ValidationError) as caught:
        check_iban("TR00")
    assert caught.value.field == "iban"


def test_account_may_contain_letters() -> None:
    iban = make_tr_iban("00010", "ABC0000000000123")
    assert check_iban(iban.lower()) == iban


@pytest.mark.parametrize(
    ("bank_code", "account"),
    [("0006", "0519786457841326"), ("00061", "051978645784132"), ("00061", "05197864578413a6")],
)
def test_make_tr_iban_refuses_bad_arguments(bank_code: str, account: str) -> None:
    with pytest.raises(ValueError):
        make_tr_iban(bank_code, account)


bank_codes = st.text(alphabet="0123456789", min_size=5, max_size=5)
accounts = st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=16, max_size=16)


@given(bank_codes, accounts)
def test_make_tr_iban_is_valid_and_round_trips(bank_code: str, account: str) -> None:
    iban = make_tr_iban(bank_code, account)
    assert iban_is_valid(iban)
    assert normalise_iban(format_iban(iban)) == iban
    assert check_iban(format_iban(iban).lower()) == iban


@given(bank_codes, accounts, st.integers(4, 25), st.integers(1, 9))
def test_single_digit_change_is_caught(
    bank_code: str, account: str, position: int, shift: int
) -> None:
    # Mod-97 catches every single-character substitution; shown here for digits.
    iban = make_tr_iban(bank_code, account)
    assume(iban[position].isdigit())
    changed = iban[:position] + str((int(iban[position]) + shift) % 10) + iban[position + 1 :]
    assert not iban_is_valid(changed)
