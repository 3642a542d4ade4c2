"""A dwelling assessment: component conditions, the Sphere space indicator, the priority score.

Conditions are stored in Assessment.conditions as {component: {"score": 1-4, "notes": text}}
for the components of COMPONENTS that were assessed; a component that does not apply (no roof
of its own in a flat) is left out.

Condition scale (higher is worse, so that it adds to the priority):
  1 good - no work needed; 2 fair - minor repairs; 3 poor - major repairs;
  4 failed - unsafe or missing, replace.

Priority score, 0 to 100 (higher: help first). With settings weights a, b, c (>= 0, not all 0):

    V = min(sum of the vulnerability points of the household's vulnerabilities, cap) / cap
    C = mean over the assessed components of (score - 1) / 3
    S = 1 when the floor area per person is below the Sphere minimum, else 0
    score = 100 x (a x V + b x C + c x S) / (a + b + c), rounded half up to 0.01

Points per vulnerability, the cap and a, b, c are settings (services.settings.DEFAULTS,
"assessment.*"), read on the assessment's date so an old score can be recomputed as it was.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate

COMPONENTS: tuple[str, ...] = (
    "walls_insulation", "roof", "windows", "doors", "damp_mould", "water_sanitation",
    "electricity", "heating",
)
SCORES = (1, 2, 3, 4)
MAX_NOTE = 500
MAX_OCCUPANTS = 60
_HUNDREDTH = Decimal("0.01")


def component_label(code: str) -> str:
    return {
        "walls_insulation": lambda: translate("assessment", "Walls and insulation"),
        "roof": lambda: translate("assessment", "Roof"),
        "windows": lambda: translate("assessment", "Windows"),
        "doors": lambda: translate("assessment", "Doors"),
        "damp_mould": lambda: translate("assessment", "Damp and mould"),
        "water_sanitation": lambda: translate("assessment", "Water and sanitation"),
        "electricity": lambda: translate("assessment", "Electricity"),
        "heating": lambda: translate("assessment", "Heating"),
    }[code]()


def score_label(score: int) -> str:
    return {
        1: lambda: translate("assessment", "1 good"),
        2: lambda: translate("assessment", "2 fair: minor repairs"),
        3: lambda: translate("assessment", "3 poor: major repairs"),
        4: lambda: translate("assessment", "4 failed: unsafe or missing"),
    }[score]()


def check_conditions(raw: Mapping[str, tuple[int | None, str]]) -> dict[str, dict[str, Any]]:
    """{component: (score or None, notes)} as stored; a None score leaves the component out."""
    unknown = set(raw) - set(COMPONENTS)
    if unknown:
        raise ValueError(f"unknown components {sorted(unknown)}")  # a bug, not user input
    conditions: dict[str, dict[str, Any]] = {}
    for code in COMPONENTS:
        score, notes = raw.get(code, (None, ""))
        notes = notes.strip()
        if score is None:
            if notes:
                raise ValidationError(
                    translate("assessment", "{component}: give a condition from 1 to 4 for the "
                                            "notes, or clear the notes.").format(
                        component=component_label(code)), field=f"condition.{code}")
            continue
        if score not in SCORES:
            raise ValidationError(
                translate("assessment", "{component}: the condition is 1, 2, 3 or 4, not "
                                        "{score}.").format(component=component_label(code),
                                                           score=score),
                field=f"condition.{code}")
        if len(notes) > MAX_NOTE:
            raise ValidationError(
                translate("assessment", "{component}: shorten the notes to %n characters.", "",
                          MAX_NOTE).format(component=component_label(code)),
                field=f"notes.{code}")
        conditions[code] = {"score": score, "notes": notes}
    if not conditions:
        raise ValidationError(
            translate("assessment", "Rate the condition of at least one component from 1 to 4."),
            field=f"condition.{COMPONENTS[0]}")
    return conditions


def check_occupants(raw: str | int, *, field: str = "occupants") -> int:
    text = str(raw).strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_OCCUPANTS:
        raise ValidationError(
            translate("assessment", "Enter the number of people living in the dwelling, from 1 "
                                    "to {most}.").format(most=MAX_OCCUPANTS), field=field)
    return int(text)


# --- Sphere ----------------------------------------------------------------------------------


def area_per_person(floor_area_m2: Decimal | None, occupants: int | None) -> Decimal | None:
    """Covered floor area per person, to 0.01 m²; None when either is unknown."""
    if floor_area_m2 is None or not occupants:
        return None
    return (floor_area_m2 / occupants).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)


def is_crowded(floor_area_m2: Decimal | None, occupants: int | None, minimum: Decimal) -> bool:
    """Below the Sphere indicator (at least `minimum` m² per person, 3.5 by default)?
    Unknown area or occupants is not flagged."""
    if floor_area_m2 is None or not occupants:
        return False
    return floor_area_m2 < minimum * occupants


# --- priority --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PriorityWeights:
    vulnerability: Decimal
    condition: Decimal
    crowding: Decimal
    points: Mapping[str, Decimal]
    points_cap: Decimal

    @classmethod
    def from_settings(cls, vulnerability: Any, condition: Any, crowding: Any,
                      points: Mapping[str, Any], points_cap: Any) -> "PriorityWeights":
        """From setting values (numbers or numeric strings), checked: a bad setting would make
        every score wrong, so it is refused by name."""
        weights = cls(_number(vulnerability, "assessment.weight_vulnerability"),
                      _number(condition, "assessment.weight_condition"),
                      _number(crowding, "assessment.weight_crowding"),
                      {code: _number(value, "assessment.vulnerability_points")
                       for code, value in points.items()},
                      _number(points_cap, "assessment.vulnerability_points_cap"))
        if weights.vulnerability + weights.condition + weights.crowding <= 0:
            raise _setting_error("assessment.weight_*")
        if weights.points_cap <= 0:
            raise _setting_error("assessment.vulnerability_points_cap")
        return weights


def priority_score(vulnerabilities: Collection[str], conditions: Mapping[str, Mapping[str, Any]],
                   crowded: bool, weights: PriorityWeights) -> Decimal:
    """The score of the module docstring's formula."""
    points = sum((weights.points.get(code, Decimal(0)) for code in set(vulnerabilities)),
                 Decimal(0))
    v = min(points, weights.points_cap) / weights.points_cap
    scores = [Decimal(item["score"]) for item in conditions.values()]
    c = sum(((s - 1) / 3 for s in scores), Decimal(0)) / len(scores) if scores else Decimal(0)
    s = Decimal(1) if crowded else Decimal(0)
    total = weights.vulnerability + weights.condition + weights.crowding
    score = 100 * (weights.vulnerability * v + weights.condition * c + weights.crowding * s) / total
    return score.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)


def _number(value: Any, key: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise _setting_error(key) from None
    if not number.is_finite() or number < 0:
        raise _setting_error(key)
    return number


def _setting_error(key: str) -> ValidationError:
    return ValidationError(
        translate("assessment", "The setting {key} must be a number of 0 or more (and the "
                                "weights not all 0); ask an administrator to correct it."
                  ).format(key=key), field=key)
