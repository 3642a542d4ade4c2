"""Numbers as people read them, one rule for screens and papers.

Thousands are grouped; an amount has a fixed number of decimals, rounded half up as money is
(domain.money); a quantity shows the decimals it has. Only the separators differ by reader:
Turkish "1.234,56" on papers and in plain messages, the interface language's on screens
(ui.formats passes its locale's).
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(7)}


@cache
def _separators(group: str, point: str) -> dict[int, str]:
    return str.maketrans({",": group, ".": point})


def separators(language: str) -> tuple[str, str]:
    """The thousands and decimal signs of output in `language` outside Qt (a report, the
    command line's tables): English "2,500,000.00"; Turkish, and Arabic as the app writes
    it, "2.500.000,00"."""
    return (",", ".") if language == "en" else (".", ",")


def written(value: Decimal | int, places: int | None = 2, group: str = ".",
            point: str = ",") -> str:
    """`value` with `places` decimals (None: those it has, without trailing zeros), thousands
    joined by `group` ("" for none) and `point` before the decimals. (A BoQ writes thousands
    of them: the quanta and separator tables are made once.)"""
    if not isinstance(value, Decimal):
        value = Decimal(value)
    if places is None:
        text = f"{value:z,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
        text = f"{value.quantize(quantum, ROUND_HALF_UP):z,.{places}f}"  # keyword: slower
    return text.translate(_separators(group, point))
