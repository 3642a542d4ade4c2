"""The BoQ screens driven from the keyboard: an engineer prices and submits, a supervisor
approves, and the approved BoQ no longer changes."""

from datetime import date
from decimal import Decimal

import pytest
from factories import assessed_dwelling
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QLineEdit

from shelter_app.domain import clock
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.boq import approval
from shelter_app.services.boq import boq as service
from shelter_app.ui import formats
from shelter_app.ui.boq.catalogue_page import CataloguePage
from shelter_app.ui.boq.editor import BoQEditor
from shelter_app.ui.boq.page import BoQPage
from shelter_app.ui.main_window import MainWindow
from ui.held import Painted
from ui.shown import show_title

D = Decimal


def type_line(qtbot, editor: BoQEditor, search: str, quantity: str) -> None:
    """Find an item, Enter, type its quantity, Enter: what an engineer does per line."""
    editor.search.setFocus()
    qtbot.keyClicks(editor.search, search)
    qtbot.keyClick(editor.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() == QAbstractItemView.State.EditingState)
    field = editor.table.findChildren(QLineEdit, "quantityEditor")[-1]  # older ones linger
    qtbot.keyClicks(field, quantity)  # the "1" is selected, so typing replaces it
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() != QAbstractItemView.State.EditingState)
    qtbot.waitUntil(lambda: not editor.saves.pending)  # saved in a worker


def opened(qtbot, editor: BoQEditor) -> BoQEditor:
    """The editor once its BoQ, read in a worker, is shown."""
    qtbot.waitUntil(lambda: not editor.loading)
    return editor


def drafted(qtbot, page: BoQPage) -> BoQEditor:
    """The editor of the BoQ `page` drafts in a worker ("New BoQ…")."""
    qtbot.waitUntil(lambda: hasattr(page, "editor"))
    return page.editor


@pytest.fixture
def new_editor(qtbot, boq_page) -> BoQEditor:
    qtbot.mouseClick(boq_page.new_button, Qt.MouseButton.LeftButton)
    editor = drafted(qtbot, boq_page)
    qtbot.addWidget(editor)
    return opened(qtbot, editor)


def test_engineer_builds_and_submits_supervisor_approves(qtbot, demo_db, engineer, supervisor,
                                                         new_editor, monkeypatch):
    editor = new_editor
    assert editor.view.status is ApprovalStatus.DRAFT and editor.search.isEnabled()
    qtbot.keyClicks(editor.search, "eps 8")
    assert editor.items_model.items[0].code == "YAL-EPS-08"
    editor.search.clear()
    type_line(qtbot, editor, "eps 8", "12,5")
    type_line(qtbot, editor, "celik", "1")
    type_line(qtbot, editor, "boy-ic", "74,94")
    assert [(line.code, line.quantity) for line in editor.lines.lines] == [
        ("YAL-EPS-08", D("12.5")), ("KAP-CELIK", D("1")), ("BOY-IC", D("74.94"))]
    works = D("12.5") * 1520 + 24500 + D("15737.40")
    expected = (works * D("1.05")).quantize(D("0.01")) * D("1.2")
    assert editor.gross.text() == formats.money(expected)  # "₺…" in English
    editor.grab().save("/tmp/boq_editor_draft.png")
    monkeypatch.setattr(BoQEditor, "confirm", lambda self, message: True)
    qtbot.mouseClick(editor.buttons["submit"], Qt.MouseButton.LeftButton)
    assert editor.view.status is ApprovalStatus.SUBMITTED
    assert not editor.search.isEnabled() and editor.buttons["submit"].isHidden()

    decider = BoQEditor(demo_db, supervisor, editor.view.id)
    qtbot.addWidget(decider)
    opened(qtbot, decider)
    assert not decider.buttons["approve"].isHidden() and decider.buttons["submit"].isHidden()
    qtbot.mouseClick(decider.buttons["approve"], Qt.MouseButton.LeftButton)
    assert decider.view.status is ApprovalStatus.APPROVED
    assert decider.buttons["approve"].isHidden() and not decider.buttons["revise"].isHidden()

    locked = opened(qtbot, BoQEditor(demo_db, engineer, editor.view.id))
    qtbot.addWidget(locked)
    assert not locked.search.isEnabled()
    cell = locked.lines.index(0, 4)
    assert not locked.lines.flags(cell) & Qt.ItemFlag.ItemIsEditable
    locked.lines.setData(cell, "99")  # even forced, the service refuses, at the line
    qtbot.waitUntil(lambda: "approved and locked" in locked.error.text())
    assert "approved and locked" in cell.data(Qt.ItemDataRole.ToolTipRole)
    opened(qtbot, locked)  # read again as saved
    assert locked.lines.lines[0].quantity == D("12.5")
    assert service.boq_view(demo_db, engineer, editor.view.id).lines == decider.view.lines


