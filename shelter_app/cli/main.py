"""The command line: the GUI by default, plus batch verbs that reuse the services.

User errors print one line on stderr and exit 2; they never show a traceback.
"""

import argparse
import io
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from shelter_app import __version__
from shelter_app.cli import imports, listing
from shelter_app.cli.checks import check_arguments
from shelter_app.cli.database import dispose_opened, open_for_verb
from shelter_app.config import DB_ENV, database_target, paths
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.lease import LANGUAGE_PAIRS
from shelter_app.domain.stages import AgreementStatus
from shelter_app.logs import configure_logging

if TYPE_CHECKING:
    from pathlib import Path

    from shelter_app.data.engine import Database

PROG = "shelter-app"
EXIT_USER_ERROR = 2
EXIT_PROBLEMS = 1


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="PATH_OR_URL",
        help=translate("cli", "database file or SQLAlchemy URL (default: ${env} or the user data "
                              "folder)").replace("${env}", DB_ENV),
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[common],
        description=translate("cli", "Barınak: shelter rehabilitation case management."),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    demo = verbs.add_parser("demo", parents=[common], help=translate("cli", "fill an empty "
                                                                            "database with demo data"))
    demo.add_argument("--size", type=int, default=120, help=translate("cli", "number of dwellings"))
    demo.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    demo.add_argument("--if-empty", action="store_true",
                      help=translate("cli", "do nothing when the database already has data"))
    demo.add_argument("--photos", action="store_true",
                      help=translate("cli", "add before/after photos to a few dwellings"))

    listing.add_parser(verbs, common)
    verbs.add_parser("check", parents=[common],
                     help=translate("cli", "check the database and its files"))
    verbs.add_parser("migrate", parents=[common],
                     help=translate("cli", "back up and upgrade the database schema"))
    backup = verbs.add_parser("backup", parents=[common],
                              help=translate("cli", "back up the database and its photos"))
    backup.add_argument("--out", metavar="FILE",
                        help=translate("cli", "write one .zip archive here (for a USB stick) "
                                              "instead of an automatic snapshot"))
    restore = verbs.add_parser("restore", parents=[common],
                               help=translate("cli", "replace the database with a backup"))
    restore.add_argument("file", metavar="FILE",
                         help=translate("cli", "a .zip archive or an automatic snapshot (.db)"))
    _person_parser(verbs, common)
    photos = verbs.add_parser("import-photos", parents=[common], help=translate(
        "cli", "import photos onto a dwelling; one line per file"))
    photos.add_argument("ref", metavar="REF", help=translate("cli", "the dwelling, e.g. "
                                                                    "GAZ-D-000123"))
    photos.add_argument("files", metavar="FILE", nargs="+",
                        help=translate("cli", "photo files, or folders of photos"))
    photos.add_argument("--tag", choices=["before", "during", "after"], default="before",
                        help=translate("cli", "the stage the photos show (default: before)"))
    _print_parser(verbs, common)
    _export_parser(verbs, common)
    imports.add_parser(verbs, common)
    return parser


def _print_parser(verbs: "argparse._SubParsersAction[argparse.ArgumentParser]",
                  common: argparse.ArgumentParser) -> None:
    """`print KIND REF --out FILE.pdf`: one document per kind (boq; contract and timesheet
    join later), each printed by its service as the system actor."""
    printing = verbs.add_parser("print", parents=[common],
                                help=translate("cli", "print a document to a PDF file"))
    kinds = printing.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    boq = kinds.add_parser("boq", parents=[common], help=translate(
        "cli", "a bill of quantities (by its reference, or a dwelling's for its newest "
               "revision)"))
    boq.add_argument("ref", help=translate("cli", "e.g. GAZ-D-000123-B1 or GAZ-D-000123"))
    boq.add_argument("--out", required=True, metavar="FILE.pdf",
                     help=translate("cli", "the file to write"))
    boq.add_argument("--english", action="store_true",
                     help=translate("cli", "add the English descriptions"))
    boq.add_argument("--photos", action="store_true",
                     help=translate("cli", "a thumbnail of the dwelling's photo per line"))
    timesheet = kinds.add_parser("timesheet", parents=[common], help=translate(
        "cli", "a cash-for-work timesheet"))
    timesheet.add_argument("ref", help=translate("cli", "e.g. GAZ-D-000123-T01"))
    timesheet.add_argument("--out", required=True, metavar="FILE.pdf",
                           help=translate("cli", "the file to write"))
    contract = kinds.add_parser("contract", parents=[common], help=translate(
        "cli", "a landlord agreement, Turkish with its translation"))
    contract.add_argument("ref", metavar="AGREEMENT_NO",
                          help=translate("cli", "e.g. GAZ-2026-0042"))
    contract.add_argument("--out", required=True, metavar="FILE.pdf",
                          help=translate("cli", "the file to write"))
    contracts = kinds.add_parser("contracts", parents=[common], help=translate(
        "cli", "many landlord agreements, one PDF each, with progress on stderr"))
    contracts.add_argument("--out", required=True, metavar="DIR",
                           help=translate("cli", "the folder to write NUMBER.pdf files into"))
    contracts.add_argument("--status", choices=[status.value for status in AgreementStatus],
                           help=translate("cli", "only agreements with this status"))
    for parser in (contract, contracts):
        parser.add_argument("--lang", choices=list(LANGUAGE_PAIRS), default=None,
                            help=translate("cli", "the languages (default: the agreement's "
                                                  "own, usually tr+ar)"))


