"""The rules for user names and passwords (no database: the services pass in the minimum
length setting and the list of common passwords they load from resources/passwords).

User names: 3 to 32 characters, lower-case Latin letters a-z, digits, dots, hyphens and
underscores, starting with a letter or a digit. They are typed at every sign-in on laptops with
Turkish, Arabic and English keyboards and end up in the audit trail, so they keep to what every
keyboard types the same way. Input is trimmed and lower-cased first ("  Ayse.K " -> "ayse.k").
Accounts made before this rule keep their names and still sign in.

Passwords: at least the minimum length (setting auth.min_password_length), not containing the
user name (in any case), and not one of the most common passwords (compared in lower case and
with Turkish letters folded, so "Şifre12345" meets "sifre12345").
"""

import re
from collections.abc import Container

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.textfold import fold

USERNAME_MIN, USERNAME_MAX = 3, 32
_USERNAME = re.compile(rf"[a-z0-9][a-z0-9._-]{{{USERNAME_MIN - 1},{USERNAME_MAX - 1}}}")


def clean_username(username: str) -> str:
    """The user name as stored (trimmed, lower case); refused with a message that says what is
    allowed."""
    cleaned = username.strip().lower()
    if not cleaned:
        raise ValidationError(translate("auth", "Enter a user name."), field="username")
    if _USERNAME.fullmatch(cleaned) is None or not cleaned.isascii():
        raise ValidationError(
            translate("auth", "A user name has {low} to %n characters: Latin letters a-z "
                              "without accents, digits, dots (.), hyphens (-) and underscores "
                              "(_), starting with a letter or a digit; no spaces, no Turkish "
                              "or Arabic letters. For example: ayse.kaya", "",
                      USERNAME_MAX).format(low=USERNAME_MIN), field="username")
    return cleaned


def check_password(password: str, *, min_length: int, username: str | None = None,
                   common: Container[str] = frozenset(), repeat: str | None = None) -> None:
    """Refuse a password that breaks a rule, naming the field ("repeat" or "password")."""
    if repeat is not None and password != repeat:
        raise ValidationError(translate("auth", "The two passwords differ; type the same password "
                                                "twice."), field="repeat")
    if len(password) < min_length:
        raise ValidationError(
            translate("auth", "The password needs at least %n characters.", "", min_length),
            field="password")
    name = (username or "").strip().lower()
    if len(name) >= USERNAME_MIN and name in password.lower():
        raise ValidationError(
            translate("auth", "The password must not contain the user name ({name}); choose "
                              "another.").format(name=name), field="password")
    if is_common(password, common):
        raise ValidationError(
            translate("auth", "This password is one of the most common passwords, which are "
                              "guessed first; choose another, for example a few unrelated words."),
            field="password")


def is_common(password: str, common: Container[str]) -> bool:
    lowered = password.lower()
    return lowered in common or fold(password) in common or lowered.strip() in common
