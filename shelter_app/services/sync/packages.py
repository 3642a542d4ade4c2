"""Sync by USB stick, for offices without a usable connection.

A laptop exports a **package**: its pending ops (what a push would send), the photos and scans
the server is not known to hold, and the server cursor it stands at. A machine that reaches the
server (the server itself, or a connected laptop that hands the package on) imports it: the
ops go through the same idempotent apply as a push, the files into the server's store, and a
**receipt** comes back: the answer to each op (as a push's answer), the server's changes for
the laptop's office since its cursor, and the files it lacks. The laptop imports the receipt
as it would take a push's answers and a pull.

Each file is sealed for one device: AES-256-GCM (the `cryptography` library) under a key
derived (HKDF-SHA256) from the device's token digest, which only the laptop and the server
know, with the header (device, number, kind) authenticated beside it. A file that was altered
or cut short, sealed by another device, or numbered at or below the last one taken from that
device is refused whole with one line; nothing of it is applied.

    MAGIC | header length (4 bytes) | header (JSON) | nonce (12 bytes) | sealed zip
"""

import io
import json
import os
import struct
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.data.models import Device, OutboxOp
from shelter_app.data.outbox import CLOCK, NODE, is_server, set_state, state
from shelter_app.domain import clock, hlc
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services import erased_copies
from shelter_app.services.atomic import write_atomically
from shelter_app.services.files import THUMB, has_stored, read_stored
from shelter_app.services.sync import (
    apply,
    apply_pull,
    client,
    file_store,
    links,
    protocol,
    serving,
)
from shelter_app.services.sync.devices import DeviceRefused, digest
from shelter_app.services.sync.state_keys import (
    CURSOR_KEY,
    DEVICE_KEY,
    NAME_KEY,
    SERVER_KEY,
    TOKEN_KEY,
)
from shelter_app.services.sync.transfer import ON_SERVER, mark, referenced, states
from shelter_app.services.sync.wire import Http, Report, auth, refusal, unreachable

MAGIC = b"BARINAK-SYNC\x01"
PACKAGE, RECEIPT, ENROLMENT = "package", "receipt", "enrolment"
MAX_HEADER = 4_096
MAX_PACKAGE = 512 * 1024 * 1024  # bytes: a week of an office's photos is ~50 MB
_SENT_KEY, _TAKEN_KEY = "package_sent", "receipt_taken"  # a laptop's numbers (sync_state)
_FROM_KEY = "pkg:"  # + device id (sync_state keys are 40 long): the last package taken from it


class PackageRefused(UserError):
    """A package or receipt that cannot be used; nothing of it was applied."""


@dataclass(frozen=True)
class Header:
    kind: str
    device_id: uuid.UUID
    device: str  # its name, to say whose a file is
    number: int  # a laptop's packages count up; a receipt has its package's number
    schema: str
    made_at: str

    def text(self) -> bytes:
        return json.dumps({"kind": self.kind, "device_id": str(self.device_id),
                           "device": self.device, "number": self.number,
                           "schema": self.schema, "made_at": self.made_at}).encode()


def _key(token_digest: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"shelter_app sync package",
                info=b"v1").derive(bytes.fromhex(token_digest))


