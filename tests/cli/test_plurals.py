"""The command line's counts in each language's plural forms (issue 20, item 3)."""

import pytest

from shelter_app.domain import i18n


@pytest.mark.parametrize(("code", "counts", "expected"), [
    ("en", (1, 2), ["1 record", "2 records"]),
    ("tr", (1, 5), ["1 kayıt", "5 kayıt"]),
    ("ar", (0, 1, 2, 3, 11, 100),
     ["لا سجلات", "سجل واحد", "سجلان", "3 سجلات", "11 سجلًا", "100 سجل"]),
])
def test_the_console_speaks_each_languages_plural_forms(monkeypatch, code, counts, expected):
    from shelter_app.ui.language import LANGUAGE_ENV, install_console_language

    monkeypatch.setenv(LANGUAGE_ENV, code)
    try:
        assert install_console_language() == code
        assert [i18n.translate("cli", "%n records", "", count) for count in counts] \
            == expected
    finally:
        i18n.install(None)
