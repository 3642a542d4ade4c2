"""Steps chained with next_turn (ui/turns.py) are blocks of their own: the timers that come due
during one step (the paint, the latency benchmark's heartbeat) run before the next."""

import time

from PySide6.QtCore import QObject, Qt, QTimer

from shelter_app.ui.turns import next_turn


def _busy(ms: float) -> None:
    start = time.thread_time()
    while (time.thread_time() - start) * 1000 < ms:
        pass


def test_a_timer_due_during_a_step_runs_before_the_next_step(qtbot):
    done: list[str] = []
    seen: list[list[str]] = []  # what a 4 ms heartbeat found done at each tick
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(4)
    heartbeat.timeout.connect(lambda: seen.append(list(done)))
    heartbeat.start()
    owner = QObject()

    def step(name: str, then: str | None) -> None:
        _busy(12)  # longer than the heartbeat's interval: it comes due meanwhile
        done.append(name)
        if then is not None:
            next_turn(owner, lambda: step(then, None))

    next_turn(owner, lambda: step("first", "second"))
    qtbot.waitUntil(lambda: len(done) == 2 and len(seen) > 2)
    heartbeat.stop()
    assert ["first"] in seen  # with a 0 ms single shot the second ran in the same pass


def test_a_step_of_a_deleted_receiver_never_runs(qtbot):
    ran: list[bool] = []
    owner = QObject()
    next_turn(owner, lambda: ran.append(True))
    owner.deleteLater()
    qtbot.wait(20)
    assert ran == []
