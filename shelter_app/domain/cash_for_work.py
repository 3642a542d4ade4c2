"""Cash-for-work: the rules a logged day must pass, and the pay it earns.

A worker's day on a site is a full (1.0) or half (0.5) day. Whether it may be logged depends on
facts the service reads from the database (`DayFacts`) and on the policy in force that day
(`Policy`, from dated settings). Each broken rule is a `Violation`: a block refuses the day;
a warning lets it through only with a reason, which is stored with the entry.

Rules that concern the day itself (future date, age, work permit, household, site) are judged
when a day's entry is created; the rules on amounts (at most one day a day, monthly and yearly
caps) whenever the worker's days grow. Lowering or removing a day is never refused by them.

Pay: each worker's days are grouped by the daily rate in force on them; each group is one line,
days x rate rounded half up to the kuruş, and a total is the sum of rounded lines (DOMAIN.md).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import date_text, month_text, number_text, translate
from shelter_app.domain.money import line_total, parse_decimal, round_money, sum_money

FULL = Decimal("1.0")
HALF = Decimal("0.5")
ABSENT = Decimal("0.0")
PORTIONS = (ABSENT, HALF, FULL)
# What a grid cell cycles through with the space bar.
NEXT_PORTION = {ABSENT: FULL, FULL: HALF, HALF: ABSENT}
DAYS_PER_MONTH_OF_WAGE = 30


def parse_portion(raw: object, *, field: str = "portion") -> Decimal:
    """1.0, 0.5 or 0 from what a user or a file gives: "full", "half", "absent", "1", "0,5"."""
    words = {"full": FULL, "f": FULL, "tam": FULL, "half": HALF, "h": HALF, "yarım": HALF,
             "absent": ABSENT, "a": ABSENT, "yok": ABSENT, "": ABSENT}
    if isinstance(raw, str) and raw.strip().lower() in words:
        return words[raw.strip().lower()]
    value = raw if isinstance(raw, Decimal) else parse_decimal(str(raw), field=field)
    for portion in PORTIONS:
        if value == portion:
            return portion
    raise ValidationError(
        translate("cash_for_work", "A day is full (1), half (0.5) or absent (0), not {value}."
                  ).format(value=raw), field=field)


def daily_rate(gross_monthly: Decimal) -> Decimal:
    """The daily rate from a gross monthly wage: the wage / 30, to the kuruş."""
    return round_money(gross_monthly / DAYS_PER_MONTH_OF_WAGE)


def age_on(birth: date, day: date) -> int:
    """Completed years on `day` (someone born on 29 February turns a year older on 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def parse_period(raw: str, *, field: str = "period") -> tuple[date, date]:
    """The first and last day of a pay period typed as YYYY-MM ("2026-11")."""
    text = raw.strip()
    try:
        year, month = (int(part) for part in text.split("-"))
        first = date(year, month, 1)
    except ValueError:
        raise ValidationError(translate("cash_for_work", "Write the period as YYYY-MM, e.g. "
                                                         "2026-11; '{raw}' is not one.").format(
            raw=text), field=field) from None
    return month_bounds(first)


def period_text(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def timesheet_period(day: date) -> tuple[date, date]:
    """The timesheet a day belongs to: its Monday-to-Sunday week, cut at the month's edges, so
    that every timesheet is paid in exactly one monthly batch."""
    monday = week_start(day)
    first, last = month_bounds(day)
    return max(monday, first), min(monday + timedelta(days=6), last)


def programme_year(day: date, start: str) -> tuple[date, date]:
    """The programme year (from `start`, "MM-DD") that `day` falls in."""
    month, dom = (int(part) for part in start.split("-"))
    begins = date(day.year, month, dom)
    if begins > day:
        begins = date(day.year - 1, month, dom)
    return begins, date(begins.year + 1, month, dom) - timedelta(days=1)


@dataclass(frozen=True)
class Policy:
    """The cash-for-work settings in force on one day."""

    max_days_month: Decimal
    max_days_year: Decimal
    year_start: str  # "MM-DD"
    min_age: int
    workers_per_household: int


class Rule(StrEnum):
    FUTURE = "future"
    OVER_ONE_DAY = "over_one_day"
    TWO_SITES = "two_sites"
    MONTH_CAP = "month_cap"
    YEAR_CAP = "year_cap"
    MIN_AGE = "min_age"
    WORK_PERMIT = "work_permit"
    HOUSEHOLD = "one_worker_per_household"
    OWN_DWELLING = "own_dwelling"


# Rules that a reason cannot override.
BLOCKING = frozenset({Rule.FUTURE, Rule.OVER_ONE_DAY, Rule.TWO_SITES, Rule.MONTH_CAP,
                      Rule.YEAR_CAP, Rule.MIN_AGE})


@dataclass(frozen=True)
class Violation:
    rule: Rule
    message: str

    @property
    def blocking(self) -> bool:
        return self.rule in BLOCKING


@dataclass(frozen=True)
class DayFacts:
    """One worker, one site, one day, as the rules need them; amounts are after the change."""

    worker: str  # the name, for messages
    site: str  # the site's reference
    day: date
    today: date
    new_entry: bool  # the day's entry is being created (day rules apply)
    grows: bool  # the worker's days grow (amount rules apply)
    day_total: Decimal  # the worker's portions on this day, all sites
    other_sites: tuple[str, ...]  # other sites the worker has days on this day
    month_days: Decimal
    year_days: Decimal
    age: int
    needs_permit: bool  # under temporary protection
    permit_number: str | None
    permit_expiry: date | None
    own_dwelling: bool  # the site is the worker's household's dwelling
    household_others: tuple[str, ...]  # other workers of the household with days this month


def check_day(facts: DayFacts, policy: Policy) -> list[Violation]:
    """Every rule `facts` break under `policy`, blocks first."""
    found: list[Violation] = []

    def add(rule: Rule, message: str, **values: object) -> None:
        found.append(Violation(rule, message.format(
            worker=facts.worker, site=facts.site, day=date_text(facts.day), **values)))

    # each message a literal of its own, so that lupdate finds it; days may be halves ("12.5"),
    # so they stand as values after a label, never before a plural noun
    if facts.new_entry:
        if facts.day > facts.today:
            add(Rule.FUTURE, translate("cash_for_work", "{day} is in the future; log a day once "
                                                        "it has been worked."))
        if facts.age < policy.min_age:
            add(Rule.MIN_AGE, translate("cash_for_work", "{worker} is {age} on {day}; "
                                                         "cash-for-work needs workers aged "
                                                         "{min_age} or over."),
                age=facts.age, min_age=policy.min_age)
        if facts.other_sites:
            add(Rule.TWO_SITES, translate("cash_for_work", "{worker} already works at {others} "
                                                           "on {day}; a worker works on one site "
                                                           "a day."),
                others=translate("lists", ", ").join(facts.other_sites))
    if facts.grows:
        if facts.day_total > FULL:
            add(Rule.OVER_ONE_DAY, translate("cash_for_work", "{worker} would have more than one "
                                                              "full day on {day} (days: {days}); "
                                                              "one date holds at most one full "
                                                              "day (two halves or one full)."),
                days=number_text(facts.day_total))
        if facts.month_days > policy.max_days_month:
            add(Rule.MONTH_CAP, translate("cash_for_work", "{worker} would go over the monthly "
                                                           "limit in {month}: days {days}, limit "
                                                           "{cap}."),
                days=number_text(facts.month_days), month=month_text(facts.day),
                cap=number_text(policy.max_days_month))
        if facts.year_days > policy.max_days_year:
            add(Rule.YEAR_CAP, translate("cash_for_work", "{worker} would go over the programme "
                                                          "year's limit: days {days}, limit "
                                                          "{cap}."),
                days=number_text(facts.year_days), cap=number_text(policy.max_days_year))
    if facts.new_entry:
        if facts.needs_permit and not facts.permit_number:
            add(Rule.WORK_PERMIT, translate("cash_for_work", "{worker} is under temporary "
                                                             "protection and has no work permit "
                                                             "recorded; record it, or give a "
                                                             "reason to log the day."))
        elif facts.needs_permit and (facts.permit_expiry is None
                                     or facts.permit_expiry < facts.day):
            expiry = date_text(facts.permit_expiry) if facts.permit_expiry else "?"
            add(Rule.WORK_PERMIT, translate("cash_for_work", "The work permit of {worker} "
                                                             "expired on {expiry}, before {day}; "
                                                             "record the renewed permit, or give "
                                                             "a reason to log the day."),
                expiry=expiry)
        if len(facts.household_others) >= policy.workers_per_household:
            add(Rule.HOUSEHOLD, translate("cash_for_work", "The same household already has a "
                                                           "worker this month ({others}); one "
                                                           "worker per household at a time. "
                                                           "Give a reason (e.g. a replacement) "
                                                           "to log the day."),
                others=translate("lists", ", ").join(facts.household_others))
        if not facts.own_dwelling:
            add(Rule.OWN_DWELLING, translate("cash_for_work", "{site} is not the dwelling of "
                                                              "{worker}'s household; give a "
                                                              "reason to log the day there."))
    return sorted(found, key=lambda violation: not violation.blocking)


def check_works_window(site: str, day: date, signed_on: date | None,
                       completed_on: date | None) -> None:
    """Labour is paid for the works of a signed agreement: from the day it was signed to the
    day the final assessment found the works complete."""
    if signed_on is None:
        message = translate("cash_for_work", "{site} has no signed landlord agreement; labour "
                                             "days are logged from the day it is signed.")
    elif day < signed_on:
        message = translate("cash_for_work", "{day} is before the agreement of {site} was "
                                             "signed on {signed}; no labour before the works "
                                             "start.")
    elif completed_on is not None and day > completed_on:
        message = translate("cash_for_work", "{day} is after the works of {site} were "
                                             "completed on {done}; no labour after completion.")
    else:
        return
    raise ValidationError(message.format(
        site=site, day=date_text(day), signed=date_text(signed_on) if signed_on else "",
        done=date_text(completed_on) if completed_on else ""), field="work_date")


def check_timesheet_day(timesheet: str, site: str, period: tuple[date, date], worker: str,
                        day_site: str, day: date) -> None:
    """A timesheet holds the days of its own site and period, and no other: its total, its
    site's paid total and its batch's pay are all read through it (services.labour.payments),
    so a day of another site would be paid as this site's labour."""
    first, last = period
    if day_site != site:
        message = translate("cash_for_work", "{worker}'s day of {day} was logged on {day_site}, "
                                             "so it cannot be in timesheet {ref} of {site}: a "
                                             "timesheet holds only its own site's days. Clear "
                                             "the day on {day_site} and log it again there; it "
                                             "then joins that site's own timesheet.")
    elif not first <= day <= last:
        message = translate("cash_for_work", "{worker}'s day of {day} is outside timesheet "
                                             "{ref} ({first} – {last}): a timesheet holds only "
                                             "the days of its period. Clear the day on {site} "
                                             "and log it again; it then joins the timesheet of "
                                             "its own week.")
    else:
        return
    raise ValidationError(message.format(
        worker=worker, day=date_text(day), day_site=day_site, ref=timesheet, site=site,
        first=date_text(first), last=date_text(last)), field="timesheet_id")


def check_month_over(period_last: date, today: date, reason: str) -> None:
    """A month is paid once it is over; earlier only with a supervisor's reason."""
    if today <= period_last and not reason.strip():
        raise ValidationError(
            translate("cash_for_work", "{month} is not over yet (it ends on {last}); build its "
                                       "payment batch after that, or write why it cannot "
                                       "wait.").format(month=month_text(period_last),
                                                       last=date_text(period_last)),
            field="reason")


# -- pay ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PayLine:
    """One worker's days at one daily rate."""

    days: Decimal
    rate: Decimal

    @property
    def amount(self) -> Decimal:
        return line_total(self.days, self.rate)


def pay_lines(days_by_rate: Mapping[Decimal, Decimal]) -> list[PayLine]:
    """A worker's lines, one per rate, lowest rate first; rates without days are left out."""
    return [PayLine(days, rate) for rate, days in sorted(days_by_rate.items()) if days]


def pay_total(lines: Iterable[PayLine]) -> Decimal:
    """The sum of the rounded lines, as printed."""
    return sum_money(line.amount for line in lines)
