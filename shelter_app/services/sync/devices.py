"""Enrolled laptops, on the server: an administrator adds a device and hands its one-time code
to whoever sets the laptop up; enrolling trades the code for a token that signs every request.
Only SHA-256 digests of codes and tokens are stored; a revoked device is refused and told so.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Device, Office
from shelter_app.domain import clock
from shelter_app.domain.errors import NotFound, UserError, ValidationError
from shelter_app.domain.i18n import date_text, translate
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor, require

CODE_DAYS = 7
# Device marks go into human references (GAZ-D-K00123): letters that cannot be read as digits.
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


class DeviceRefused(UserError):
    """A request whose device is unknown, revoked or not yet enrolled."""


class DeviceRevoked(DeviceRefused):
    """A revoked device: the laptop erases its copy when told (services.encryption.wipe)."""


@dataclass(frozen=True)
class DeviceInfo:
    id: uuid.UUID
    name: str
    office_code: str | None
    mark: str
    enrolled_at: datetime | None
    revoked_at: datetime | None
    last_seen_at: datetime | None


@dataclass(frozen=True)
class Enrolment:
    """What a laptop keeps after enrolling."""

    device_id: uuid.UUID
    token: str
    mark: str
    office_id: uuid.UUID | None
    name: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _marks() -> list[str]:
    return list(_LETTERS) + [a + b for a in _LETTERS for b in _LETTERS]


def add_device(db: Database, actor: Actor, name: str, office_code: str | None
               ) -> tuple[DeviceInfo, str]:
    """A new device and its one-time enrolment code (valid CODE_DAYS days)."""
    require(actor, Action.MANAGE_USERS)
    name = name.strip()
    if not name or len(name) > 80:
        raise ValidationError(translate("sync", "Give the laptop a name of 1 to 80 characters."),
                              field="name")
    code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
    with db.write(actor) as session:
        office_id = None
        if office_code:
            office_id = session.scalar(select(Office.id).where(
                func.upper(Office.code) == office_code.strip().upper()))
            if office_id is None:
                raise NotFound(translate("sync", "There is no office {code}.").format(
                    code=office_code))
        used = set(session.scalars(select(Device.mark)))  # a revoked device's too: its
        mark = next((m for m in _marks() if m not in used), None)  # references stay its own
        if mark is None:
            raise UserError(translate("sync", "Every device mark is in use (%n laptops); "
                                              "no laptop can be added.", "", len(used)))
        device = Device(name=name, office_id=office_id, mark=mark, code_digest=digest(code),
                        code_expires_at=clock.now() + timedelta(days=CODE_DAYS))
        session.add(device)
        session.flush()
        return _info(device, office_code.strip().upper() if office_code else None), code


def _info(device: Device, office_code: str | None) -> DeviceInfo:
    return DeviceInfo(device.id, device.name, office_code, device.mark, device.enrolled_at,
                      device.revoked_at, device.last_seen_at)


def list_devices(db: Database, actor: Actor) -> list[DeviceInfo]:
    require(actor, Action.MANAGE_USERS)
    with db.read() as session:
        rows = session.execute(select(Device, Office.code).outerjoin(
            Office, Office.id == Device.office_id).order_by(Device.created_at)).all()
        return [_info(device, code) for device, code in rows]


def _named(session: Session, name_or_mark: str) -> Device:
    device = session.scalar(select(Device).where(
        (Device.name == name_or_mark.strip()) | (Device.mark == name_or_mark.strip())))
    if device is None:
        raise NotFound(translate("sync", "There is no device {name}.").format(
            name=name_or_mark))
    return device


def revoke_device(db: Database, actor: Actor, name_or_mark: str) -> DeviceInfo:
    require(actor, Action.MANAGE_USERS)
    with db.write(actor) as session:
        device = _named(session, name_or_mark)
        if device.revoked_at is None:
            device.revoked_at = clock.now()
            device.code_digest = None
        return _info(device, None)


def enrol(db: Database, code: str) -> Enrolment:
    """Trade a one-time code for the device's token; the code cannot be used again."""
    with db.write() as session:
        device = session.scalar(select(Device).where(
            Device.code_digest == digest(code.strip().upper())))
        if device is None or device.revoked_at is not None:
            raise DeviceRefused(translate("sync", "This enrolment code is unknown or was already "
                                                  "used; ask the administrator for a new one."))
        if device.code_expires_at is not None and device.code_expires_at < clock.now():
            raise DeviceRefused(translate("sync", "This enrolment code has expired; ask the "
                                                  "administrator for a new one."))
        return _issue_token(device)


def enrol_by_package(db: Database, actor: Actor, name_or_mark: str) -> Enrolment:
    """Enrol a device that joins by USB package: its token is made here, to be sealed into the
    package (services.sync.enrolment); its online code no longer works."""
    require(actor, Action.MANAGE_USERS)
    with db.write(actor) as session:
        device = _named(session, name_or_mark)
        if device.revoked_at is not None:
            raise DeviceRefused(translate("sync", "An administrator revoked {name}; add a new "
                                                  "device for this laptop.").format(
                name=device.name))
        if device.token_digest is not None:
            raise DeviceRefused(translate("sync", "{name} is enrolled already; add a new device "
                                                  "for another laptop (shelter-app device add)."
                                          ).format(name=device.name))
        return _issue_token(device)


def _issue_token(device: Device) -> Enrolment:
    token = secrets.token_urlsafe(32)
    device.token_digest = digest(token)
    device.code_digest = None
    device.enrolled_at = clock.now()
    return Enrolment(device.id, token, device.mark, device.office_id, device.name)


def authenticate(db: Database, token: str | None) -> Device:
    """The device a request's token belongs to; DeviceRefused when it may not sync."""
    if not token:
        raise DeviceRefused(translate("sync", "This laptop is not enrolled with the server; "
                                              "enrol it with an administrator's code."))
    with db.read() as session:
        device = session.scalar(select(Device).where(Device.token_digest == digest(token)))
    if device is None:
        raise DeviceRefused(translate("sync", "The server does not know this laptop; enrol it "
                                              "again with a new code from an administrator."))
    if device.revoked_at is not None:
        raise DeviceRevoked(translate("sync", "An administrator revoked this laptop on {day}; "
                                              "it may no longer sync. Ask for a new enrolment "
                                              "code.").format(
            day=date_text(device.revoked_at.astimezone(clock.CALENDAR_ZONE).date())))
    return device
