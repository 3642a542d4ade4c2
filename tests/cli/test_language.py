"""Command-line messages in the system's language, or the one SHELTER_APP_LANG names."""

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(("code", "expected"), [
    ("tr", "konumunda veritabanı yok"),
    ("ar", "لا توجد قاعدة بيانات في"),
    ("en", "There is no database at"),
])
def test_errors_are_printed_in_the_chosen_language(tmp_path, code, expected):
    missing = tmp_path / "nowhere" / "x.db"
    result = subprocess.run([sys.executable, "-m", "shelter_app", "check", "--db", str(missing)],
                            capture_output=True, text=True, encoding="utf-8",
                            env={**os.environ, "SHELTER_APP_LANG": code}, check=False)
    assert result.returncode == 2
    assert expected in result.stderr
    assert str(missing) in result.stderr  # the path reads as typed, no bidi marks around it


def test_help_texts_are_translated_too():
    result = subprocess.run([sys.executable, "-m", "shelter_app", "--help"], capture_output=True,
                            text=True, encoding="utf-8", check=True,
                            env={**os.environ, "SHELTER_APP_LANG": "tr"})
    assert "veritabanını ve dosyalarını denetle" in result.stdout


@pytest.mark.parametrize(("code", "half", "thousands"), [
    ("tr", "20,5", "1.250,5"), ("ar", "20,5", "1.250,5"), ("en", "20.5", "1,250.5")])
def test_quantities_in_messages_are_written_in_the_consoles_notation(speaking, code, half,
                                                                     thousands):
    """A refused labour day's days and a BoQ line's quantity, as `report` writes numbers (both
    said "20.5" and "1250.5" in every language); a paper written meanwhile leaves it so."""
    from dataclasses import replace
    from decimal import Decimal

    from shelter_app.domain.boq import absurd_quantity_warning
    from shelter_app.domain.cash_for_work import check_day
    from shelter_app.ui.language import console_paper_notation
    from tests.domain.test_cash_for_work import FACTS, POLICY

    speaking(code)
    facts = replace(FACTS, new_entry=False, day_total=Decimal("0.5"), month_days=Decimal("20.5"))
    with console_paper_notation():
        pass
    [month_cap] = check_day(facts, POLICY)
    assert half in month_cap.message
    warning = absurd_quantity_warning(Decimal("1250.5"), "m²", {"*": 1000.0}, "YAL-EPS-05")
    assert thousands in warning and "1000" not in warning
