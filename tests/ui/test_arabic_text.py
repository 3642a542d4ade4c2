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


@pytest.mark.parametrize(("code", "comma", "semicolon"), [
    ("ar", f"\u200f{FSI}A{PDI}، {FSI}B{PDI}", f"\u200f{FSI}A{PDI}؛ {FSI}B{PDI}"),
    ("tr", "A, B", "A; B")])
def test_lists_in_a_sentence_take_the_languages_comma(qapp, in_language, code, comma,
                                                      semicolon):
    from shelter_app.ui.formats import listed

    in_language(code)
    assert listed(["A", "B"]) == comma
    assert listed(iter(["A", "B"]), "; ") == semicolon
    assert listed([]) == ""  # "none" shows instead


def test_an_audit_change_line_in_arabic_separates_fields_by_the_arabic_semicolon(
        qapp, in_language):
    """"التعليق: ← Salon penceresi; المكوّن: ← النوافذ" had a Latin ";" inside Arabic."""
    import uuid
    from datetime import UTC, datetime

    from shelter_app.services.accounts.audit_log import AuditRow
    from shelter_app.ui.audit.model import describe_changes

    in_language("ar")
    row = AuditRow(datetime.now(UTC), "engineer.gaz", "update", "photo", uuid.uuid4(),
                   "Salon penceresi", {"caption": [None, "Salon penceresi"],
                                       "component": [None, "windows"]}, None)
    line = describe_changes(row)
    assert "؛ " in line and "; " not in line
    assert "\n" in describe_changes(row, "\n") and "؛" not in describe_changes(row, "\n")


def test_a_photos_caption_is_its_own_island_beside_its_arabic_tag(qtbot, in_language, demo_db,
                                                                  engineer, tmp_path):
    """Elided, "قبل · Dış cephe, kuzey…" put its "…" at the far left, before "Dış"."""
    import photo_files

    from shelter_app.domain.stages import PhotoTag
    from shelter_app.services.cases.dwellings import search_dwellings
    from shelter_app.services.photos.photos import import_photos, list_photos, update_photo
    from shelter_app.ui.photos.model import PhotoListModel

    dwelling = search_dwellings(demo_db, "GAZ-D-000001")[0].id
    path = photo_files.photo(tmp_path / "IMG_1.jpg")
    photo = import_photos(demo_db, engineer, dwelling, [path], workers=0)[0].photo_id
    update_photo(demo_db, engineer, photo, tag=PhotoTag.BEFORE,
                 caption="Dış cephe, kuzey duvarı")
    in_language("ar")
    model = PhotoListModel(demo_db, engineer, dwelling)
    model.rows = list_photos(demo_db, engineer, dwelling)
    texts = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert any(f" · {FSI}Dış cephe, kuzey duvarı{PDI}" in text for text in texts)


def test_the_reports_page_says_when_its_report_is_still_coming(qtbot, demo_db, admin):
    """`.ci/screens` grabbed the page while it said "Counting…": it waits on `loading`."""
    from shelter_app.ui.reports.page import ReportsPage

    page = ReportsPage(demo_db, admin)
    qtbot.addWidget(page)
    page.show()
    assert page.loading
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.report is not None and len(page.views) == 8


def test_the_agreement_windows_parties_read_name_first_from_the_right(qtbot, in_language,
                                                                     demo_db, engineer):
    """"Muhammed El-Ahmed (GAZ-H-000008)" stood as one left-to-right run, its name at left."""
    from shelter_app.services.agreements.lookup import list_agreements
    from shelter_app.ui.agreements.window import AgreementWindow

    in_language("ar")
    window = AgreementWindow(demo_db, engineer, list_agreements(demo_db, engineer)[0].number)
    qtbot.addWidget(window)
    view = window.view
    tenant = window.facts["tenant"].text()
    assert f"{FSI}{view.household_name}{PDI} ({FSI}{view.household_ref}{PDI})" in tenant
    assert "\u200f" in tenant.split(FSI + view.household_name)[0]  # read from the right
    assert f"{FSI}{view.dwelling_ref}{PDI}، " in window.facts["dwelling"].text()


