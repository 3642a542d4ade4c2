from datetime import date

import pytest

from shelter_app.domain.cash_for_work import age_on
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.members import birth_from_age, check_arabic_name, check_latin_name


def test_each_spelling_takes_only_its_own_script():
    check_latin_name("Muhammed Halil Çağlar-İğdır", field="latin_name")
    check_arabic_name("محمد خليل", field="arabic_name")
    with pytest.raises(ValidationError) as error:
        check_latin_name("Muhammed Halil — محمد خليل", field="latin_name")
    assert error.value.field == "latin_name" and "Latin" in error.value.message
    with pytest.raises(ValidationError):
        check_arabic_name("محمد Halil", field="arabic_name")


def test_an_age_becomes_an_estimated_birth_date_that_keeps_the_age():
    today = date(2026, 12, 5)
    born = birth_from_age("17", today, field="age")
    assert born == date(2009, 1, 1) and age_on(born, today) == 17
    for bad in ("-1", "121", "seventeen", "١٧"):
        with pytest.raises(ValidationError):
            birth_from_age(bad, today, field="age")
