"""`import-photos REF FILE... [--tag before|during|after]`: photos onto one dwelling, one line
per file; exits 1 when any file was refused."""

import argparse
import sys

from shelter_app.cli.database import open_for_verb
from shelter_app.cli.verbs import EXIT_PROBLEMS, Run, Subparsers
from shelter_app.domain.i18n import translate


def add_parsers(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    photos = verbs.add_parser("import-photos", parents=[common], help=translate(
        "cli", "import photos onto a dwelling; one line per file"))
    photos.add_argument("ref", metavar="REF", help=translate("cli", "the dwelling, e.g. "
                                                                    "GAZ-D-000123"))
    photos.add_argument("files", metavar="FILE", nargs="+",
                        help=translate("cli", "photo files, or folders of photos"))
    photos.add_argument("--tag", choices=["before", "during", "after"], default="before",
                        help=translate("cli", "the stage the photos show (default: before)"))


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
    counts = {status: sum(o.status is status for o in outcomes) for status in Status}
    print(tally_text(counts[Status.IMPORTED], counts[Status.DUPLICATE], counts[Status.REFUSED],
                     counts[Status.SKIPPED]), file=sys.stderr)
    return EXIT_PROBLEMS if counts[Status.REFUSED] else 0


def tally_text(imported: int, duplicates: int, refused: int, skipped: int) -> str:
    """The photos' tally, each count in its own plural form."""
    return translate("cli", "{imported}, {duplicates}, {refused}, {skipped}.").format(
        imported=translate("cli", "%n photos imported", "", imported),
        duplicates=translate("cli", "%n duplicates", "", duplicates),
        refused=translate("cli", "%n photos refused", "", refused),
        skipped=translate("cli", "%n not imported", "", skipped))


VERBS: dict[str, Run] = {"import-photos": _import_photos}
