"""The BoQ list and editor never block the window on the database: the BoQ is read in a worker and
arrives by signal (a newer read supersedes an older one); a quantity shows and totals at once
and is saved in a worker, in the order typed, even when the editor closes right after; a save
the service refuses comes back to its line."""

import threading
import uuid
import weakref
from decimal import Decimal

import pytest
from factories import assessed_dwelling
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool, QTimer
from ui.held import Held, Painted, answered, ticks

from shelter_app.domain.boq import compute_totals
from shelter_app.services.boq import approval
from shelter_app.services.boq import boq as service
from shelter_app.services.boq.catalogue import catalogue_items
from shelter_app.services.boq.lookup import list_boqs
from shelter_app.ui import formats, saving
from shelter_app.ui.boq import arrival
from shelter_app.ui.boq.editor import BoQEditor
from shelter_app.ui.boq.lines_model import QUANTITY

D = Decimal


@pytest.fixture
def priced(demo_db, engineer):
    """A draft BoQ of three lines."""
    view = service.create_boq(demo_db, engineer, assessed_dwelling(demo_db))
    items = catalogue_items(demo_db, view.catalogue_id)
    for item in items[:3]:
        service.add_line(demo_db, engineer, view.id, item.id, "2")
    return view.id


def hold(monkeypatch, name: str, module: object = service) -> Held:
    held = Held(getattr(module, name))
    monkeypatch.setattr(module, name, held)
    return held


def hold_the_read(monkeypatch) -> Held:
    """The editor's read of its BoQ (ui/boq/arrival.py), held until released."""
    return hold(monkeypatch, "boq_to_edit", arrival)


@pytest.fixture(autouse=True)
def released():
    """Whatever a test holds is let go before the next test, and its workers end."""
    holds: list[Held] = []
    yield holds
    for held in holds:
        held.release.set()
    QThreadPool.globalInstance().waitForDone()


def saved_quantities(db, actor, boq_id) -> list[Decimal]:
    view = service.boq_view(db, actor, boq_id)
    return [line.quantity for line in service.sort_lines(list(view.lines))]


def open_editor(qtbot, db, actor, boq_id) -> BoQEditor:
    editor = BoQEditor(db, actor, boq_id)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: not editor.loading)
    return editor


def test_the_boq_is_read_off_the_gui_thread_and_arrives_by_signal(
        qtbot, demo_db, engineer, priced, monkeypatch, released):
    held = hold_the_read(monkeypatch)
    released.append(held)
    editor = BoQEditor(demo_db, engineer, priced)  # returns with the read still held
    qtbot.addWidget(editor)
    editor.show()
    assert editor.loading and editor.lines.rowCount() == 0 and not editor.search.isEnabled()
    assert ticks(qtbot, editor) >= 10  # the window answers meanwhile
    with qtbot.waitSignal(editor.loaded, timeout=5000):
        held.release.set()
    assert editor.lines.rowCount() == 3 and editor.search.isEnabled()
    assert held.on_gui_thread == [False]


def test_a_newer_read_supersedes_an_older_one(qtbot, demo_db, engineer, priced, monkeypatch,
                                             released):
    other = next(row for row in list_boqs(demo_db, engineer) if row.id != priced)
    held = hold_the_read(monkeypatch)
    held.hold = lambda db, actor, boq_id: boq_id == priced  # the first read waits
    released.append(held)
    editor = BoQEditor(demo_db, engineer, priced)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.loaded, timeout=5000):
        editor.load(other.id)  # asked later, answered first
    held.release.set()
    answered(qtbot)  # the older read's answer is delivered
    assert editor._showing is None  # and dropped: taken, it would be shown on the next turns
    assert editor.view.id == other.id
    assert editor.lines.rowCount() == len(service.boq_view(demo_db, engineer, other.id).lines)


