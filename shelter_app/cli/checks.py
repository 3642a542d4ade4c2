"""Checks of command-line values made before a verb opens anything: the folders output goes
into, and pay periods.

A typo in --out must not leave new folders behind, nor, for `import --report`, commit an import
whose report then cannot be written; so the folder is checked first, and never created.
"""

import argparse
import re
from pathlib import Path

from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

# the options naming a file (or, for `print contracts`, a folder) that a verb writes
OUTPUT_OPTIONS = ("out", "report")
_PERIOD = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


def check_arguments(args: argparse.Namespace) -> None:
    """Refuse, in one line, an output in a folder that does not exist, or a period that is not
    a month written YYYY-MM."""
    for option in OUTPUT_OPTIONS:
        value = getattr(args, option, None)
        if value is not None:
            check_output_folder(Path(value), f"--{option}")
    period = getattr(args, "period", None)
    if period is not None:
        check_period(period)


def check_output_folder(path: Path, option: str) -> None:
    """The folder `path` goes into must exist (a folder `path` itself may be made in it)."""
    folder = path.expanduser().absolute().parent
    if not folder.is_dir():
        raise UserError(translate("cli", "The folder {folder} does not exist; nothing was "
                                         "written. Create it first, or give {option} a path "
                                         "in an existing folder.").format(folder=folder,
                                                                           option=option))


def check_period(raw: str) -> str:
    """A pay period exactly as YYYY-MM ("2026-11"; not "2026-1", "2026-13" or "11.2026")."""
    if not _PERIOD.fullmatch(raw):
        raise UserError(translate("cli", "--period takes a month written YYYY-MM, e.g. 2026-11; "
                                         "'{raw}' is not one.").format(raw=raw))
    return raw
