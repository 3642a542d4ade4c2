"""The interface in Arabic, Turkish and a 40 % longer pseudo-language, driven as a user would."""

import json
import math
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from shelter_app.domain import i18n
from shelter_app.services.cases import households
from shelter_app.services.accounts.preferences import set_user_language, user_language
from shelter_app.ui.language import (
    install_language,
    machine_language,
    remember_machine_language,
)
from shelter_app.ui.main_window import MainWindow
from shelter_app.ui.reading import right_to_left
from shelter_app.ui.running import current_language
from shelter_app.ui.screens import clipped, settle
from ui.shown import show_row

FOLDER = Path(__file__).resolve().parents[2] / "resources" / "translations"
TYPED = "Şükrü İğdır Çağlayan — أحمد الحلبي"


@pytest.fixture
def language(qapp: QApplication) -> Iterator[None]:
    """Leave the application as the other tests expect it: English source texts, LTR."""
    locale = QLocale()
    yield
    install_language(qapp, "en")
    QLocale.setDefault(locale)


def translations(code: str) -> dict[tuple[str, str], str]:
    """Each entry as the app reads it (in Arabic, laid out right to left: ui/reading.py)."""
    root = ET.parse(FOLDER / f"shelter_app_{code}.ts").getroot()
    shown = right_to_left if code == "ar" else str
    return {(context.findtext("name"), message.findtext("source")):
            shown(message.findtext("translation") or "")
            for context in root.iter("context") for message in context.iter("message")}


def window_for(qtbot, db, actor) -> MainWindow:
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown_texts(window: MainWindow) -> Iterator[str]:
    """The texts of labels and buttons on every page, and the column titles of its tables."""
    yield from window.page_titles()
    for row in range(window.navigation.count()):
        show_row(window, row)
        for widget in window.findChildren(QWidget):
            if isinstance(widget, (QLabel, QPushButton)) and widget.isVisible():
                yield widget.text()
            if isinstance(widget, QTableView) and widget.isVisible():
                model = widget.model()
                for column in range(model.columnCount()):
                    yield model.headerData(column, Qt.Orientation.Horizontal)


@pytest.mark.parametrize("code", ["ar", "tr"])
def test_the_main_window_speaks_the_chosen_language(qtbot, qapp, language, demo_db, engineer,
                                                    code):
    install_language(qapp, code)
    window = window_for(qtbot, demo_db, engineer)
    texts = translations(code)
    titles = window.page_titles()
    assert titles[0] == texts[("MainWindow", "Dwellings")]
    assert texts[("MainWindow", "Settings")] in titles
    assert window.windowTitle() == texts[("MainWindow", "Barınak — shelter programme")]
    rtl = code == "ar"
    expected = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    assert qapp.layoutDirection() == expected
    assert window.isRightToLeft() is rtl and window.dwellings.table.isRightToLeft() is rtl
    nav, pages = window.navigation.geometry(), window.pages.geometry()
    assert (nav.left() > pages.left()) is rtl  # the navigation moved to the right side
    sources = {source for _, source in texts} - {text for text in texts.values()}
    english = sorted({text for text in shown_texts(window) if text in sources and len(text) > 3})
    assert english == []
    assert "engineer" not in window.user_label.text()  # the role is translated too


def test_standard_buttons_come_from_qts_own_translation(qtbot, qapp, language, demo_db, engineer):
    from shelter_app.ui.households.dialogs import RegisterCaseDialog

    install_language(qapp, "tr")
    form = RegisterCaseDialog(demo_db, engineer)
    qtbot.addWidget(form)
    cancel = form.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "İptal"
    assert form.ok_button.text() == "Kaydet"


