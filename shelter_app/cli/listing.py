"""`shelter-app list KIND [--filter WORDS] [--format table|csv|json]`: records for scripts.

Each kind is its service's own list, read as the system like the other verbs: every office,
ID numbers and IBANs masked as an administrator sees them. The first column is the reference a
person reads (GAZ-D-000123, GAZ-2026-0042, GAZ-D-000123-B1, GAZ-D-000123-T01, a user name, an
office code); the columns are the same in every format and their names are the JSON keys.
"""

import argparse
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shelter_app.cli.database import open_for_verb
from shelter_app.cli.formats import FORMATS, text, write_rows
from shelter_app.cli.verbs import Run, Subparsers
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.numbers import separators
from shelter_app.domain.units import days_text

if TYPE_CHECKING:
    from shelter_app.data.engine import Database

COLUMNS: dict[str, tuple[str, ...]] = {
    "dwellings": ("ref", "stage", "province", "district", "household", "landlord"),
    "households": ("ref", "head_name", "id_number", "nationality", "protection_status", "size",
                   "office"),
    "landlords": ("ref", "kind", "name", "id_number", "iban", "dwellings"),
    "agreements": ("number", "status", "dwelling_ref", "household", "landlord", "start_date",
                   "end_date", "monthly_rent"),
    "boqs": ("ref", "status", "revision", "dwelling_ref", "household", "province", "gross",
             "updated_at"),
    "timesheets": ("ref", "status", "site_ref", "household", "period_start", "period_end",
                   "days", "workers", "batch_ref"),
    "workers": ("ref", "full_name", "household_ref", "id_number", "birth_date",
                "payment_method", "iban", "skills"),
    "payments": ("ref", "period", "status", "total", "timesheets", "created_at", "paid_at"),
    "users": ("username", "full_name", "role", "office", "active", "locked"),
    "offices": ("code", "name", "province"),
}
KINDS = tuple(COLUMNS)
UNFILTERED = ("payments", "users", "offices")  # short lists; payments take --period instead


def add_parsers(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    listing = verbs.add_parser("list", parents=[common], help=translate("cli", "list records"))
    listing.add_argument("what", choices=KINDS)
    listing.add_argument("--filter", default="", metavar="WORDS", help=translate(
        "cli", "words to search for (not for payments, users or offices)"))
    listing.add_argument("--period", metavar="YYYY-MM", help=translate(
        "cli", "payments: only the batches of this month"))
    listing.add_argument("--format", choices=FORMATS, default="table")


def _list(args: argparse.Namespace, target: str) -> int:
    kind = args.what
    if args.filter.strip() and kind in UNFILTERED:
        raise UserError(_not_for("--filter", kind))
    if args.period is not None and kind != "payments":
        raise UserError(_not_for("--period", kind))
    records = _records(open_for_verb(target), kind, args.filter, args.period)
    columns = COLUMNS[kind]
    write_rows(columns, [[getattr(record, column) for column in columns] for record in records],
               args.format, _label(), {"days": _days})
    return 0


def _days(value: Decimal) -> str:
    """Days worked as everywhere else (domain.units), in the notation of the console's
    language as `report` writes its numbers: "12,5" in Turkish, "12.5" in English."""
    from shelter_app.ui.language import console_language

    return days_text(value, *separators(console_language()))


def _not_for(option: str, kind: str) -> str:
    return translate("cli", "{option} does not apply to list {kind}.").format(option=option,
                                                                             kind=kind)


def _records(db: "Database", kind: str, words: str, period: str | None) -> list[Any]:
    """The rows of `kind`'s list, every one (no page limit), from its service."""
    from shelter_app.services.accounts import auth, offices
    from shelter_app.services.agreements import landlords
    from shelter_app.services.agreements import lookup as agreement_lookup
    from shelter_app.services.boq import lookup as boq_lookup
    from shelter_app.services.cases import dwellings, households
    from shelter_app.services.labour import payments, timesheets, workers

    actor = auth.SYSTEM
    lists: dict[str, Callable[[], list[Any]]] = {
        "dwellings": lambda: dwellings.search_dwellings(db, words, limit=None),
        "households": lambda: households.list_households(db, actor, words, limit=None),
        "landlords": lambda: landlords.list_landlords(db, actor, words, limit=None),
        "agreements": lambda: agreement_lookup.list_agreements(db, actor, words, limit=None),
        "boqs": lambda: boq_lookup.list_boqs(db, actor, words, limit=None),
        "timesheets": lambda: timesheets.list_timesheets(db, actor, text=words, limit=None),
        "workers": lambda: workers.list_workers(db, actor, words, limit=None),
        "payments": lambda: payments.list_batches(db, actor, period, limit=None),
        "users": lambda: auth.list_users(db, actor),
        "offices": lambda: offices.list_offices(db, actor),
    }
    return lists[kind]()


def _label() -> Callable[[Any], str]:
    """How the table shows a value: a status or kind by its label in the interface language,
    yes/no, the rest as in CSV."""
    from shelter_app.domain.lease import status_label as agreement_status
    from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, BatchStatus
    from shelter_app.services.boq.boq import status_label as approval_status
    from shelter_app.services.labour.payments import batch_status_label

    by_type: dict[type, Callable[[Any], str]] = {
        ApprovalStatus: approval_status, AgreementStatus: agreement_status,
        BatchStatus: batch_status_label,
        bool: lambda value: translate("cli", "yes") if value else translate("cli", "no"),
    }

    def label(value: Any) -> str:
        shown = by_type.get(type(value))
        if shown is not None:
            return shown(value)
        own = getattr(type(value), "label", None)
        return value.label if isinstance(own, property) else text(value)

    return label


VERBS: dict[str, Run] = {"list": _list}
