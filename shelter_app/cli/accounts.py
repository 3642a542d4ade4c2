"""`shelter-app office …` and `shelter-app user …`: set up a programme from the console.

    office add CODE --name NAME --province PROVINCE     office list [--format]
    office rename CODE --name NAME                      office close CODE / office reopen CODE
    office budget CODE AMOUNT (TL; "" clears it)
    user add USERNAME --name NAME --role ROLE [--office CODE] [--password-stdin]
    user list [--format]                                user set USERNAME [--role] [--office]
    user reset-password USERNAME [--password-stdin]     user unlock USERNAME
    user deactivate USERNAME / user reactivate USERNAME

They run as the system actor, the machine's administrator at the console, like the other
verbs; the services' rules still hold (the last administrator stays, passwords follow the
rules). On a database without users, `user add --role admin` creates the first administrator,
who keeps the password typed here; everyone else gets a temporary password that they change
at their first sign-in. A password is typed twice without echo, or read as one line from
standard input with --password-stdin (for scripts). Bad input is one line on stderr, exit 2.
"""

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from shelter_app.cli.database import open_for_verb
from shelter_app.cli.formats import FORMATS, write_rows
from shelter_app.cli.verbs import Run, Subparsers
from shelter_app.domain.errors import UserError, ValidationError
from shelter_app.domain.i18n import money_text, translate
from shelter_app.domain.stages import Role

if TYPE_CHECKING:
    from shelter_app.services.accounts.auth import UserRow
    from shelter_app.services.accounts.offices import OfficeRow

OFFICE_COLUMNS = ("code", "name", "province", "closed")
USER_COLUMNS = ("username", "full_name", "role", "office", "active", "locked",
                "must_change_password")
ROLES = [role.value for role in Role]


