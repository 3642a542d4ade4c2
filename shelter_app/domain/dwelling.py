"""A dwelling's typed facts: floor area, rooms, type and GPS position, checked as typed.

Limits here catch typing errors, not policy: no family rents 1,000 m² or 20 rooms, so such a
value is refused with the reason. A position outside Türkiye's bounding box is possible (a
phone that had no fix) but suspicious, so it is a warning the user confirms.
"""

from dataclasses import dataclass
from decimal import Decimal

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.money import parse_decimal

MAX_FLOOR_AREA_M2 = Decimal(1000)
MAX_ROOMS = 20
# Türkiye's bounding box, generously rounded (DOMAIN.md, Places)
TURKEY_LATITUDE = (Decimal("35.8"), Decimal("42.2"))
TURKEY_LONGITUDE = (Decimal("25.6"), Decimal("44.9"))
_GPS_STEP = Decimal("0.000001")  # the columns' scale, about 0.1 m

DWELLING_TYPES: tuple[str, ...] = ("apartment", "house", "basement", "annex", "other")


def dwelling_type_label(code: str) -> str:
    return {
        "apartment": lambda: translate("dwelling", "Apartment flat"),
        "house": lambda: translate("dwelling", "Detached house"),
        "basement": lambda: translate("dwelling", "Basement flat"),
        "annex": lambda: translate("dwelling", "Annex or outbuilding"),
        "other": lambda: translate("dwelling", "Other"),
    }.get(code, lambda: code)()


def check_floor_area(raw: str | Decimal, *, field: str = "floor_area_m2") -> Decimal:
    """A typed covered floor area in m² ("64,5"): more than 0, at most MAX_FLOOR_AREA_M2."""
    value = raw if isinstance(raw, Decimal) else parse_decimal(raw, field=field, places=2)
    if value <= 0:
        raise ValidationError(
            translate("dwelling", "The floor area must be more than 0 m²; '{raw}' cannot be "
                                  "right.").format(raw=raw), field=field)
    if value > MAX_FLOOR_AREA_M2:
        raise ValidationError(
            translate("dwelling", "A floor area of {raw} m² is more than any rented family "
                                  "dwelling ({most} m² at most); check for a typing error, e.g. "
                                  "a missing decimal comma.").format(raw=raw,
                                                                      most=MAX_FLOOR_AREA_M2),
            field=field)
    return value


def check_rooms(raw: str | int, *, field: str = "rooms") -> int:
    """A typed number of rooms: a whole number from 1 to MAX_ROOMS."""
    text = str(raw).strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_ROOMS:
        raise ValidationError(
            translate("dwelling", "Enter the number of rooms as a whole number from 1 to "
                                  "{most}; '{raw}' is not one.").format(most=MAX_ROOMS, raw=raw),
            field=field)
    return int(text)


@dataclass(frozen=True)
class Position:
    latitude: Decimal
    longitude: Decimal
    warning: str | None


def check_gps(latitude: str | Decimal, longitude: str | Decimal) -> Position | None:
    """Typed decimal degrees ("37,0662" or "37.0662"); None when both are empty.

    Impossible coordinates are refused; a point outside Türkiye comes back with a warning."""
    if isinstance(latitude, str) and isinstance(longitude, str) and not (
            latitude.strip() or longitude.strip()):
        return None
    lat = _degrees(latitude, "latitude", Decimal(90))
    lon = _degrees(longitude, "longitude", Decimal(180))
    warning = None
    if not (TURKEY_LATITUDE[0] <= lat <= TURKEY_LATITUDE[1]
            and TURKEY_LONGITUDE[0] <= lon <= TURKEY_LONGITUDE[1]):
        warning = translate(
            "dwelling", "The position {lat}, {lon} is outside Türkiye. Check that latitude (about "
                        "36–42) and longitude (about 26–45) are not swapped or mistyped."
        ).format(lat=lat, lon=lon)
    return Position(lat, lon, warning)


def _degrees(raw: str | Decimal, field: str, limit: Decimal) -> Decimal:
    if isinstance(raw, Decimal):
        value = raw
    else:
        if not raw.strip():
            raise ValidationError(
                translate("dwelling", "Enter both latitude and longitude, or neither."),
                field=field)
        value = parse_decimal(raw, field=field)
    if not value.is_finite() or not -limit <= value <= limit:
        raise ValidationError(
            translate("dwelling", "'{raw}' is not a {name} in decimal degrees (from -{limit} to "
                                  "{limit}).").format(raw=raw, name=_NAMES[field](), limit=limit),
            field=field)
    return value.quantize(_GPS_STEP)


_NAMES = {
    "latitude": lambda: translate("dwelling", "latitude"),
    "longitude": lambda: translate("dwelling", "longitude"),
}
