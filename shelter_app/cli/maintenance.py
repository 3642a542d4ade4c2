"""The database's own verbs: `demo`, `check`, `migrate`, `backup`, `restore` and `encrypt`."""

import argparse
import os
import sys
import time
from typing import TYPE_CHECKING

from shelter_app.cli.database import RECOVERY_ENV, database_key, open_for_verb
from shelter_app.cli.verbs import EXIT_PROBLEMS, Run, Subparsers
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

if TYPE_CHECKING:
    from shelter_app.demo.programme import DemoSummary


def add_parsers(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    demo = verbs.add_parser("demo", parents=[common], help=translate("cli", "fill an empty "
                                                                            "database with demo data"))
    demo.add_argument("--size", type=int, default=120, help=translate("cli", "number of dwellings"))
    demo.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    demo.add_argument("--if-empty", action="store_true",
                      help=translate("cli", "do nothing when the database already has data"))
    demo.add_argument("--photos", action="store_true",
                      help=translate("cli", "add before/after photos to a few dwellings"))
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
    verbs.add_parser("encrypt", parents=[common],
                     help=translate("cli", "encrypt a database from before encryption (the GUI "
                                           "does it at its first start) and print its recovery "
                                           "key once"))


def _demo(args: argparse.Namespace, target: str) -> int:
    from shelter_app.demo import programme as demo

    db = open_for_verb(target, create=True)
    if args.if_empty and demo.dwelling_count(db):
        return 0
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(translate("cli", "{done}/%n dwellings", "", total).format(done=done),
              file=sys.stderr)

    summary = demo.create_demo(db, args.size, seed=args.seed,
                               progress=progress if args.size >= 20_000 else None,
                               photos=args.photos)
    print(created_text(summary, time.perf_counter() - started, db.display_name))
    return 0


def created_text(summary: "DemoSummary", seconds: float, db: str) -> str:
    """What the demo made, each count in its own plural form. (The placeholders are not named
    "households", "landlords": tests/test_glossary.py reads a source naming a term as using it.)"""
    return translate("cli", "Created {dwellings}, {families} and {lessors} in {offices} in "
                            "{seconds:.1f} s ({db}).").format(
        dwellings=translate("cli", "%n dwellings", "", summary.dwellings),
        families=translate("cli", "%n households", "", summary.households),
        lessors=translate("cli", "%n landlords", "", summary.landlords),
        offices=translate("cli", "%n offices", "", summary.offices), seconds=seconds, db=db)


def _check(args: argparse.Namespace, target: str) -> int:
    from shelter_app.services.integrity import check_database
    from shelter_app.services.rule_breaches import rule_breaches

    db = open_for_verb(target, upgrade=False)
    problems = check_database(db)
    for problem in problems:
        print(problem)
    breaches = rule_breaches(db)
    if breaches:  # older records against a case rule: listed for a person, not changed
        print(translate("cli", "Records that break a case rule (left as they are):"))
        for breach in breaches:
            print(f"  {breach}")
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
        message = translate("cli", "Wrote {path} ({size:.1f} MB, {photos}) in {seconds:.1f} s.")
    print(message.format(path=result.path, size=result.path.stat().st_size / 1e6,
                         photos=translate("cli", "%n photos copied", "", result.photos_copied),
                         seconds=result.seconds))
    for removed in result.removed:
        print(translate("cli", "Removed the old snapshot {path}.").format(path=removed))
    return 0


def _restore(args: argparse.Namespace, target: str) -> int:
    from pathlib import Path

    from shelter_app.data.engine import target_url
    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.services.backup import restore_file
    from shelter_app.services.encryption import WrongSecret

    url = target_url(target)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise UserError(translate("cli", "restore replaces a SQLite database file; {db} is not "
                                         "one.").format(db=url.render_as_string()))
    recovery = os.environ.get(RECOVERY_ENV)
    try:
        key = database_key(target)
    except WrongSecret:
        if not recovery:
            raise
        key = None  # another laptop's recovery key: the archive carries that laptop's key file
    result = restore_file(Path(args.file), Path(url.database), SYSTEM, key, recovery)
    print(translate("cli", "Restored {target} from {source} (backup made {created}).").format(
        target=result.target, source=result.source,
        created=result.manifest.created_at.strftime("%Y-%m-%d %H:%M UTC")))
    if result.kept is not None:
        print(translate("cli", "The replaced database was kept as {path}.").format(
            path=result.kept))
    return 0


def _encrypt(args: argparse.Namespace, target: str) -> int:
    from shelter_app.data import database_file
    from shelter_app.data.migrate import open_database
    from shelter_app.services import encryption
    from shelter_app.services.accounts.auth import SYSTEM

    if not database_file.needs_conversion(target):
        raise UserError(translate("cli", "{db} is not a database file from before encryption; "
                                         "nothing was changed.").format(db=target))
    key = encryption.convert(target)
    opened = open_database(target, key=key)
    try:
        recovery = encryption.new_recovery_key(opened, SYSTEM)
    finally:
        opened.dispose()
    print(translate("cli", "Encrypted {db}. Its recovery key, shown only this once: keep it "
                           "locked away from the computer.").format(db=target))
    print(recovery)
    return 0


VERBS: dict[str, Run] = {"demo": _demo, "check": _check, "migrate": _migrate,
                         "backup": _backup, "restore": _restore, "encrypt": _encrypt}
