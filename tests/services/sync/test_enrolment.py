"""Enrolment by USB stick: a laptop that never reaches the server joins its office's programme
with an enrolment package written on the server (opened by its code), then exchanges ordinary
packages; a package opened with another code, altered, imported twice or of another kind is
refused with one line and nothing applied."""

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from services.sync.machines import differences, synced_data
from services.sync.test_packages import household_ref, phone, set_phone
from sqlalchemy import func, select

from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import Device, Office
from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.domain.errors import UserError, ValidationError
from shelter_app.domain.i18n import date_text
from shelter_app.services.accounts.auth import SYSTEM, sign_in
from shelter_app.services.files import stored_path
from shelter_app.services.sync import devices, enrolment, packages
from shelter_app.services.sync.devices import DeviceRefused, DeviceRevoked
from shelter_app.services.sync.packages import PackageRefused
from shelter_app.services.sync.transfer import referenced


@pytest.fixture
def new_laptop(tmp_path: Path, _laptop_template: Path):
    """An empty laptop database, as a first start makes it."""
    made = []

    def make(name: str) -> Database:
        path = tmp_path / f"{name}.db"
        shutil.copyfile(_laptop_template, path)
        made.append(Database(target_url(str(path))))
        return made[-1]

    yield make
    for db in made:
        db.dispose()


def enrolment_package(hub, admin, tmp_path: Path, name: str, office: str = "GAZ"
                      ) -> tuple[bytes, str]:
    devices.add_device(hub, SYSTEM, name, office)
    out = tmp_path / f"{name}-enrolment.barinak"
    made = enrolment.export_enrolment(hub, admin, name, out)
    return out.read_bytes(), made.code


def offices(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Office))


def test_a_laptop_joins_by_usb_and_exchanges_its_first_package(hub, gaz, admin, engineer,
                                                              new_laptop, tmp_path):
    data, code = enrolment_package(hub, admin, tmp_path, "usb")
    db = new_laptop("usb")

    assert enrolment.take_enrolment(db, data, code.lower().replace("-", " ")) == "usb"
    assert differences(synced_data(hub, gaz), synced_data(db)) == []
    with db.read() as session:
        files = referenced(session)
    assert files and all(stored_path(db, kind, sha).is_file() for kind, sha in files)
    assert sign_in(db, "engineer.gaz", DEMO_PASSWORD)[0].user_id == engineer.user_id

    ref = household_ref(db)
    set_phone(db, engineer, ref, "+905321112233")
    package = tmp_path / "week-1.barinak"
    assert packages.export_package(db, package).ops >= 1
    report = packages.take_receipt(db, packages.import_package(hub, package.read_bytes()))
    assert report.clean and report.applied == report.pushed >= 1
    assert phone(hub, engineer, ref) == "+90 532 111 22 33"
    assert differences(synced_data(hub, gaz), synced_data(db)) == []


def test_a_wrong_altered_replayed_or_misplaced_enrolment_package_is_refused(
        hub, admin, new_laptop, tmp_path):
    data, code = enrolment_package(hub, admin, tmp_path, "usb")
    _, other_code = enrolment_package(hub, admin, tmp_path, "usb-2")
    db = new_laptop("usb")

    with pytest.raises(PackageRefused, match="code does not open it"):
        enrolment.take_enrolment(db, data, other_code)
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 1
    with pytest.raises(PackageRefused, match="damaged"):
        enrolment.take_enrolment(db, bytes(flipped), code)
    with pytest.raises(PackageRefused, match="damaged"):
        enrolment.take_enrolment(db, data[:-100], code)
    with pytest.raises(ValidationError, match="32 letters") as short:
        enrolment.take_enrolment(db, data, code[:-5])
    assert short.value.field == "code"
    assert offices(db) == 0 and not packages.is_enrolment(tmp_path / "absent")

    enrolment.take_enrolment(db, data, code)
    with pytest.raises(UserError, match="already enrolled as usb"):
        enrolment.take_enrolment(db, data, code)  # replayed

    package = tmp_path / "week.barinak"
    packages.export_package(db, package)
    with pytest.raises(PackageRefused, match="not an enrolment package"):
        enrolment.take_enrolment(new_laptop("other"), package.read_bytes(), code)
    with pytest.raises(PackageRefused, match="enrolment package of usb"):
        packages.import_package(hub, data)
    with pytest.raises(PackageRefused, match="enrolment package of usb"):
        packages.take_receipt(db, data)


def test_only_a_device_not_yet_enrolled_gets_an_enrolment_package(hub, admin, laptop,
                                                                  tmp_path):
    laptop("a")  # enrolled online
    with pytest.raises(DeviceRefused, match="enrolled already"):
        enrolment.export_enrolment(hub, admin, "a", tmp_path / "a.barinak")
    _, code = devices.add_device(hub, SYSTEM, "usb", "GAZ")
    enrolment.export_enrolment(hub, admin, "usb", tmp_path / "usb.barinak")
    with pytest.raises(DeviceRefused, match="unknown or was already used"):
        devices.enrol(hub, code)  # its online code went with the package
    devices.add_device(hub, SYSTEM, "lost", "GAZ")
    devices.revoke_device(hub, SYSTEM, "lost")
    with pytest.raises(DeviceRefused, match="revoked"):
        enrolment.export_enrolment(hub, admin, "lost", tmp_path / "lost.barinak")


def test_a_revoked_laptop_is_told_the_day_it_was_revoked_in_turkiye(hub):
    """Revoked at 01:30 in Türkiye (22:30 UTC the evening before): the refusal names that
    day, written as the reader writes dates, not the UTC day in ISO form."""
    _, code = devices.add_device(hub, SYSTEM, "lost", "GAZ")
    token = devices.enrol(hub, code).token
    with hub.write() as session:
        session.scalars(select(Device).where(Device.name == "lost")).one().revoked_at = \
            datetime(2026, 11, 24, 22, 30, tzinfo=UTC)
    with pytest.raises(DeviceRevoked) as refused:
        devices.authenticate(hub, token)
    assert f"revoked this laptop on {date_text(date(2026, 11, 25))};" in refused.value.message
