"""Catalogue units in the reader's language (issue 20, item 4)."""

from shelter_app.domain.units import unit_name


def test_unit_words_are_read_in_each_language_and_symbols_stay():
    assert [unit_name("adet", code) for code in ("tr", "en", "ar")] == ["adet", "pcs", "قطعة"]
    assert unit_name("götürü", "en") == "lump sum"
    assert unit_name("m²", "ar") == "m²"


def test_quantities_have_their_units_decimals_and_more_only_when_typed_finer():
    from decimal import Decimal as D

    from shelter_app.domain.units import quantity_text

    assert [quantity_text(D(v), "m²") for v in ("41.4", "21.31", "1250")] == [
        "41,40", "21,31", "1.250,00"]
    assert quantity_text(D("3.000"), "adet") == "3" and quantity_text(D("1"), "götürü") == "1"
    assert quantity_text(D("12.345"), "m") == "12,345"  # never rounded away
    assert quantity_text(D("1.5"), "adet") == "1,5"
    assert quantity_text(D("1234.5"), "m³", ",", ".") == "1,234.50"