def _export_parser(verbs: "argparse._SubParsersAction[argparse.ArgumentParser]",
                   common: argparse.ArgumentParser) -> None:
    """`export payments --period YYYY-MM --out FILE`: the period's payment batches."""
    export = verbs.add_parser("export", parents=[common],
                              help=translate("cli", "export data for finance"))
    kinds = export.add_subparsers(dest="export_kind", metavar="WHAT", required=True)
    payments = kinds.add_parser("payments", parents=[common], help=translate(
        "cli", "the cash-for-work payment list of a month (every batch built for it)"))
    payments.add_argument("--period", required=True, metavar="YYYY-MM")
    payments.add_argument("--out", required=True, metavar="FILE",
                          help=translate("cli", "the file to write"))
    payments.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    payments.add_argument("--method", choices=["iban", "ptt"], default=None, help=translate(
        "cli", "CSV: only bank (IBAN) or only PTT payments (default: both)"))


PERSON_KINDS = ["household", "landlord", "worker"]


def _person_parser(verbs: "argparse._SubParsersAction[argparse.ArgumentParser]",
                   common: argparse.ArgumentParser) -> None:
    person = verbs.add_parser("person", parents=[common],
                              help=translate("cli", "export or erase one person's data (KVKK)"))
    actions = person.add_subparsers(dest="person_verb", metavar="ACTION", required=True)
    export = actions.add_parser("export", parents=[common], help=translate(
        "cli", "write everything held on one person to a JSON file"))
    erase = actions.add_parser("erase", parents=[common], help=translate(
        "cli", "pseudonymise one person: names, ID numbers, phones and IBANs are removed"))
    for action in (export, erase):
        action.add_argument("kind", choices=PERSON_KINDS)
        action.add_argument("ref", help=translate("cli", "the person's reference, e.g. "
                                                         "GAZ-H-000123"))
    export.add_argument("--out", required=True, metavar="FILE.json",
                        help=translate("cli", "the file to write"))
    erase.add_argument("--reason", required=True,
                       help=translate("cli", "why, for the audit trail"))
    actions.add_parser("due", parents=[common], help=translate(
        "cli", "list people whose retention period has ended"))


def main(argv: Sequence[str] | None = None) -> int:
    from shelter_app.ui.language import install_console_language

    install_console_language()  # before the parser: its help texts are translated
    args = _parser().parse_args(argv)
    target = database_target(getattr(args, "db", None))
    configure_logging(paths().logs)
    if args.verb is None:
        from shelter_app.ui.app import run_gui

        return run_gui(target)
    try:
        check_arguments(args)
        code = _VERBS[args.verb](args, target)
        sys.stdout.flush()  # a reader that has gone is noticed here, not at exit
        return code
    except BrokenPipeError:
        return _reader_gone()
    except UserError as error:
        print(f"{PROG}: {error.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: {translate('cli', 'interrupted; nothing was half-written.')}",
              file=sys.stderr)
        return 130
    finally:
        dispose_opened()


