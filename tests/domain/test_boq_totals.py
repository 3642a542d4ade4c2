"""BoQ arithmetic: lines rounded half up to the kuruş, every total a sum of printed amounts."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shelter_app.domain.boq import (
    Category,
    Change,
    DiffLine,
    PricedLine,
    absurd_quantity_warning,
    compute_totals,
    diff_lines,
    gross_of,
    parse_percent,
    parse_quantity,
)
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.money import round_money

D = Decimal
KURUS = D("0.01")


def line(quantity: str, price: str, rate: str = "20", category: Category = Category.OTHER):
    return PricedLine(category, D(quantity), D(price), D(rate))


def test_a_line_is_rounded_half_up_to_the_kurus():
    assert line("1.005", "1").total == D("1.01")  # half a kuruş rounds up, not to even
    assert line("0.125", "0.10").total == D("0.01")
    assert line("12.5", "1350.00").total == D("16875.00")


def test_totals_of_a_known_boq():
    totals = compute_totals([
        line("48.2", "1350", category=Category.INSULATION),
        line("2", "24500", category=Category.DOORS),
        line("3.333", "210.55", rate="10", category=Category.PAINTING),
    ], D("5"))
    assert totals.line_totals == (D("65070.00"), D("49000.00"), D("701.76"))
    assert totals.subtotals == {Category.INSULATION: D("65070.00"),
                                Category.DOORS: D("49000.00"),
                                Category.PAINTING: D("701.76")}
    assert totals.works == D("114771.76")
    # contingency per rate: round(701.76 x 5%) + round(114070 x 5%)
    assert totals.contingency == D("35.09") + D("5703.50")
    assert totals.kdv == {D("10.00"): (D("736.85"), D("73.69")),
                          D("20.00"): (D("119773.50"), D("23954.70"))}
    assert totals.net == D("114771.76") + D("5738.59")
    assert totals.gross == totals.net + D("73.69") + D("23954.70")


def test_categories_print_in_their_fixed_order():
    totals = compute_totals([line("1", "1", category=Category.ROOF),
                             line("1", "1", category=Category.INSULATION)])
    assert list(totals.subtotals) == [Category.INSULATION, Category.ROOF]


def test_an_empty_boq_totals_zero():
    totals = compute_totals([], D("10"))
    assert totals.gross == totals.works == D("0") and totals.kdv == {}


lines_strategy = st.lists(
    st.builds(
        PricedLine,
        st.sampled_from(list(Category)),
        st.decimals(min_value=D("0.001"), max_value=D("99999.999"), places=3),
        st.decimals(min_value=D("0.01"), max_value=D("999999.99"), places=2),
        st.sampled_from([D("20"), D("10"), D("1"), D("0")]),
    ),
    max_size=60,
)


@given(lines_strategy, st.decimals(min_value=D(0), max_value=D(100), places=2))
def test_every_total_is_the_sum_of_the_printed_amounts(lines, pct):
    totals = compute_totals(lines, pct)
    printed = [totals.works, totals.contingency, totals.net, totals.kdv_total, totals.gross,
               *totals.line_totals, *totals.subtotals.values(),
               *(amount for pair in totals.kdv.values() for amount in pair)]
    assert all(value == value.quantize(KURUS) for value in printed)
    assert totals.line_totals == tuple(round_money(line.quantity * line.unit_price) for line in lines)
    assert sum(totals.line_totals, D(0)) == totals.works == sum(totals.subtotals.values(), D(0))
    assert totals.net == totals.works + totals.contingency
    bases = {rate: base for rate, (base, _) in totals.kdv.items()}
    assert sum(bases.values(), D(0)) == totals.net
    for rate, (base, kdv) in totals.kdv.items():
        assert kdv == round_money(base * rate / 100)
    assert totals.gross == totals.net + sum((kdv for _, kdv in totals.kdv.values()), D(0))


@given(lines_strategy, st.decimals(min_value=D(0), max_value=D(100), places=2))
def test_the_gross_from_the_works_per_rate_is_the_printed_gross(lines, pct):
    """What a list gets from the database's sums of the rounded lines per KDV rate."""
    works: dict[Decimal, Decimal] = {}
    for priced in lines:
        rate = priced.kdv_rate.quantize(KURUS)
        works[rate] = works.get(rate, D("0.00")) + priced.total
    assert gross_of(works, pct) == compute_totals(lines, pct).gross


@pytest.mark.parametrize("raw, expected", [("12,5", "12.5"), ("12.5", "12.5"),
                                           ("1.234,5", "1234.5"), ("0,125", "0.125"),
                                           (" 7 ", "7")])
def test_quantities_are_typed_in_turkish_or_plain_notation(raw, expected):
    assert parse_quantity(raw) == D(expected)


@pytest.mark.parametrize("raw, words", [("0", "more than zero"), ("-3", "more than zero"),
                                        ("abc", "not a number"), ("", "Enter a number"),
                                        ("1,2345", "decimal places"),
                                        ("1000000000", "out of range")])
def test_bad_quantities_are_refused_naming_the_field(raw, words):
    with pytest.raises(ValidationError) as refused:
        parse_quantity(raw)
    assert refused.value.field == "quantity"
    assert words in refused.value.message


@pytest.mark.parametrize("raw", ["-1", "100,01", "x", "5,555"])
def test_bad_percentages_are_refused(raw):
    with pytest.raises(ValidationError) as refused:
        parse_percent(raw)
    assert refused.value.field == "contingency"


def test_an_absurd_quantity_is_a_warning_by_unit():
    limits = {"m²": 400, "adet": 25, "*": 1000}
    assert absurd_quantity_warning(D("350"), "m²", limits, "YAL-EPS-05") is None
    warning = absurd_quantity_warning(D("1250"), "m²", limits, "YAL-EPS-05")
    assert warning and "YAL-EPS-05" in warning and "typing error" in warning
    assert absurd_quantity_warning(D("30"), "adet", limits, "KAP-IC")
    assert absurd_quantity_warning(D("30"), "kg", limits, "X") is None  # falls back to "*"


def test_revision_difference_pairs_lines_by_code():
    old = [DiffLine("A", "a", "m²", D("10"), D("5")), DiffLine("B", "b", "adet", D("1"), D("9")),
           DiffLine("C", "c", "m", D("2"), D("3")), DiffLine("C", "c", "m", D("4"), D("3"))]
    new = [DiffLine("A", "a", "m²", D("12"), D("5")), DiffLine("C", "c", "m", D("2"), D("3")),
           DiffLine("D", "d", "m³", D("1"), D("100"))]
    changes = {(c.change, c.code): c for c in diff_lines(old, new)}
    assert set(changes) == {(Change.CHANGED, "A"), (Change.REMOVED, "B"), (Change.REMOVED, "C"),
                            (Change.ADDED, "D")}
    assert changes[(Change.CHANGED, "A")].delta == D("10.00")
    assert changes[(Change.REMOVED, "C")].old.quantity == D("4")  # the unmatched second C
    assert changes[(Change.ADDED, "D")].delta == D("100.00")
    assert diff_lines(new, new) == []
