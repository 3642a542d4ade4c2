"""The one clock of the application.

Every timestamp the app stores is `now()` (aware, UTC); every rule that asks for a calendar day
(a signing date, a month's cap, a lease's end) asks `today()`, the day in Türkiye, so a laptop
set to UTC and a server in another zone agree on the date at 01:30 in Gaziantep. Nothing else
reads the machine's clock: tests set this one (time-machine) and every rule follows. A worker
process of a batch does not share its parent's clock: it is pinned at the moment the batch
began (`pin`), so a batch's rules all see one day, the one its parent sees.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

CALENDAR_ZONE = ZoneInfo("Europe/Istanbul")
_pinned: datetime | None = None


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return _pinned or datetime.now(UTC)


def pin(moment: datetime) -> None:
    """Make `moment` this process's now, for good: a batch's worker processes are started
    with their parent's now (services.processes)."""
    global _pinned
    _pinned = moment


def today() -> date:
    """The calendar day in Türkiye (Europe/Istanbul)."""
    return now().astimezone(CALENDAR_ZONE).date()