def test_a_quantity_shows_at_once_and_is_saved_in_a_worker(qtbot, demo_db, engineer, priced,
                                                          monkeypatch, released):
    editor = open_editor(qtbot, demo_db, engineer, priced)
    held = hold(monkeypatch, "set_quantity")
    released.append(held)
    gross = editor.gross.text()
    assert editor.lines.setData(editor.lines.index(1, QUANTITY), "12,5")
    assert editor.lines.lines[1].quantity == D("12.5")  # shown and totalled in memory
    assert editor.gross.text() != gross
    assert editor.gross.text() == formats.money(compute_totals(
        [line.priced for line in editor.lines.lines], editor.view.contingency_pct).gross)
    assert editor.saves.pending == 1 and ticks(qtbot, editor) >= 10
    assert saved_quantities(demo_db, engineer, priced)[1] == D("2")  # not yet
    held.release.set()
    qtbot.waitUntil(lambda: not editor.saves.pending)
    assert saved_quantities(demo_db, engineer, priced)[1] == D("12.5")
    assert held.on_gui_thread == [False]
    assert editor.undo_buttons[0].isEnabled()  # undoable at once


def test_edits_are_saved_in_the_order_typed(qtbot, demo_db, engineer, priced, monkeypatch,
                                            released):
    editor = open_editor(qtbot, demo_db, engineer, priced)
    held = hold(monkeypatch, "set_quantity")
    held.hold = lambda db, actor, line_id, quantity: quantity == D("7")  # the first waits
    released.append(held)
    turns = Turns()
    monkeypatch.setattr(saving, "_lock", turns)
    cell = editor.lines.index(0, QUANTITY)
    editor.lines.setData(cell, "7")
    editor.lines.setData(cell, "8")
    # the first save runs (held) and the second's worker asks for its turn: it waits
    qtbot.waitUntil(lambda: held.on_gui_thread == [False] and len(turns.asked) == 2)
    assert editor.saves.pending == 2 and held.on_gui_thread == [False]
    held.release.set()
    qtbot.waitUntil(lambda: not editor.saves.pending)
    assert saved_quantities(demo_db, engineer, priced)[0] == D("8")


