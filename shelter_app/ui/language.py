"""The interface language: translators, number and date formats, and reading direction.

English is the source language of every string; Turkish (the default) and Arabic come from
resources/translations/shelter_app_<code>.qm, compiled by `.ci/translations`. Qt's own
qtbase_<code>.qm translates Qt's own texts; its standard buttons (OK, Cancel, Yes...) take
the app's words instead (ui/standard_words.py).

Formats: Turkish uses Türkiye's conventions (1.234,56 ₺, 25.11.2026), English the British ones
(1,234.56). Arabic keeps Türkiye's conventions with Latin digits: amounts, dates, ID numbers
and IBANs then read exactly as on the Turkish documents and bank papers the same people handle
(Qt's Arabic locales would use Arabic-Indic digits and the Egyptian pound).

The language is chosen before anyone signs in, so the machine remembers the last one (an INI
file in the user data folder); each user's choice is kept in User.language and, when it differs
from the running one, becomes the machine's choice for the next start. The environment variable
SHELTER_APP_LANG (tr, en, ar) overrides all of this, for the command line and the GUI alike
(the tests run in English with it).
"""

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QTranslator,
)

from shelter_app.config import paths
from shelter_app.domain import i18n
from shelter_app.domain.i18n import DEFAULT_LANGUAGE, LANGUAGES
from shelter_app.domain.numbers import separators, written
from shelter_app.resources import resource
from shelter_app.ui import formats, running
from shelter_app.ui.reading import RightToLeftTranslator
from shelter_app.ui.standard_words import StandardWords

if TYPE_CHECKING:  # QtGui and QtWidgets stay out of the command line's start-up
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    from shelter_app.data.engine import Database
    from shelter_app.services.accounts.auth import Actor

log = logging.getLogger(__name__)

_SETTING = "interface/language"
LANGUAGE_ENV = "SHELTER_APP_LANG"
_installed: list[QTranslator] = []
_console: list[QTranslator] = []  # kept alive while `i18n` uses it
_console_code: list[str] = ["en"]  # the language install_console_language chose
# Bidi isolates around values in Arabic texts: a terminal shows them as stray marks
_NO_ISOLATES = dict.fromkeys((0x2066, 0x2067, 0x2068, 0x2069))


def _settings() -> QSettings:
    return QSettings(str(paths().data / "settings.ini"), QSettings.Format.IniFormat)


def interface_language() -> str | None:
    """The language whose translators the application holds now (None before the first)."""
    return running.current_language() if _installed else None


def forced_language() -> str | None:
    """SHELTER_APP_LANG (tr, en or ar), when set, decides the language instead of any choice."""
    code = os.environ.get(LANGUAGE_ENV)
    return code if code in LANGUAGES else None


def machine_language() -> str:
    """The language the app starts in: the last one used on this machine, Turkish at first."""
    forced = forced_language()
    if forced:
        return forced
    code = _settings().value(_SETTING, DEFAULT_LANGUAGE)
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def remember_machine_language(code: str) -> None:
    settings = _settings()
    settings.setValue(_SETTING, code)
    settings.sync()


def _load(translator: QTranslator, name: str, folder: str) -> bool:
    if translator.load(name, folder):
        return True
    log.warning("translation %s not found in %s; run .ci/translations", name, folder)
    return False


def install_language(app: "QGuiApplication", code: str) -> None:
    """Show the interface in `code` from now on: widgets built afterwards use it."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown interface language {code!r}")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    ours = (RightToLeftTranslator if code == "ar" else QTranslator)(app)  # English is the source: its file holds the plural forms only
    if _load(ours, f"shelter_app_{code}", str(resource("translations"))):
        _installed.append(ours)
    if code != "en":
        qt = QTranslator(app)
        if _load(qt, f"qtbase_{code}",
                 QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
    _installed.append(StandardWords(ours, app))  # installed last: asked before qtbase's
    for translator in _installed:
        app.installTranslator(translator)
    QLocale.setDefault(running.format_locale(code))
    direction = Qt.LayoutDirection.RightToLeft if code == "ar" else Qt.LayoutDirection.LeftToRight
    app.setLayoutDirection(direction)
    i18n.install(QCoreApplication.translate)
    running.set_language(code)
    i18n.install_formats(formats.money, lambda value: formats.number(value, None),
                         formats.date_text, formats.month_text)
    i18n.install_names(_field_name, _table_name)


def _field_name(column: str) -> str:
    """A column as the audit trail names it; imported when first asked, after the window
    shows (the labels import the services, hence SQLAlchemy)."""
    from shelter_app.ui.audit.labels import field_label

    return field_label(column)


def _table_name(table: str) -> str:
    from shelter_app.ui.audit.labels import entity_label

    return entity_label(table)


def adopt_user_language(db: "Database", actor: "Actor", parent: "QWidget | None") -> bool:
    """After sign-in: when the user chose another language than the running one, start in it
    next time and say so. True when the user's language differs."""
    from PySide6.QtWidgets import QMessageBox

    from shelter_app.services.accounts.preferences import user_language

    code = user_language(db, actor)
    if code == running.current_language() or forced_language():
        return False
    remember_machine_language(code)
    QMessageBox.information(
        parent, QCoreApplication.translate("language", "Interface language"),
        QCoreApplication.translate(
            "language", "Your interface language is {language}; Barınak shows it from the next "
                        "start.").format(language=LANGUAGES[code]))
    return True


def console_language() -> str:
    """The language command-line output is written in (a saved report's too)."""
    return _console_code[0]


@contextmanager
def console_paper_notation() -> Iterator[None]:
    """Days and months as the interface in the console's language writes them ("25/11/2026",
    "November 2026"), while a command writes a paper; its messages keep their own notation."""
    before = running.current_language()
    running.set_language(console_language())
    i18n.install_formats(None, _console_number, formats.date_text, formats.month_text)
    try:
        yield
    finally:
        i18n.install_formats(None, _console_number)
        running.set_language(before)


def _console_number(value: Decimal) -> str:
    """A quantity in a command-line message as `report` writes its numbers, in the console's
    language: "12,5" in Turkish and Arabic, "12.5" in English."""
    return written(value, None, *separators(console_language()))


def install_console_language() -> str:
    """Command-line messages follow SHELTER_APP_LANG (tr, en, ar), else the system's language
    (LANG on Linux, the display language on Windows) as command-line tools do; the GUI follows
    each user's choice instead."""
    code = forced_language() or QLocale.system().name().split("_")[0]
    if code not in LANGUAGES:
        code = "en"
    translator = QTranslator()  # English's holds its plural forms only
    if not _load(translator, f"shelter_app_{code}", str(resource("translations"))):
        return "en"
    _console[:] = [translator]
    _console_code[:] = [code]

    def console(context: str, text: str, disambiguation: str = "", n: int = -1) -> str:
        found = translator.translate(context, text, disambiguation or None, n) or text
        return i18n.counted(found, n).translate(_NO_ISOLATES)

    i18n.install(console)
    i18n.install_formats(None, _console_number)  # days of a refused labour day, a quantity
    i18n.install_names(_field_name, _table_name)  # refusals name fields as the GUI does
    return code
