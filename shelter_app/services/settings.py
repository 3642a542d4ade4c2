"""Policy values (caps, rates, time limits): defaults declared here once, overridable per office
and from a date in the settings table, so past records keep the value of their day."""

from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shelter_app.data.models import Setting

DEFAULTS: dict[str, Any] = {
    "auth.max_failed_sign_ins": 5,
    "auth.lockout_minutes": 15,
    "auth.lock_after_idle_minutes": 10,
    "auth.min_password_length": 10,
    "backup.keep": 10,
    "backup.interval_hours": 24,
    "privacy.retention_years": 5,
}


def setting(session: Session, key: str, *, on: date | None = None, office_id: Any = None) -> Any:
    """The value in force on `on` (today when None): the office's own, else the global one,
    else the default."""
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key}")
    day = on or date.today()
    rows = session.execute(
        select(Setting.value, Setting.office_id)
        .where(Setting.key == key, Setting.deleted_at.is_(None),
               or_(Setting.valid_from.is_(None), Setting.valid_from <= day),
               or_(Setting.office_id.is_(None), Setting.office_id == office_id))
        .order_by(Setting.office_id.is_(None), Setting.valid_from.desc())
    ).first()
    return rows[0] if rows else DEFAULTS[key]
