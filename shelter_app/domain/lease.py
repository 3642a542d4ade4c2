"""Landlord agreements (kira sözleşmesi) as rules: the term, the money, the statuses, monitoring.

The caps come from the Turkish Code of Obligations (TBK) and the programme's policy, and are
passed in from settings so that a changed policy needs no code change (DOMAIN.md):

- a term of at most 60 months (TBK 344/3 reviews the rent after five years; the programme's
  fixed-rent promise does not reach past it); the end is the day before the same day
  `term` months after the start, so 12 months from 01.01.2026 end on 31.12.2026;
- a deposit of at most three months' rent (TBK 342);
- a rent of 500 TL a month or more is paid through a bank or PTT, so the landlord's IBAN must
  be known;
- stamp tax (damga vergisi) is a per-mille rate of the total rent payable over the term.

Statuses: draft -> printed -> signed -> active -> ended, terminated or breached. A draft or a
printed agreement that is abandoned is terminated; nothing leaves the three final statuses.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from shelter_app.domain.errors import Problems, ValidationError
from shelter_app.domain.i18n import date_text, format_money_tr, money_text, translate
from shelter_app.domain.money import parse_decimal, round_money
from shelter_app.domain.stages import AgreementStatus

S = AgreementStatus
FINAL = frozenset({S.ENDED, S.TERMINATED, S.BREACHED})
# Statuses in which the agreement is still being prepared or is in force.
OPEN = frozenset({S.DRAFT, S.PRINTED, S.SIGNED, S.ACTIVE})
# Statuses of an agreement the parties have signed and that is not closed.
IN_FORCE = frozenset({S.SIGNED, S.ACTIVE})
# Statuses whose terms may still be edited: the signed paper does not exist yet.
EDITABLE = frozenset({S.DRAFT, S.PRINTED})
TRANSITIONS: dict[AgreementStatus, frozenset[AgreementStatus]] = {
    S.DRAFT: frozenset({S.PRINTED, S.TERMINATED}),
    S.PRINTED: frozenset({S.PRINTED, S.DRAFT, S.SIGNED, S.TERMINATED}),
    S.SIGNED: frozenset({S.ACTIVE, S.TERMINATED, S.BREACHED}),
    S.ACTIVE: frozenset({S.ENDED, S.TERMINATED, S.BREACHED}),
    S.ENDED: frozenset(),
    S.TERMINATED: frozenset(),
    S.BREACHED: frozenset(),
}
MIN_PAYMENT_DAY, MAX_PAYMENT_DAY = 1, 28  # a day every month has
# The languages a contract is printed in: Turkish (binding) with the tenant's translation.
LANGUAGE_PAIRS = ("tr+ar", "tr+en", "tr")


def status_label(status: AgreementStatus) -> str:
    return {
        S.DRAFT: lambda: translate("lease", "Draft"),
        S.PRINTED: lambda: translate("lease", "Printed"),
        S.SIGNED: lambda: translate("lease", "Signed"),
        S.ACTIVE: lambda: translate("lease", "Active"),
        S.ENDED: lambda: translate("lease", "Ended"),
        S.TERMINATED: lambda: translate("lease", "Terminated"),
        S.BREACHED: lambda: translate("lease", "Breached"),
    }[status]()


def check_transition(current: AgreementStatus, target: AgreementStatus, number: str) -> None:
    """Refuse a status change the lifecycle does not allow, saying what is possible."""
    if target in TRANSITIONS[current]:
        return
    allowed = ", ".join(status_label(s) for s in S if s in TRANSITIONS[current] - {current})
    raise ValidationError(
        translate("lease", "Agreement {number} is {status}; it cannot become {target}. "
                           "Possible next: {allowed}.").format(
            number=number, status=status_label(current).lower(),
            target=status_label(target).lower(),
            allowed=allowed or translate("lease", "nothing (the agreement is closed)")),
        field="status")


def check_activation(number: str, start_date: date, today: date) -> None:
    """An agreement comes into force on its start date, not before."""
    if today < start_date:
        raise ValidationError(
            translate("lease", "Agreement {number} starts on {start}; it can be made active "
                               "from that day, not on {today}.").format(
                number=number, start=date_text(start_date), today=date_text(today)),
            field="status")


# -- dates ----------------------------------------------------------------------------------

def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start: date, months: int) -> date:
    """The last day of a term of `months` from `start`."""
    return add_months(start, months) - timedelta(days=1)


# -- terms ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class LeasePolicy:
    """The settings the rules need (services.settings: lease.*)."""

    max_term_months: int = 60
    max_deposit_months: int = 3
    bank_payment_threshold: Decimal = Decimal("500.00")


@dataclass(frozen=True)
class LeaseTerms:
    """Checked terms, as stored."""

    term_months: int
    start_date: date
    end_date: date
    monthly_rent: Decimal
    rent_free_months: int
    deposit: Decimal
    payment_day: int
    payment_iban: str | None

    @property
    def paying_months(self) -> int:
        return self.term_months - self.rent_free_months

    @property
    def total_rent(self) -> Decimal:
        """The rent payable over the whole term (rent-free months excluded)."""
        return round_money(self.monthly_rent * self.paying_months)

    @property
    def first_rent_date(self) -> date:
        return add_months(self.start_date, self.rent_free_months)


def _whole(raw: str | int, *, field: str, label: str) -> int:
    text = str(raw).strip()
    if not text.isascii() or not text.isdigit():
        raise ValidationError(
            translate("lease", "The {label} must be a whole number; '{raw}' is not one.").format(
                label=label, raw=text), field=field)
    return int(text)


def money(raw: str | Decimal, *, field: str) -> Decimal:
    value = raw if isinstance(raw, Decimal) else parse_decimal(str(raw), field=field, places=2)
    if value < 0:
        raise ValidationError(translate("lease", "An amount cannot be negative."), field=field)
    return round_money(value)


def check_terms(policy: LeasePolicy, *, term_months: str | int, start_date: date | None,
                end_date: date | None, monthly_rent: str | Decimal,
                rent_free_months: str | int, deposit: str | Decimal, payment_day: str | int,
                payment_iban: str | None) -> LeaseTerms:
    """The terms as typed, checked against the law and the policy; every problem is refused at
    once (InvalidInput), each with a message naming its field. `end_date` may be None (computed
    from the term); when given it must agree with the term."""
    problems = Problems()
    term = problems.check(_whole, term_months, field="term_months",
                          label=translate("lease", "term in months"))
    if term is not None and not 1 <= term <= policy.max_term_months:
        problems.add(ValidationError(
            translate("lease", "The term must be 1 to %n months (TBK 344/3); {term} is not "
                               "allowed.", "", policy.max_term_months).format(term=term),
            field="term_months"))
        term = None
    if start_date is None:
        problems.add(ValidationError(translate("lease", "Enter the start date."),
                                     field="start_date"))
    end = term_end(start_date, term) if start_date is not None and term is not None else None
    if end_date is not None and start_date is not None and end_date <= start_date:
        problems.add(ValidationError(
            translate("lease", "The end date {end} is not after the start date {start}; the "
                               "end must come after the start.").format(
                end=date_text(end_date), start=date_text(start_date)),
            field="end_date"))
    elif end_date is not None and end is not None and end_date != end:
        problems.add(ValidationError(
            translate("lease", "A term of %n months from {start} ends on {end}, not on "
                               "{given}; correct the end date or the term.", "", term).format(
                start=date_text(start_date), end=date_text(end),
                given=date_text(end_date)),
            field="end_date"))
    rent = problems.check(money, monthly_rent, field="monthly_rent")
    if rent is not None and rent <= 0:
        problems.add(ValidationError(translate("lease", "Enter the monthly rent (more than 0 "
                                                        "TL)."), field="monthly_rent"))
        rent = None
    free = problems.check(_whole, rent_free_months, field="rent_free_months",
                          label=translate("lease", "number of rent-free months"))
    if free is not None and term is not None and free >= term:
        problems.add(ValidationError(
            translate("lease", "{free} rent-free months leave no rent in a {term}-month term; "
                               "enter fewer rent-free months.").format(free=free, term=term),
            field="rent_free_months"))
    held = problems.check(money, deposit, field="deposit")
    cap = round_money(rent * policy.max_deposit_months) if rent is not None else None
    if held is not None and cap is not None and held > cap:
        problems.add(ValidationError(
            translate("lease", "The deposit {deposit} is more than %n months' rent "
                               "({cap}), the most TBK 342 allows; lower the deposit.", "",
                      policy.max_deposit_months).format(
                deposit=money_text(held), cap=money_text(cap)), field="deposit"))
    day = problems.check(_whole, payment_day, field="payment_day",
                         label=translate("lease", "payment day"))
    if day is not None and not MIN_PAYMENT_DAY <= day <= MAX_PAYMENT_DAY:
        problems.add(ValidationError(
            translate("lease", "The payment day must be {first} to {last}, a day every month "
                               "has.").format(first=MIN_PAYMENT_DAY, last=MAX_PAYMENT_DAY),
            field="payment_day"))
    if rent is not None and rent >= policy.bank_payment_threshold and not payment_iban:
        problems.add(ValidationError(
            translate("lease", "A rent of {threshold} a month or more must be paid through a "
                               "bank or PTT: record the landlord's IBAN first.").format(
                threshold=money_text(policy.bank_payment_threshold)), field="payment_iban"))
    problems.raise_any()
    assert (term is not None and start_date is not None and end is not None and rent is not None
            and free is not None and held is not None and day is not None)
    return LeaseTerms(term, start_date, end, rent, free, held, day, payment_iban or None)


def check_languages(value: str) -> str:
    pair = value.strip().lower()
    if pair not in LANGUAGE_PAIRS:
        raise ValidationError(
            translate("lease", "Print the contract in one of {pairs}, not '{value}'.").format(
                pairs=", ".join(LANGUAGE_PAIRS), value=value), field="languages")
    return pair


def stamp_tax(total_rent: Decimal, per_mille: Decimal) -> Decimal:
    """Damga vergisi on one signed copy: the per-mille rate of the total rent."""
    return round_money(total_rent * per_mille / Decimal(1000))


# -- monitoring -----------------------------------------------------------------------------

def monitoring_due_dates(start: date, end: date, every_months: int) -> list[date]:
    """When the monitoring visits fall: every `every_months` from the start, within the term."""
    if every_months < 1:
        raise ValueError("the monitoring interval must be at least one month")
    dates = []
    step = every_months
    while (due := add_months(start, step)) <= end:
        dates.append(due)
        step += every_months
    return dates


def expected_rent(terms_start: date, rent_free_months: int, monthly_rent: Decimal,
                  on: date) -> Decimal:
    """The rent the agreement allows for the month containing `on`: none while rent-free."""
    return Decimal("0.00") if on < add_months(terms_start, rent_free_months) else monthly_rent


@dataclass(frozen=True)
class VisitFinding:
    """What a monitoring visit means for the agreement; `breach` is the reason, if any."""

    breach: str | None


def judge_visit(expected: Decimal, rent_paid: Decimal | None,
                household_present: bool) -> VisitFinding:
    """A visit finding the household gone, or more rent paid than agreed, is a breach."""
    reasons: list[str] = []
    if not household_present:
        reasons.append(translate("lease", "the household no longer lives in the dwelling"))
    if rent_paid is not None and rent_paid > expected:
        reasons.append(translate("lease", "the rent was raised: {paid} paid, {agreed} agreed"
                                 ).format(paid=format_money_tr(rent_paid),
                                          agreed=format_money_tr(expected)))
    return VisitFinding("; ".join(reasons) or None)


# -- numbers --------------------------------------------------------------------------------

def agreement_number(office_code: str, year: int, sequence: int, mark: str = "") -> str:
    """"GAZ-2026-0042": the office, the year it was drawn up, its sequence in that year; a
    laptop enrolled for sync puts its device mark before the sequence ("GAZ-2026-K0042")."""
    return f"{office_code}-{year}-{mark}{sequence:04d}"


def next_sequence(numbers: Iterable[str], office_code: str, year: int, mark: str = "") -> int:
    """The sequence after the highest of `numbers` for the office, year and device mark."""
    prefix = f"{office_code}-{year}-{mark}"
    taken = [int(n[len(prefix):]) for n in numbers
             if n.startswith(prefix) and n[len(prefix):].isdigit()]
    return max(taken, default=0) + 1
