"""Steps chained with next_turn (ui/turns.py) are blocks of their own: the timers that come due
during one step (the paint, the latency benchmark's heartbeat) run before the next."""

from PySide6.QtCore import QObject
from ui.held import busy, heartbeat

from shelter_app.ui.turns import next_turn


def test_a_timer_due_during_a_step_runs_before_the_next_step(qtbot):
    done: list[str] = []
    seen: list[list[str]] = []  # what a 4 ms heartbeat found done at each tick
    owner = QObject()
    beat = heartbeat(owner, lambda: seen.append(list(done)))

    def step(name: str, then: str | None) -> None:
        busy(0.012)  # longer than the heartbeat's interval: it comes due meanwhile
        done.append(name)
        if then is not None:
            next_turn(owner, lambda: step(then, None))

    next_turn(owner, lambda: step("first", "second"))
    qtbot.waitUntil(lambda: len(done) == 2 and len(seen) > 2)
    beat.stop()
    assert ["first"] in seen  # with a 0 ms single shot the second ran in the same pass


def test_a_step_of_a_deleted_receiver_never_runs(qtbot):
    ran: list[bool] = []
    owner = QObject()
    next_turn(owner, lambda: ran.append(True))
    owner.deleteLater()
    alive, later = QObject(), []  # a step asked after it, of a receiver still there: it
    next_turn(alive, lambda: later.append(True))  # comes after the first would have
    qtbot.waitUntil(lambda: later == [True])
    assert ran == []
