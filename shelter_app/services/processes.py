"""Work spread over worker processes, for batches whose every item costs CPU in Python
(ReportLab lays out a contract in ~100 ms holding the GIL: threads would take turns on one core).

Workers are never forked from the parent, which may be the GUI with Qt's threads running. Where
the OS has one (Linux, macOS) they are forked from a fork server: a process started once, which
imports the first batch's function's module and then forks a worker in milliseconds; a spawned
worker imports SQLAlchemy and the models again (~0.9 s of CPU each), and an import's preview
and the import itself each started two. Windows knows only spawn (the frozen entry point calls
multiprocessing.freeze_support, which serves both). Items are read lazily and at most two per
worker wait, so the parent reads the next ones while the workers render, a cancel is heard
within an item or two, and nothing is queued that a cancel would have to take back; only while
the first worker starts (the fork server's own start, ~0.5 s of one core) does the parent read
on ahead, on the other core, instead of waiting. A worker
does not share the parent's clock (which tests set): each starts with its clock pinned at the
parent's now.
"""

import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from shelter_app.domain import clock

Key = TypeVar("Key")


def cores() -> int:
    """The cores this process may run on (its affinity where the OS tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        return os.cpu_count() or 1


def _context(function: Callable[..., Any], warm: str | None) -> BaseContext:
    """The fork server, preloading `function`'s module and `warm` when this call starts it;
    else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # no effect once it runs
    context.set_forkserver_preload([function.__module__, *([warm] if warm else [])])
    return context


def in_processes(function: Callable[..., Any], items: Iterable[tuple[Key, tuple[Any, ...]]],
                 workers: int, cancelled: Callable[[], bool] | None = None,
                 warm: str | None = None) -> Iterator[tuple[Key, "Future[Any]"]]:
    """Call `function(*args)` for each (key, args) of `items` in `workers` processes and yield
    (key, its finished future) as each ends, in the order they end. `function` must be a
    module-level function of a module that imports little: each worker imports it afresh.
    `warm`: a module the fork server imports after it, whose import does once what each worker
    would else do before its first call (it has no effect on a server already running).

    Once `cancelled()` says so no item is taken any more and calls not started are dropped;
    those running finish and are yielded. Leaving the loop early (an exception, a break) drops
    the calls not started too. Either way the worker processes have ended when this returns.
    A worker that died (killed, out of memory) fails its call and every later one with
    BrokenProcessPool, each yielded under its key."""
    pool = ProcessPoolExecutor(workers, mp_context=_context(function, warm),
                               initializer=clock.pin, initargs=(clock.now(),))
    waiting: dict[Future[Any], Key] = {}
    source = iter(items)
    try:
        source = _read_while_starting(pool, source, cancelled)
        while True:
            stop = cancelled is not None and cancelled()
            while not stop and len(waiting) < 2 * workers:
                item = next(source, None)
                if item is None:
                    break
                key, args = item
                try:
                    waiting[pool.submit(function, *args)] = key
                except BrokenProcessPool as error:
                    failed: Future[Any] = Future()
                    failed.set_exception(error)
                    waiting[failed] = key
            if stop:
                for future in [future for future in waiting if future.cancel()]:
                    del waiting[future]
            if not waiting:
                return
            done, _ = wait(waiting, return_when=FIRST_COMPLETED)
            for future in done:
                yield waiting.pop(future), future
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _read_while_starting(pool: ProcessPoolExecutor, source: Iterator[Any],
                         cancelled: Callable[[], bool] | None) -> Iterator[Any]:
    """`source`, the items read while the pool's first worker starts in a thread of its own.

    A submit waits for its worker to start, and a fork server that is not running yet first
    imports the batch's modules: one core would idle while this thread waited. Reading on then
    takes most of a batch's reading off the cores the workers render on. Nothing read is handed
    to a worker before the loop takes it, so a cancel drops it."""
    starting = threading.Thread(target=_start, args=(pool,), daemon=True)
    starting.start()
    ahead = []
    while starting.is_alive() and not (cancelled is not None and cancelled()):
        item = next(source, None)
        if item is None:
            break
        ahead.append(item)
    starting.join()
    return itertools.chain(ahead, source)


def _start(pool: ProcessPoolExecutor) -> None:
    """The pool's first worker started, by a call that does nothing."""
    with suppress(Exception):  # the first item's own submit meets the failure again
        pool.submit(os.getpid)
