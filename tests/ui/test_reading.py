"""Values inside Arabic screens as their own direction islands, arrows as Arabic reads
(issue 20, item 1): translations, table cells and the arrows of week and photo browsing."""

import uuid
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QStyle, QStyleFactory, QTableWidget, QTableWidgetItem

from shelter_app.services.accounts.audit_log import AuditRow
from shelter_app.ui.audit.model import describe_changes
from shelter_app.ui.formats import directed
from shelter_app.ui.reading import right_to_left
from shelter_app.ui.style import AccentSafeStyle

FSI, PDI, RLM = "\u2068", "\u2069", "\u200f"


def test_an_arabic_sentence_isolates_its_values_and_reads_from_the_right():
    assert right_to_left(f"{FSI}{{ref}}{PDI} — حالة {{status}}") == (
        f"{RLM}{FSI}{{ref}}{PDI} — حالة {FSI}{{status}}{PDI}")
    assert right_to_left("المسكن {ref}\n{count} صور") == (
        f"المسكن {FSI}{{ref}}{PDI}\n{RLM}{FSI}{{count}}{PDI} صور")
    assert right_to_left("IBAN") == "IBAN"  # a value, not a sentence: left as written
    assert right_to_left("{what} ({key})") == f"{RLM}{FSI}{{what}}{PDI} ({FSI}{{key}}{PDI})"


def test_a_text_without_arabic_translation_keeps_its_source(in_language):
    """Qt takes an empty answer from a translator as the translation: a form's "Save", looked
    up first in its subclass's context, went blank."""
    in_language("ar")
    assert QCoreApplication.translate("NoSuchContext", "Save") == "Save"
    assert QCoreApplication.translate("CaseForm", "Save") == "حفظ"


def test_arabic_labels_that_open_with_a_value_sit_right(in_language, qtbot):
    in_language("ar")
    heading = QCoreApplication.translate("BoQEditor", "{ref} — {status}").format(
        ref="GAZ-B-000001", status="مسودة")
    assert heading.startswith(RLM)
    label = QLabel(heading)
    qtbot.addWidget(label)
    label.resize(600, 30)
    image = label.grab().toImage()
    inked = [x for x in range(image.width()) for y in range(image.height())
             if image.pixelColor(x, y).lightness() < 100]
    assert min(inked) > 300  # aligned right, not at the top-left
    in_language("tr")
    assert not QCoreApplication.translate("BoQEditor", "{ref} — {status}").startswith(RLM)


def grab_cell(qtbot, text: str, style: QStyle | None = None):
    table = QTableWidget(1, 1)
    qtbot.addWidget(table)
    if style is not None:
        table.setStyle(style)
    table.setWordWrap(False)
    table.setColumnWidth(0, 130)
    table.setItem(0, 0, QTableWidgetItem(text))
    table.resize(220, 80)
    table.show()
    qtbot.waitExposed(table)
    return table.viewport().grab().toImage()


def test_table_cells_are_direction_islands_in_arabic(in_language, qtbot, qapp):
    """"…10 cm glass wool" and "5-": without an isolate a Latin value's ellipsis and a minus
    sign jump to the wrong end in a right-to-left table; the style isolates every cell."""
    in_language("ar")
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    ours = AccentSafeStyle()  # the application's style (the tests' qapp may have either)
    for value in ("10 cm glass wool blanket, Ltd.", "-5"):
        drawn = grab_cell(qtbot, value, ours)
        assert drawn == grab_cell(qtbot, f"{FSI}{value}{PDI}")
        assert drawn != grab_cell(qtbot, value, QStyleFactory.create("Fusion"))  # not isolated


def test_arrows_follow_the_reading_direction(in_language):
    row = AuditRow(datetime(2026, 12, 1, tzinfo=UTC), "admin", "update", "dwelling",
                   uuid.uuid4(), "GAZ-D-000001", {"street": ["Eski Sk.", "Yeni Sk."]}, None)
    in_language("en")
    assert directed("◀ Previous week") == "◀ Previous week"
    assert describe_changes(row).endswith("Eski Sk. → Yeni Sk.")
    in_language("ar")
    previous = directed(QCoreApplication.translate("DailyLogTab", "◀ Previous week"))
    assert previous.lstrip(RLM)[0] == "▶"
    assert directed("Next ▶") == "Next ◀"
    assert f"{FSI}Eski Sk.{PDI} ← {FSI}Yeni Sk.{PDI}" in describe_changes(row)