class Turns:
    """The saves' lock (ui/saving.py), noting each worker that asks for its turn."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.asked: list[threading.Thread] = []

    def __enter__(self) -> None:
        self.asked.append(threading.current_thread())
        self.lock.acquire()

    def __exit__(self, *exc) -> None:
        self.lock.release()


def test_closing_right_after_an_edit_keeps_it(qtbot, demo_db, engineer, priced):
    """The editor closed (and even deleted) before its save ran: the save commits all the
    same, and the lists hear of it once the editor is closed."""
    editor = open_editor(qtbot, demo_db, engineer, priced)
    editor.lines.setData(editor.lines.index(2, QUANTITY), "33")
    editor.done(0)  # waits for the save still running
    assert not editor.saves.pending and not editor.isVisible()
    assert saved_quantities(demo_db, engineer, priced)[2] == D("33")
    editor = BoQEditor(demo_db, engineer, priced)  # not kept by qtbot: deleted below
    qtbot.waitUntil(lambda: not editor.loading)
    editor.lines.setData(editor.lines.index(2, QUANTITY), "44")
    editor.deleteLater()  # gone at once, the save not answered
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    answered(qtbot)  # its answer arrives to no editor
    assert saved_quantities(demo_db, engineer, priced)[2] == D("44")


def test_a_refused_save_comes_back_to_its_line(qtbot, demo_db, engineer, priced):
    editor = open_editor(qtbot, demo_db, engineer, priced)
    approval.submit(demo_db, engineer, priced, confirm=True)  # behind the editor's back
    cell = editor.lines.index(1, QUANTITY)
    editor.lines.setData(cell, "9")
    qtbot.waitUntil(lambda: "submitted" in editor.error.text())
    assert editor.table.currentIndex().row() == 1  # the line refused is the one selected
    assert "submitted" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None  # in red
    qtbot.waitUntil(lambda: not editor.loading)  # read again as saved
    assert editor.lines.lines[1].quantity == D("2") and not editor.search.isEnabled()
    assert editor.table.currentIndex().row() == 1  # still there once read again
    assert not editor.undo_stack.canUndo()
    editor.done(0)  # the refusal was already shown: closing closes
    assert not editor.isVisible()


def test_a_bad_quantity_is_refused_before_any_save(qtbot, demo_db, engineer, priced):
    editor = open_editor(qtbot, demo_db, engineer, priced)
    assert not editor.lines.setData(editor.lines.index(0, QUANTITY), "abc")
    assert "number" in editor.error.text() and not editor.saves.pending


def test_a_boq_that_cannot_be_read_says_why_in_the_editor(qtbot, demo_db, engineer):
    editor = BoQEditor(demo_db, engineer, uuid.uuid4())
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: not editor.loading)
    assert "does not exist" in editor.error.text() and not editor.search.isEnabled()
    assert editor.buttons["close"].isEnabled() and editor.buttons["submit"].isHidden()


def test_the_boq_list_is_read_off_the_gui_thread_and_a_newer_search_cancels(
        qtbot, demo_db, engineer, priced, monkeypatch, released):
    from shelter_app.ui.boq import page as boq_page
    from shelter_app.ui.boq.page import BoQPage

    held = Held(boq_page.list_boqs, hold=lambda db, actor, text, *rest, **options: not text)
    monkeypatch.setattr(boq_page, "list_boqs", held)
    released.append(held)
    page = BoQPage(demo_db, engineer)  # returns with the first page still held
    qtbot.addWidget(page)
    page.show()
    assert page.loading and page.model.rowCount() == 0
    assert ticks(qtbot, page) >= 10  # the window answers meanwhile
    ref = next(row.ref for row in list_boqs(demo_db, engineer) if row.id == priced)
    page.filter_edit.setText(ref)
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        page.apply_filter()  # a newer search: the held one is cancelled
    assert held.cancels[0].cancelled and held.on_gui_thread == [False, False]
    assert [page.model.row_at(row).id for row in range(page.model.rowCount())] == [priced]
    held.release.set()
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()
    assert page.model.rowCount() == 1  # the older rows, read at last, are dropped


def test_a_saved_edit_reads_its_boqs_row_again_not_the_list(qtbot, demo_db, engineer,
                                                          supervisor, priced, monkeypatch):
    """A quantity saved read the whole BoQ list again and reset it (on a programme, ~100 ms
    of a worker sorting the office's BoQs, beside the typing): now the BoQ's row alone is
    read again and changes in place, or moves to the top after a contingency (a change of
    the BoQ itself), the selection following it."""
    from shelter_app.domain.stages import ApprovalStatus
    from shelter_app.ui.boq import page as boq_page
    from shelter_app.ui.boq.page import BoQPage

    newer = list_boqs(demo_db, engineer, status=ApprovalStatus.SUBMITTED)[0].id
    approval.return_boq(demo_db, supervisor, newer, "Check the roof.")  # changed after `priced`
    page = BoQPage(demo_db, engineer)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading)
    model = page.model

    def shown() -> list[uuid.UUID]:
        return [model.row_at(row).id for row in range(model.rowCount())]

    def selected() -> uuid.UUID:
        return model.row_at(page.table.selectionModel().selectedRows()[0].row()).id

    assert shown()[:2] == [newer, priced]
    page.table.selectRow(1)
    reads: list[object] = []
    read = boq_page.list_boqs
    monkeypatch.setattr(boq_page, "list_boqs", lambda *args, **options: (
        reads.append(options["boq_id"]), read(*args, **options))[1])
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    editor = open_editor(qtbot, demo_db, engineer, priced)
    before = model.row_at(1).gross
    editor.lines.setData(editor.lines.index(1, QUANTITY), "12,5")
    qtbot.waitUntil(lambda: model.row_at(1).gross != before)
    assert model.row_at(1).gross == service.boq_view(demo_db, engineer, priced).totals.gross
    assert reads == [priced] and not resets and selected() == priced
    editor.contingency.setText("10")
    editor.save_contingency()
    qtbot.waitUntil(lambda: shown()[0] == priced)
    assert model.row_at(0).gross == service.boq_view(demo_db, engineer, priced).totals.gross
    assert shown()[1] == newer and len(shown()) == len(set(shown()))
    assert reads == [priced, priced] and not resets and selected() == priced


def test_a_row_read_again_then_overtaken_by_a_read_of_the_list_is_dropped(
        qtbot, demo_db, engineer, priced, monkeypatch, released):
    """A BoQ's row read again after an edit of its lines, answered after the list was read
    again (a new filter, a decision): read with the filter and status of before, it put the
    draft into the list of submitted BoQs. The list's newer read stands."""
    from shelter_app.domain.stages import ApprovalStatus
    from shelter_app.ui.boq import page as boq_page
    from shelter_app.ui.boq.page import BoQPage
    from shelter_app.ui.changes import notify_boq

    held = Held(boq_page.list_boqs, hold=lambda *args, **options: options["boq_id"] is not None)
    monkeypatch.setattr(boq_page, "list_boqs", held)
    released.append(held)
    page = BoQPage(demo_db, engineer)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading)

    def shown() -> list[uuid.UUID]:
        return [page.model.row_at(row).id for row in range(page.model.rowCount())]

    assert priced in shown()
    line = service.boq_view(demo_db, engineer, priced).lines[0]
    service.set_quantity(demo_db, engineer, line.id, "9")
    notify_boq(priced)  # as the editor does: the draft's row is read again (held)
    page.status.setCurrentIndex(page.status.findData(ApprovalStatus.SUBMITTED))
    qtbot.waitUntil(lambda: not page.loading)
    submitted = shown()
    assert submitted and priced not in submitted
    held.release.set()
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()  # the row's answer is delivered now
    assert shown() == submitted


