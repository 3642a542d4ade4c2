"""Sync from the console: the server's verbs and the laptop's.

    serve [--host 127.0.0.1] [--port 8765] [--files DIR] [--ssl-certfile F --ssl-keyfile F]
    device add NAME [--office CODE] / device list / device revoke NAME           (server)
    device package NAME --out FILE [--server URL]   (server: enrolment by USB stick)
    enrol URL CODE                                                               (laptop)
    sync [--server URL]                                                          (laptop)
    sync export --out FILE          (laptop without a network: a package for a USB stick)
    sync import FILE [--out RECEIPT]   (where the server is reached: package -> receipt;
                                        on the laptop: its receipt)
    sync import FILE --code CODE    (a new laptop: its enrolment package)

`serve` makes the database a sync hub (marks it and logs what it already holds) and answers
laptops with uvicorn until stopped. `sync` pushes this laptop's changes, pulls the server's,
prints the counts and exits 1 when the server refused a change or found a conflict.
"""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from shelter_app.cli.database import open_for_verb
from shelter_app.cli.formats import FORMATS, write_rows
from shelter_app.cli.verbs import EXIT_PROBLEMS, Run, Subparsers
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import table_text, translate
from shelter_app.services.sync.connection import http_client

if TYPE_CHECKING:
    from shelter_app.services.sync.wire import Report

DEVICE_COLUMNS = ("name", "mark", "office", "enrolled", "revoked", "last_seen")


