"""User-name and password rules, and the shipped list of common passwords."""

import pytest

from shelter_app.domain.credentials import check_password, clean_username, is_common
from shelter_app.domain.errors import ValidationError
from shelter_app.services.accounts.auth import common_passwords


@pytest.mark.parametrize(("typed", "stored"), [
    ("ayse.kaya", "ayse.kaya"), ("  Engineer.GAZ ", "engineer.gaz"), ("abc", "abc"),
    ("a_b-c.1", "a_b-c.1"), ("7eleven", "7eleven"), ("x" * 32, "x" * 32), ("admin", "admin"),
])
def test_allowed_user_names(typed: str, stored: str) -> None:
    assert clean_username(typed) == stored


@pytest.mark.parametrize("typed", [
    "ayse kaya",  # a space
    "ayşe",  # a Turkish letter
    "İsmail",  # a dotted capital I
    "محمد",  # Arabic letters
    "ab",  # too short
    "x" * 33,  # too long
    ".hidden", "-x", "_x",  # must start with a letter or a digit
    "a@b.com", "ali/veli",
])
def test_refused_user_names_say_what_is_allowed(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        clean_username(typed)
    assert refused.value.field == "username"
    message = str(refused.value)
    assert "3 to 32" in message and "a-z" in message and "no spaces" in message


def test_an_empty_user_name_asks_for_one() -> None:
    with pytest.raises(ValidationError, match="Enter a user name") as refused:
        clean_username("   ")
    assert refused.value.field == "username"


def rule(password: str, **given) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        check_password(password, **{"min_length": 10, "common": common_passwords(), **given})
    return refused.value


def test_too_short_names_the_minimum() -> None:
    error = rule("nine-char")
    assert error.field == "password" and "10" in str(error)


@pytest.mark.parametrize("password", ["ayse.kaya-2026", "AYSE.KAYA!!!", "my Ayse.Kaya pass"])
def test_a_password_containing_the_user_name_is_refused(password: str) -> None:
    error = rule(password, username="ayse.kaya")
    assert error.field == "password" and "ayse.kaya" in str(error)


@pytest.mark.parametrize("password", ["qwertyuiop", "Password123", "1234567890", "QWERTYUIOP",
                                      "galatasaray1905", "Şifre12345", "barinak2026"])
def test_common_passwords_are_refused(password: str) -> None:
    error = rule(password)
    assert error.field == "password" and "common" in str(error)


def test_mismatched_repeat_is_reported_first() -> None:
    assert rule("short", repeat="other").field == "repeat"


@pytest.mark.parametrize("password", ["correct-horse-1", "zeytin ağacı gölge", "Kırmızı.Bisiklet7"])
def test_good_passwords_pass(password: str) -> None:
    check_password(password, min_length=10, username="ayse.kaya", common=common_passwords(),
                   repeat=password)


def test_the_shipped_list_is_large_lower_case_and_without_comments() -> None:
    words = common_passwords()
    assert len(words) > 30_000
    assert all(word == word.lower() and word == word.strip() for word in words)
    assert not any(word.startswith("#") for word in words)
    assert {"123456", "password", "qwertyuiop", "sifre123"} <= words
    assert is_common("PASSWORD", words) and not is_common("correct-horse-1", words)
