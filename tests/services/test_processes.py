"""Batch work in worker processes: a spawned worker keeps its parent's clock."""

from datetime import timedelta

from shelter_app.domain import clock
from shelter_app.services.processes import in_processes


def test_a_worker_process_reads_its_parents_clock() -> None:
    """Workers are spawned: without their parent's moment they would read the machine's clock,
    and a batch's rules (a day "in the future", a printed date) would see another day than
    the app that started it (the tests' fixed day here)."""
    before = clock.now()
    [(key, future)] = list(in_processes(clock.now, [("now", ())], workers=1))
    assert key == "now"
    assert before <= future.result() <= clock.now()
    assert future.result() - before < timedelta(minutes=1)
