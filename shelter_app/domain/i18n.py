"""The one translation helper for code that must not import Qt.

`translate(context, text)` has the signature of `QCoreApplication.translate`, so Qt's
lupdate extracts these strings like any `tr()` call. The UI installs Qt's translator at
start-up with `install`; without it (command line, tests) the source text is returned.
"""

from collections.abc import Callable

#: The interface languages, each named in itself (a user must find their own in any language).
LANGUAGES = {"tr": "Türkçe", "en": "English", "ar": "العربية"}
DEFAULT_LANGUAGE = "tr"

_translator: Callable[[str, str], str] | None = None


def install(translator: Callable[[str, str], str] | None) -> None:
    """Route every `translate` call through `translator` (None restores the source text)."""
    global _translator
    _translator = translator


def translate(context: str, text: str) -> str:
    """Return `text` in the user's language; `context` groups strings for translators."""
    if _translator is None:
        return text
    return _translator(context, text)
