from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.ids import (
    IdCheck,
    IdKind,
    check_person_id,
    check_tax_number,
    make_tckn,
    make_vkn,
    make_ykn,
    tckn_check_digits,
    tckn_is_valid,
)

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)
first9 = nine_digits.filter(lambda s: s[0] != "0")


def test_known_tckn_is_valid() -> None:
    assert tckn_is_valid("10000000146")
    assert tckn_check_digits("100000001") == "46"
    assert make_tckn("100000001") == "10000000146"


@pytest.mark.parametrize(
    "value",
    ["10000000147", "10000000156", "00000000000", "01000000146", "1000000014", "1000000014a", ""],
)
def test_tckn_is_valid_rejects(value: str) -> None:
    assert not tckn_is_valid(value)


def test_tckn_is_valid_wants_the_stored_form() -> None:
    assert not tckn_is_valid("100 000 001 46")
    assert not tckn_is_valid("١٠٠٠٠٠٠٠١٤٦")  # Arabic-Indic digits pass str.isdigit()


@pytest.mark.parametrize(
    "raw", ["10000000146", " 100 000 001 46 ", "100-000-001-46", "1000\t0000146"]
)
def test_check_person_id_accepts_tckn(raw: str) -> None:
    assert check_person_id(raw) == IdCheck("10000000146", IdKind.TCKN, None)


def test_check_person_id_accepts_ykn_with_good_checksum() -> None:
    ykn = make_ykn("1234567")
    assert ykn.startswith("99") and len(ykn) == 11
    assert check_person_id(ykn) == IdCheck(ykn, IdKind.YKN, None)


def test_ykn_with_bad_checksum_is_a_warning_not_an_error() -> None:
    good = make_ykn("1234567")
    bad = good[:10] + str((int(good[10]) + 1) % 10)
    result = check_person_id(bad)
    assert result.value == bad
    assert result.kind is IdKind.YKN
    assert result.warning is not None
    assert "check digits" in result.warning
    assert bad in result.warning


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "Enter the number"),
        ("   ", "Enter the number"),
        ("123", "must have 11 digits; '123' has 3"),
        ("100000001460", "has 12"),
        ("1000000014a", "remove 'a'"),
        ("10000000146.", "remove '.'"),
        ("١٠٠٠٠٠٠٠١٤٦", "digits 0-9"),
        ("01000000146", "cannot start with 0"),
        ("10000000147", "check digits"),
        ("10000000156", "typing error"),
    ],
)
def test_check_person_id_rejects(raw: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_person_id(raw, field="landlord_id")
    assert caught.value.field == "landlord_id"
    assert fragment in caught.value.message


def test_check_person_id_names_the_default_field() -> None:
    with pytest.raises(ValidationError) as caught:
        check_person_id("123")
    assert caught.value.field == "id_number"


def test_ykn_prefix_is_not_checked_for_a_tckn_shape() -> None:
    # "98..." is neither a YKN nor (here) a valid TCKN: it must get the TCKN treatment.
    with pytest.raises(ValidationError, match="check digits"):
        check_person_id("98000000000")


@pytest.mark.parametrize(
    "value",
    ["1234567890", "9876543217", "9029589240", "3721052062", "7439837246", "4540536920"],
)
def test_known_vkn_are_valid(value: str) -> None:
    assert check_tax_number(value) == value


def test_check_tax_number_normalises() -> None:
    assert check_tax_number(" 123 456-7890 ") == "1234567890"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "Enter the number"),
        ("12345", "10 digits; '12345' has 5"),
        ("10000000146", "enter it as the ID number"),
        ("12345678x0", "remove 'x'"),
        ("1234567891", "check digit"),
        ("4540536921", "typing error"),
    ],
)
def test_check_tax_number_rejects(raw: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_tax_number(raw)
    assert caught.value.field == "tax_number"
    assert fragment in caught.value.message


@pytest.mark.parametrize(
    ("helper", "argument"),
    [
        (make_tckn, "012345678"),
        (make_tckn, "12345678"),
        (make_ykn, "123456"),
        (make_vkn, "12345678a"),
        (tckn_check_digits, "1234567890"),
    ],
)
def test_helpers_refuse_bad_arguments(helper: Callable[[str], str], argument: str) -> None:
    with pytest.raises(ValueError):
        helper(argument)


@given(first9)
def test_make_tckn_is_always_valid(prefix: str) -> None:
    tckn = make_tckn(prefix)
    assert tckn_is_valid(tckn)
    assert check_person_id(tckn).kind is (IdKind.YKN if prefix[:2] == "99" else IdKind.TCKN)


@given(st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_make_ykn_passes_without_warning(middle: str) -> None:
    assert check_person_id(make_ykn(middle)).warning is None


@given(nine_digits)
def test_make_vkn_is_always_accepted(prefix: str) -> None:
    assert check_tax_number(make_vkn(prefix)) == make_vkn(prefix)


@given(first9, st.integers(0, 10), st.integers(1, 9))
def test_any_single_digit_change_is_caught(prefix: str, position: int, shift: int) -> None:
    # True for every position: d10 moves by 7*delta (odd positions) or -delta (even ones),
    # neither of which is 0 mod 10 for delta in 1..9; d10 and d11 are checked directly.
    tckn = make_tckn(prefix)
    digit = (int(tckn[position]) + shift) % 10
    changed = tckn[:position] + str(digit) + tckn[position + 1 :]
    assert not tckn_is_valid(changed)


def test_checksum_misses_some_swaps_of_neighbours() -> None:
    # Swapping neighbouring digits that differ by 5 leaves both check digits unchanged:
    # the checksum is no guard against this typing error.
    tckn = make_tckn("161234567")
    swapped = "61" + tckn[2:]
    assert tckn_is_valid(tckn) and tckn_is_valid(swapped)


@pytest.mark.parametrize("raw", ["1.0000000382E+10", "1,00000004E+10", "9.9123456789e10"])
def test_an_id_excel_shortened_says_why_and_how_to_fix_it(raw: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_person_id(raw)
    assert refused.value.message.startswith(f"'{raw}' is a number Excel shortened")
    assert "format the column as Text" in refused.value.message