def test_a_next_page_read_before_a_moved_row_is_placed_repeats_no_row(
        qtbot, demo_db, engineer, monkeypatch, released):
    """A contingency saved moves its BoQ to the top; a next page read before that row is
    placed is read at the offset of the rows shown, in the new order: it began one row early
    and that row, shown already, was listed twice."""
    from sqlalchemy import update

    from shelter_app.data.models import BoQ
    from shelter_app.domain import clock
    from shelter_app.ui.boq import page as boq_page
    from shelter_app.ui.boq.page import BoQTableModel
    from shelter_app.ui.changes import notify_boq

    monkeypatch.setattr(BoQTableModel, "PAGE", 3)
    held = Held(boq_page.list_boqs, hold=lambda *args, **options: options["boq_id"] is not None)
    monkeypatch.setattr(boq_page, "list_boqs", held)
    released.append(held)
    model = BoQTableModel(demo_db, engineer, background=True)  # no view: no page asked but ours
    qtbot.waitUntil(lambda: not model.loading)

    def shown() -> list[uuid.UUID]:
        return [model.row_at(row).id for row in range(model.rowCount())]

    last = list_boqs(demo_db, engineer, limit=None)[-1].id  # past the rows shown
    assert len(shown()) == 3 and last not in shown() and model.canFetchMore()
    with demo_db.write(engineer) as session:  # its last change now, as a contingency saved
        session.execute(update(BoQ).where(BoQ.id == last).values(updated_at=clock.now()))
    notify_boq(last)  # as the editor does: its row is read again (held)
    model.fetchMore()
    qtbot.waitUntil(lambda: not model.fetching_more)
    held.release.set()
    qtbot.waitUntil(lambda: last in shown())
    assert shown() == [row.id for row in list_boqs(demo_db, engineer, limit=None)][:len(shown())]


