"""Bills of quantity: line totals, subtotals, contingency, KDV and the difference of revisions.

Every amount is a Decimal rounded half up to the kuruş where it is printed, and every total is
the sum of the printed amounts above it, so a reader adding the printed lines with a pencil
gets the printed totals (DOMAIN.md, Bills of quantity):

- a line is round(quantity x unit price);
- a category subtotal, and the works subtotal, are sums of lines;
- contingency is computed per KDV rate, round(base at that rate x %), and summed;
- KDV at each rate is round((base + contingency at that rate) x rate), and summed;
- the total with KDV is the total without KDV plus the KDV.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import number_text, translate
from shelter_app.domain.money import (
    KURUS,
    line_total,
    parse_decimal,
    round_money,
    sum_money,
)

HUNDRED = Decimal(100)
_ZERO = Decimal("0.00")
QUANTITY_PLACES = 3  # the quantity column's scale
QUANTITY_STEP = Decimal("0.001")
# The largest quantity the column holds (Numeric(12, 3)).
QUANTITY_MAX = Decimal("999999999.999")


def described_in(language: str, turkish: str, english: str | None, arabic: str | None) -> str:
    """A line's description as a reader of `language` reads it: the catalogue's translation, or
    the line's Turkish text (the binding one, kept on the line) where there is none."""
    return {"en": english, "ar": arabic}.get(language) or turkish


class Category(StrEnum):
    """Work categories, in the order a BoQ lists them."""

    INSULATION = "insulation"
    DOORS = "doors"
    WINDOWS = "windows"
    PAINTING = "painting"
    ROOF = "roof"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]()

    @property
    def order(self) -> int:
        return _ORDER[self]


_ORDER = {category: number for number, category in enumerate(Category)}

_CATEGORY_LABELS = {
    Category.INSULATION: lambda: translate("boq", "Insulation"),
    Category.DOORS: lambda: translate("boq", "Doors"),
    Category.WINDOWS: lambda: translate("boq", "Windows"),
    Category.PAINTING: lambda: translate("boq", "Plaster and painting"),
    Category.ROOF: lambda: translate("boq", "Roof"),
    Category.OTHER: lambda: translate("boq", "Other works"),
}


@dataclass(frozen=True, slots=True)
class PricedLine:
    """The values of one BoQ line that its amount depends on."""

    category: Category
    quantity: Decimal
    unit_price: Decimal
    kdv_rate: Decimal

    @property
    def total(self) -> Decimal:
        return line_total(self.quantity, self.unit_price)

    @classmethod
    def of(cls, line: Any) -> "PricedLine":
        """The priced values of any line record with these four fields."""
        return cls(line.category, line.quantity, line.unit_price, line.kdv_rate)


@dataclass(frozen=True)
class Totals:
    """Every printed amount of a BoQ below its lines."""

    line_totals: tuple[Decimal, ...]
    subtotals: dict[Category, Decimal]
    works: Decimal
    contingency_pct: Decimal
    contingency: Decimal
    net: Decimal
    # KDV rate -> (base incl. contingency, KDV amount), rates ascending
    kdv: dict[Decimal, tuple[Decimal, Decimal]] = field(default_factory=dict)
    kdv_total: Decimal = Decimal("0.00")
    gross: Decimal = Decimal("0.00")


def compute_totals(lines: Sequence[PricedLine], contingency_pct: Decimal = Decimal(0)) -> Totals:
    """All totals of `lines`, each a sum of rounded amounts (see the module docstring)."""
    line_totals = tuple(line.total for line in lines)
    by_category: dict[Category, list[Decimal]] = defaultdict(list)
    by_rate: dict[Decimal, list[Decimal]] = defaultdict(list)
    for line, amount in zip(lines, line_totals, strict=True):
        by_category[line.category].append(amount)
        by_rate[line.kdv_rate.quantize(KURUS)].append(amount)
    # the line totals are rounded (line_total): summed as they are, not checked three times
    subtotals = {category: sum(by_category[category], _ZERO)
                 for category in Category if category in by_category}
    works = sum(line_totals, _ZERO)
    contingency, kdv, kdv_total = _per_rate(
        {rate: sum(amounts, _ZERO) for rate, amounts in by_rate.items()}, contingency_pct)
    net = works + contingency
    return Totals(line_totals, subtotals, works, contingency_pct, contingency, net, kdv,
                  kdv_total, net + kdv_total)


def gross_of(works_by_rate: dict[Decimal, Decimal], contingency_pct: Decimal) -> Decimal:
    """The total with KDV of a BoQ from its works summed per KDV rate (each a sum of rounded
    line totals): what `compute_totals` gives, for a list that has the database sum the lines."""
    contingency, _, kdv_total = _per_rate(works_by_rate, contingency_pct)
    return sum(works_by_rate.values(), _ZERO) + contingency + kdv_total


