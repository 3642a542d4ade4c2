"""The command line: the GUI by default, plus batch verbs that reuse the services.

This module holds what every verb shares: the common `--db` option, the parser, `main()` and
its handling of user errors, Ctrl-C and a reader that has gone. The verbs live in one module
per group, each offering `add_parsers(verbs, common)` and `VERBS` (shelter_app.cli.verbs).

User errors print one line on stderr and exit 2; they never show a traceback.
"""

import argparse
import io
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from shelter_app import __version__
from shelter_app.cli.verbs import EXIT_PROBLEMS, EXIT_USER_ERROR
from shelter_app.config import DB_ENV, database_target, paths
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.logs import configure_logging

PROG = "shelter-app"


def _groups() -> tuple[ModuleType, ...]:
    """The verb groups, in the order `--help` lists their verbs; imported only for a verb or
    `--help` (the GUI's start does without them)."""
    from shelter_app.cli import (accounts, imports, listing, maintenance, people, photos,
                                 printing, report, sync)

    return maintenance, accounts, listing, people, photos, printing, report, imports, sync


def _gui_database(argv: Sequence[str]) -> tuple[bool, str | None]:
    """Whether `argv` only starts the GUI (no verb, no --help or --version), with its --db."""
    match list(argv):
        case []:
            return True, None
        case ["--db", db] if not db.startswith("-"):
            return True, db
        case [option] if option.startswith("--db="):
            return True, option.removeprefix("--db=")
    return False, None


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
    for group in _groups():
        group.add_parsers(verbs, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from shelter_app.ui.language import install_console_language

    install_console_language()  # before the parser: its help texts are translated
    gui, db = _gui_database(sys.argv[1:] if argv is None else argv)
    args = None if gui else _parser().parse_args(argv)
    target = database_target(db if args is None else getattr(args, "db", None))
    configure_logging(paths().logs)
    if args is None or args.verb is None:
        from shelter_app.ui.app import run_gui

        return run_gui(target)
    from shelter_app.cli.checks import check_arguments
    from shelter_app.cli.database import dispose_opened

    verbs = {verb: run for group in _groups() for verb, run in group.VERBS.items()}
    try:
        check_arguments(args)
        code = verbs[args.verb](args, target)
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
