"""`shelter-app report [--office CODE] [--from YYYY-MM-DD --to YYYY-MM-DD] --out FILE.xlsx|.pdf`:
the programme at a glance (the Reports page's figures) for donors and programme meetings, made
by services.reports as the system actor. Bad input is one line on stderr, exit 2."""

import argparse
from datetime import date
from pathlib import Path

from shelter_app.cli.database import open_for_verb
from shelter_app.cli.verbs import Run, Subparsers
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate


def add_parsers(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    report = verbs.add_parser("report", parents=[common], help=translate(
        "cli", "the programme report (cases, money, cash-for-work, agreements, people "
               "reached) as XLSX or PDF"))
    report.add_argument("--office", metavar="CODE", help=translate(
        "cli", "one office only (default: every office)"))
    report.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help=translate(
        "cli", "the period's first day (default: the programme's start)"))
    report.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help=translate(
        "cli", "the period's last day (default: no end)"))
    report.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.pdf",
                        help=translate("cli", "the file to write; its extension picks the "
                                              "format"))


def _day(raw: str | None, option: str) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationError(translate("cli", "{option} takes a day written YYYY-MM-DD, e.g. "
                                               "2026-11-30; '{raw}' is not one.").format(
            option=option, raw=raw), field=option) from None


def run_report(args: argparse.Namespace, target: str) -> int:
    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.services.reports.output import save_report
    from shelter_app.ui.language import console_language, console_paper_notation

    first, last = _day(args.first, "--from"), _day(args.last, "--to")
    out = Path(args.out)
    with console_paper_notation():
        report = save_report(open_for_verb(target), SYSTEM, out, office=args.office,
                             first=first, last=last, language=console_language())
    print(translate("cli", "Wrote the programme report ({cases} in {offices}) to {path}.").format(
        cases=translate("cli", "%n cases", "", report.cases),
        offices=translate("cli", "%n offices", "", len(report.offices)), path=out))
    return 0


VERBS: dict[str, Run] = {"report": run_report}
