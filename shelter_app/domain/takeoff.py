"""Room and opening measurements taken at the assessment, and the quantity take-off from them.

Stored in Assessment.measurements, every length in metres as a decimal string (JSON has no
Decimal; a float would round 2.70 to 2.7000000000000002):

    {"version": 1,
     "floor_area_m2": "64.50",          # the area the Sphere indicator used, if known
     "rooms": [{"name": "Salon", "length_m": "4.20", "width_m": "3.50", "height_m": "2.70",
                "exterior_m": "4.20",   # length of its walls facing outside (0: none)
                "openings": [{"kind": "window", "width_m": "1.20", "height_m": "1.40",
                              "count": 2, "exterior": true}]}]}

The BoQ take-off (DOMAIN.md): wall area = perimeter x height - openings, per room; the
exterior wall area (insulation) = exterior length x height - exterior openings; windows in m²
of frame and by count; doors by count.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.money import parse_decimal

VERSION = 1
MAX_ROOM_SIDE_M = Decimal(30)
ROOM_HEIGHT_M = (Decimal("1.5"), Decimal(6))
MAX_OPENING_SIDE_M = Decimal(6)
MAX_OPENINGS = 20
_CENTIMETRE = Decimal("0.01")


class OpeningKind(StrEnum):
    WINDOW = "window"
    DOOR = "door"

    @property
    def label(self) -> str:
        return (translate("takeoff", "Window") if self is OpeningKind.WINDOW
                else translate("takeoff", "Door"))


@dataclass(frozen=True)
class RoomInput:
    """One typed row of the rooms table."""

    name: str
    length_m: str
    width_m: str
    height_m: str
    exterior_m: str = ""


@dataclass(frozen=True)
class OpeningInput:
    """One typed row of the openings table; `room` is the room's name as typed there."""

    room: str
    kind: OpeningKind
    width_m: str
    height_m: str
    count: str = "1"
    exterior: bool = True


def check_measurements(rooms: Sequence[RoomInput], openings: Sequence[OpeningInput],
                       floor_area_m2: Decimal | None = None) -> dict[str, Any]:
    """The stored form of typed rooms and openings, or a ValidationError naming the cell
    ("room.2.height_m", "opening.0.room")."""
    stored_rooms: list[dict[str, Any]] = []
    names: dict[str, int] = {}
    for row, room in enumerate(rooms):
        name = room.name.strip() or translate("takeoff", "Room {n}").format(n=row + 1)
        if name.casefold() in names:
            raise ValidationError(
                translate("takeoff", "Two rooms are called '{name}'; give each room its own "
                                     "name.").format(name=name), field=f"room.{row}.name")
        names[name.casefold()] = row
        length = _length(room.length_m, f"room.{row}.length_m", MAX_ROOM_SIDE_M)
        width = _length(room.width_m, f"room.{row}.width_m", MAX_ROOM_SIDE_M)
        height = _length(room.height_m, f"room.{row}.height_m", ROOM_HEIGHT_M[1],
                         ROOM_HEIGHT_M[0])
        exterior = (_length(room.exterior_m, f"room.{row}.exterior_m", 2 * (length + width),
                            Decimal(0)) if room.exterior_m.strip() else Decimal(0))
        stored_rooms.append({"name": name, "length_m": str(length), "width_m": str(width),
                             "height_m": str(height), "exterior_m": str(exterior),
                             "openings": []})
    for row, opening in enumerate(openings):
        index = names.get(opening.room.strip().casefold())
        if index is None:
            raise ValidationError(
                translate("takeoff", "The opening is in room '{room}', which is not in the "
                                     "rooms table; choose one of its rooms.").format(
                    room=opening.room.strip()), field=f"opening.{row}.room")
        count = opening.count.strip() or "1"
        if not count.isascii() or not count.isdigit() or not 1 <= int(count) <= MAX_OPENINGS:
            raise ValidationError(
                translate("takeoff", "The number of such openings is a whole number from 1 to "
                                     "{most}.").format(most=MAX_OPENINGS),
                field=f"opening.{row}.count")
        stored_rooms[index]["openings"].append({
            "kind": OpeningKind(opening.kind).value,
            "width_m": str(_length(opening.width_m, f"opening.{row}.width_m",
                                   MAX_OPENING_SIDE_M)),
            "height_m": str(_length(opening.height_m, f"opening.{row}.height_m",
                                    MAX_OPENING_SIDE_M)),
            "count": int(count),
            "exterior": bool(opening.exterior),
        })
    measurements: dict[str, Any] = {"version": VERSION, "rooms": stored_rooms}
    if floor_area_m2 is not None:
        measurements["floor_area_m2"] = str(floor_area_m2)
    for row, room in enumerate(stored_rooms):  # refuse walls with more holes than wall
        areas = room_areas(room)
        if Decimal(room["exterior_m"]) == 0 and any(o["exterior"] for o in room["openings"]):
            raise ValidationError(
                translate("takeoff", "'{room}' has openings in exterior walls: enter the length "
                                     "of its exterior walls, or mark the openings as "
                                     "interior.").format(room=room["name"]),
                field=f"room.{row}.exterior_m")
        if areas.walls < 0 or areas.exterior_walls < 0:
            raise ValidationError(
                translate("takeoff", "The openings of '{room}' are larger than its walls; "
                                     "check their sizes and counts.").format(room=room["name"]),
                field=f"room.{row}.height_m")
    return measurements


