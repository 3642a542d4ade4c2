"""Counts in command-line and service messages take each language's plural form (issue 20,
item 3): Turkish one form, English two, Arabic six, through i18n.translate's `n`."""

from shelter_app.domain import i18n


def test_without_a_translator_the_count_is_filled_into_the_source():
    assert i18n.translate("cli", "Wrote %n rows to {path}.", "", 3) == "Wrote 3 rows to {path}."
    assert i18n.translate("cli", "100%n", "") == "100%n"  # no count: left as written