@pytest.mark.parametrize("code", ["ar", "tr"])
def test_the_enrolment_commands_are_islands_only_in_arabic(qtbot, in_language, demo_db, code):
    """The enrolment form had its own isolate, which put FSI/PDI into Turkish and English
    text too (and into what a user copies from it)."""
    from shelter_app.ui.sync.enrol import COMMAND, PACKAGE_COMMAND, StartDialog

    in_language(code)
    dialog = StartDialog(demo_db)
    qtbot.addWidget(dialog)
    explanations = dialog.form.explanation.text() + dialog.usb.explanation.text()
    for command in (COMMAND, PACKAGE_COMMAND):
        assert (f"{FSI}{command}{PDI}" in explanations) == (code == "ar")
    assert (FSI in explanations) == (code == "ar")


@pytest.mark.parametrize("code", ["tr", "en"])
def test_a_line_opening_with_an_arabic_name_reads_from_the_left_in_turkish(in_language, code):
    """The Turkish agreement window showed "(SUR-H-000010) مريم العمر" aligned right: the line
    took its direction from the name's first letter."""
    from shelter_app.ui.formats import bidi_safe, read_from_right

    in_language(code)
    assert bidi_safe("مريم العمر (SUR-H-000010)") == "\u200eمريم العمر (SUR-H-000010)"
    assert read_from_right("Ayşe Özkan (SUR-L-000001)\nليلى الشيخ") == \
        "Ayşe Özkan (SUR-L-000001)\n\u200eليلى الشيخ"  # a Latin line stays as it is


