"""A hybrid logical clock: wall-clock milliseconds plus a counter, so that the order of changes
never goes backwards on one laptop even when its clock does, and a change seen from another
machine always sorts before what is done after seeing it. Text that sorts as it compares.
"""

from typing import NamedTuple


class Stamp(NamedTuple):
    millis: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.millis:013d}-{self.counter:05d}-{self.node}"


def parse(text: str | None) -> Stamp | None:
    if not text:
        return None
    millis, counter, node = text.split("-", 2)
    return Stamp(int(millis), int(counter), node)


def tick(last: str | None, now_millis: int, node: str) -> str:
    """The stamp of a new local event after `last`."""
    previous = parse(last)
    if previous is None or now_millis > previous.millis:
        return str(Stamp(now_millis, 0, node))
    return str(Stamp(previous.millis, previous.counter + 1, node))


def receive(last: str | None, remote: str | None, now_millis: int, node: str) -> str:
    """The local clock after seeing `remote`: after both it and everything before."""
    newest = max((s for s in (parse(last), parse(remote)) if s is not None), default=None)
    if newest is None or now_millis > newest.millis:
        return str(Stamp(now_millis, 0, node))
    return str(Stamp(newest.millis, newest.counter + 1, node))
