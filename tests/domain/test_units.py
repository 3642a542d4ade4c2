"""Catalogue units in the reader's language (issue 20, item 4)."""

from shelter_app.domain.units import unit_name


def test_unit_words_are_read_in_each_language_and_symbols_stay():
    assert [unit_name("adet", code) for code in ("tr", "en", "ar")] == ["adet", "pcs", "قطعة"]
    assert unit_name("götürü", "en") == "lump sum"
    assert unit_name("m²", "ar") == "m²"