def test_a_text_pane_aligns_at_the_side_it_reads_from(in_language, qtbot):
    from PySide6.QtWidgets import QPlainTextEdit

    from shelter_app.ui.reading import align_to_reading

    for code, side in (("tr", Qt.AlignmentFlag.AlignLeft), ("ar", Qt.AlignmentFlag.AlignRight)):
        in_language(code)
        pane = QPlainTextEdit()
        qtbot.addWidget(pane)
        align_to_reading(pane)
        assert pane.document().defaultTextOption().alignment() & Qt.AlignmentFlag.AlignRight \
            == (side & Qt.AlignmentFlag.AlignRight)


def test_a_photos_line_keeps_its_values_in_order_in_arabic(in_language):
    """"37,374114 ;37,048938": a position's numbers swapped inside the Arabic photo line."""
    from decimal import Decimal

    from shelter_app.domain.stages import PhotoTag
    from shelter_app.services.photos.photos import PhotoRow
    from shelter_app.ui.photos.viewer import describe

    moment = datetime(2026, 4, 28, 4, 0, tzinfo=UTC)
    row = PhotoRow(uuid.uuid4(), uuid.uuid4(), "0" * 64, PhotoTag.BEFORE, "Dış cephe", None,
                   None, moment, Decimal("37.048938"), Decimal("37.374114"), 10, 10,
                   "IMG_1.jpg", moment)
    in_language("ar")
    shown = describe(row)
    assert shown.startswith(RLM)
    assert f"{FSI}37,048938; 37,374114{PDI}" in shown and f"{FSI}IMG_1.jpg{PDI}" in shown


def test_rich_text_keeps_values_as_islands_and_never_as_markup(in_language, qtbot):
    """The photo import summary (a rich-text table) isolates each file name and reason in
    Arabic; a dwelling file's summary shows a value with "<" as typed."""
    from shelter_app.services.photos.photos import ImportOutcome, Status
    from shelter_app.ui.photos.panel import ImportSummaryDialog

    in_language("ar")
    outcome = ImportOutcome("/x/IMG 7.jpg", "IMG 7.jpg", Status.REFUSED, "Not a photo: <b>x</b>.")
    dialog = ImportSummaryDialog("1", [outcome])
    qtbot.addWidget(dialog)
    shown = dialog.files.toPlainText()
    assert "\u2068IMG 7.jpg\u2069" in shown and "\u2068Not a photo: <b>x</b>.\u2069" in shown


def test_every_tab_widget_of_the_screens_keeps_its_accents():
    """Only tab bars have the style that gives their text room for the dot of İ
    (tests/ui/test_language_ui.py): a Python subElementRect in the application's style was
    called for every element of every widget painted, a fifth of a table's paint."""
    from pathlib import Path

    import shelter_app.ui
    from shelter_app.ui.style import AccentSafeStyle, TabTextStyle

    folder = Path(shelter_app.ui.__file__).parent
    made = [path.relative_to(folder) for path in folder.rglob("*.py")
            if "QTabWidget(" in (text := path.read_text(encoding="utf-8"))
            and "keep_accents(" not in text]
    assert made == []
    assert "subElementRect" in TabTextStyle.__dict__
    assert "subElementRect" not in AccentSafeStyle.__dict__


def test_a_left_to_right_item_view_paints_the_same_cells_without_the_python_override(
        in_language, qtbot, qapp):
    """Left to right, an item view is given the platform's style as it is polished: the
    application's drawControl, called for every cell, only isolates cells right to left."""
    from PySide6.QtWidgets import QProxyStyle

    class Whole(AccentSafeStyle):  # the application's style kept for every widget
        def polish(self, target):
            return QProxyStyle.polish(self, target)

    class Counted(AccentSafeStyle):  # the application's style, counting the cells it draws
        def drawControl(self, element, option, painter, widget=None):
            cells.append(element == QStyle.ControlElement.CE_ItemViewItem)
            super().drawControl(element, option, painter, widget)

    for code in ("tr", "ar"):
        in_language(code)
        cells: list[bool] = []
        for value in ("10 cm glass wool blanket, Ltd.", "-5"):
            assert grab_cell(qtbot, value, Counted()) == grab_cell(qtbot, value, Whole())
        assert any(cells) == (code == "ar")