def add_parsers(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    _office_parser(verbs, common)
    _user_parser(verbs, common)


def _office_parser(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    office = verbs.add_parser("office", parents=[common],
                              help=translate("cli", "add, list, rename, close offices"))
    actions = office.add_subparsers(dest="office_verb", metavar="ACTION", required=True)
    code_help = translate("cli", "the office code: 3 letters, e.g. GAZ")
    add = actions.add_parser("add", parents=[common], help=translate("cli", "add an office"))
    add.add_argument("code", metavar="CODE", help=code_help)
    add.add_argument("--name", required=True, help=translate("cli", "the office's name"))
    add.add_argument("--province", required=True, help=translate(
        "cli", "its province, one of the 81 of Türkiye (e.g. Gaziantep)"))
    listing = actions.add_parser("list", parents=[common],
                                 help=translate("cli", "list the offices, closed ones too"))
    listing.add_argument("--format", choices=FORMATS, default="table")
    rename = actions.add_parser("rename", parents=[common],
                                help=translate("cli", "give an office a new name"))
    rename.add_argument("code", metavar="CODE", help=code_help)
    rename.add_argument("--name", required=True, help=translate("cli", "the new name"))
    budget = actions.add_parser("budget", parents=[common], help=translate(
        "cli", "set an office's budget, which reports weigh its spending against"))
    budget.add_argument("code", metavar="CODE", help=code_help)
    budget.add_argument("amount", metavar="AMOUNT", help=translate(
        "cli", "the budget in TL, e.g. 2500000 or 2.500.000,00; empty to clear it"))
    for verb, text in (("close", translate("cli", "close an office: it keeps its records and "
                                                  "takes no new cases")),
                       ("reopen", translate("cli", "reopen a closed office"))):
        actions.add_parser(verb, parents=[common], help=text).add_argument(
            "code", metavar="CODE", help=code_help)


def _user_parser(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    user = verbs.add_parser("user", parents=[common], help=translate(
        "cli", "add, list and change user accounts"))
    actions = user.add_subparsers(dest="user_verb", metavar="ACTION", required=True)
    name_help = translate("cli", "the user name, e.g. ayse.kaya")
    stdin_help = translate("cli", "read the password as one line from standard input instead "
                                  "of typing it twice")
    add = actions.add_parser("add", parents=[common], help=translate(
        "cli", "add a user (on an empty database: the first administrator)"))
    add.add_argument("username", metavar="USERNAME", help=name_help)
    add.add_argument("--name", required=True, help=translate("cli", "the person's full name"))
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--office", metavar="CODE", help=translate(
        "cli", "their office (engineers and supervisors need one)"))
    add.add_argument("--password-stdin", action="store_true", help=stdin_help)
    listing = actions.add_parser("list", parents=[common], help=translate("cli", "list users"))
    listing.add_argument("--format", choices=FORMATS, default="table")
    reset = actions.add_parser("reset-password", parents=[common], help=translate(
        "cli", "give a user a temporary password, to change at their next sign-in"))
    reset.add_argument("username", metavar="USERNAME", help=name_help)
    reset.add_argument("--password-stdin", action="store_true", help=stdin_help)
    for verb, text in (
            ("deactivate", translate("cli", "stop a user from signing in (records stay)")),
            ("reactivate", translate("cli", "let a deactivated user sign in again")),
            ("unlock", translate("cli", "end a lock-out after failed sign-ins"))):
        actions.add_parser(verb, parents=[common], help=text).add_argument(
            "username", metavar="USERNAME", help=name_help)
    change = actions.add_parser("set", parents=[common], help=translate(
        "cli", "change a user's role, office or name"))
    change.add_argument("username", metavar="USERNAME", help=name_help)
    change.add_argument("--role", choices=ROLES)
    office = change.add_mutually_exclusive_group()
    office.add_argument("--office", metavar="CODE", help=translate("cli", "their new office"))
    office.add_argument("--no-office", action="store_true", help=translate(
        "cli", "take the office away (administrators only)"))
    change.add_argument("--name", help=translate("cli", "their full name"))


# --- offices -----------------------------------------------------------------------------------


def run_office(args: argparse.Namespace, target: str) -> int:
    from shelter_app.services.accounts import offices
    from shelter_app.services.accounts.auth import SYSTEM

    db = open_for_verb(target)
    verb = args.office_verb
    if verb == "list":
        rows = offices.list_offices(db, SYSTEM)
        write_rows(OFFICE_COLUMNS, [_office_values(row) for row in rows], args.format, _label)
        return 0
    if verb == "add":
        row = offices.add_office(db, SYSTEM, args.code, args.name, args.province)
        done = translate("cli", "Added office {code}: {name}, {province}.")
    elif verb == "rename":
        row = offices.rename_office(db, SYSTEM, args.code, args.name)
        done = translate("cli", "Office {code} is now called {name}.")
    elif verb == "budget":
        row = offices.set_office_budget(db, SYSTEM, args.code, args.amount)
        done = (translate("cli", "Office {code} ({name}) has no budget set now.")
                if row.budget is None else
                translate("cli", "The budget of office {code} ({name}) is now {budget}."))
        print(done.format(code=row.code, name=row.name,
                          budget=money_text(row.budget) if row.budget is not None else ""))
        return 0
    elif verb == "close":
        row = offices.close_office(db, SYSTEM, args.code)
        done = translate("cli", "Closed office {code} ({name}): its records stay; it takes no "
                                "new cases.")
    else:
        row = offices.reopen_office(db, SYSTEM, args.code)
        done = translate("cli", "Reopened office {code} ({name}).")
    print(done.format(code=row.code, name=row.name, province=row.province))
    return 0


def _office_values(row: "OfficeRow") -> list[Any]:
    return [row.code, row.name, row.province, row.closed]


# --- users -------------------------------------------------------------------------------------


def run_user(args: argparse.Namespace, target: str) -> int:
    from shelter_app.services.accounts import auth, users
    from shelter_app.services.accounts.auth import SYSTEM

    verb = args.user_verb
    if verb == "set" and args.role is None and args.office is None and not args.no_office \
            and args.name is None:
        raise UserError(translate("cli", "Nothing to change: give --role, --office, "
                                         "--no-office or --name."))
    db = open_for_verb(target)
    if verb == "list":
        rows = auth.list_users(db, SYSTEM)
        write_rows(USER_COLUMNS, [[getattr(row, column) for column in USER_COLUMNS]
                                  for row in rows], args.format, _label)
        return 0
    if verb == "add":
        return _add_user(db, args)
    if verb == "reset-password":
        password, repeat = _password(args, translate("cli", "Temporary password for {name}: "
                                                      ).format(name=args.username))
        row = users.reset_password(db, SYSTEM, args.username, password, repeat)
        print(translate("cli", "{name} has a new password and must change it at the next "
                               "sign-in.").format(name=row.username))
        return 0
    actions: dict[str, tuple[Callable[..., UserRow], str]] = {
        "deactivate": (users.deactivate_user,
                       translate("cli", "{name} is deactivated and can no longer sign in.")),
        "reactivate": (users.reactivate_user,
                       translate("cli", "{name} is active again and can sign in.")),
        "unlock": (users.unlock_user, translate("cli", "{name} is unlocked.")),
    }
    if verb in actions:
        action, done = actions[verb]
        row = action(db, SYSTEM, args.username)
        print(done.format(name=row.username))
        return 0
    office = None if args.no_office else (args.office if args.office is not None else users.KEEP)
    row = users.update_user(db, SYSTEM, args.username, role=args.role, office_code=office,
                            full_name=args.name)
    print(_user_line(row))
    return 0


def _add_user(db: Any, args: argparse.Namespace) -> int:
    from shelter_app.domain.credentials import clean_username
    from shelter_app.services.accounts import auth
    from shelter_app.services.accounts.auth import SYSTEM

    username = clean_username(args.username)  # refused before a password is asked for
    if not args.name.strip():
        raise ValidationError(translate("auth", "Enter the full name."), field="full_name")
    role = Role(args.role)
    first_admin = role is Role.ADMIN and not args.office and not auth.has_users(db)
    prompt = (translate("cli", "Password for {name}: ") if first_admin
              else translate("cli", "Temporary password for {name}: ")).format(name=username)
    password, repeat = _password(args, prompt)
    if first_admin:
        auth.create_first_admin(db, username, args.name, password,
                                password if repeat is None else repeat)
        print(translate("cli", "Added {name}, the first administrator: sign in with this "
                               "password.").format(name=username))
        return 0
    if repeat is not None and repeat != password:
        raise ValidationError(translate("auth", "The two passwords differ; type the same "
                                                "password twice."), field="repeat")
    auth.create_user(db, SYSTEM, username=username, full_name=args.name, role=role,
                     office_code=args.office, password=password)
    print(translate("cli", "Added {name} ({role}{office}); they choose their own password at "
                           "the first sign-in.").format(
        name=username, role=role.label, office=f", {args.office.strip().upper()}"
        if args.office else ""))
    return 0


def _password(args: argparse.Namespace, prompt: str) -> tuple[str, str | None]:
    """The password, and its repetition when typed (None when read from standard input)."""
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.removesuffix("\n").removesuffix("\r"), None
    if not sys.stdin.isatty():
        raise UserError(translate("cli", "No terminal to type the password in: pass "
                                         "--password-stdin and give the password as one line "
                                         "on standard input."))
    password = getpass.getpass(prompt)
    return password, getpass.getpass(translate("cli", "The same password again: "))


def _user_line(row: "UserRow") -> str:
    return translate("cli", "{name}: {role}, office {office}, {full_name}.").format(
        name=row.username, role=row.role.label, office=row.office or "\u2014",
        full_name=row.full_name)


def _label(value: Any) -> str:
    if isinstance(value, bool):
        return translate("cli", "yes") if value else translate("cli", "no")
    if isinstance(value, Role):
        return value.label
    return "" if value is None else str(value)


VERBS: dict[str, Run] = {"office": run_office, "user": run_user}