def test_an_edit_saved_before_a_refused_one_reads_its_boqs_row_again(
        qtbot, demo_db, engineer, priced, monkeypatch):
    """The lists hear of the saved edits once the last one typed is answered: when the service
    refused that one, an edit saved before it left the BoQ lists' total as it was (and closing
    the editor no longer reads the list again)."""
    from shelter_app.domain.errors import UserError
    from shelter_app.ui.boq.page import BoQTableModel

    model = BoQTableModel(demo_db, engineer, background=True)
    qtbot.waitUntil(lambda: not model.loading)

    def gross() -> Decimal:
        return next(model.row_at(n).gross for n in range(model.rowCount())
                    if model.row_at(n).id == priced)

    before = gross()
    editor = open_editor(qtbot, demo_db, engineer, priced)
    set_quantity = service.set_quantity

    def refusing(db, actor, line_id, quantity):
        if quantity == D("9"):
            raise UserError("Refused.")
        return set_quantity(db, actor, line_id, quantity)

    monkeypatch.setattr(service, "set_quantity", refusing)
    editor.lines.setData(editor.lines.index(0, QUANTITY), "12,5")  # saved
    editor.lines.setData(editor.lines.index(1, QUANTITY), "9")  # refused, answered last
    qtbot.waitUntil(lambda: "Refused." in editor.error.text())
    qtbot.waitUntil(lambda: gross() != before)
    assert gross() == service.boq_view(demo_db, engineer, priced).totals.gross


def test_the_boq_read_is_shown_over_two_turns_the_editor_keeping_its_size(
        qtbot, demo_db, engineer, priced, monkeypatch, released):
    """Its status and totals on one turn of the event loop, its lines and the catalogue's
    items on a later one: shown in one turn, the window froze for all of it and its paint. The editor does not
    grow as the parts come (a resize paints it whole again): no empty line for a message
    takes room while the BoQ is read."""
    held = hold_the_read(monkeypatch)
    released.append(held)
    editor = BoQEditor(demo_db, engineer, priced)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    size = editor.size()
    assert editor.error.isHidden()
    seen: list[tuple[bool, int, int]] = []  # at each tick: status, lines, catalogue items
    timer = QTimer(editor, interval=0)
    timer.timeout.connect(lambda: seen.append((editor.heading.text() != "…",
                                               editor.lines.rowCount(),
                                               editor.items_model.rowCount())))
    timer.start()
    with qtbot.waitSignal(editor.loaded, timeout=5000):
        held.release.set()
    timer.stop()
    assert (True, 0, 0) in seen  # the loop turned between the status and the lines
    assert editor.lines.rowCount() == 3 and editor.gross.text()
    assert editor.items_model.rowCount() > 0
    QCoreApplication.processEvents()
    assert editor.size() == size


def test_the_boq_page_builds_the_editor_on_one_turn_and_shows_it_on_the_next(
        qtbot, demo_db, engineer, priced) -> None:
    """Built and shown in one turn of the event loop, the window froze for both."""
    from shelter_app.ui.boq.page import BoQPage

    page = BoQPage(demo_db, engineer)
    qtbot.addWidget(page)
    page.show()
    editor = page.open_editor(priced)
    assert not editor.isVisible()
    qtbot.waitUntil(editor.isVisible)
    qtbot.waitUntil(lambda: not editor.loading)
    assert editor.lines.rowCount() == 3
    editor.close()


def test_the_boq_page_asked_again_before_its_editor_shows_opens_no_second(
        qtbot, demo_db, engineer, priced) -> None:
    """A second Enter sent before the editor built for the first shows makes no second
    editor of the BoQ on top of it."""
    from shelter_app.ui.boq.page import BoQPage

    page = BoQPage(demo_db, engineer)
    qtbot.addWidget(page)
    page.show()
    editor = page.open_editor(priced)
    assert page.open_editor(priced) is editor and not editor.isVisible()
    qtbot.waitUntil(editor.isVisible)
    qtbot.waitUntil(lambda: not editor.loading)
    assert page.findChildren(BoQEditor) == [editor]
    editor.close()


