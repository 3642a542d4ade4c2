"""A household's members, person by person: the name in both scripts (the contract's Turkish
column prints the Latin one, its Arabic column the Arabic one), sex, birth date or an age when
the day is unknown, relation to the head and ID number.

An age instead of a birth date is stored as an estimated birth date (1 January of the year it
implies), so the age keeps growing and the cash-for-work age check reads one column.
"""

import unicodedata
from datetime import date

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate

RELATIONS: tuple[str, ...] = ("head", "spouse", "child", "parent", "sibling", "grandchild",
                              "other")
SEXES: tuple[str, ...] = ("female", "male")
MAX_AGE = 120


def relation_label(code: str) -> str:
    return {
        "head": lambda: translate("members", "Head of household"),
        "spouse": lambda: translate("members", "Spouse"),
        "child": lambda: translate("members", "Child"),
        "parent": lambda: translate("members", "Parent"),
        "sibling": lambda: translate("members", "Brother or sister"),
        "grandchild": lambda: translate("members", "Grandchild"),
        "other": lambda: translate("members", "Other relative"),
    }[code]()


def sex_label(code: str) -> str:
    return {"female": lambda: translate("members", "Female"),
            "male": lambda: translate("members", "Male")}[code]()


def _scripts(text: str) -> set[str]:
    """The scripts of the letters of `text` ("LATIN", "ARABIC", …), by Unicode name."""
    return {unicodedata.name(char, "?").split()[0] for char in text if char.isalpha()}


def check_latin_name(text: str, *, field: str) -> None:
    if _scripts(text) - {"LATIN"}:
        raise ValidationError(translate(
            "members", "Write this name in Latin letters, as on the Turkish ID card; the Arabic "
                       "spelling has its own field."), field=field)


def check_arabic_name(text: str, *, field: str) -> None:
    if _scripts(text) - {"ARABIC"}:
        raise ValidationError(translate(
            "members", "Write this name in Arabic letters; the Latin spelling has its own "
                       "field."), field=field)


def birth_from_age(age: str | int, today: date, *, field: str) -> date:
    """The estimated birth date of someone `age` years old today (1 January of that year)."""
    text = str(age).strip()
    if not text.isascii() or not text.isdigit() or int(text) > MAX_AGE:
        raise ValidationError(translate(
            "members", "Enter the age in whole years, 0 to {most}, or the date of birth."
        ).format(most=MAX_AGE), field=field)
    return date(today.year - int(text), 1, 1)
