"""The one clock of the application.

Every timestamp the app stores is `now()` (aware, UTC); every rule that asks for a calendar day
(a signing date, a month's cap, a lease's end) asks `today()`, the day in Türkiye, so a laptop
set to UTC and a server in another zone agree on the date at 01:30 in Gaziantep. Nothing else
reads the machine's clock: tests set this one (time-machine) and every rule follows.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

CALENDAR_ZONE = ZoneInfo("Europe/Istanbul")


def now() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """The calendar day in Türkiye (Europe/Istanbul)."""
    return now().astimezone(CALENDAR_ZONE).date()