def _reader_gone() -> int:
    """Output piped into `head` and the like: the reader has gone, so end quietly the way
    Python's documentation recommends (signal module, "Note on SIGPIPE"): point stdout at
    devnull, so that the interpreter's last flush at exit cannot fail with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # stdout is not a file (captured by a test or an embedding program)
    return EXIT_PROBLEMS


def _demo(args: argparse.Namespace, target: str) -> int:
    from shelter_app.demo import programme as demo

    db = open_for_verb(target, create=True)
    if args.if_empty and demo.dwelling_count(db):
        return 0
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(translate("cli", "{done}/{total} dwellings").format(done=done, total=total),
              file=sys.stderr)

    summary = demo.create_demo(db, args.size, seed=args.seed,
                               progress=progress if args.size >= 20_000 else None,
                               photos=args.photos)
    print(
        translate(
            "cli",
            "Created {dwellings} dwellings, {households} households and {landlords} landlords in "
            "{offices} offices in {seconds:.1f} s ({db}).",
        ).format(
            dwellings=summary.dwellings, households=summary.households,
            landlords=summary.landlords, offices=summary.offices,
            seconds=time.perf_counter() - started, db=db.display_name,
        )
    )
    return 0


def _check(args: argparse.Namespace, target: str) -> int:
    from shelter_app.services.integrity import check_database

    db = open_for_verb(target, upgrade=False)
    problems = check_database(db)
    for problem in problems:
        print(problem)
    if problems:
        return EXIT_PROBLEMS
    print(translate("cli", "{db}: no problems found.").format(db=db.display_name))
    return 0


def _migrate(args: argparse.Namespace, target: str) -> int:
    from shelter_app.data.migrate import current_revision

    db = open_for_verb(target, create=True)
    print(translate("cli", "{db} is at schema {revision}.").format(
        db=db.display_name, revision=current_revision(db)))
    return 0


def _person(args: argparse.Namespace, target: str) -> int:
    """`person export|erase|due`, run as the system actor."""
    from shelter_app.services import privacy
    from shelter_app.services.accounts.auth import SYSTEM

    db = open_for_verb(target)
    if args.person_verb == "export":
        data = privacy.write_person_export(db, SYSTEM, args.kind, args.ref, args.out)
        print(translate("cli", "Wrote {kind} {ref} to {path}; linked records: {records}, "
                               "audit events: {events}.").format(
            kind=privacy.PersonKind(args.kind).label, ref=data["ref"], path=args.out,
            records=sum(len(rows) for rows in data["linked"].values()),
            events=len(data["audit_trail"])))
    elif args.person_verb == "erase":
        done = privacy.pseudonymise_person(db, SYSTEM, args.kind, args.ref, args.reason)
        print(translate("cli", "Pseudonymised {kind} {ref} as \"{name}\"; people: {people}, "
                               "dwellings reindexed: {dwellings}, audit events scrubbed: "
                               "{events}.").format(
            kind=done.kind.label, ref=done.ref, name=done.name, people=done.people,
            dwellings=done.dwellings, events=done.audit_events))
    else:
        due = privacy.due_for_erasure(db, SYSTEM)
        for person in due:
            print(f"{person.kind.value:<9}  {person.ref:<14}  {person.last_activity}  "
                  f"{person.name}")
        if not due:
            print(translate("cli", "No one is due for erasure."))
    return 0


def _backup(args: argparse.Namespace, target: str) -> int:
    from pathlib import Path

    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.services.backup import backup_now, export_archive

    db = open_for_verb(target, upgrade=False)
    if args.out:
        result = export_archive(db, SYSTEM, Path(args.out))
    else:
        result = backup_now(db, SYSTEM)
    if result.skipped:
        message = translate("cli", "Nothing changed since the backup {path}; no new snapshot "
                                   "({seconds:.2f} s).")
    else:
        message = translate("cli", "Wrote {path} ({size:.1f} MB, {photos} photos copied) in "
                                   "{seconds:.1f} s.")
    print(message.format(path=result.path, size=result.path.stat().st_size / 1e6,
                         photos=result.photos_copied, seconds=result.seconds))
    for removed in result.removed:
        print(translate("cli", "Removed the old snapshot {path}.").format(path=removed))
    return 0


def _restore(args: argparse.Namespace, target: str) -> int:
    from pathlib import Path

    from shelter_app.data.engine import target_url
    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.services.backup import restore_file

    url = target_url(target)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise UserError(translate("cli", "restore replaces a SQLite database file; {db} is not "
                                         "one.").format(db=url.render_as_string()))
    result = restore_file(Path(args.file), Path(url.database), SYSTEM)
    print(translate("cli", "Restored {target} from {source} (backup made {created}).").format(
        target=result.target, source=result.source,
        created=result.manifest.created_at.strftime("%Y-%m-%d %H:%M UTC")))
    if result.kept is not None:
        print(translate("cli", "The replaced database was kept as {path}.").format(
            path=result.kept))
    return 0


def _print(args: argparse.Namespace, target: str) -> int:
    from pathlib import Path

    from shelter_app.services.accounts.auth import SYSTEM

    db = open_for_verb(target)
    out = Path(args.out)
    if args.document == "boq":
        from shelter_app.services.boq.output import print_boq

        document = print_boq(db, SYSTEM, args.ref, out, english=args.english,
                             thumbnails=args.photos)
        print(translate("cli", "Wrote {number} ({lines} lines) to {path}.").format(
            number=document.number, lines=len(document.lines), path=out))
    elif args.document == "timesheet":
        from shelter_app.services.labour.output import print_timesheet

        sheet = print_timesheet(db, SYSTEM, args.ref, out)
        print(translate("cli", "Wrote {number} ({workers} workers, {entries} entries) to "
                               "{path}.").format(number=sheet.number, workers=len(sheet.workers),
                                                 entries=len(sheet.entries), path=out))
    elif args.document in ("contract", "contracts"):
        return _print_contracts(args, db, out)
    return 0


def _print_contracts(args: argparse.Namespace, db: "Database", out: "Path") -> int:
    """Contracts carry ID numbers and IBANs: printed with an engineer's rights, unscoped."""
    from dataclasses import replace

    from shelter_app.domain.stages import Role
    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.services.agreements.output import print_contract, print_contracts

    actor = replace(SYSTEM, role=Role.ENGINEER)
    if args.document == "contract":
        document = print_contract(db, actor, args.ref, out, args.lang)
        print(translate("cli", "Wrote {number} ({languages}) to {path}.").format(
            number=document.number, languages=document.languages, path=out))
        return 0

    def progress(done: int, total: int, number: str) -> None:
        print(f"{done}/{total} {number}", file=sys.stderr, flush=True)

    status = AgreementStatus(args.status) if args.status else None
    result = print_contracts(db, actor, out, status=status, languages=args.lang,
                             progress=progress)
    for number, problem in result.failed:
        print(f"{number}: {problem}", file=sys.stderr)
    print(translate("cli", "Wrote {count} contracts to {path}; {failed} could not be printed."
                    ).format(count=len(result.written), path=out, failed=len(result.failed)))
    return EXIT_PROBLEMS if result.failed else 0