# Column titles are left out below: the user can widen a column, and the real translations'
# titles are checked by `.ci/screens` (shelter_app.ui.screens.clipped with headers).
class Longer(QTranslator):
    """Every text 40 % longer than its English source, as a long translation would be."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return source + "~" * math.ceil(len(source) * 0.4) if source else source

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def longer(qapp: QApplication, language) -> Iterator[None]:
    translator = Longer(qapp)
    qapp.installTranslator(translator)
    i18n.install(QApplication.translate)
    yield
    qapp.removeTranslator(translator)


@pytest.mark.parametrize("who", ["engineer", "admin"])
def test_forty_percent_longer_texts_fit_on_every_main_page(qtbot, longer, demo_db, request,
                                                           who):
    actor = request.getfixturevalue(who)
    window = window_for(qtbot, demo_db, actor)
    assert window.page_titles()[0].endswith("~")
    problems = []
    for row in range(window.navigation.count()):
        show_row(window, row)
        settle(30)
        problems += [f"{window.page_titles()[row]}: {text}"
                     for text in clipped(window, headers=False)]
    assert problems == [], "\n".join(problems)


def test_forty_percent_longer_texts_fit_in_the_dwelling_file_and_the_new_case_form(
        qtbot, longer, demo_db, engineer):
    from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog
    from shelter_app.ui.households.dialogs import RegisterCaseDialog

    window = window_for(qtbot, demo_db, engineer)
    window.dwellings.filter_edit.setText("GAZ-D")
    window.dwellings.apply_filter()
    dialog = DwellingFileDialog(demo_db, engineer, window.dwellings.model.row_at(0).id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    problems = []
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda index=index: dialog.tabs.is_built(index))  # (a turn later)
        settle(30)
        problems += clipped(dialog, headers=False)
    form = RegisterCaseDialog(demo_db, engineer, window)
    qtbot.addWidget(form)
    form.show()
    settle(30)
    problems += clipped(form, headers=False)
    assert problems == [], "\n".join(problems)


def test_settings_page_remembers_the_language_for_the_user_and_the_machine(
        qtbot, qapp, language, demo_db, engineer, monkeypatch):
    monkeypatch.delenv("SHELTER_APP_LANG")  # the choice decides, not the environment
    install_language(qapp, "tr")
    window = window_for(qtbot, demo_db, engineer)
    window.navigation.setCurrentRow(window.page_titles().index("Ayarlar"))
    page = window.settings
    assert window.pages.currentWidget() is page
    assert page.language.currentData() == "tr"
    page.language.setCurrentIndex(page.language.findData("ar"))
    assert user_language(demo_db, engineer) == "ar"
    assert machine_language() == "ar"
    assert "العربية" in page.status.text() and "sonraki" in page.status.text()
    assert current_language() == "tr"  # a restart applies it


def test_sign_in_adopts_the_users_language_for_the_next_start(qapp, language, demo_db,
                                                             engineer, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from shelter_app.ui.language import adopt_user_language

    monkeypatch.delenv("SHELTER_APP_LANG")
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    install_language(qapp, "tr")
    remember_machine_language("tr")
    assert adopt_user_language(demo_db, engineer, None) is False
    set_user_language(demo_db, engineer, "en")
    assert adopt_user_language(demo_db, engineer, None) is True
    assert machine_language() == "en" and "English" in told[0]
    monkeypatch.setenv("SHELTER_APP_LANG", "ar")  # the environment overrides every choice
    assert machine_language() == "ar"
    assert adopt_user_language(demo_db, engineer, None) is False


def gaziantep_case_with_a_boq(db) -> tuple[str, str]:
    """(dwelling ref, household ref) of a Gaziantep demo case that has a bill of quantities."""
    from sqlalchemy import select

    from shelter_app.data.models import BoQ, Dwelling, Household, Office

    with db.read() as session:
        return session.execute(
            select(Dwelling.ref, Household.ref)
            .join(Household, Household.id == Dwelling.household_id)
            .join(Office, Office.id == Dwelling.office_id)
            .join(BoQ, BoQ.dwelling_id == Dwelling.id)
            .where(Office.code == "GAZ").order_by(Dwelling.ref).limit(1)).one()


def test_turkish_and_arabic_typed_into_a_form_survive_save_reload_export_and_print(
        qtbot, tmp_path, demo_db, engineer, supervisor):
    from shelter_app.documents.boq import render_boq
    from shelter_app.services.boq.boq import find_boq
    from shelter_app.services.boq.output import boq_document
    from shelter_app.services.privacy.export import export_person
    from shelter_app.ui.households.dialogs import EditHouseholdDialog

    dwelling, ref = gaziantep_case_with_a_boq(demo_db)
    dialog = EditHouseholdDialog(demo_db, engineer, ref)
    qtbot.addWidget(dialog)
    dialog.household.head_name.setText(TYPED)  # keyClicks aborts on non-ASCII text
    dialog.ok_button.click()
    assert dialog.result() == 1, dialog.error.text()
    assert households.household_view(demo_db, engineer, ref).head_name == TYPED
    reopened = EditHouseholdDialog(demo_db, engineer, ref)
    qtbot.addWidget(reopened)
    assert reopened.household.head_name.text() == TYPED
    exported = json.dumps(export_person(demo_db, supervisor, "household", ref),
                          ensure_ascii=False)
    assert TYPED in exported
    pdf = tmp_path / "boq.pdf"
    render_boq(boq_document(demo_db, engineer, find_boq(demo_db, engineer, dwelling)), pdf)
    printed = unicodedata.normalize("NFKC", subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout)
    for word in TYPED.split():  # words, not the line: Arabic prints right to left
        assert word in printed


def test_the_dot_of_a_capital_i_shows_on_an_unselected_tab(qtbot, qapp):
    """İ and I are different letters in Turkish: a clipped dot changes the word. Every tab
    widget of the screens has `keep_accents` (tests/ui/test_reading.py)."""
    from shelter_app.ui.app import create_application
    from PySide6.QtWidgets import QTabWidget

    from shelter_app.ui.style import keep_accents

    create_application()  # installs the application style

    def unselected_tab(letter: str):
        tabs = keep_accents(QTabWidget())
        qtbot.addWidget(tabs)
        bar = tabs.tabBar()
        bar.addTab("x")
        bar.addTab(f"{letter}zleme")
        bar.show()
        return bar.tabRect(1), bar.grab(bar.tabRect(1)).toImage()

    (dotted_rect, dotted), (plain_rect, plain) = unselected_tab("İ"), unselected_tab("I")
    assert dotted_rect == plain_rect
    darker = sum(max(0, plain.pixelColor(x, y).lightness() - dotted.pixelColor(x, y).lightness())
                 for x in range(dotted.width()) for y in range(dotted.height()))
    assert darker > 150  # the dot (~330 here); a clipped one leaves a faint edge (~60)


def test_dates_are_typed_day_first_in_arabic_too(qtbot, qapp, language):
    """An RTL date editor would show 2026.11.25 beside lists that show 25.11.2026."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QWidget

    from shelter_app.ui.app import create_application
    from shelter_app.ui.forms import date_edit

    create_application()
    install_language(qapp, "ar")
    form = QWidget()  # right to left, like every Arabic window
    qtbot.addWidget(form)
    edit = date_edit(QDate(2026, 11, 25))
    edit.setParent(form)
    form.show()
    qtbot.waitExposed(form)
    assert form.isRightToLeft() and not edit.isRightToLeft()
    assert edit.text() == "25.11.2026" and edit.date() == QDate(2026, 11, 25)
    install_language(qapp, "tr")
    default = date_edit(QDate(2026, 11, 5))  # Qt's Turkish default format would show 5.11.2026
    qtbot.addWidget(default)
    assert default.text() == "05.11.2026"