def add_parsers(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    serve = verbs.add_parser("serve", parents=[common], help=translate(
        "cli", "run the sync server on this database (PostgreSQL)"))
    serve.add_argument("--host", default="127.0.0.1", help=translate(
        "cli", "address to listen on (default 127.0.0.1; a reverse proxy faces the network)"))
    serve.add_argument("--port", type=int, default=8765, help=translate("cli", "default 8765"))
    serve.add_argument("--files", metavar="DIR", help=translate(
        "cli", "the folder of the photos and scans laptops send (remembered; default: the "
               "data folder's files)"))
    serve.add_argument("--ssl-certfile", metavar="FILE", help=translate(
        "cli", "serve HTTPS with this certificate (else TLS is the proxy's)"))
    serve.add_argument("--ssl-keyfile", metavar="FILE", help=translate(
        "cli", "the certificate's private key"))
    device = verbs.add_parser("device", parents=[common], help=translate(
        "cli", "add, list and revoke the laptops that sync with this server"))
    actions = device.add_subparsers(dest="device_verb", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help=translate(
        "cli", "add a laptop and print its one-time enrolment code"))
    add.add_argument("name", metavar="NAME", help=translate("cli", "e.g. gaziantep-laptop-3"))
    add.add_argument("--office", metavar="CODE", help=translate(
        "cli", "the office whose records it holds (default: every office)"))
    listing = actions.add_parser("list", parents=[common], help=translate(
        "cli", "list the laptops"))
    listing.add_argument("--format", choices=FORMATS, default="table")
    package = actions.add_parser("package", parents=[common], help=translate(
        "cli", "enrol a laptop without a network: write its enrolment package for a USB stick "
               "and print the code that opens it"))
    package.add_argument("name", metavar="NAME", help=translate(
        "cli", "a device added with `device add`, not yet enrolled"))
    package.add_argument("--out", metavar="FILE", required=True, help=translate(
        "cli", "the package to write"))
    package.add_argument("--server", metavar="URL", help=translate(
        "cli", "the server's address, if the laptop may one day sync online"))
    revoke = actions.add_parser("revoke", parents=[common], help=translate(
        "cli", "refuse a lost or retired laptop from now on"))
    revoke.add_argument("name", metavar="NAME", help=translate("cli", "its name or mark"))
    enrol = verbs.add_parser("enrol", parents=[common], help=translate(
        "cli", "enrol this laptop with a sync server"))
    enrol.add_argument("url", metavar="URL", help=translate(
        "cli", "the server, e.g. https://sync.example.org"))
    enrol.add_argument("code", metavar="CODE", help=translate(
        "cli", "the one-time code from `device add`"))
    sync = verbs.add_parser("sync", parents=[common], help=translate(
        "cli", "send this laptop's changes to the server and take the server's"))
    sync.add_argument("--server", metavar="URL", help=translate(
        "cli", "another address of the same server (default: the one enrolled with)"))
    by_hand = sync.add_subparsers(dest="sync_verb", metavar="export|import")
    export = by_hand.add_parser("export", parents=[common], help=translate(
        "cli", "write this laptop's changes and new photos into a package for a USB stick"))
    export.add_argument("--out", metavar="FILE", required=True, help=translate(
        "cli", "the package to write"))
    take = by_hand.add_parser("import", parents=[common], help=translate(
        "cli", "apply a laptop's package where the server is reached (writing its receipt), "
               "or, on the laptop, its receipt"))
    take.add_argument("file", metavar="FILE", help=translate("cli", "a package or a receipt"))
    take.add_argument("--out", metavar="RECEIPT", help=translate(
        "cli", "where to write the receipt (default: beside the package, named …-receipt)"))
    take.add_argument("--code", metavar="CODE", help=translate(
        "cli", "an enrolment package's code (a new laptop joining by USB stick)"))


def _serve(args: argparse.Namespace, target: str) -> int:
    import uvicorn

    from shelter_app.server.app import create_app
    from shelter_app.server.collector import server_collector
    from shelter_app.services.files import use_folder
    from shelter_app.services.sync import serving

    db = open_for_verb(target, create=True)
    use_folder(db, Path(args.files) if args.files else None)
    if db.is_sqlite:
        print(translate("cli", "Warning: serving a SQLite file; a programme's server runs on "
                               "PostgreSQL."), file=sys.stderr)
    logged = serving.prepare(db, _logging)
    if logged:
        print(translate("cli", "%n existing records are ready to be pulled.", "", logged),
              file=sys.stderr)
    print(translate("cli", "Photos and scans are kept in {folder}.").format(
        folder=db.files_dir), file=sys.stderr)
    app = create_app(db)
    with server_collector():
        uvicorn.run(app, host=args.host, port=args.port, ssl_certfile=args.ssl_certfile,
                    ssl_keyfile=args.ssl_keyfile, log_level="info", proxy_headers=True)
    return 0


def _logging(table: str, count: int) -> None:
    """How far `serve` has logged the records it found, on stderr."""
    print(translate("cli", "Logging existing records: %n so far, now {table}.", "", count).format(
        table=table_text(table)), file=sys.stderr)


def _device(args: argparse.Namespace, target: str) -> int:
    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.services.sync import devices

    db = open_for_verb(target)
    if args.device_verb == "add":
        info, code = devices.add_device(db, SYSTEM, args.name, args.office)
        print(translate("cli", "Added {name} (mark {mark}). On the laptop run:\n"
                               "  shelter-app enrol SERVER_URL {code}").format(
            name=info.name, mark=info.mark, code=code))
        print(translate("cli", "The code works once, for %n days.", "", devices.CODE_DAYS))
    elif args.device_verb == "package":
        from shelter_app.services.sync import enrolment

        made = enrolment.export_enrolment(db, SYSTEM, args.name, Path(args.out), args.server)
        print(translate("cli", "Enrolled {name} and wrote its enrolment package to {file} "
                               "({records}, {files}, {size} MB). "
                               "The code that opens it:\n  {code}\nGive the code apart from "
                               "the USB stick. On the new laptop: shelter-app sync import FILE "
                               "--code CODE, or Import enrolment package… at its first start."
                        ).format(name=made.device, file=args.out,
                                 records=translate("cli", "%n records", "", made.records),
                                 files=_files(made.files), size=round(made.size / 1e6, 1),
                                 code=made.code))
    elif args.device_verb == "list":
        rows = [(d.name, d.mark, d.office_code, d.enrolled_at, d.revoked_at, d.last_seen_at)
                for d in devices.list_devices(db, SYSTEM)]
        write_rows(DEVICE_COLUMNS, rows, args.format,
                   lambda value: "" if value is None else str(value)[:16])
    else:
        info = devices.revoke_device(db, SYSTEM, args.name)
        print(translate("cli", "Revoked {name}: the server refuses it from now on.").format(
            name=info.name))
    return 0


def _enrol(args: argparse.Namespace, target: str) -> int:
    from shelter_app.services.sync import client

    db = open_for_verb(target, create=True)
    with http_client(args.url) as http:
        name = client.enrol(db, http, args.url, args.code)
    print(translate("cli", "Enrolled as {name}. Run `shelter-app sync` to take the programme's "
                           "records.").format(name=name))
    return 0


def _sync(args: argparse.Namespace, target: str) -> int:
    from shelter_app.services.sync import client

    if getattr(args, "sync_verb", None):
        return _by_hand(args, target)
    db = open_for_verb(target)
    url = args.server or client.server_url(db)
    if url is None and client.enrolled(db):
        raise UserError(translate("cli", "This laptop was enrolled by USB stick and knows no "
                                         "server address: exchange packages (sync export, "
                                         "sync import), or give the address with --server "
                                         "URL."))
    if url is None:
        raise UserError(translate("sync", "This laptop is not enrolled with a server; enrol it "
                                          "first (shelter-app enrol URL CODE)."))

    def progress(step: str, done: int, total: int) -> None:
        of = f"/{total}" if total else ""
        label = {"push": translate("cli", "sent"), "pull": translate("cli", "received"),
                 "send": translate("cli", "files sent"),
                 "fetch": translate("cli", "files received")}[step]
        print(f"\r{label}: {done}{of}   ", end="", file=sys.stderr, flush=True)

    with http_client(url) as http:
        report = client.sync(db, http, progress=progress)
    print(file=sys.stderr)
    return _print_report(report)


def _changes(count: int) -> str:
    return translate("cli", "%n changes", "", count)


def _files(count: int) -> str:
    return translate("cli", "%n photos and scans", "", count)


def _print_report(report: "Report") -> int:
    print(translate("cli", "Sent {pushed} ({applied}, {conflicts}, {refused}); received "
                           "{pulled}.").format(
        pushed=_changes(report.pushed),
        applied=translate("cli", "%n applied", "", report.applied),
        conflicts=translate("cli", "%n in conflict", "", report.conflicts),
        refused=translate("cli", "%n refused", "", report.refused),
        pulled=_changes(report.pulled)))
    if report.files_sent or report.files_received or report.files_waiting:
        print(translate("cli", "Photos and scans: {sent} sent, {received} received, {waiting} "
                               "not on the server yet.").format(
            sent=report.files_sent, received=report.files_received,
            waiting=report.files_waiting))
    for reason in report.reasons:
        print(f"  {reason}")
    return 0 if report.clean else EXIT_PROBLEMS


def _by_hand(args: argparse.Namespace, target: str) -> int:
    """`sync export` and `sync import`: the same exchange by USB stick."""
    from shelter_app.services.atomic import write_atomically
    from shelter_app.services.sync import packages

    if args.sync_verb == "import" and packages.is_enrolment(Path(args.file)):
        from shelter_app.services.sync import enrolment

        if not args.code:
            raise UserError(translate("cli", "{file} is an enrolment package: give the code "
                                             "that came with it (--code CODE).").format(
                file=args.file), field="code")
        name = enrolment.take_enrolment(open_for_verb(target, create=True),
                                        packages.read_package(Path(args.file)), args.code)
        print(translate("cli", "Enrolled as {name} with the package's records; sign in, and "
                               "exchange packages with `sync export` and `sync import`."
                        ).format(name=name))
        return 0
    db = open_for_verb(target)
    if args.sync_verb == "export":
        out = Path(args.out)
        made = packages.export_package(db, out)
        print(translate("cli", "Wrote package {number} to {file}: {ops}, {files}, {size} MB. "
                               "Import it where the server is reached, then bring the receipt "
                               "back.").format(
            number=made.number, file=out, ops=_changes(made.ops), files=_files(made.files),
            size=round(made.size / 1e6, 1)))
        return 0
    path = Path(args.file)
    result = packages.import_any(db, packages.read_package(path), http_client)
    if isinstance(result, bytes):
        out = Path(args.out) if args.out else path.with_name(
            f"{path.stem}-receipt{path.suffix}")
        write_atomically(out, result)
        print(translate("cli", "Applied the package; wrote its receipt to {file}. Take it back "
                               "to the laptop and import it there.").format(file=out))
        return 0
    return _print_report(result)


VERBS: dict[str, Run] = {"serve": _serve, "device": _device, "enrol": _enrol, "sync": _sync}
