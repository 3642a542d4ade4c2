"""The cycle collector paused while one transaction writes in bulk.

Saving an import keeps every row read, every check's answer and every new row alive until its
commit: none of it can be garbage, yet each automatic collection of the older generations walks
it all again (50,000 rows: some 1,200 collections, a quarter of the save's CPU).
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Automatic collection off for the block, on again after it, however it ends, with one
    collection then of the young generations, where all the block allocated is. The oldest,
    what lived before the block (an import's rows read: walking them costs 0.3 s more), is left
    to the automatic collector, which walks it when it is due, as it would have anyway.

    Safe while other threads run: reference counting still frees every object outside a cycle
    at once, so only cyclic garbage waits, and only as long as the block (one transaction).
    When automatic collection is already off (the GUI collects from its own thread, see
    ui/collector.py) nothing is changed and nothing collected here: a collection in this thread
    could free a Qt object from the wrong thread. Inside another thread's pause, likewise: only
    the block that turned collection off turns it on and collects."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(1)
