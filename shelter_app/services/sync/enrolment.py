"""Enrolment by USB stick, for a laptop that never reaches the server.

On the server an administrator writes an **enrolment package** for a device added with
`device add`: the device's token and mark, and everything its first sync would bring (the
records its office may see, from the start of the change log, and their photos and scans).
Whoever sets the laptop up imports it into an empty database with the package code printed
beside it; from then on the laptop exchanges ordinary packages (`sync export|import`).

The package is sealed as the others are (services.sync.packages), under a key derived from
its code instead of the device token, which the laptop does not have yet: 128 random bits,
never stored, handed over apart from the stick (read out on the phone, on paper). A stick lost
on the way yields nothing without it; a package altered, cut short or opened with another
device's code is refused whole; one imported twice finds the laptop enrolled and is refused.
"""

import secrets
import string
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.data.models import Device
from shelter_app.data.outbox import is_server, set_state
from shelter_app.domain import clock
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.services import erased_copies
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.atomic import write_atomically
from shelter_app.services.files import THUMB
from shelter_app.services.sync import client, devices, file_store
from shelter_app.services.sync.packages import (
    ENROLMENT,
    Header,
    PackageRefused,
    changes_since,
    files_for,
    open_sealed,
    payload,
    read_header,
    seal,
    take_entries,
)
from shelter_app.services.sync.state_keys import SERVER_KEY
from shelter_app.services.sync.transfer import ON_SERVER, mark

CODE_GROUPS = 8  # of 4 hexadecimal digits: 128 bits


@dataclass(frozen=True)
class EnrolmentPackage:
    device: str
    code: str  # to hand over apart from the package
    records: int
    files: int  # photos and scans (a photo's thumbnail goes with it)
    size: int  # bytes


def _key_text(code: str) -> str:
    """The code as the key is derived from it: its hexadecimal digits, whatever the spacing."""
    digits = "".join(ch for ch in code.upper() if ch in string.hexdigits.upper())
    if len(digits) != CODE_GROUPS * 4:
        raise ValidationError(translate(
            "sync", "The package code has %n letters and digits (groups of 4 such as "
                    "1A2B-…); check it and type it again.", "", CODE_GROUPS * 4),
            field="code")
    return digits


def export_enrolment(db: Database, actor: Actor, name_or_mark: str, out: Path,
                     server_url: str | None = None) -> EnrolmentPackage:
    """On the server: enrol the device `name_or_mark` for a laptop without a network and write
    its enrolment package to `out`; `server_url`, if given, lets the laptop sync online later."""
    with db.read() as session:
        if not is_server(session):
            raise PackageRefused(translate("sync", "Enrolment packages are written on the sync "
                                                   "server's database."))
    enrolment = devices.enrol_by_package(db, actor, name_or_mark)
    code = "-".join(secrets.token_hex(2).upper() for _ in range(CODE_GROUPS))
    with db.read() as session:
        device = session.scalars(select(Device).where(Device.id == enrolment.device_id)).one()
        session.expunge(device)
    entries, cursor, stamp = changes_since(db, device, 0)
    files = files_for(db, device, entries, [], [])
    content = {"enrolment": {"device_id": str(enrolment.device_id), "token": enrolment.token,
                             "mark": enrolment.mark, "name": enrolment.name,
                             "office_id": str(enrolment.office_id) if enrolment.office_id
                             else None, "server_url": server_url},
               "entries": entries, "cursor": cursor, "hlc": stamp}
    header = Header(ENROLMENT, enrolment.device_id, enrolment.name, 0, HEAD_REVISION,
                    clock.now().isoformat())
    data = seal(header, payload(content, files), devices.digest(_key_text(code)))
    write_atomically(out, data)
    return EnrolmentPackage(enrolment.name, code, len(entries),
                            sum(kind != THUMB for kind, _, _ in files), len(data))


def take_enrolment(db: Database, data: bytes, code: str) -> str:
    """On a new laptop: enrol with the package `data` opened by `code` and take the records
    and files it holds; returns the device's name."""
    header = read_header(data)
    if header.kind != ENROLMENT:
        raise PackageRefused(translate("sync", "This is not an enrolment package but a sync "
                                               "package or receipt of {device}; nothing was "
                                               "applied.").format(device=header.device))
    key = devices.digest(_key_text(code))
    with db.read() as session:
        client.check_joinable(session)
    content = open_sealed(data, header, key)
    given = content["enrolment"]
    if header.schema != HEAD_REVISION or given.get("device_id") != str(header.device_id):
        raise PackageRefused(translate("sync", "This enrolment package was written by another "
                                               "version of Barınak (schema {theirs}, this app "
                                               "{ours}); use the same version on both sides. "
                                               "Nothing was applied.").format(
            theirs=header.schema, ours=HEAD_REVISION))
    for kind, sha, blob in content["files"]:
        file_store.accept(db, kind, sha, blob)
    with db.write() as session:
        client.check_joinable(session)  # not enrolled meanwhile by another window
        client.remember_enrolment(session, given)
        if given.get("server_url"):
            set_state(session, SERVER_KEY, given["server_url"])
        erased = take_entries(session, content["entries"], int(content["cursor"]),
                              content.get("hlc"))
    mark(db, [(kind, sha) for kind, sha, _ in content["files"]], ON_SERVER)
    if erased:
        erased_copies.finish(db, [f for erasure in erased for f in erasure["files"]])
    return str(given["name"])