def test_the_boq_page_keeps_its_list_and_selection_when_its_editor_closes(
        qtbot, demo_db, engineer, priced) -> None:
    """Closing the editor read the whole list again (~95 ms of a worker for an office of a
    programme) and reset it, the selection lost, though each saved edit had read its row."""
    from shelter_app.ui.boq.page import BoQPage

    page = BoQPage(demo_db, engineer)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading)
    model = page.model
    row = next(n for n in range(model.rowCount()) if model.row_at(n).id == priced)
    page.table.selectRow(row)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    editor = page.open_editor(priced)
    qtbot.waitUntil(editor.isVisible)
    qtbot.waitUntil(lambda: not editor.loading)
    before = model.row_at(row).gross
    editor.lines.setData(editor.lines.index(1, QUANTITY), "12,5")
    qtbot.waitUntil(lambda: model.row_at(row).gross != before)  # its row, read again
    editor.close()
    assert not page.loading and not resets
    assert [index.row() for index in page.table.selectionModel().selectedRows()] == [row]


def shown_from(qtbot, page, boq_id) -> BoQEditor:
    """The editor of `boq_id` opened from the BoQ page, once its BoQ is shown."""
    editor = page.open_editor(boq_id)
    qtbot.waitUntil(lambda: editor.isVisible() and not editor.loading)
    return editor


def test_a_closed_editor_is_deleted_and_its_boq_opens_again(qtbot, priced, boq_page):
    """Each editor opened from the page stayed its hidden child once closed, with the BoQ's
    lines and the catalogue's items, for as long as the app ran."""
    boq_page.show()
    editor = shown_from(qtbot, boq_page, priced)
    kept = weakref.ref(editor)
    qtbot.mouseClick(editor.buttons["close"], Qt.MouseButton.LeftButton)
    del editor
    qtbot.waitUntil(lambda: not boq_page.findChildren(BoQEditor))
    assert not hasattr(boq_page, "editor")
    assert kept() is None  # nor its lines and catalogue: no cycle waits for the collector
    again = shown_from(qtbot, boq_page, priced)
    assert again.lines.rowCount() == 3 and boq_page.findChildren(BoQEditor) == [again]
    again.close()


def test_an_editor_closed_with_a_save_running_is_deleted_once_it_is_saved(
        qtbot, demo_db, engineer, priced, boq_page, monkeypatch, released):
    boq_page.show()
    qtbot.waitUntil(lambda: not boq_page.loading)
    model = boq_page.model
    row = next(n for n in range(model.rowCount()) if model.row_at(n).id == priced)
    before = model.row_at(row).gross
    editor = shown_from(qtbot, boq_page, priced)
    held = hold(monkeypatch, "set_quantity")
    released.append(held)
    editor.lines.setData(editor.lines.index(2, QUANTITY), "33")
    qtbot.waitUntil(lambda: held.on_gui_thread == [False])  # the save runs in a worker
    held.release.set()
    editor.close()  # waits for it
    qtbot.waitUntil(lambda: not boq_page.findChildren(BoQEditor))
    assert saved_quantities(demo_db, engineer, priced)[2] == D("33")
    qtbot.waitUntil(lambda: model.row_at(row).gross != before)  # the page heard of it
    assert model.row_at(row).gross == service.boq_view(demo_db, engineer, priced).totals.gross


def test_an_editor_closed_before_its_boq_arrived_is_deleted_and_the_read_dropped(
        qtbot, priced, boq_page, monkeypatch, released):
    held = hold_the_read(monkeypatch)
    released.append(held)
    boq_page.show()
    editor = boq_page.open_editor(priced)
    qtbot.waitUntil(lambda: editor.isVisible() and held.on_gui_thread == [False])
    editor.close()
    qtbot.waitUntil(lambda: not boq_page.findChildren(BoQEditor))
    held.release.set()
    answered(qtbot)  # answered to no editor, and dropped