def _length(raw: str, field: str, most: Decimal, least: Decimal | None = None) -> Decimal:
    value = parse_decimal(raw, field=field, places=2)
    low_ok = value > 0 if least is None else value >= least
    if not low_ok or value > most:
        if least is None:
            message = translate("takeoff", "{value} m is not a plausible measure here; enter "
                                           "metres above 0 and at most {most}, e.g. 3,45.")
        else:
            message = translate("takeoff", "{value} m is not a plausible measure here; enter "
                                           "metres from {low} to {most}, e.g. 3,45.")
        raise ValidationError(message.format(value=raw.strip(), low=least, most=most),
                              field=field)
    return value.quantize(_CENTIMETRE)


@dataclass(frozen=True)
class Areas:
    """Quantities of one room, or of all rooms summed, in m² and pieces, unrounded."""

    floor: Decimal = Decimal(0)
    walls: Decimal = Decimal(0)
    exterior_walls: Decimal = Decimal(0)
    window_area: Decimal = Decimal(0)
    windows: int = 0
    door_area: Decimal = Decimal(0)
    doors: int = 0

    def __add__(self, other: "Areas") -> "Areas":
        return Areas(*(a + b for a, b in zip(self._values(), other._values(), strict=True)))

    def _values(self) -> tuple[Any, ...]:
        return (self.floor, self.walls, self.exterior_walls, self.window_area, self.windows,
                self.door_area, self.doors)

    def rounded(self) -> "Areas":
        """Areas to 0.01 m², half up, for display and BoQ quantities."""
        def r(value: Decimal) -> Decimal:
            return value.quantize(_CENTIMETRE, rounding=ROUND_HALF_UP)
        return Areas(r(self.floor), r(self.walls), r(self.exterior_walls), r(self.window_area),
                     self.windows, r(self.door_area), self.doors)


def wall_area(length: Decimal, width: Decimal, height: Decimal,
              openings: Decimal = Decimal(0)) -> Decimal:
    """Net wall area of a rectangular room: perimeter x height - openings."""
    return 2 * (length + width) * height - openings


def room_areas(room: Mapping[str, Any]) -> Areas:
    """The quantities of one stored room."""
    length, width, height = (Decimal(room[key]) for key in ("length_m", "width_m", "height_m"))
    exterior = Decimal(room.get("exterior_m") or 0)
    openings = exterior_openings = window_area = door_area = Decimal(0)
    windows = doors = 0
    for opening in room.get("openings", []):
        area = Decimal(opening["width_m"]) * Decimal(opening["height_m"]) * opening["count"]
        openings += area
        if opening.get("exterior"):
            exterior_openings += area
        if opening["kind"] == OpeningKind.WINDOW:
            window_area += area
            windows += opening["count"]
        else:
            door_area += area
            doors += opening["count"]
    return Areas(length * width, wall_area(length, width, height, openings),
                 exterior * height - exterior_openings, window_area, windows, door_area, doors)


def takeoff(measurements: Mapping[str, Any]) -> Areas:
    """The quantities of all rooms of a stored `measurements`, rounded to 0.01 m²."""
    total = Areas()
    for room in measurements.get("rooms", []):
        total = total + room_areas(room)
    return total.rounded()
