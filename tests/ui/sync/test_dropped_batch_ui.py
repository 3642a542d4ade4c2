"""What a supervisor sees when the server drops the payment batch their laptop built offline
(another laptop built the same month first, under the same number)."""

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle
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


def _whole(table, row: int, column: int) -> bool:
    """The cell's text shows whole: on one line, or wrapped in a row high enough for it."""
    if table.columnWidth(column) >= table.sizeHintForColumn(column):
        return True
    style, metrics = table.style(), table.fontMetrics()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    width = table.columnWidth(column) - 2 * margin - table.showGrid()
    text = table.model().index(row, column).data()
    high = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
    over = high.height() - metrics.height()
    return over > 0 and table.rowHeight(row) >= table.verticalHeader().defaultSectionSize() + over


@pytest.mark.parametrize(("language", "sync"), [("tr", "Eşitleme"), ("ar", "المزامنة")])
def test_the_held_list_shows_its_fields_whole_in_a_window_900_px_wide(
        qtbot, laptop, supervisor, window_on, in_language, language, sync):
    """The Fields column was cut ("الفترة، الرقم المرجعي، الحا…") while Reason took the row's
    rest; then the columns were as wide as their text, and Reason, last, gave way (its tooltip
    carries it whole), but Turkish still cut Fields by 24 px: now they wrap."""
    in_language(language)
    a, b = laptop("a"), laptop("b")
    period = _waiting_period(a.db)
    for machine in (a, b):
        payments.build_batches(machine.db, supervisor, period, reason="Paid early.")
    assert a.sync().clean
    window = window_on(b.db, supervisor)
    page = open_page(window, sync)
    with qtbot.waitSignal(window.sync_runner.finished, timeout=30_000):
        qtbot.mouseClick(page.sync_button, CLICK)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20_000)
    window.resize(900, 700)
    qtbot.waitUntil(lambda: window.width() == 900)
    table, header = page.table, page.table.horizontalHeader()
    for column in (0, 1, 3):  # one line each, whole
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
    qtbot.waitUntil(lambda: _whole(table, 0, 2))  # whole, on one line or more
    assert header.length() <= table.viewport().width()  # Reason on screen, not scrolled to
    assert table.columnWidth(4) >= 90
    assert table.model().index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