@pytest.fixture
def turkish(in_language) -> None:
    """Widgets built after it (the fixtures named after it too) speak Turkish."""
    in_language("tr")


def test_turkish_editor_writes_numbers_and_money_the_turkish_way(qtbot, turkish, new_editor):
    editor = new_editor
    page = editor.parent()
    type_line(qtbot, editor, "eps 8", "1234")
    quantity = editor.lines.index(0, 4)
    assert quantity.data() == "1.234,00" and quantity.data(Qt.ItemDataRole.EditRole) == "1234"
    assert editor.lines.index(0, 5).data() == "1.520,00"  # unit price
    assert editor.gross.text().endswith(" ₺") and "." in editor.gross.text()
    # the status and totals' words, asked in the editor's context (ui/boq/status_totals.py)
    assert editor.totals_form.labelForField(editor.gross).text() == "KDV dahil toplam"
    assert editor.windowTitle().startswith("Keşif özeti ") and editor.info.text().startswith("Konut ")
    assert "YAL-EPS-08: 1.234 m²" in editor.warnings.toPlainText()  # not "1234.000 m²"
    editor.table.setCurrentIndex(quantity)  # open the quantity again and keep it: no change
    editor.table.edit(quantity)
    field = editor.table.findChildren(QLineEdit, "quantityEditor")[-1]
    assert field.text() == "1234"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert editor.lines.lines[0].quantity == D("1234")  # not 1.234, as "1.234" would read
    page.apply_filter()
    shown = [page.model.index(row, 4).data() for row in range(page.model.rowCount())]
    assert shown[0] == formats.money(page.model.row_at(0).gross)
    assert all(text.endswith(" ₺") and text[-5] == "," for text in shown)  # "1.234,56 ₺"


def test_the_catalogue_search_shows_items_in_the_users_language(qtbot, new_editor):
    new_editor.search.setText("eps 8")
    shown = new_editor.items_model.index(0).data()
    item = new_editor.items_model.items[0]
    assert item.description_en in shown and item.description_tr not in shown
    assert shown.endswith(f"(₺{item.unit_price:,.2f}/{item.unit})")


def test_the_catalogue_list_asks_only_the_items_it_shows(qtbot, boq_page, monkeypatch):
    """The items are one line each: the list is laid out from the first one's size, not by
    asking every item of the catalogue at each search (180 items: 3 ms of the GUI thread)."""
    from shelter_app.ui.boq.list_models import ItemsModel

    asked: set[int] = set()
    answer = ItemsModel.data

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        asked.add(index.row())
        return answer(self, index, role)

    monkeypatch.setattr(ItemsModel, "data", data)  # before the editor's model is made
    qtbot.mouseClick(boq_page.new_button, Qt.MouseButton.LeftButton)
    editor = drafted(qtbot, boq_page)
    qtbot.addWidget(editor)
    listed: list[int] = []  # the items the list holds at each of its paints
    painted = Painted(editor.items_view.viewport(),
                      lambda: listed.append(editor.items_model.rowCount()))
    painted.on = True
    opened(qtbot, editor)
    qtbot.waitUntil(lambda: any(listed))  # the whole catalogue laid out and painted
    items = editor.items_model.rowCount()
    assert asked and items > 12 and len(asked) < items // 2


def test_english_lines_read_the_catalogues_english_with_each_units_decimals(qtbot, new_editor):
    editor = new_editor
    type_line(qtbot, editor, "eps 8", "41,4")
    line = editor.lines.lines[0]
    assert line.description_en and line.description_en != line.description
    assert editor.lines.index(0, 2).data() == line.description_en  # not the Turkish text
    assert editor.lines.index(0, 4).data() == "41.40"  # m²: two decimals, always
    assert line.description_in("tr") == line.description


