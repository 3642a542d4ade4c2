"""Policy values (caps, rates, time limits): defaults declared here once, overridable per office
and from a date in the settings table, so past records keep the value of their day."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shelter_app.data.models import Setting
from shelter_app.domain import clock

DEFAULTS: dict[str, Any] = {
    "auth.max_failed_sign_ins": 5,
    "auth.lockout_minutes": 15,
    "auth.lock_after_idle_minutes": 10,
    "auth.min_password_length": 10,
    "backup.keep": 10,
    "backup.interval_hours": 24,
    "privacy.retention_years": 5,
    # bills of quantity: amounts as strings so they stay exact Decimals
    "boq.budget_ceiling": "150000.00",  # TL with KDV per dwelling; a warning past it
    "boq.contingency_pct": "5",  # a new BoQ's contingency
    "boq.absurd_quantity": {"m²": 400, "m³": 40, "m": 200, "adet": 25, "götürü": 3, "*": 1000},
    # assessments: the priority score's formula is in domain/assessment.py
    "assessment.sphere_m2_per_person": "3.5",  # Sphere: 4.5-5.5 in cold or urban settings
    "assessment.weight_vulnerability": "0.45",
    "assessment.weight_condition": "0.45",
    "assessment.weight_crowding": "0.10",
    "assessment.vulnerability_points": {"disability": 3, "chronic_illness": 2, "older_person": 2,
                                        "female_headed": 2, "child_headed": 3,
                                        "pregnant_lactating": 2},
    "assessment.vulnerability_points_cap": 6,
    # cash-for-work (DOMAIN.md); a dated row from a day on keeps past timesheets at their rate
    "cfw.daily_rate": "1101.00",  # TL/day: 2026 gross monthly minimum wage 33,030.00 / 30
    "cfw.max_days_per_month": "20",
    "cfw.max_days_per_year": "60",
    "cfw.programme_year_start": "01-01",  # MM-DD: the year the yearly cap counts in
    "cfw.min_age": 18,  # construction work; Labour Law art. 71 forbids any work under 15
    "cfw.workers_per_household": 1,  # workers of one household with days in the same month
    # landlord agreements (DOMAIN.md, TBK); see domain/lease.py
    "lease.max_term_months": 60,  # TBK 344/3
    "lease.max_deposit_months": 3,  # TBK 342
    "lease.bank_payment_threshold": "500.00",  # TL/month from which rent goes via bank or PTT
    "lease.stamp_tax_per_mille": "1.89",  # damga vergisi on the total rent, per signed copy
    "lease.ending_soon_days": 60,  # listed at the start of the day for renewal
    "lease.monitoring_every_months": 3,  # a monitoring visit this often during the term
    "lease.programme_name": "Barınak Programı",  # the third party printed on the contract
}


def setting(session: Session, key: str, *, on: date | None = None, office_id: Any = None) -> Any:
    """The value in force on `on` (today when None) for `office_id` (None: programme-wide).

    Among the rows in force that day (valid_from on or before it, or none: in force since
    always) of the programme and of the office, the newest valid_from wins; on the same date
    the office's own row wins over the programme's. So a programme-wide change from a date
    replaces an older office value, and an office can still differ from a later date on.
    No row: the default."""
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key}")
    day = on or clock.today()
    rows = session.execute(
        select(Setting.value, Setting.valid_from, Setting.office_id)
        .where(Setting.key == key, Setting.deleted_at.is_(None),
               or_(Setting.valid_from.is_(None), Setting.valid_from <= day),
               or_(Setting.office_id.is_(None), Setting.office_id == office_id))
    ).all()
    return _in_force(key, rows)


def _in_force(key: str, rows: Sequence[Any]) -> Any:
    """The value (first column) of the newest of `rows` (all in force), the office's on the
    same day; with no row the default."""
    if not rows:
        return DEFAULTS[key]
    return max(rows, key=lambda row: (row.valid_from or date.min, row.office_id is not None))[0]


class Settings:
    """Some settings' every live row, read in one query, giving `setting`'s value for any day
    and office without a query each: a batch of contracts asked three for each agreement."""

    def __init__(self, session: Session, keys: Iterable[str]) -> None:
        self.rows: dict[str, list[Any]] = {key: [] for key in keys}
        if unknown := [key for key in self.rows if key not in DEFAULTS]:
            raise KeyError(f"unknown setting {unknown[0]}")
        for row in session.execute(
                select(Setting.value, Setting.valid_from, Setting.office_id, Setting.key)
                .where(Setting.key.in_(self.rows), Setting.deleted_at.is_(None))):
            self.rows[row.key].append(row)

    def value(self, key: str, *, on: date, office_id: Any = None) -> Any:
        """As `setting(session, key, on=on, office_id=office_id)`."""
        return _in_force(key, [row for row in self.rows[key]
                               if (row.valid_from is None or row.valid_from <= on)
                               and (row.office_id is None or row.office_id == office_id)])