def test_the_screens_tool_saves_every_page_and_the_dwelling_file(qapp, tmp_path, in_language,
                                                                 demo_db, engineer,
                                                                 monkeypatch):
    """With the application's style, as `.ci/screens` has it: it justifies Qt's own wrapped
    labels (a message box's), which failed the check below when this test ran alone."""
    from shelter_app.ui import grabbing
    from shelter_app.ui.screens import render_screens

    monkeypatch.setattr(grabbing, "PAUSE_MS", 20)
    report = render_screens(demo_db, [engineer], tmp_path, languages=("ar",))
    names = sorted(path.name for path in report)
    assert names[0].startswith("ar-engineer.gaz-00-DwellingsPage")
    assert any("SettingsPage" in name for name in names)
    assert any("file-HouseholdTab" in name for name in names)
    assert any("form-new-case" in name for name in names)
    assert any("import-4" in name for name in names)  # the import dialog's preview
    for dialog in ("agreement-visit", "worker-form", "reopen-request", "kobo-import-2",
                   "household-member", "household-edit", "supervisor-confirmation", "bar-cases",
                   "change-password", "unlock", "crash"):
        assert any(dialog in name for name in names), dialog
    # pictures, not blank grabs (a blank one is a few hundred bytes; the sign-in dialog ~4 KB)
    assert [path.name for path in report if path.stat().st_size <= 2000] == []
    # every wrapped label of every page and dialog went through ui.wrapping.wrapped
    assert [text for found in report.values() for text in found if "unjustified" in text] == []
    assert current_language() == "en"  # the running language is restored


@pytest.mark.parametrize(("code", "counts"), [
    ("en", {1: "1 change", 2: "2 changes", 11: "11 changes"}),
    ("tr", {1: "1 değişiklik", 2: "2 değişiklik"}),
    ("ar", {0: "لا تعديلات", 1: "تعديل واحد", 2: "تعديلان", 3: "\u200f\u20683\u2069 تعديلات",
            11: "\u200f\u206811\u2069 تعديلًا", 100: "\u200f\u2068100\u2069 تعديل"}),
])
def test_counts_take_the_plural_form_of_the_language(qapp, language, code, counts):
    """"1 months", "1 أشهر": a count is written through Qt's plural forms (%n), six in
    Arabic."""
    install_language(qapp, code)
    for count, expected in counts.items():
        assert QCoreApplication.translate("SyncPage", "%n changes", "", count) == expected
    months = QCoreApplication.translate("AgreementWindow", "%n months, {start} – {end}", "", 1)
    assert months.startswith({"en": "1 month,", "tr": "1 ay,", "ar": "شهر واحد"}[code])