def test_bad_quantity_is_refused_at_the_line_and_delete_removes(qtbot, new_editor):
    editor = new_editor
    type_line(qtbot, editor, "eps 5", "abc")
    assert "not a number" in editor.error.text() and not editor.error.isHidden()
    assert editor.lines.lines[0].quantity == D("1")
    type_line(qtbot, editor, "pvc m2", "0")
    assert "more than zero" in editor.error.text()
    editor.table.setFocus()
    editor.table.setCurrentIndex(editor.lines.index(0, 0))
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert [line.code for line in editor.lines.lines] == ["PEN-PVC-M2"]


def test_return_with_a_reason_then_print_and_preview(qtbot, demo_db, engineer, supervisor,
                                                      new_editor, monkeypatch):
    type_line(qtbot, new_editor, "tasyunu 5", "40")
    approval.submit(demo_db, engineer, new_editor.view.id)
    decider = opened(qtbot, BoQEditor(demo_db, supervisor, new_editor.view.id))
    qtbot.addWidget(decider)
    monkeypatch.setattr(BoQEditor, "ask_reason", lambda self, title, prompt: "Ölçü eksik")
    qtbot.mouseClick(decider.buttons["return"], Qt.MouseButton.LeftButton)
    assert opened(qtbot, decider).view.status is ApprovalStatus.RETURNED
    again = opened(qtbot, BoQEditor(demo_db, engineer, decider.view.id))
    qtbot.addWidget(again)
    assert "Ölçü eksik" in again.notice.text() and again.search.isEnabled()
    qtbot.mouseClick(again.buttons["print"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(again, "preview", None) is not None, timeout=15000)
    preview = again.preview
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 1
    image = preview.document.render(0, QSize(595, 842))
    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(QColor("white"))  # QtPdf renders on transparent
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    assert page.save("/tmp/boq_preview.png")
    inked = sum(page.pixelColor(x, y) != QColor("white") for x in range(0, 595, 7)
                for y in range(0, 842, 7))
    assert inked > 200  # text and lines were drawn, not a blank page


def test_main_window_has_the_boq_list_and_admin_the_catalogue(qtbot, demo_db, engineer, admin):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    titles = window.page_titles()
    assert isinstance(show_title(window, "Bills of quantity"), BoQPage)  # built when shown
    assert "Price catalogue" not in titles
    qtbot.waitUntil(lambda: not window.boqs.loading)  # read in a worker
    assert window.boqs.model.rowCount() > 0
    administrator = MainWindow(demo_db, admin)
    qtbot.addWidget(administrator)
    assert "Price catalogue" in administrator.page_titles()


def test_admin_makes_a_new_version_edits_a_price_and_publishes(qtbot, demo_db, admin,
                                                               monkeypatch):
    page = CataloguePage(demo_db, admin)
    qtbot.addWidget(page)
    published = page.current
    assert published.published and not page.model.draft
    assert not page.model.setData(page.model.index(0, 5), "1,00")
    monkeypatch.setattr(CataloguePage, "ask_version",
                        lambda self: ("2026-07", date(2026, 7, 1)))
    page.new_version()
    assert page.current.label == "2026-07" and page.model.draft
    assert page.model.setData(page.model.index(0, 5), "1.499,90")
    assert page.model.items[0].unit_price == D("1499.90")
    assert not page.model.setData(page.model.index(0, 5), "-1")
    assert "more than zero" in page.message.text()
    page.publish()
    assert page.current.published


def test_catalogue_versions_show_and_take_dates_the_turkish_way(qtbot, turkish, demo_db,
                                                                admin, monkeypatch):
    page = CataloguePage(demo_db, admin)
    qtbot.addWidget(page)
    valid_from = formats.date_text(page.current.valid_from)
    assert valid_from in page.versions.itemText(0) and valid_from[2] == "."  # 01.01.2026
    answers = iter([("2026-07", True), ("1.7.2026", True), ("Temmuz", True), ("2026/07/01", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: next(answers))
    assert page.ask_version() == ("2026-07", date(2026, 7, 1))
    assert page.ask_version() is None
    assert "2026/07/01" in page.message.text() and formats.date_text(clock.today()) in \
        page.message.text()


def test_a_boq_line_and_a_submission_tell_the_lists(qtbot, new_editor):
    from shelter_app.ui.changes import hub

    with qtbot.waitSignal(hub().boq_lines_changed, timeout=1000,
                          check_params_cb=lambda boq_id: boq_id == new_editor.view.id):
        type_line(qtbot, new_editor, "eps 8", "12")
    with qtbot.waitSignal(hub().changed, timeout=1000):
        qtbot.mouseClick(new_editor.buttons["submit"], Qt.MouseButton.LeftButton)
    assert new_editor.view.status is ApprovalStatus.SUBMITTED


def test_enter_adds_only_a_clear_first_hit_and_says_where_it_was_found(qtbot, new_editor):
    editor = new_editor
    editor.search.setFocus()
    qtbot.keyClicks(editor.search, "boya ic")  # English screen, Turkish words
    assert editor.items_model.items[0].code == "BOY-IC"
    assert editor.items_model.index(0).data().endswith("found in the Turkish text")
    editor.search.clear()
    qtbot.keyClicks(editor.search, "paint")  # three paints, none better than the others
    qtbot.keyClick(editor.search, Qt.Key.Key_Return)
    assert editor.lines.rowCount() == 0 and "match 'paint' equally well" in editor.error.text()
    qtbot.keyClick(editor.search, Qt.Key.Key_Down)  # a choice made: Enter adds it
    chosen = editor.items_model.items[1].code
    qtbot.keyClick(editor.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() == QAbstractItemView.State.EditingState)
    assert [line.code for line in editor.lines.lines] == [chosen]


def test_ctrl_z_and_ctrl_y_undo_and_redo_lines_quantities_and_removals(qtbot, new_editor,
                                                                         demo_db, engineer):
    editor = new_editor
    editor.show()
    qtbot.waitExposed(editor)

    def saved() -> list[tuple[str, D]]:
        view = service.boq_view(demo_db, engineer, editor.view.id)
        return [(line.code, line.quantity) for line in service.sort_lines(list(view.lines))]

    def press(key: Qt.Key) -> None:
        qtbot.keyClick(editor.search, key, Qt.KeyboardModifier.ControlModifier)

    type_line(qtbot, editor, "eps 8", "12")
    type_line(qtbot, editor, "pvc m2", "3")
    assert saved() == [("YAL-EPS-08", D("12")), ("PEN-PVC-M2", D("3"))]
    assert editor.undo_buttons[0].text() == "Undo quantity of PEN-PVC-M2"
    press(Qt.Key.Key_Z)  # the quantity back to 1
    assert saved()[1] == ("PEN-PVC-M2", D("1"))
    press(Qt.Key.Key_Z)  # the window line gone
    assert saved() == [("YAL-EPS-08", D("12"))] and editor.lines.rowCount() == 1
    press(Qt.Key.Key_Y)
    press(Qt.Key.Key_Y)
    assert saved() == [("YAL-EPS-08", D("12")), ("PEN-PVC-M2", D("3"))]
    editor.table.setFocus()
    editor.table.setCurrentIndex(editor.lines.index(0, 0))
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert saved() == [("PEN-PVC-M2", D("3"))] and "Ctrl+Z brings it back" in editor.error.text()
    qtbot.keyClick(editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert saved() == [("YAL-EPS-08", D("12")), ("PEN-PVC-M2", D("3"))]  # in its place
    assert [line.code for line in editor.lines.lines] == ["YAL-EPS-08", "PEN-PVC-M2"]
    assert editor.gross.text() == formats.money(
        service.boq_view(demo_db, engineer, editor.view.id).totals.gross)
    qtbot.mouseClick(editor.buttons["submit"], Qt.MouseButton.LeftButton)
    assert not editor.undo_stack.canUndo()  # submitted: nothing left to undo


def test_many_warnings_scroll_in_their_box_the_editor_keeps_its_size(qtbot, demo_db, engineer,
                                                                     new_editor):
    """A line's warning each: the editor grew past its size (and laid itself out and painted
    whole again at every edit), now the warnings scroll in a box a few lines tall."""
    from shelter_app.services.boq.catalogue import catalogue_items
    from shelter_app.ui.boq.editor import WARNING_LINES

    editor = new_editor
    editor.show()
    size = editor.size()
    items = catalogue_items(demo_db, editor.view.catalogue_id)[:12]
    for item in items:
        service.add_line(demo_db, engineer, editor.view.id, item.id, "99999")
    marks: list[int] = []  # the warnings their box holds at each of its paints
    painted = Painted(editor.warnings.viewport(),
                      lambda: marks.append(editor.warnings.toPlainText().count("⚠")))
    painted.on = True
    editor.load(editor.view.id)
    opened(qtbot, editor)
    qtbot.waitUntil(lambda: marks and marks[-1] >= len(items))  # laid out and painted
    assert editor.warnings.isVisible()
    assert editor.warnings.toPlainText().count("⚠") >= len(items)  # each there to read
    assert editor.size() == size
    lines = editor.warnings.fontMetrics().lineSpacing()
    assert editor.warnings.height() <= lines * (WARNING_LINES + 1)
    assert editor.warnings.verticalScrollBar().maximum() > 0


def test_lines_answer_each_role_where_it_applies(qtbot, qtmodeltester, new_editor):
    """The lines' model answers the roles it paints with first-exit checks (a full repaint
    of the table at every focus change): what each role says, cell by cell."""
    editor = new_editor
    type_line(qtbot, editor, "eps 8", "12,5")
    lines = editor.lines
    qtmodeltester.check(lines)
    line = lines.lines[0]
    number, quantity, code = lines.index(0, 0), lines.index(0, 4), lines.index(0, 1)
    assert number.data() == "1" and code.data() == line.code
    assert quantity.data(Qt.ItemDataRole.EditRole) == "12.5"
    assert number.data(Qt.ItemDataRole.TextAlignmentRole) is not None
    assert code.data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert quantity.data(Qt.ItemDataRole.ForegroundRole) is None
    assert quantity.data(Qt.ItemDataRole.DecorationRole) is None
    lines.mark(line.id, "Submitted meanwhile")
    assert quantity.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert code.data(Qt.ItemDataRole.ForegroundRole) is None
    assert code.data(Qt.ItemDataRole.ToolTipRole) == "Submitted meanwhile"
    lines.mark(line.id, None)
    assert code.data(Qt.ItemDataRole.ToolTipRole) == line.description_in("en")


@pytest.mark.parametrize(("code", "title"), [("ar", "الوصف (بالعربية)"),
                                             ("en", "Description (English)")])
def test_the_catalogues_second_description_is_the_arabic_readers_own(qtbot, in_language,
                                                                      demo_db, admin, code,
                                                                      title):
    """The Arabic page showed the Turkish and English descriptions though each item has an
    Arabic one (the BoQ editor shows it)."""
    in_language(code)
    page = CataloguePage(demo_db, admin)
    qtbot.addWidget(page)
    model = page.model
    item = model.items[0]
    assert model.headerData(3, Qt.Orientation.Horizontal) == title
    assert model.index(0, 3).data() == (item.description_ar if code == "ar"
                                        else item.description_en)
    assert model.index(0, 2).data() == item.description_tr


def test_a_change_of_focus_repaints_the_current_line_not_the_whole_table(qtbot, demo_db,
                                                                         engineer) -> None:
    """Qt repaints a table whole when it takes or loses the focus, three times a quantity
    typed; only the current line shows the change. The window still shows what a whole
    paint draws."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QGuiApplication

    from shelter_app.services.boq.catalogue import catalogue_items
    from shelter_app.ui.boq.lines_model import QUANTITY

    view = service.create_boq(demo_db, engineer, assessed_dwelling(demo_db))
    for item in catalogue_items(demo_db, view.catalogue_id)[:4]:
        service.add_line(demo_db, engineer, view.id, item.id, "2")
    editor = opened(qtbot, BoQEditor(demo_db, engineer, view.id))
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    qtbot.wait(50)  # shown and painted
    table, viewport = editor.table, editor.table.viewport()
    painted: list[int] = []  # the height of each paint of the lines

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(event.rect().height())
            return False

    paints = Paints()
    viewport.installEventFilter(paints)
    table.setFocus()
    table.setCurrentIndex(editor.lines.index(1, QUANTITY))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.EditingState)
    field = table.focusWidget()
    qtbot.keyClicks(field, "3,5")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.saves.pending and editor.search.hasFocus())
    qtbot.wait(50)
    assert painted and max(painted) < viewport.height() / 3  # a line or two, not all
    shown = QGuiApplication.primaryScreen().grabWindow(editor.winId()).toImage()
    drawn = editor.grab().toImage()
    assert shown.convertToFormat(drawn.format()) == drawn  # nothing left stale
