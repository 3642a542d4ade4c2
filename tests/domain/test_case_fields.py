"""Typed dwelling and household facts: areas, rooms, GPS, members and text fields."""

from datetime import date
from decimal import Decimal

import pytest

from shelter_app.domain.dwelling import check_floor_area, check_gps, check_rooms
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.fields import past_date, text
from shelter_app.domain import i18n
from shelter_app.domain.household import (
    NATIONALITIES,
    check_members,
    check_vulnerabilities,
    nationality_label,
)


@pytest.mark.parametrize(("raw", "value"), [("64,5", "64.50"), ("1.000,00", "1000.00"),
                                            ("85", "85.00"), ("0,5", "0.50")])
def test_floor_area_in_turkish_or_plain_notation(raw, value):
    assert check_floor_area(raw) == Decimal(value)


@pytest.mark.parametrize(("raw", "message"), [("-40", "more than 0"), ("0", "more than 0"),
                                              ("1500", "typing error"), ("12a", "not a number"),
                                              ("85,555", "decimal places")])
def test_negative_absurd_or_malformed_floor_area_is_refused_at_the_field(raw, message):
    with pytest.raises(ValidationError, match=message) as raised:
        check_floor_area(raw)
    assert raised.value.field == "floor_area_m2"


@pytest.mark.parametrize("raw", ["0", "21", "-1", "2.5", "iki"])
def test_rooms_outside_1_to_20_are_refused(raw):
    with pytest.raises(ValidationError, match="1 to 20") as raised:
        check_rooms(raw)
    assert raised.value.field == "rooms"


def test_gps_in_turkiye_with_comma_or_point_and_none_when_empty():
    position = check_gps("37,066211", "37.3833")
    assert (position.latitude, position.longitude) == (Decimal("37.066211"), Decimal("37.383300"))
    assert position.warning is None
    assert check_gps("", " ") is None


def test_gps_outside_turkiye_is_a_warning_and_swapped_coordinates_are_caught():
    swapped = check_gps("43.38", "38.50")  # Van with latitude and longitude swapped
    assert swapped.warning and "swapped" in swapped.warning
    assert swapped.latitude == Decimal("43.380000")  # kept as typed, for the user to confirm
    berlin = check_gps("52.52", "13.40")
    assert berlin.warning and "outside Türkiye" in berlin.warning


@pytest.mark.parametrize(("lat", "lon", "field"), [("95", "37", "latitude"), ("37", "",
                                                   "longitude"), ("", "37", "latitude"),
                                                   ("37", "200", "longitude")])
def test_impossible_or_half_gps_is_refused_at_the_field(lat, lon, field):
    with pytest.raises(ValidationError) as raised:
        check_gps(lat, lon)
    assert raised.value.field == field


def test_members_are_counted_per_band_and_need_someone():
    assert check_members({"female_18_59": "2", "male_0_17": 3}) == {
        "female_0_17": 0, "male_0_17": 3, "female_18_59": 2, "male_18_59": 0,
        "female_60_plus": 0, "male_60_plus": 0}
    with pytest.raises(ValidationError, match="at least one"):
        check_members({})
    with pytest.raises(ValidationError) as raised:
        check_members({"male_60_plus": "-1"})
    assert raised.value.field == "members.male_60_plus"
    with pytest.raises(ValidationError):
        check_members({"male_0_17": "40"})


def test_vulnerabilities_keep_the_canonical_order_once():
    assert check_vulnerabilities({"older_person", "disability"}) == ["disability", "older_person"]
    with pytest.raises(ValueError):
        check_vulnerabilities(["not_a_code"])


def test_text_is_trimmed_and_checked_for_length():
    assert text("  Ayşe   Yılmaz ", field="f", label="name", most=20) == "Ayşe Yılmaz"
    assert text(" ", field="f", label="name", most=20, required=False) is None
    with pytest.raises(ValidationError, match="Enter the name"):
        text("", field="f", label="name", most=20)
    with pytest.raises(ValidationError, match="too long"):
        text("x" * 21, field="f", label="name", most=20)


def test_past_date_refuses_the_future_and_old_years():
    today = date(2026, 3, 1)
    assert past_date(today, field="d", label="day", today=today) == today
    with pytest.raises(ValidationError, match="future"):
        past_date(date(2026, 3, 2), field="d", label="day", today=today)
    with pytest.raises(ValidationError, match="check the year"):
        past_date(date(1926, 3, 2), field="d", label="day", today=today)


def test_stored_nationalities_are_shown_translated_and_others_as_typed():
    assert nationality_label("Suriye") == "Syrian" and nationality_label("Ukrayna") == "Ukrayna"
    i18n.install(lambda context, text, *count: f"<{context}:{text}>")
    try:
        assert [nationality_label(name) for name in NATIONALITIES][:2] == [
            "<household:Syrian>", "<household:Turkish>"]
    finally:
        i18n.install(None)