def _per_rate(works_by_rate: dict[Decimal, Decimal], contingency_pct: Decimal
              ) -> tuple[Decimal, dict[Decimal, tuple[Decimal, Decimal]], Decimal]:
    """The contingency, the (base with contingency, KDV) at each rate, rates ascending, and
    the KDV."""
    kdv: dict[Decimal, tuple[Decimal, Decimal]] = {}
    contingencies = []
    for rate in sorted(works_by_rate):
        base = works_by_rate[rate]
        extra = round_money(base * contingency_pct / HUNDRED)
        contingencies.append(extra)
        kdv[rate] = (base + extra, round_money((base + extra) * rate / HUNDRED))
    return (sum_money(contingencies), kdv,
            sum_money(amount for _, amount in kdv.values()))


def parse_quantity(raw: str | Decimal, *, field_name: str = "quantity") -> Decimal:
    """A typed quantity ("12,5", "12.5", "1.234,5"): positive, at most three decimals."""
    value = raw if isinstance(raw, Decimal) else parse_decimal(raw, field=field_name,
                                                               places=QUANTITY_PLACES)
    if not value.is_finite():
        raise ValidationError(translate("boq", "Enter the quantity as a number, e.g. 12,5."),
                              field=field_name)
    if value <= 0:
        raise ValidationError(
            translate("boq", "The quantity must be more than zero; remove the line instead of "
                             "entering {value}.").format(value=raw), field=field_name)
    if value > QUANTITY_MAX or value != value.quantize(QUANTITY_STEP):
        raise ValidationError(
            translate("boq", "The quantity {value} is out of range; enter at most %n "
                             "decimals and less than a billion.", "", QUANTITY_PLACES).format(
                value=raw), field=field_name)
    return value


def parse_percent(raw: str | Decimal, *, field_name: str = "contingency") -> Decimal:
    """A percentage from 0 to 100 with at most two decimals ("7,5")."""
    value = raw if isinstance(raw, Decimal) else parse_decimal(raw, field=field_name, places=2)
    if not value.is_finite() or not Decimal(0) <= value <= HUNDRED or value != round_money(value):
        raise ValidationError(
            translate("boq", "Enter a percentage from 0 to 100, e.g. 10 or 7,5."),
            field=field_name)
    return value


def absurd_quantity_warning(quantity: Decimal, unit: str, limits: dict[str, float],
                            code: str) -> str | None:
    """A warning when `quantity` is far more than one dwelling can need (a typo such as
    "1250" for "12,50"); `limits` maps units to the largest plausible quantity."""
    limit = limits.get(unit, limits.get("*"))
    if limit is None or quantity <= (most := Decimal(str(limit))):
        return None
    return translate("boq", "{code}: {quantity} {unit} is more than one dwelling usually needs "
                            "(over {limit}); check for a typing error.").format(
        code=code, quantity=number_text(quantity), unit=unit, limit=number_text(most))


def over_ceiling_warning(gross: Decimal, ceiling: Decimal | None, amount: str,
                         ceiling_text: str) -> str | None:
    """A warning past the per-dwelling budget ceiling (None or 0: no ceiling)."""
    if not ceiling or gross <= ceiling:
        return None
    return translate("boq", "The total incl. VAT ({amount}) is over the budget ceiling per "
                            "dwelling ({ceiling}).").format(amount=amount, ceiling=ceiling_text)


def check_ceiling_reason(ref: str, gross: Decimal, ceiling: Decimal | None, amount: str,
                         ceiling_text: str, reason: str) -> None:
    """Approving a BoQ over the budget ceiling needs a written reason (kept in the audit)."""
    if over_ceiling_warning(gross, ceiling, amount, ceiling_text) and not reason.strip():
        raise ValidationError(
            translate("boq", "{ref} ({amount}) is over the budget ceiling per dwelling "
                             "({ceiling}); write why it is approved anyway. The reason is kept "
                             "in the audit trail.").format(ref=ref, amount=amount,
                                                           ceiling=ceiling_text),
            field="reason")


# -- revisions ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DiffLine:
    """A line as a revision comparison sees it."""

    code: str
    description: str
    unit: str
    quantity: Decimal
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        return line_total(self.quantity, self.unit_price)


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class LineChange:
    change: Change
    code: str
    description: str
    old: DiffLine | None
    new: DiffLine | None

    @property
    def delta(self) -> Decimal:
        return (self.new.total if self.new else Decimal("0.00")) - (
            self.old.total if self.old else Decimal("0.00"))


def diff_lines(old: Iterable[DiffLine], new: Iterable[DiffLine]) -> list[LineChange]:
    """What a revision added, removed and changed against the previous one.

    Lines pair up by code, in order where a code appears more than once; a pair whose quantity,
    price, unit or description differs is a change."""
    remaining: dict[str, list[DiffLine]] = defaultdict(list)
    for line in old:
        remaining[line.code].append(line)
    changes: list[LineChange] = []
    for line in new:
        previous = remaining[line.code].pop(0) if remaining[line.code] else None
        if previous is None:
            changes.append(LineChange(Change.ADDED, line.code, line.description, None, line))
        elif previous != line:
            changes.append(LineChange(Change.CHANGED, line.code, line.description, previous,
                                      line))
    for lines in remaining.values():
        changes.extend(LineChange(Change.REMOVED, line.code, line.description, line, None)
                       for line in lines)
    return changes
