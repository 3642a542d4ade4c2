"""The one clock: the calendar day is Türkiye's, and nothing else reads the machine's date."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import shelter_app
from shelter_app.domain import clock

MACHINE_CLOCK = re.compile(r"\b(date\.today|datetime\.(now|utcnow|today)|QDate\.currentDate|"
                           r"QDateTime\.current\w*|time\.time|time\.localtime)\(")


def test_the_suite_runs_on_its_own_day_whatever_the_machine_says() -> None:
    assert clock.today() == date(2026, 11, 25)
    assert clock.now().tzinfo is UTC


def test_the_day_turns_at_midnight_in_turkiye_not_in_utc(time_machine) -> None:
    time_machine.move_to(datetime(2026, 12, 31, 20, 59, tzinfo=UTC))  # 23:59 in Gaziantep
    assert clock.today() == date(2026, 12, 31)
    time_machine.move_to(datetime(2026, 12, 31, 21, 30, tzinfo=UTC))  # 00:30 on 1 January
    assert clock.today() == date(2027, 1, 1)
    assert abs(clock.now() - datetime(2026, 12, 31, 21, 30, tzinfo=UTC)) < timedelta(minutes=1)


def test_a_leap_day_is_a_day_like_any_other(time_machine) -> None:
    time_machine.move_to(datetime(2028, 2, 29, 6, 0, tzinfo=UTC))
    assert clock.today() == date(2028, 2, 29)


def test_only_the_clock_module_reads_the_machines_clock() -> None:
    package = Path(shelter_app.__file__).parent
    readers = [f"{path.relative_to(package)}:{number}: {line.strip()}"
               for path in sorted(package.rglob("*.py")) if path.name != "clock.py"
               for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
               if MACHINE_CLOCK.search(line)]
    assert readers == []
