"""Conditions, the Sphere indicator, the priority score formula and the wall-area take-off."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelter_app.domain.assessment import (
    COMPONENTS,
    PriorityWeights,
    area_per_person,
    check_conditions,
    check_occupants,
    is_crowded,
    priority_score,
)
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.takeoff import (
    OpeningInput,
    OpeningKind,
    RoomInput,
    check_measurements,
    room_areas,
    takeoff,
    wall_area,
)

D = Decimal
WEIGHTS = PriorityWeights.from_settings(
    "0.45", "0.45", "0.10",
    {"disability": 3, "chronic_illness": 2, "older_person": 2, "female_headed": 2,
     "child_headed": 3, "pregnant_lactating": 2}, 6)


def conditions(*scores: int) -> dict:
    return {code: {"score": score, "notes": ""} for code, score in zip(COMPONENTS, scores)}


# --- conditions --------------------------------------------------------------------------------


def test_conditions_keep_scored_components_and_their_notes():
    stored = check_conditions({"roof": (4, "  leaks over the kitchen "), "doors": (None, "")})
    assert stored == {"roof": {"score": 4, "notes": "leaks over the kitchen"}}


@pytest.mark.parametrize("score", [0, 5, -1])
def test_a_condition_outside_1_to_4_is_refused_at_its_component(score):
    with pytest.raises(ValidationError, match="1, 2, 3 or 4") as raised:
        check_conditions({"windows": (score, "")})
    assert raised.value.field == "condition.windows"


def test_notes_without_a_score_and_an_empty_assessment_are_refused():
    with pytest.raises(ValidationError) as raised:
        check_conditions({"heating": (None, "no stove")})
    assert raised.value.field == "condition.heating"
    with pytest.raises(ValidationError, match="at least one"):
        check_conditions({})


@pytest.mark.parametrize("raw", ["0", "-2", "61", "abc", "", "٣"])
def test_occupants_must_be_a_plausible_whole_number(raw):
    with pytest.raises(ValidationError) as raised:
        check_occupants(raw)
    assert raised.value.field == "occupants"


# --- Sphere ------------------------------------------------------------------------------------


def test_sphere_indicator_at_and_below_3_5_square_metres_per_person():
    assert not is_crowded(D("35"), 10, D("3.5"))  # exactly 3.5 m² each meets the indicator
    assert is_crowded(D("34.99"), 10, D("3.5"))
    assert area_per_person(D("34.99"), 10) == D("3.50")  # shown rounded, judged exact
    assert not is_crowded(None, 5, D("3.5")) and not is_crowded(D("40"), None, D("3.5"))
    assert area_per_person(None, 4) is None


# --- priority ----------------------------------------------------------------------------------


def test_priority_zero_for_a_sound_uncrowded_dwelling_without_vulnerabilities():
    assert priority_score([], conditions(1, 1, 1), False, WEIGHTS) == D("0.00")


def test_priority_hundred_for_the_worst_case():
    everything = ["disability", "child_headed", "older_person"]  # 8 points, capped at 6
    assert priority_score(everything, conditions(*[4] * 8), True, WEIGHTS) == D("100.00")


def test_priority_by_the_documented_formula():
    # V = 3/6 = 0.5 ; C = mean(3/3, 1/3, 0) = 4/9 ; S = 1
    # 100 x (0.45 x 0.5 + 0.45 x 4/9 + 0.10 x 1) / 1.0 = 22.5 + 20 + 10 = 52.5
    score = priority_score(["disability"], conditions(4, 2, 1), True, WEIGHTS)
    assert score == D("52.50")


def test_weights_are_relative_and_unknown_vulnerabilities_score_nothing():
    doubled = PriorityWeights.from_settings(0.9, 0.9, 0.2, {"disability": 3}, 6)
    assert priority_score(["disability", "new_code"], conditions(4, 2, 1), True,
                          doubled) == D("52.50")


@pytest.mark.parametrize(("args", "key"), [
    (("-1", "0.5", "0"), "weight_vulnerability"),
    (("x", "0.5", "0"), "weight_vulnerability"),
    (("0", "0", "0"), "weight_*"),
])
def test_a_broken_weight_setting_is_refused_by_name(args, key):
    with pytest.raises(ValidationError, match=key.replace("*", r"\*")):
        PriorityWeights.from_settings(*args, {}, 6)


@given(st.lists(st.sampled_from(["disability", "chronic_illness", "female_headed"])),
       st.lists(st.integers(1, 4), min_size=1, max_size=8), st.booleans())
def test_priority_stays_between_0_and_100_and_worse_condition_never_lowers_it(vuln, scores,
                                                                              crowded):
    score = priority_score(vuln, conditions(*scores), crowded, WEIGHTS)
    assert D(0) <= score <= D(100)
    worse = priority_score(vuln, conditions(*[min(4, s + 1) for s in scores]), crowded, WEIGHTS)
    assert worse >= score


# --- take-off ----------------------------------------------------------------------------------


def test_wall_area_is_perimeter_times_height_minus_openings():
    assert wall_area(D("4"), D("3"), D("2.5")) == D("35.0")
    assert wall_area(D("4"), D("3"), D("2.5"), D("3.5")) == D("31.5")


def test_takeoff_of_measured_rooms():
    stored = check_measurements(
        [RoomInput("Salon", "4,20", "3,50", "2,70", "4,20"),
         RoomInput("Yatak odası", "3", "3", "2.7", "")],
        [OpeningInput("Salon", OpeningKind.WINDOW, "1,20", "1,40", "2", True),
         OpeningInput("salon", OpeningKind.DOOR, "0,90", "2,10", "1", False),
         OpeningInput("Yatak odası", OpeningKind.DOOR, "0,80", "2,00", "1", False)])
    salon = stored["rooms"][0]
    assert salon["length_m"] == "4.20" and salon["openings"][0]["count"] == 2
    areas = room_areas(salon)
    # 2 x (4.2 + 3.5) x 2.7 = 41.58 ; windows 2 x 1.2 x 1.4 = 3.36 ; door 1.89
    assert areas.walls == D("41.58") - D("3.36") - D("1.89")
    assert areas.exterior_walls == D("4.20") * D("2.70") - D("3.36")
    total = takeoff(stored)
    assert total.floor == D("23.70")  # 14.70 + 9.00
    assert total.walls == D("36.33") + D("32.40") - D("1.60")
    assert (total.windows, total.doors, total.window_area) == (2, 2, D("3.36"))


@pytest.mark.parametrize(("room", "field"), [
    (RoomInput("A", "-3", "3", "2.7"), "room.0.length_m"),
    (RoomInput("A", "0", "3", "2.7"), "room.0.length_m"),
    (RoomInput("A", "3", "300", "2.7"), "room.0.width_m"),
    (RoomInput("A", "3", "3", "27"), "room.0.height_m"),
    (RoomInput("A", "3", "3", "2,7", "13"), "room.0.exterior_m"),  # more than the perimeter
    (RoomInput("A", "3", "3", "abc"), "room.0.height_m"),
])
def test_absurd_or_negative_measures_are_refused_at_their_cell(room, field):
    with pytest.raises(ValidationError) as raised:
        check_measurements([room], [])
    assert raised.value.field == field


def test_openings_must_fit_their_room_and_name_a_known_room():
    room = RoomInput("A", "2", "2", "2.5", "2")
    with pytest.raises(ValidationError) as raised:
        check_measurements([room], [OpeningInput("B", OpeningKind.WINDOW, "1", "1")])
    assert raised.value.field == "opening.0.room"
    with pytest.raises(ValidationError, match="larger than its walls"):
        check_measurements([room], [OpeningInput("A", OpeningKind.WINDOW, "2", "2", "5")])
    with pytest.raises(ValidationError) as raised:
        check_measurements([RoomInput("A", "2", "2", "2.5")],
                           [OpeningInput("A", OpeningKind.WINDOW, "1", "1", "1", True)])
    assert raised.value.field == "room.0.exterior_m"
    with pytest.raises(ValidationError) as raised:
        check_measurements([room, RoomInput("a", "2", "2", "2.5")], [])
    assert raised.value.field == "room.1.name"
