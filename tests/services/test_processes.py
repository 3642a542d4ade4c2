"""Batch work in worker processes: a worker keeps its parent's clock, and starts from a fork
server where the OS has one."""

import multiprocessing
import os
import threading
from datetime import timedelta

import pytest

from shelter_app.domain import clock
from shelter_app.services import processes
from shelter_app.services.processes import in_processes


def test_a_worker_process_reads_its_parents_clock() -> None:
    """Workers are not forked from this process: without their parent's moment they would read
    the machine's clock, and a batch's rules (a day "in the future", a printed date) would see
    another day than the app that started it (the tests' fixed day here)."""
    before = clock.now()
    [(key, future)] = list(in_processes(clock.now, [("now", ())], workers=1))
    assert key == "now"
    assert before <= future.result() <= clock.now()
    assert future.result() - before < timedelta(minutes=1)


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(),
                    reason="Windows spawns every worker")
def test_workers_are_forked_from_one_server_not_spawned_each_time() -> None:
    """A spawned worker imports SQLAlchemy and the models again (~0.9 s of CPU); the fork
    server imports them once, and every later batch's workers start from it in milliseconds.
    Never forked from this process, which may be the GUI with Qt's threads running."""
    parents = [future.result() for _ in range(2)
               for _, future in in_processes(os.getppid, [("parent", ())], workers=1)]
    assert parents[0] == parents[1] != os.getpid()


def test_items_are_read_while_the_first_worker_starts(monkeypatch) -> None:
    """Starting the fork server takes one core for ~0.5 s, while a submit waits: the items are
    read meanwhile (here the start waits for the tenth), then all handed over."""
    tenth_read = threading.Event()
    waited = []
    start = processes._start

    def slow_start(pool) -> None:
        waited.append(tenth_read.wait(timeout=60))
        start(pool)

    def items():
        for number in range(12):
            yield number, ()
            if number == 9:
                tenth_read.set()

    monkeypatch.setattr(processes, "_start", slow_start)
    done = dict(in_processes(os.getppid, items(), workers=2))
    assert waited == [True]
    assert sorted(done) == list(range(12))
    assert {future.result() for future in done.values()} != {os.getpid()}


def test_a_cancel_while_the_first_worker_starts_hands_over_nothing(monkeypatch) -> None:
    read = []
    cancel = threading.Event()
    start = processes._start

    def slow_start(pool) -> None:
        cancel.wait(timeout=60)
        start(pool)

    def items():
        for number in range(12):
            read.append(number)
            if number == 2:
                cancel.set()
            yield number, ()

    monkeypatch.setattr(processes, "_start", slow_start)
    assert list(in_processes(os.getppid, items(), workers=2, cancelled=cancel.is_set)) == []
    assert read == [0, 1, 2]
