"""What a supervisor sees when the server drops the payment batch their laptop built offline
(another laptop built the same month first, under the same number)."""

from PySide6.QtCore import Qt
from services.sync.test_payment_batches import _waiting_period
from ui.sync.windows import CLICK, open_page, sync_now

from shelter_app.services.labour import payments


def test_a_dropped_batch_is_said_on_the_sync_page_once_with_what_to_do(
        qtbot, laptop, supervisor, window_on):
    a, b = laptop("a"), laptop("b")
    period = _waiting_period(a.db)
    (first,) = payments.build_batches(a.db, supervisor, period, reason="Paid early.")
    (second,) = payments.build_batches(b.db, supervisor, period, reason="Paid early.")
    assert a.sync().clean
    window = window_on(b.db, supervisor)
    report = sync_now(qtbot, window)
    page = window.sync
    [reason] = report.batches_dropped
    assert reason.startswith(f"Payment batch {second.ref} of ")
    assert "build" in reason and "batch again for those still waiting" in reason
    assert page.result.text().endswith(
        "The server did not take 1 payment batch built on this laptop:\n\n" + reason)
    assert page.result.isVisible() and page.result.styleSheet()  # the warning's colour
    # the batch and its links, refused: one change, as the list shows it
    assert page.result.text().startswith("Sent 1 change (0 applied, 0 in conflict, 1 refused)")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)  # the batch alone
    assert page.model.index(0, 1).data() == f"Payment batch {second.ref}"
    assert "period, reference" in page.model.index(0, 2).data()
    assert "created" not in page.model.index(0, 2).data()  # the app's bookkeeping, not theirs
    assert "deleted" not in page.model.index(0, 2).data()  # nor what a new batch was made
    assert "paid" not in page.model.index(0, 2).data()  # without
    assert page.model.index(0, 3).data() == "Refused"
    assert page.model.index(0, 4).data() == reason


def test_the_held_list_shows_its_fields_whole_in_a_window_900_px_wide(
        qtbot, laptop, supervisor, window_on, in_language):
    """The Fields column was cut ("الفترة، الرقم المرجعي، الحا…") while Reason took the row's
    rest; now the columns are as wide as their text, and Reason, last, gives way (its tooltip
    carries it whole)."""
    in_language("ar")
    a, b = laptop("a"), laptop("b")
    period = _waiting_period(a.db)
    for machine in (a, b):
        payments.build_batches(machine.db, supervisor, period, reason="Paid early.")
    assert a.sync().clean
    window = window_on(b.db, supervisor)
    page = open_page(window, "المزامنة")
    with qtbot.waitSignal(window.sync_runner.finished, timeout=30_000):
        qtbot.mouseClick(page.sync_button, CLICK)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
    window.resize(900, 700)
    qtbot.waitUntil(lambda: window.width() == 900)
    table, header = page.table, page.table.horizontalHeader()
    for column in range(4):  # one line each, whole
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
    assert not table.wordWrap()
    assert header.length() <= table.viewport().width()  # Reason on screen, not scrolled to
    assert table.columnWidth(4) >= 90
    assert table.model().index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
