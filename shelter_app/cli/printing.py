"""Documents and files for others: `print boq|timesheet|contract|contracts REF --out FILE` and
`export payments --period YYYY-MM --out FILE`, each made by its service as the system actor."""

import argparse
import sys
from typing import TYPE_CHECKING

from shelter_app.cli.database import open_for_verb
from shelter_app.cli.verbs import EXIT_PROBLEMS, Run, Subparsers
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.lease import LANGUAGE_PAIRS
from shelter_app.domain.stages import AgreementStatus

if TYPE_CHECKING:
    from pathlib import Path

    from shelter_app.data.engine import Database


def add_parsers(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    _print_parser(verbs, common)
    _export_parser(verbs, common)


def _print_parser(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    """`print boq|timesheet|contract REF --out FILE.pdf` and `print contracts --out DIR`, each
    printed by its area's service as the system actor."""
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
                     help=translate("cli", "the dwelling's photos by what they show (each kind "
                                           "of work, water and sanitation, electricity, "
                                           "heating), before beside after, on pages of their "
                                           "own"))
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


def _export_parser(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
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


def _print(args: argparse.Namespace, target: str) -> int:
    from pathlib import Path

    from shelter_app.services.accounts.auth import SYSTEM

    db = open_for_verb(target)
    out = Path(args.out)
    if args.document == "boq":
        from shelter_app.services.boq.output import print_boq

        document = print_boq(db, SYSTEM, args.ref, out, english=args.english,
                             photos=args.photos)
        print(translate("cli", "Wrote {number} (%n lines) to {path}.", "",
                        len(document.lines)).format(number=document.number, path=out))
    elif args.document == "timesheet":
        from shelter_app.services.labour.output import print_timesheet

        sheet = print_timesheet(db, SYSTEM, args.ref, out)
        print(translate("cli", "Wrote {number} ({workers}, {entries}) to {path}.").format(
            number=sheet.number, workers=translate("cli", "%n workers", "", len(sheet.workers)),
            entries=translate("cli", "%n entries", "", len(sheet.entries)), path=out))
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
    print(translate("cli", "Wrote {contracts} to {path}; %n could not be printed.", "",
                    len(result.failed)).format(
        contracts=translate("cli", "%n contracts", "", len(result.written)), path=out))
    return EXIT_PROBLEMS if result.failed else 0


def _export(args: argparse.Namespace, target: str) -> int:
    """`export payments`: every payment batch of the month, in one file, as the system."""
    from pathlib import Path

    from shelter_app.domain.i18n import format_money_tr
    from shelter_app.services.labour import payments
    from shelter_app.services.accounts.auth import SYSTEM

    db = open_for_verb(target)
    batches = payments.period_batches(db, SYSTEM, args.period)
    if not batches:
        waiting, _ = payments.pending_days(db, SYSTEM, args.period)
        raise UserError(translate("cli", "No payment batch has been built for {period} "
                                         "(%n approved timesheets wait); a supervisor builds it "
                                         "in the Cash-for-work screen.", "", waiting).format(
            period=args.period))
    out = Path(args.out)
    document = payments.export_payments(db, SYSTEM, batches, out, fmt=args.format,
                                        method=args.method)
    print(translate("cli", "Wrote {lines} of {batches}, total {total}, to {path}.").format(
        lines=translate("cli", "%n payment lines", "", len(document.lines)),
        batches=translate("cli", "%n batches", "", len(batches)),
        total=format_money_tr(document.total), path=out))
    return 0


VERBS: dict[str, Run] = {"print": _print, "export": _export}