def seal(header: Header, payload: bytes, token_digest: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    head = header.text()
    prefix = MAGIC + struct.pack(">I", len(head)) + head
    nonce = os.urandom(12)
    return prefix + nonce + AESGCM(_key(token_digest)).encrypt(nonce, payload, prefix)


def read_header(data: bytes) -> Header:
    """The header of a package or receipt (not yet authenticated: `open_sealed` checks it)."""
    not_ours = PackageRefused(translate(
        "sync", "This file is not a Barınak sync package, or it is cut short; nothing was "
                "applied."))
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise not_ours
    (size,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
    try:
        if size > MAX_HEADER:
            raise ValueError(size)
        raw = json.loads(data[len(MAGIC) + 4:len(MAGIC) + 4 + size])
        return Header(str(raw["kind"]), uuid.UUID(raw["device_id"]), str(raw["device"]),
                      int(raw["number"]), str(raw["schema"]), str(raw["made_at"]))
    except (ValueError, KeyError, TypeError):
        raise not_ours from None


def read_package(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UserError(translate("sync", "{file} cannot be read ({reason}).").format(
            file=path, reason=error.strerror or error)) from None


def is_enrolment(path: Path) -> bool:
    """Whether the file at `path` says it is an enrolment package (not yet authenticated)."""
    try:
        with path.open("rb") as handle:
            return read_header(handle.read(len(MAGIC) + 4 + MAX_HEADER)).kind == ENROLMENT
    except (OSError, UserError):
        return False  # the import that follows says why


def refuse_enrolment(header: Header) -> None:
    """An enrolment package is imported only by a new laptop, with its code."""
    if header.kind == ENROLMENT:
        raise PackageRefused(translate("sync", "This is the enrolment package of {device}: "
                                               "import it on that new laptop at its first "
                                               "start, with its code; nothing was applied."
                                       ).format(device=header.device))


def open_sealed(data: bytes, header: Header, token_digest: str) -> dict[str, Any]:
    """The contents of `data`, refused unless they are intact and sealed for its device."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    start = len(MAGIC) + 4 + len(header.text())
    prefix, nonce, sealed = data[:start], data[start:start + 12], data[start + 12:]
    try:
        payload = AESGCM(_key(token_digest)).decrypt(nonce, sealed, prefix)
    except (InvalidTag, ValueError):
        if header.kind == ENROLMENT:
            text = translate("sync", "This enrolment package of {device} is damaged or cut "
                                     "short, or the code does not open it (a code of another "
                                     "package?); nothing was applied.")
        elif header.kind == RECEIPT:
            text = translate("sync", "This receipt is damaged, cut short or was not made for "
                                     "{device}; nothing was applied.")
        else:
            text = translate("sync", "This package is damaged, cut short or was not made by "
                                     "{device}; nothing was applied.")
        raise PackageRefused(text.format(device=header.device),
                             field="code" if header.kind == ENROLMENT else None) from None
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        content = json.loads(archive.read("content.json"))
        content["files"] = [(kind, sha, archive.read(f"files/{kind}/{sha}"))
                            for kind, sha in content.pop("file_names")]
    return content


def payload(content: dict[str, Any], files: list[tuple[str, str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # JPEGs do not shrink
        archive.writestr("content.json", json.dumps(
            content | {"file_names": [[kind, sha] for kind, sha, _ in files]}))
        for kind, sha, data in files:
            archive.writestr(f"files/{kind}/{sha}", data)
    return out.getvalue()


# --- the laptop ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Exported:
    number: int
    ops: int
    files: int  # photos and scans (a photo's thumbnail goes with it)
    size: int  # bytes


def export_package(db: Database, out: Path) -> Exported:
    """Write this laptop's pending ops and the files the server may lack to `out`."""
    with db.write() as session:
        token = state(session, TOKEN_KEY)
        if token is None:
            raise UserError(translate("sync", "This laptop is not enrolled with a server; enrol "
                                              "it first (shelter-app enrol URL CODE)."))
        number = (state(session, _SENT_KEY) or 0) + 1
        set_state(session, _SENT_KEY, number)
        ops = [client.op_message(op) for op in links.wire(session.scalars(
            select(OutboxOp).where(OutboxOp.status == "pending").order_by(OutboxOp.seq)))]
        named, known = referenced(session), states(session)
        header = Header(PACKAGE, uuid.UUID(state(session, DEVICE_KEY)), state(session, NAME_KEY),
                        number, HEAD_REVISION, clock.now().isoformat())
        cursor = state(session, CURSOR_KEY) or 0
    present = [(kind, sha) for kind, sha in named if has_stored(db, kind, sha)]
    files = [(kind, sha, read_stored(db, kind, sha)) for kind, sha in present
             if known.get((kind, sha)) != ON_SERVER]
    held = set(present)
    wanted = [[kind, sha] for kind, sha in named if (kind, sha) not in held]
    data = seal(header, payload({"ops": ops, "cursor": cursor, "wanted": wanted}, files),
                digest(token))
    write_atomically(out, data)
    return Exported(number, len(ops), sum(kind != THUMB for kind, _, _ in files), len(data))


def take_receipt(db: Database, data: bytes) -> Report:
    """Apply the server's receipt of one of this laptop's packages: the answers to its ops,
    the server's changes and the files this laptop lacked."""
    header = read_header(data)
    with db.read() as session:
        token, device_id = state(session, TOKEN_KEY), state(session, DEVICE_KEY)
        taken = state(session, _TAKEN_KEY) or 0
    refuse_enrolment(header)
    if header.kind != RECEIPT:
        raise PackageRefused(translate("sync", "This is a package of {device}, not a receipt: "
                                               "import it where the server can be reached."
                                       ).format(device=header.device))
    if token is None or str(header.device_id) != device_id:
        raise PackageRefused(translate("sync", "This receipt is for {device}, not this laptop; "
                                               "nothing was applied.").format(
            device=header.device))
    content = open_sealed(data, header, digest(token))
    if header.number <= taken:
        raise PackageRefused(translate("sync", "The receipt of package {number} was already "
                                               "imported (or a newer one); nothing was applied "
                                               "again.").format(number=header.number))
    for kind, sha, blob in content["files"]:
        file_store.accept(db, kind, sha, blob)
    report = Report()
    with db.write() as session:
        outcomes = {outcome["op_id"]: outcome for outcome in content["results"]}
        ops = answered(links.wire(session.scalars(select(OutboxOp).where(
            OutboxOp.status == "pending").order_by(OutboxOp.seq))), outcomes)
        client.take_outcomes(session, ops, [outcomes[str(op.op_id)] for op in ops], report)
        report.pushed = len(ops)
        cursor = state(session, CURSOR_KEY) or 0
        entries = [entry for entry in content["entries"] if entry["seq"] > cursor]
        erased = take_entries(session, entries, max(cursor, content["cursor"]),
                              content.get("hlc"))
        report.pulled = len(entries)
        set_state(session, _TAKEN_KEY, header.number)
    mark(db, [tuple(f) for f in content["stored"]] + [(k, s) for k, s, _ in content["files"]],
         ON_SERVER)
    if erased:
        erased_copies.finish(db, [f for erasure in erased for f in erasure["files"]])
    report.files_received = sum(kind != THUMB for kind, _, _ in content["files"])
    return report


def answered(ops: list[Any], outcomes: dict[str, Any]) -> list[Any]:
    """The pending `ops` (links.wire's) the receipt's `outcomes` answer, a link's parts only
    if all are answered; an op settled since (by a sync online) is not taken twice."""
    unanswered = {op.seq for op in ops if str(op.op_id) not in outcomes}
    return [op for op in ops if str(op.op_id) in outcomes
            and not (isinstance(op, links.Part) and op.seq in unanswered)]


def take_entries(session: Any, entries: list[dict[str, Any]], cursor: int,
                 stamp: str | None) -> list[dict[str, Any]]:
    """Apply the server's changes carried by a receipt or an enrolment package, as a pull
    would, and move the cursor and the clock past them; returns the erasures among them (their
    files go once the transaction is committed: erased_copies.finish)."""
    erased = erased_copies.taking(session, entries)
    apply_pull.apply_entries(session, entries)
    erased_copies.taken(session, erased)
    set_state(session, CURSOR_KEY, cursor)
    set_state(session, CLOCK, hlc.receive(state(session, CLOCK), stamp,
                                          int(clock.now().timestamp() * 1000),
                                          state(session, NODE) or "L"))
    return erased


def import_any(db: Database, data: bytes, connect: Callable[[str], Any]) -> Report | bytes:
    """Import a package or a receipt: a receipt is taken by its laptop (the report); a package
    is applied on the server's database, or handed on by a laptop enrolled with the server
    (`connect(url)` gives an HTTP client of it) — the receipt's bytes."""
    header = read_header(data)
    refuse_enrolment(header)
    if header.kind == RECEIPT:
        return take_receipt(db, data)
    with db.read() as session:
        server, token = is_server(session), state(session, TOKEN_KEY)
        url = state(session, SERVER_KEY)
    if server:
        return import_package(db, data)
    if token is None:
        raise PackageRefused(translate("sync", "This database is neither the sync server nor a "
                                               "laptop enrolled with it: import the package "
                                               "where the server can be reached."))
    with connect(url) as http:
        return hand_on(http, token, data)


def hand_on(http: Http, token: str, data: bytes) -> bytes:
    """Send a package (of any laptop) to the server and return its receipt."""
    import httpx

    try:
        answer = http.request("POST", "/v1/package", content=data, headers=auth(token),
                              params={"schema": HEAD_REVISION})
    except httpx.HTTPError as error:
        raise unreachable(error) from None
    if answer.status_code != 200:
        raise refusal(answer)
    return bytes(answer.content)


# --- the server ----------------------------------------------------------------------------

def import_package(db: Database, data: bytes) -> bytes:
    """Apply a laptop's package on the server and return its receipt."""
    header = read_header(data)
    refuse_enrolment(header)
    if header.kind != PACKAGE:
        raise PackageRefused(translate("sync", "This is a receipt for {device}: import it on "
                                               "that laptop.").format(device=header.device))
    with db.read() as session:
        if not is_server(session):
            raise PackageRefused(translate("sync", "Packages are imported on the server's "
                                                   "database, or on a laptop connected to it."))
        device = session.scalar(select(Device).where(Device.id == header.device_id))
        last = state(session, _FROM_KEY + str(header.device_id)) or {}
    if device is None or device.token_digest is None:
        raise PackageRefused(translate("sync", "This package comes from {device}, a laptop this "
                                               "server does not know; nothing was applied."
                                       ).format(device=header.device))
    if device.revoked_at is not None:
        raise DeviceRefused(translate("sync", "An administrator revoked {device}; its package "
                                              "was not applied.").format(device=device.name))
    content = open_sealed(data, header, device.token_digest)
    if header.number <= last.get("number", 0):
        raise PackageRefused(translate("sync", "Package {number} of {device} was already "
                                               "imported on {day}; nothing was applied again."
                                       ).format(number=header.number, device=device.name,
                                                day=str(last.get("at", ""))[:10]))
    protocol.check_schema({"schema": header.schema})
    outcomes = []
    ops = content["ops"]
    for start in range(0, len(ops), protocol.MAX_OPS):
        batch = protocol.parse_ops({"ops": ops[start:start + protocol.MAX_OPS]})
        decided = apply.apply_batch(db, device, batch)
        outcomes += [outcome.message() for outcome in decided]
        erased_copies.settle_pushed(db, erasures_applied(batch, decided))
    stored = []
    for kind, sha, blob in content["files"]:
        file_store.accept(db, kind, sha, blob)
        stored.append([kind, sha])
    with db.write() as session:
        set_state(session, _FROM_KEY + str(device.id), {"number": header.number,
                                                        "at": clock.now().isoformat()})
    entries, cursor, stamp = changes_since(db, device, int(content.get("cursor", 0)))
    files = files_for(db, device, entries, content.get("wanted", []), stored)
    receipt = {"results": outcomes, "entries": entries, "cursor": cursor, "hlc": stamp,
               "stored": stored}
    return seal(Header(RECEIPT, device.id, device.name, header.number, HEAD_REVISION,
                       clock.now().isoformat()), payload(receipt, files), device.token_digest)


def erasures_applied(ops: list[protocol.Op], outcomes: list[apply.Outcome]) -> list[uuid.UUID]:
    """The new erasures among pushed `ops` that the server took."""
    return [op.row_id for op, outcome in zip(ops, outcomes, strict=True)
            if op.entity == "erasures" and op.action == "create" and outcome.status == "applied"]


def changes_since(db: Database, device: Device, cursor: int
             ) -> tuple[list[dict[str, Any]], int, str | None]:
    """Every change the device may see since `cursor`, as pulls would bring them."""
    entries: list[dict[str, Any]] = []
    stamp = None
    while True:
        page = serving.pull_page(db, device, cursor, protocol.PAGE)
        entries += page["entries"]
        cursor, stamp = page["cursor"], page.get("hlc") or stamp
        if not page["more"]:
            return entries, cursor, stamp


def files_for(db: Database, device: Device, entries: list[dict[str, Any]],
               wanted: list[Any], sent: list[list[str]]) -> list[tuple[str, str, bytes]]:
    """The files of the rows in `entries` and those the laptop asked for, that the server
    holds and the device may see, but not those it just sent; thumbnails first."""
    named: dict[tuple[str, str], None] = {}
    for kind, sha in wanted:
        file_store.check_name(kind, sha)
        named[(kind, sha)] = None
    for entry in entries:
        row = entry.get("row") or {}
        if entry["entity"] == "photos" and row.get("sha256") and not row.get("deleted_at"):
            named[(THUMB, row["sha256"])] = named[("photo", row["sha256"])] = None
        if entry["entity"] == "lease_agreements" and row.get("signed_scan_sha256"):
            named[("scan", row["signed_scan_sha256"])] = None
    for kind, sha in sent:
        named.pop((kind, sha), None)
    out = []
    for kind, sha in sorted(named, key=lambda f: f[0] != THUMB):
        try:
            out.append((kind, sha, file_store.send(db, device, kind, sha)))
        except UserError:
            continue  # not on the server (yet): its laptop has not sent it
    return out