def test_an_editor_closed_while_its_pdf_is_printed_is_deleted_and_the_pdf_dropped(
        qtbot, priced, boq_page, monkeypatch, released):
    from shelter_app.services.boq import output

    printing = Held(lambda *args, **options: None)
    monkeypatch.setattr(output, "print_boq", printing)
    released.append(printing)
    boq_page.show()
    editor = shown_from(qtbot, boq_page, priced)
    qtbot.mouseClick(editor.buttons["print"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: printing.on_gui_thread == [False])
    editor.close()
    qtbot.waitUntil(lambda: not boq_page.findChildren(BoQEditor))
    printing.release.set()
    answered(qtbot)  # answered to no editor: no preview shown


def test_a_boq_read_is_totalled_once(qtbot, demo_db, engineer, priced, monkeypatch):
    """Its totals are shown with its status; showing its lines a turn later does not total
    them again (on 200 lines, a few ms of the turn that shows them)."""
    from shelter_app.ui.boq import status_totals as module  # where totals are worked out

    totalled: list[int] = []

    def counted(lines, contingency_pct):
        totalled.append(len(lines))
        return compute_totals(lines, contingency_pct)

    monkeypatch.setattr(module, "compute_totals", counted)
    editor = open_editor(qtbot, demo_db, engineer, priced)
    assert totalled == [3]
    assert editor.gross.text() == formats.money(compute_totals(
        [line.priced for line in editor.lines.lines], editor.view.contingency_pct).gross)


def _off_gui(*args, **options) -> bool:
    import threading

    return threading.current_thread() is not threading.main_thread()


def _held_in(monkeypatch, released, module, name: str) -> Held:
    """`module.name` held in a worker until released (a call on the GUI thread goes through,
    recorded there)."""
    held = Held(getattr(module, name), _off_gui)
    monkeypatch.setattr(module, name, held)
    released.append(held)
    return held


def _file_boqs(db, actor, ref: str):
    from shelter_app.services.cases.dwellings import dwelling_file
    from shelter_app.ui.dwellings.case_tabs import BoQTab

    tab = BoQTab(db, actor, dwelling_file(db, ref))
    tab.refresh()
    return tab


def test_asking_to_reopen_a_boq_is_written_in_a_worker_once_with_the_buttons_off_till_then(
        qtbot, demo_db, engineer, monkeypatch, released):
    from sqlalchemy import select

    from shelter_app.data.models import BoQ, Dwelling
    from shelter_app.domain.stages import ApprovalStatus
    from shelter_app.ui.inbox import asking

    with demo_db.read() as session:
        ref = session.scalar(select(Dwelling.ref).join(BoQ, BoQ.dwelling_id == Dwelling.id).where(
            BoQ.status == ApprovalStatus.APPROVED, Dwelling.ref.startswith("GAZ")).limit(1))
    tab = _file_boqs(demo_db, engineer, ref)
    qtbot.addWidget(tab)
    assert tab.select(next(tab.model.row_at(n).ref for n in range(tab.model.rowCount())
                           if tab.model.row_at(n).status is ApprovalStatus.APPROVED))
    held = _held_in(monkeypatch, released, asking, "ask_reopen")
    asked = []
    tab.ask_reason = lambda title, prompt: asked.append(title) or "A steel door"  # type: ignore
    qtbot.mouseClick(tab.buttons["ask"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: held.on_gui_thread == [False])  # written in a worker, held there
    assert not any(button.isEnabled() for button in tab.buttons.values())
    qtbot.mouseClick(tab.buttons["ask"], Qt.MouseButton.LeftButton)
    tab.ask_reopen()  # (as a key would) nothing is asked while the request is being written
    assert len(asked) == 1  # and the greyed buttons are not all the user sees of it:
    assert tab.message.text() == f"Sending the request to reopen {tab.selected().ref}…"
    held.release.set()
    qtbot.waitUntil(lambda: "waits for the supervisor" in tab.message.text())
    assert tab.buttons["ask"].isEnabled() and tab.buttons["open"].isEnabled()
    qtbot.mouseClick(tab.buttons["ask"], Qt.MouseButton.LeftButton)  # the same record again
    qtbot.waitUntil(lambda: "already waits" in tab.message.text())  # the service's refusal
    assert held.on_gui_thread == [False, False] and tab.buttons["ask"].isEnabled()


def test_a_new_boq_from_the_file_is_drafted_in_a_worker_once(
        qtbot, demo_db, engineer, monkeypatch, released):
    from shelter_app.services.cases.dwellings import dwelling_file
    from shelter_app.ui.dwellings import case_tabs

    ref = assessed_dwelling(demo_db)
    tab = _file_boqs(demo_db, engineer, ref)
    qtbot.addWidget(tab)
    held = _held_in(monkeypatch, released, case_tabs, "create_boq")
    changed = []
    tab.changed.connect(lambda: changed.append(True))
    assert tab.model.rowCount() == 0 and tab.buttons["new"].isEnabled()
    qtbot.mouseClick(tab.buttons["new"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: held.on_gui_thread == [False])
    assert not tab.buttons["new"].isEnabled()
    qtbot.mouseClick(tab.buttons["new"], Qt.MouseButton.LeftButton)  # nothing drafted twice
    held.release.set()
    qtbot.waitUntil(lambda: changed == [True])  # the file is to be read again
    assert "is drafted" in tab.message.text() and held.on_gui_thread == [False]
    assert not tab.buttons["new"].isEnabled()  # till the file read again counts it
    tab.show_file(dwelling_file(demo_db, ref))
    assert tab.model.rowCount() == 1 and not tab.buttons["new"].isEnabled()


def test_the_boq_pages_new_boq_is_drafted_in_a_worker_then_opened_or_refused(
        qtbot, demo_db, engineer, monkeypatch, released):
    from PySide6.QtWidgets import QMessageBox

    from shelter_app.ui.boq import page as boq_page

    held = _held_in(monkeypatch, released, boq_page, "create_boq")
    refs = iter([assessed_dwelling(demo_db), "GAZ-D-999999"])
    monkeypatch.setattr(boq_page.BoQPage, "ask_dwelling", lambda self: next(refs))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *args: warned.append(text))
    page = boq_page.BoQPage(demo_db, engineer)
    qtbot.addWidget(page)
    page.new_button.click()
    qtbot.waitUntil(lambda: held.on_gui_thread == [False])
    assert not page.new_button.isEnabled() and not hasattr(page, "editor")
    held.release.set()
    qtbot.waitUntil(lambda: hasattr(page, "editor") and page.editor.isVisible())
    assert page.new_button.isEnabled()
    qtbot.waitUntil(lambda: not page.editor.loading)
    page.editor.close()
    page.new_button.click()  # a dwelling that does not exist: the service's word for it
    qtbot.waitUntil(lambda: warned != [])
    assert "GAZ-D-999999" in warned[0] and page.new_button.isEnabled()
    assert held.on_gui_thread == [False, False]


def test_a_boqs_arrival_shows_its_totals_and_scroll_bar_in_the_turns_that_bring_them(
        qtbot, demo_db, engineer, monkeypatch, released):
    """The totals' labels show in the turn that shows the status, in one pass: added one by
    one to the shown editor, each was shown later in a pass of its own (~1 ms each, 8 ms of
    the status's turn). The lines' first paint is at the width their scroll bar leaves:
    laid out after it, the table narrowed and was painted whole once more."""
    view = service.create_boq(demo_db, engineer, assessed_dwelling(demo_db))
    items = catalogue_items(demo_db, view.catalogue_id)
    for item in items[:40]:  # more than the table shows
        service.add_line(demo_db, engineer, view.id, item.id, "2")
    shown_with_status: list[bool] = []
    show_status = BoQEditor._show_status

    def status_shown(editor, *args):
        show_status(editor, *args)
        shown_with_status.extend(label.isVisible() for label in editor._amounts)

    monkeypatch.setattr(BoQEditor, "_show_status", status_shown)
    held = hold_the_read(monkeypatch)  # read once the editor shows
    released.append(held)
    editor = BoQEditor(demo_db, engineer, view.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    viewport = editor.table.viewport()
    widths: list[int] = []  # of the lines' paints, once they are there
    painted = Painted(viewport, lambda: widths.append(viewport.width()))
    with qtbot.waitSignal(editor.loaded, timeout=5000):
        held.release.set()
    painted.on = True
    qtbot.waitUntil(lambda: widths != [] and editor.table.verticalScrollBar().isVisible())
    assert len(shown_with_status) > 5 and all(shown_with_status)
    assert widths[0] == viewport.width()