def _export(args: argparse.Namespace, target: str) -> int:
    """`export payments`: every payment batch of the month, in one file, as the system."""
    from pathlib import Path

    from shelter_app.domain.money import format_money_tr
    from shelter_app.services.labour import payments
    from shelter_app.services.accounts.auth import SYSTEM

    db = open_for_verb(target)
    batches = payments.period_batches(db, SYSTEM, args.period)
    if not batches:
        waiting, _ = payments.pending_days(db, SYSTEM, args.period)
        raise UserError(translate("cli", "No payment batch has been built for {period} "
                                         "({count} approved timesheets wait); a supervisor "
                                         "builds it in the Cash-for-work screen.").format(
            period=args.period, count=waiting))
    out = Path(args.out)
    document = payments.export_payments(db, SYSTEM, batches, out, fmt=args.format,
                                        method=args.method)
    print(translate("cli", "Wrote {lines} payment lines of {batches} batches, total {total}, "
                           "to {path}.").format(lines=len(document.lines), batches=len(batches),
                                                total=format_money_tr(document.total), path=out))
    return 0


def _import_photos(args: argparse.Namespace, target: str) -> int:
    """One line per file; exits 1 when any file was refused. The command line does case work
    as the system with an engineer's rights; the audit trail records "system"."""
    from dataclasses import replace

    from shelter_app.domain.stages import Role
    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.services.photos.photos import Status, expand_paths, import_photos

    db = open_for_verb(target)
    outcomes = import_photos(db, replace(SYSTEM, role=Role.ENGINEER), args.ref,
                             expand_paths(args.files), tag=args.tag)
    for outcome in outcomes:
        line = f"{outcome.status.label}: {outcome.path}"
        if outcome.message:
            line += f": {outcome.message}"
        for warning in outcome.warnings:
            line += " " + translate("cli", "(warning: {warning})").format(warning=warning)
        print(line)
    counts = {status.value: sum(o.status is status for o in outcomes) for status in Status}
    print(translate("cli", "{imported} imported, {duplicate} duplicates, {refused} refused, "
                           "{skipped} not imported.").format(**counts), file=sys.stderr)
    return EXIT_PROBLEMS if counts[Status.REFUSED.value] else 0


_VERBS = {"demo": _demo, "list": listing.run, "check": _check, "migrate": _migrate,
          "person": _person, "backup": _backup, "restore": _restore,
          "import-photos": _import_photos, "print": _print, "export": _export,
          "import": imports.run}
