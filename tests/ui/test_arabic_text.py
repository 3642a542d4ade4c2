"""Arabic and mixed text found wrong by looking at the `.ci/screens` grabs (issue 20): the
household line of a dwelling's summary, Qt's own button words, a number typed into a field
and the counts of the sync's progress."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QWizard


FSI, PDI = "\u2068", "\u2069"


def test_the_household_line_of_the_arabic_summary_has_each_value_its_own_island(
        qtbot, in_language, demo_db, engineer):
    """"Ahmet Çetin (GAZ-H-000003), 6 people, Syrian" read as one left-to-right run."""
    from shelter_app.services.cases.dwellings import search_dwellings
    from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog

    in_language("ar")
    dwelling = next(row.id for row in search_dwellings(demo_db, "GAZ-D") if row.household)
    dialog = DwellingFileDialog(demo_db, engineer, dwelling)
    qtbot.addWidget(dialog)
    household = dialog.file.household
    line = next(label.text() for label in dialog.findChildren(QLabel)
                if household.ref in label.text())
    assert f"{FSI}{household.name}{PDI}" in line
    assert f"({FSI}{household.ref}{PDI})،" in line  # the Arabic comma, after the reference
    assert line.index(household.name) < line.index(household.ref)


@pytest.mark.parametrize(("code", "words"), [
    ("ar", {"Cancel": "إلغاء", "Close": "إغلاق", "Save": "حفظ", "Yes": "نعم", "No": "لا"}),
    ("tr", {"Cancel": "İptal", "Close": "Kapat", "Save": "Kaydet", "Yes": "Evet",
            "No": "Hayır"}),
])
def test_qts_standard_buttons_say_the_apps_words(qtbot, in_language, code, words):
    """Qt's Arabic said "ألغِ" on a button box beside the app's own "إلغاء"."""
    in_language(code)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Close
                           | QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(box)
    standard = QDialogButtonBox.StandardButton
    for name in ("Cancel", "Close", "Save"):
        assert box.button(getattr(standard, name)).text().replace("&", "") == words[name]
    question = QMessageBox(QMessageBox.Icon.Question, "?", "?",
                           QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(question)
    assert question.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == words["Yes"]
    assert question.button(QMessageBox.StandardButton.No).text().replace("&", "") == words["No"]


def test_the_wizard_says_next_and_back_as_the_import_dialog_does(qtbot, in_language):
    """Qt's Turkish wizard said "Sonraki" where the import dialog says "İleri"."""
    from PySide6.QtCore import QCoreApplication

    in_language("tr")
    wizard = QWizard()
    qtbot.addWidget(wizard)
    next_text = wizard.buttonText(QWizard.WizardButton.NextButton).replace("&", "")
    assert next_text.startswith(QCoreApplication.translate("ImportDialog", "Next"))
    assert "Sonraki" not in next_text
    assert wizard.buttonText(QWizard.WizardButton.FinishButton).replace("&", "") == "Bitir"


def test_the_apps_words_for_standard_buttons_are_one_per_language():
    """Wherever the app itself says Cancel, Close, Save, Next or Back, it says the same word
    as Qt's standard buttons now do (docs/GLOSSARY.md)."""
    import xml.etree.ElementTree as ET

    from test_glossary import ROOT

    for code in ("tr", "ar"):
        path = ROOT / "resources" / "translations" / f"shelter_app_{code}.ts"
        seen: dict[str, set[str]] = {}
        for message in ET.parse(path).getroot().iter("message"):
            source = message.findtext("source")
            if source in ("Cancel", "Close", "Save", "Next", "Back", "Yes", "Try again"):
                seen.setdefault(source, set()).add(message.findtext("translation"))
        assert {word: len(texts) for word, texts in seen.items()} == dict.fromkeys(seen, 1)


@pytest.mark.parametrize("typed", ["-5", "+90 532 123 45 67", "12,5"])
def test_a_number_typed_in_arabic_reads_left_to_right(qtbot, in_language, demo_db, engineer,
                                                     typed):
    """The new case's floor area showed "-5" as "5-"."""
    from shelter_app.ui.households.dialogs import RegisterCaseDialog

    in_language("ar")
    form = RegisterCaseDialog(demo_db, engineer)
    qtbot.addWidget(form)
    field = form.fields["floor_area_m2"]
    assert field.layoutDirection() == Qt.LayoutDirection.RightToLeft  # its Arabic placeholder
    field.setText(typed)
    assert field.layoutDirection() == Qt.LayoutDirection.LeftToRight
    field.setText("شارع")
    assert field.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_numbers_stay_as_qt_lays_them_in_left_to_right_languages(qtbot, in_language, demo_db,
                                                                 engineer):
    from shelter_app.ui.households.dialogs import RegisterCaseDialog

    in_language("tr")
    form = RegisterCaseDialog(demo_db, engineer)
    qtbot.addWidget(form)
    form.fields["floor_area_m2"].setText("-5")
    assert not form.fields["floor_area_m2"].property("typedInReadingOrder")


def test_the_first_starts_progress_groups_its_count(qtbot, in_language, demo_db):
    """"...from the server: 12480…" beside lists that write 12.480."""
    from shelter_app.ui.sync.enrol import StartDialog

    in_language("tr")
    dialog = StartDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog._progressed("pull", 12480, 0)
    assert "12.480" in dialog.status.text()
