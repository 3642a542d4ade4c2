"""T11: sync by USB packages. A week of a laptop's work and its photos reach the server through a
package and the server's changes come back through its receipt, by the same idempotent path as
a push and a pull; a package tampered by one byte, cut short, replayed, sealed by another
device or from an unknown laptop is refused with one line and nothing is applied."""

import hashlib
from dataclasses import replace

import httpx
import pytest
from services.sync.machines import counts, synced_data
from sqlalchemy import func, select
from sync_fixtures import take_photos

from shelter_app.data.models import Household, LogEntry
from shelter_app.services.cases.households import household_view, update_household
from shelter_app.services.files import photo_path
from shelter_app.services.sync import packages, transfer
from shelter_app.services.sync.devices import digest
from shelter_app.services.sync.packages import PackageRefused


def household_ref(db, number: int = 0) -> str:
    with db.read() as session:
        return session.scalars(select(Household.ref).where(Household.ref.like("GAZ-%"))
                               .order_by(Household.ref)).all()[number]


def set_phone(db, actor, ref: str, phone: str) -> None:
    before = household_view(db, actor, ref).as_input()
    update_household(db, actor, ref, replace(before, phone=phone), confirm=True)


def phone(db, actor, ref: str) -> str | None:
    return household_view(db, actor, ref).phone


def export(machine, tmp_path, name: str = "week.pkg") -> bytes:
    path = tmp_path / name
    packages.export_package(machine.db, path)
    return path.read_bytes()


def test_a_week_of_work_goes_by_usb_and_the_servers_changes_come_back(
        laptop, hub, hub_url, engineer, tmp_path):
    offline, online = laptop("a"), laptop("b")
    mine, theirs = household_ref(offline.db, 0), household_ref(offline.db, 1)
    set_phone(offline.db, engineer, mine, "+905321112233")
    shas = take_photos(offline.db, engineer, 2, tmp_path)
    set_phone(online.db, engineer, theirs, "+905449998877")
    assert online.sync().clean

    receipt = packages.import_any(hub, export(offline, tmp_path), httpx.Client)
    assert isinstance(receipt, bytes)
    assert phone(hub, engineer, mine) == "+90 532 111 22 33"
    assert all(hashlib.sha256(photo_path(hub, sha).read_bytes()).hexdigest() == sha
               for sha in shas)

    report = packages.import_any(offline.db, receipt, httpx.Client)
    assert report.clean and report.applied == report.pushed > 0
    assert offline.outbox() == []  # every change was taken
    assert phone(offline.db, engineer, theirs) == "+90 544 999 88 77"
    assert transfer.photo_states(offline.db, shas) == dict.fromkeys(shas, transfer.ON_SERVER)
    assert synced_data(offline.db, offline.office) == synced_data(hub, offline.office)

    online.sync()  # the photos reach the laptops online too
    assert all(photo_path(online.db, sha).is_file() for sha in shas)


def test_a_connected_laptop_hands_a_package_on_and_the_receipt_brings_photos_back(
        laptop, hub, hub_url, engineer, tmp_path):
    offline, online = laptop("a"), laptop("b")
    shas = take_photos(online.db, engineer, 2, tmp_path)
    online.sync()
    set_phone(offline.db, engineer, household_ref(offline.db), "+905321112233")

    def connect(url):
        return httpx.Client(base_url=hub_url)

    receipt = packages.import_any(online.db, export(offline, tmp_path), connect)
    assert isinstance(receipt, bytes)
    packages.import_any(offline.db, receipt, connect)
    assert all(hashlib.sha256(photo_path(offline.db, sha).read_bytes()).hexdigest() == sha
               for sha in shas)
    assert offline.outbox() == []


def flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]


@pytest.mark.parametrize("damage", ["one byte", "the header", "cut short", "header only",
                                    "not a package"])
def test_a_damaged_package_is_refused_and_nothing_is_applied(laptop, hub, engineer, tmp_path,
                                                             damage):
    offline = laptop("a")
    set_phone(offline.db, engineer, household_ref(offline.db), "+905321112233")
    take_photos(offline.db, engineer, 1, tmp_path)
    data = export(offline, tmp_path)
    bad = {"one byte": flipped(data, len(data) // 2),
           "the header": data.replace(b'"number": 1', b'"number": 7'),
           "cut short": data[:-1000], "header only": data[:60],
           "not a package": b"PK\x03\x04" + data[4:]}[damage]
    assert bad != data
    before = counts(hub), synced_data(hub)
    with pytest.raises(PackageRefused) as refused:
        packages.import_package(hub, bad)
    assert "\n" not in refused.value.message and "nothing was applied" in refused.value.message
    assert (counts(hub), synced_data(hub)) == before


def test_a_replayed_package_or_receipt_is_refused_and_a_second_copy_of_its_ops_changes_nothing(
        laptop, hub, engineer, tmp_path):
    offline = laptop("a")
    set_phone(offline.db, engineer, household_ref(offline.db), "+905321112233")
    first = export(offline, tmp_path, "1.pkg")
    second = export(offline, tmp_path, "2.pkg")  # the same ops again: no receipt came yet
    receipt = packages.import_package(hub, first)
    after_first = counts(hub), synced_data(hub)
    with pytest.raises(PackageRefused, match="already imported"):
        packages.import_package(hub, first)
    late = packages.import_package(hub, second)  # its ops were decided: answered again
    assert (counts(hub), synced_data(hub)) == after_first

    packages.take_receipt(offline.db, late)
    with pytest.raises(PackageRefused, match="already imported"):
        packages.take_receipt(offline.db, receipt)  # the older receipt, after the newer
    with pytest.raises(PackageRefused, match="already imported"):
        packages.take_receipt(offline.db, late)
    assert offline.outbox() == []


def test_a_package_sealed_by_another_device_or_from_an_unknown_laptop_is_refused(
        laptop, hub, engineer, tmp_path):
    a, b = laptop("a"), laptop("b")
    set_phone(a.db, engineer, household_ref(a.db), "+905321112233")
    data = export(a, tmp_path)
    header = packages.read_header(data)
    payload_start = len(packages.MAGIC) + 4 + len(header.text())
    with pytest.raises(PackageRefused) as refused:  # b's key, in a's name
        packages.import_package(hub, packages.seal(header, data[payload_start:],
                                                   digest(b.token)))
    assert "damaged, cut short or was not made by a" in refused.value.message
    stranger = replace(header, device_id=__import__("uuid").uuid4(), device="elsewhere-1")
    with pytest.raises(PackageRefused, match="does not know"):
        packages.import_package(hub, packages.seal(stranger, b"", digest(a.token)))
    receipt = packages.import_package(hub, data)
    with pytest.raises(PackageRefused, match="is for a, not this laptop"):
        packages.take_receipt(b.db, receipt)
    with hub.read() as session:  # nothing but a's own package reached the log
        assert session.scalar(select(func.count()).select_from(LogEntry).where(
            LogEntry.device_id.is_not(None))) == 1
