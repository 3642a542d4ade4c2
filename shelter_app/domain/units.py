"""Units of measure as each interface language writes them, and quantities as every screen
and paper writes them.

The price catalogue keeps the units of Turkish contractors' price lists: metric symbols (m,
m², m³), the same in every language, and two words, "adet" (pieces) and "götürü" (lump sum),
which an English or Arabic reader should read in their own language.

A quantity has the decimals of its unit, so that a column of one unit lines up: pieces and
lump sums are counted (0 decimals), lengths, areas and volumes are measured to the centimetre
(2). A quantity typed more finely than its unit (the services keep up to three decimals) shows
all of them, never rounded away: the printed line total must still reconcile with it.

Labour days come in halves, so a figure of days has one fixed decimal wherever it is shown
("5,0" beside "4,5"): a column of days lines up by place.
"""

from decimal import Decimal

from shelter_app.domain.numbers import written

_WORDS = {"adet": {"en": "pcs", "ar": "قطعة"},
          "götürü": {"en": "lump sum", "ar": "مقطوع"}}
COUNTED = frozenset(_WORDS)  # units counted in whole numbers
MEASURED_PLACES = 2
DAY_PLACES = 1  # a half day


def unit_name(unit: str, language: str) -> str:
    """`unit` ("adet") as `language` writes it ("pcs"); a symbol or unknown unit unchanged."""
    return _WORDS.get(unit, {}).get(language, unit)


def quantity_places(value: Decimal | int, unit: str) -> int:
    """The decimals `value` is written with in `unit`: the unit's, or more when it has more."""
    own = max(0, -Decimal(value).normalize().as_tuple().exponent)  # type: ignore[operator]
    return max(0 if unit in COUNTED else MEASURED_PLACES, own)


def quantity_text(value: Decimal | int, unit: str, group: str = ".", point: str = ",") -> str:
    """`value` of `unit` with the unit's decimals, grouped: "1.250,50" m², "3" adet; the
    separators are Turkish unless given (a screen passes its locale's)."""
    return written(value, quantity_places(value, unit), group, point)


def days_text(value: Decimal | int, group: str = ".", point: str = ",") -> str:
    """Days worked with the one decimal a half day needs: "5,0", "4,5", "1.250,0"; the
    separators are Turkish unless given (a screen passes its locale's)."""
    return written(value, DAY_PLACES, group, point)
