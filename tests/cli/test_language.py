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