@pytest.mark.parametrize("width", [834, 974, 976])
def test_a_wrapped_arabic_paragraph_stays_inside_its_label(qtbot, in_language, width):
    """The Reports page's note ended its first line "…ثمن المواد لا" cut at the left edge:
    Qt stood a right-aligned wrapped line past its label's start."""
    from shelter_app.ui.wrapping import paragraph

    in_language("ar")
    margin = 12  # room to see ink that a label of the width itself would cut off
    label = paragraph(
        "جداول الكميات حسب يوم اعتمادها (المراجعة المعتمدة لكل حالة)؛ دفعات النقد مقابل العمل "
        "المؤشَّر عليها كمدفوعة حسب شهرها. المدفوعات للمقاولين أو ثمن المواد لا تُسجَّل في "
        "التطبيق، فلا تُحتسب. المكتب الذي لا ميزانية له يحدد المسؤول ميزانيته في صفحة المكاتب.")
    qtbot.addWidget(label)
    label.setContentsMargins(margin, 0, margin, 0)
    label.resize(width + 2 * margin, label.heightForWidth(width + 2 * margin))
    image = label.grab().toImage()
    paper = image.pixel(image.width() // 2, 0)
    outside = [x for x in range(margin - 2) for y in range(image.height())
               if image.pixel(x, y) != paper]
    assert not outside


def test_no_arabic_translation_puts_guillemets_between_latin_words():
    """"ترميز Windows التركي (cp1254، Excel «CSV»)" showed as "(«cp1254، Excel «CSV":
    quotes between two Latin words are read in the Latin run, so they turned and moved."""
    import re

    from tests.ui.test_translations import FOLDER, messages

    latin_quote = re.compile(r"[A-Za-z0-9]\s*«[^»]*[A-Za-z]|[A-Za-z0-9]»\s*[A-Za-z0-9]")
    found = [translation.text for _, _, translation in
             messages(FOLDER / "shelter_app_ar.ts")
             if translation.text and latin_quote.search(translation.text)]
    assert not found


def test_arabic_translations_quote_arabic_words_in_guillemets():
    """"بوسم 'بعد'" beside "«مكتمل»" on the dwelling's summary: an Arabic word is quoted
    «so», as the other Arabic sentences do; Latin values keep their plain quotes."""
    import re

    from tests.ui.test_translations import FOLDER, messages

    plain_quote = re.compile("(['\"])\u2068?[\u0621-\u064a][^'\"]*\\1")
    found = [translation.text for _, _, translation in
             messages(FOLDER / "shelter_app_ar.ts")
             if translation.text and plain_quote.search(translation.text)]
    assert not found


def test_a_works_check_lines_quantity_is_its_own_island(qtbot, demo_db, engineer, in_language):
    """"(m² 26,89)": the quantity of an approved BoQ line read unit first in Arabic."""
    from decimal import Decimal

    from PySide6.QtWidgets import QWidget
    from sqlalchemy import select

    from shelter_app.data.models import Dwelling
    from shelter_app.domain.stages import Stage
    from shelter_app.services.cases.flow import approved_lines
    from shelter_app.ui.assessments.form import AssessmentDialog
    from shelter_app.ui.formats import measure, unit_text

    with demo_db.read() as session:
        ref, lines = next((ref, lines) for ref, dwelling_id in session.execute(
            select(Dwelling.ref, Dwelling.id).where(Dwelling.stage == Stage.WORKS_IN_PROGRESS))
            if (lines := approved_lines(session, dwelling_id)))
    in_language("ar")
    dialog = AssessmentDialog(demo_db, engineer, ref)
    qtbot.addWidget(dialog)
    shown = [label.text() for label in dialog.findChild(QWidget, "worksBox")
             .findChildren(QLabel)]
    for line in lines:
        quantity = f"{measure(Decimal(line.quantity), line.unit)} {unit_text(line.unit)}"
        assert any(f"({FSI}{quantity}{PDI})" in text for text in shown)


def test_qts_own_wrapped_labels_are_justified_in_arabic_once_they_wrap(qtbot, in_language):
    """A wizard page's subtitle and a message box's text are Qt's labels, not made by
    `wrapped`: the style justifies them, a message box's only once Qt has made it wrap (a
    short one, laid out justified on one line, would stand at the left)."""
    from PySide6.QtWidgets import QLabel, QMessageBox, QWizard, QWizardPage

    from shelter_app.ui.app import create_application
    from shelter_app.ui.wrapping import SAFE

    create_application()  # installs the application style
    in_language("ar")
    wizard = QWizard()
    qtbot.addWidget(wizard)
    page = QWizardPage()
    page.setTitle("قاعدة بيانات جديدة")
    page.setSubTitle("قاعدة البيانات هذه جديدة. سمِّ البرنامج، وأضف مكاتبه، ثم أنشئ حساب مدير "
                     "النظام. " * 3)
    wizard.addPage(page)
    wizard.show()
    subtitle = next(label for label in wizard.findChildren(QLabel) if label.wordWrap())
    assert subtitle.alignment() & SAFE
    long = QMessageBox(QMessageBox.Icon.Question, "استعادة",
                       "هل تريد استبدال قاعدة البيانات الحالية بالنسخة الاحتياطية؟ " * 6)
    short = QMessageBox(QMessageBox.Icon.Question, "استعادة", "هل تريد المتابعة؟")
    for box in (long, short):
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
    text = long.findChild(QLabel, "qt_msgbox_label")
    qtbot.waitUntil(lambda: text.wordWrap() and bool(text.alignment() & SAFE))
    assert not short.findChild(QLabel, "qt_msgbox_label").alignment() & SAFE


def _lines(text: str, font, width: int, right_to_left: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """`text` broken into lines as a wrapped label of `width` breaks it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextLayout, QTextOption

    text = text.replace("\n", "\u2028")
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if right_to_left
                            else Qt.LayoutDirection.LeftToRight)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


@pytest.mark.parametrize("code", ["ar", "tr"])
def test_a_path_in_a_sentence_breaks_only_where_it_must(qtbot, db, in_language, monkeypatch,
                                                         code):
    """The crash dialog and the restore question broke the path after its first "/" ("… هو /"
    above "root/.local/…"): it stands whole on a line of its own, left to right, and breaks
    at a "/" only when it is longer than the line."""
    from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.ui.backup.page import BackupPage
    from shelter_app.ui.crash import CrashDialog

    in_language(code)
    log = "/root/.local/state/shelter_app/log/shelter_app.log"
    crash = CrashDialog("Traceback (most recent call last): …", log)
    qtbot.addWidget(crash)
    crash.show()
    intro = next(label for label in crash.findChildren(QLabel) if log in label.text())
    backup = "/root/.local/share/shelter_app/backups/shelter-20261205-0930.zip"
    questions: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (backup, ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (
        questions.append(a[2]), QMessageBox.StandardButton.No)[1])
    window = QWidget()  # the page's owner, as in the app
    qtbot.addWidget(window)
    BackupPage(db, SYSTEM, window).restore()
    for text, path in ((intro.text(), log), (questions[0], backup)):
        needed = intro.fontMetrics().horizontalAdvance(path)
        for width in (needed + 10, needed + 100, needed + 300):
            holding = [line for line in _lines(text, intro.font(), width, code == "ar")
                       if "/" in line]
            assert len(holding) == 1 and path in holding[0], (width, holding)
        narrow = _lines(text, intro.font(), needed * 2 // 3, code == "ar")  # shorter than it
        assert not [line for line in narrow if path in line]  # broken where it must be
        if code == "ar":
            assert f"\u2066{path}\u2069" in text  # left to right inside the Arabic sentence


def test_an_arabic_message_box_is_wide_enough_for_the_path_it_names(qtbot, in_language):
    """The restore question broke the backup's path at a "/" and Qt justified the line left
    above the break by spreading its letters ("/ r o o t / . l o c a l"): the box is as wide
    as the path needs, and the path stands whole on its line."""
    from shelter_app.ui.formats import path_text

    in_language("ar")
    backup = "/root/.local/share/shelter_app/backups/shelter-20261205-0930.zip"
    box = QMessageBox(QMessageBox.Icon.Question, "استعادة",
                      f"هل تريد استبدال قاعدة البيانات الحالية بالنسخة الاحتياطية "
                      f"{path_text(backup)}؟\n\nتُحفظ قاعدة البيانات الحالية بجانبها كنسخة.",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    label = next(label for label in box.findChildren(QLabel) if backup in label.text())
    lines = _lines(label.text(), label.font(), label.contentsRect().width(), True)
    assert [line for line in lines if "/" in line] == [
        line for line in lines if backup in line], lines


@pytest.mark.parametrize("code", ["ar", "tr"])
def test_the_agreement_windows_iban_stands_on_a_line_of_its_own_in_arabic(
        qtbot, in_language, demo_db, engineer, code):
    """Inside the Arabic sentence the unbreakable IBAN went whole to the next line and Qt
    justified the short line left above it letter by letter ("ب ح ل و ل" for "بحلول")."""
    from shelter_app.domain.iban import format_iban
    from shelter_app.services.agreements.lookup import list_agreements
    from shelter_app.ui.agreements.window import AgreementWindow

    in_language(code)
    window = next(shown for agreement in list_agreements(demo_db, engineer)
                  if (shown := AgreementWindow(demo_db, engineer, agreement.number))
                  .view.values.payment_iban)
    qtbot.addWidget(window)
    grouped = format_iban("".join(window.view.values.payment_iban.split())).replace(" ", "\u00a0")
    lines = window.facts["payment"].text().split("\n")
    if code == "ar":
        assert len(lines) == 2 and f"\u200f\u2066{grouped}\u2069" in lines[1]
    else:
        assert len(lines) == 1 and lines[0].endswith(grouped)


def test_the_daily_logs_recorded_by_reads_whole_lines_in_arabic(qtbot, in_language):
    """The day pane's "by Mühendis Gaziantep, 16.11.2026 16:00" wrapped in its 170 px and
    Qt justified the short lines letter by letter ("ب و ا س ط ة  M ü h e n d i s"): the name
    and the time stand on lines of their own, each whole."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QLabel

    in_language("ar")
    text = QCoreApplication.translate("DailyLogTab", "by {name}, {when}").format(
        name="Mühendis Gaziantep", when="16.11.2026 16:00")
    font = QLabel().font()
    assert len(_lines(text, font, 170, right_to_left=True)) == text.count("\n") + 1 == 2


def test_the_screens_tool_reports_a_justified_arabic_line_left_short(qtbot, in_language):
    """Qt justifies an Arabic line by spreading its letters: `.ci/screens` lists a wrapped
    label whose line an unbreakable value left short (the agreement window's payment)."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from shelter_app.ui.screens import clipped
    from shelter_app.ui.wrapping import wrapped

    in_language("ar")
    iban = "\u2066TR57\u00a00001\u00a02047\u00a00675\u00a05485\u00a00663\u00a051\u2069"
    holder = QWidget()
    qtbot.addWidget(holder)
    short = wrapped(QLabel(f"بحلول اليوم 1، {iban}"))
    whole = wrapped(QLabel(f"بحلول اليوم 1،\n{iban}"))
    box = QVBoxLayout(holder)
    box.addWidget(short)
    box.addWidget(whole)
    holder.setFixedWidth(300)
    holder.show()
    qtbot.waitExposed(holder)
    found = clipped(holder)
    assert len(found) == 1 and found[0].startswith(f"QLabel {short.text()!r}")
    assert found[0].endswith("its letters spread apart")
