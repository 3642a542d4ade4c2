"""The language the interface runs in now, and the locale its numbers, money and dates follow.

Kept apart from `language` (which loads translators) so that `formats` can read it without
importing the module that installs formats: the dependency runs one way.
"""

from PySide6.QtCore import QLocale

# Arabic screens write numbers and dates as Turkish papers do (Latin digits, 1.234,56).
_FORMAT_LOCALES = {
    "tr": (QLocale.Language.Turkish, QLocale.Country.Turkey),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
    "ar": (QLocale.Language.Turkish, QLocale.Country.Turkey),
}
_current = "en"  # what the strings are before any translator is installed


def current_language() -> str:
    return _current


def set_language(code: str) -> None:
    """Record that the interface now runs in `code` (language.install_language does this)."""
    global _current
    _current = code


def format_locale(code: str | None = None) -> QLocale:
    """The locale whose conventions numbers, money and dates follow in language `code`."""
    language, country = _FORMAT_LOCALES[code or _current]
    return QLocale(language, country)
