"""What a supervisor sees when the server drops the payment batch their laptop built offline
(another laptop built the same month first, under the same number)."""

from services.sync.test_payment_batches import _waiting_period
from ui.sync.windows import sync_now

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
