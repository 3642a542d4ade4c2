"""The approval round trip between two laptops and a server, driven through the windows:
an engineer on laptop A prices and submits a BoQ and presses Sync now; a supervisor on laptop B
presses Sync now, finds it in the BoQ list, approves it and syncs; laptop A syncs and shows the
BoQ approved and locked. The server is real (uvicorn on loopback), the laptops SQLite files."""

from factories import assessed_dwelling
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from ui.sync.windows import CLICK as click
from ui.sync.windows import open_page, sync_now
from ui.test_boq_ui import drafted

from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.boq.boq import status_label
from shelter_app.ui.boq.editor import BoQEditor
from shelter_app.ui.boq.page import BoQPage


def boq_rows(qtbot, page: BoQPage) -> dict[str, str]:
    """What the list shows, once read (in a worker): BoQ reference -> status."""
    qtbot.waitUntil(lambda: not page.loading)
    return {page.model.index(row, 0).data(): page.model.index(row, 1).data()
            for row in range(page.model.rowCount())}


def type_line(qtbot, editor: BoQEditor, search: str, quantity: str) -> None:
    qtbot.waitUntil(lambda: not editor.loading)  # the BoQ is read in a worker
    editor.search.setFocus()
    qtbot.keyClicks(editor.search, search)
    qtbot.keyClick(editor.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() == QAbstractItemView.State.EditingState)
    field = editor.table.findChildren(QLineEdit, "quantityEditor")[-1]
    qtbot.keyClicks(field, quantity)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() != QAbstractItemView.State.EditingState)
    qtbot.waitUntil(lambda: not editor.saves.pending)  # saved in a worker


def open_boq(qtbot, page: BoQPage, ref: str) -> BoQEditor:
    qtbot.waitUntil(lambda: not page.loading)
    row = next(row for row in range(page.model.rowCount()) if page.model.row_at(row).ref == ref)
    index = page.model.index(row, 0)
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), click, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), click, pos=rect.center())
    qtbot.waitUntil(lambda: getattr(page, "editor", None) is not None
                    and not page.editor.loading
                    and page.editor.view.ref == ref)
    qtbot.addWidget(page.editor)
    return page.editor


def test_approval_round_trip_between_two_laptops_through_the_windows(
        qtbot, laptop, engineer, supervisor, window_on, monkeypatch):
    a, b = laptop("engineer-laptop"), laptop("supervisor-laptop")
    monkeypatch.setattr(BoQEditor, "confirm", lambda self, message: True)
    monkeypatch.setattr(BoQPage, "ask_dwelling", lambda self: assessed_dwelling(a.db))

    # laptop A: the engineer prices a dwelling and submits the BoQ
    on_a = window_on(a.db, engineer)
    boqs_a = open_page(on_a, "Bills of quantity")
    qtbot.mouseClick(boqs_a.new_button, click)
    editor = drafted(qtbot, boqs_a)
    qtbot.addWidget(editor)
    type_line(qtbot, editor, "eps 8", "12,5")
    qtbot.mouseClick(editor.buttons["submit"], click)
    assert editor.view.status is ApprovalStatus.SUBMITTED
    ref = editor.view.ref
    qtbot.mouseClick(editor.buttons["close"], click)
    assert boq_rows(qtbot, boqs_a)[ref] == status_label(ApprovalStatus.SUBMITTED)
    sync_page = open_page(on_a, "Sync")
    qtbot.waitUntil(lambda: not sync_page.loading)  # the status is read again in a worker
    assert sync_page.pending.text() != "0 changes"  # the submitted BoQ waits to be sent
    assert "waiting to be sent" in on_a.sync_indicator.text()

    report = sync_now(qtbot, on_a)
    assert report.applied == report.pushed > 0 and report.clean
    assert on_a.sync_runner.status.pending == 0
    assert on_a.sync_indicator.text().startswith("Synced ")
    assert on_a.sync.pending.text() == "0 changes"

    # laptop B: the supervisor's list is open before the sync and fills by itself
    on_b = window_on(b.db, supervisor)
    boqs_b = open_page(on_b, "Bills of quantity")
    assert ref not in boq_rows(qtbot, boqs_b)
    assert sync_now(qtbot, on_b).pulled > 0
    assert boq_rows(qtbot, boqs_b)[ref] == status_label(ApprovalStatus.SUBMITTED)
    decider = open_boq(qtbot, boqs_b, ref)
    assert not decider.buttons["approve"].isHidden()
    qtbot.mouseClick(decider.buttons["approve"], click)
    assert decider.view.status is ApprovalStatus.APPROVED
    qtbot.mouseClick(decider.buttons["close"], click)
    assert boq_rows(qtbot, boqs_b)[ref] == status_label(ApprovalStatus.APPROVED)
    report = sync_now(qtbot, on_b)
    assert report.applied > 0 and report.clean

    # laptop A again: the approval arrives, the BoQ is locked for the engineer
    open_page(on_a, "Bills of quantity")
    assert boq_rows(qtbot, boqs_a)[ref] == status_label(ApprovalStatus.SUBMITTED)
    assert sync_now(qtbot, on_a).pulled > 0
    assert boq_rows(qtbot, boqs_a)[ref] == status_label(ApprovalStatus.APPROVED)
    locked = open_boq(qtbot, open_page(on_a, "Bills of quantity"), ref)
    assert locked.view.status is ApprovalStatus.APPROVED
    assert not locked.search.isEnabled() and locked.buttons["submit"].isHidden()
    quantity = locked.lines.index(0, 4)
    assert not locked.lines.flags(quantity) & Qt.ItemFlag.ItemIsEditable
    locked.lines.setData(quantity, "99")  # even forced, the service refuses
    qtbot.waitUntil(lambda: "approved and locked" in locked.error.text())
