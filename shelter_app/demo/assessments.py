"""Assessments for the demo data: every dwelling past registration was assessed eligible, some
after an earlier assessment found it not yet eligible, and finished works have their final
assessment. Rows are plain dicts for the demo's bulk INSERTs; scores use the default settings.
"""

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.models import User
from shelter_app.domain.assessment import (
    COMPONENTS,
    PriorityWeights,
    is_crowded,
    priority_score,
)
from shelter_app.domain.clock import CALENDAR_ZONE
from shelter_app.domain.stages import Role, Stage
from shelter_app.domain.takeoff import VERSION
from shelter_app.services.accounts.settings import DEFAULTS

ROOM_NAMES = ("Salon", "Yatak odası", "Çocuk odası", "Mutfak", "Oda")
NOTES = {
    "walls_insulation": "Dış duvarda yalıtım yok",
    "roof": "Çatıda akıntı",
    "windows": "Tek camlı, çürük ahşap doğrama",
    "doors": "Dış kapı kilitlenmiyor",
    "damp_mould": "Yatak odasında küf",
    "water_sanitation": "Banyoda sızıntı",
    "electricity": "Açık kablolar",
    "heating": "Soba bacası güvensiz",
}
ELIGIBLE = "Yalıtım ve doğrama yetersiz; hane kırılgan, kiraya veren kirayı sabitlemeyi kabul etti."
NOT_YET = "Kiraya verene ulaşılamadı; yeniden değerlendirilecek."
FINAL = "İşler tamamlandı ve kontrol edildi."
# days before the demo's "now" that a case at each stage was assessed, roughly
_AGE = {stage: 20 + 35 * n for n, stage in enumerate(Stage)}


class DemoAssessor:
    """Makes the assessment rows of one demo dwelling at a time, by its office's engineer.

    Conditions and rooms are drawn from small pools made once, and scores are cached per
    combination: 100,000 dwellings must stay a benchmark of seconds."""

    POOL = 64

    def __init__(self, session: Session, rng: Random, now: datetime) -> None:
        self.rng = rng
        self.today = now.astimezone(CALENDAR_ZONE).date()
        self.engineers = dict(session.execute(
            select(User.office_id, User.id).where(User.role == Role.ENGINEER)).all())
        self.weights = PriorityWeights.from_settings(
            *(DEFAULTS[f"assessment.{key}"] for key in (
                "weight_vulnerability", "weight_condition", "weight_crowding",
                "vulnerability_points", "vulnerability_points_cap")))
        self.sphere = Decimal(DEFAULTS["assessment.sphere_m2_per_person"])
        self.conditions = {worst: [self._conditions(worst) for _ in range(self.POOL)]
                           for worst in (2, 4)}
        self.rooms = {count: [[self._room(n) for n in range(count)] for _ in range(self.POOL)]
                      for count in range(1, 5)}
        self._scores: dict[tuple[Any, ...], Decimal] = {}

    def rows(self, dwelling: dict[str, Any], household: dict[str, Any]) -> list[dict[str, Any]]:
        stage = dwelling["stage"]
        if stage is Stage.REGISTERED:
            return []
        day = self.today - timedelta(days=_AGE[stage] + self.rng.randint(0, 30))
        rows = []
        if self.rng.random() < 0.15:
            rows.append(self._row(dwelling, household, day - timedelta(days=21), False))
        rows.append(self._row(dwelling, household, day, True))
        if stage in (Stage.COMPLETED, Stage.MONITORED):
            rows.append(self._row(dwelling, household, day + timedelta(days=60), True,
                                  final=True))
        return rows

    def _row(self, dwelling: dict[str, Any], household: dict[str, Any], day: date,
             eligible: bool, *, final: bool = False) -> dict[str, Any]:
        pick = self.rng.randrange(self.POOL)
        conditions = self.conditions[2 if final else 4][pick]
        occupants = sum(household["members"].values())
        floor = dwelling["floor_area_m2"]
        crowded = is_crowded(floor, occupants, self.sphere)
        key = (final, pick, crowded, tuple(household["vulnerabilities"]))
        if key not in self._scores:
            self._scores[key] = priority_score(household["vulnerabilities"], conditions,
                                               crowded, self.weights)
        rooms = self.rooms.get(min(dwelling["rooms"] or 1, 4), [[]])[pick] if not final else []
        return {
            "id": uuid.uuid4(), "dwelling_id": dwelling["id"], "assessed_on": day,
            "assessor_id": self.engineers.get(dwelling["office_id"]),
            "conditions": conditions,
            "measurements": {"version": VERSION, "floor_area_m2": f"{floor:.2f}",
                             "rooms": rooms},
            "occupants": occupants, "priority_score": self._scores[key],
            "eligible": eligible, "is_final": final,
            "eligibility_reason": FINAL if final else ELIGIBLE if eligible else NOT_YET,
        }

    def _conditions(self, worst: int) -> dict[str, dict[str, Any]]:
        """Scores up to `worst` (2 after the works), with the notes of poor components."""
        conditions = {}
        for code in COMPONENTS:
            if self.rng.random() < 0.9:  # some components do not apply (a flat's roof)
                score = self.rng.randint(1, worst)
                conditions[code] = {"score": score, "notes": NOTES[code] if score >= 3 else ""}
        return conditions or {"walls_insulation": {"score": worst, "notes": ""}}

    def _room(self, n: int) -> dict[str, Any]:
        """Room `n` with an outside window and a door; lengths as decimal strings."""
        rng = self.rng
        length = _metres(rng.randint(250, 500))
        return {
            "name": ROOM_NAMES[n], "length_m": length,
            "width_m": _metres(rng.randint(250, 400)),
            "height_m": _metres(rng.choice((260, 270, 280))), "exterior_m": length,
            "openings": [
                {"kind": "window", "width_m": _metres(rng.choice((90, 120, 150))),
                 "height_m": "1.40", "count": 1, "exterior": True},
                {"kind": "door", "width_m": "0.80", "height_m": "2.00", "count": 1,
                 "exterior": False},
            ],
        }


def _metres(centimetres: int) -> str:
    return f"{centimetres // 100}.{centimetres % 100:02d}"
