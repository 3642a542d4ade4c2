"""`person export|erase|due`: one person's data under KVKK, handled as the system actor."""

import argparse

from shelter_app.cli.database import open_for_verb
from shelter_app.cli.verbs import Run, Subparsers
from shelter_app.domain.i18n import translate

PERSON_KINDS = ["household", "landlord", "worker"]
# services.privacy.erasure.ErasureReason's values (the parser is built before services are imported)
ERASURE_REASONS = ["retention_ended", "person_asked", "consent_withdrawn", "not_needed", "other"]


def add_parsers(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
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
    erase.add_argument("--reason", required=True, metavar="|".join(ERASURE_REASONS),
                       help=translate("cli", "why, for the audit trail"))
    erase.add_argument("--note", default="", help=translate(
        "cli", "a short note beside the reason (needed with `other`); the person's name and "
               "numbers are removed from it"))
    actions.add_parser("due", parents=[common], help=translate(
        "cli", "list people whose retention period has ended"))


def _person(args: argparse.Namespace, target: str) -> int:
    """`person export|erase|due`, run as the system actor."""
    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.services.privacy.erasure import pseudonymise_person
    from shelter_app.services.privacy.export import write_person_export
    from shelter_app.services.privacy.people import PersonKind
    from shelter_app.services.privacy.retention import due_for_erasure

    db = open_for_verb(target)
    if args.person_verb == "export":
        data = write_person_export(db, SYSTEM, args.kind, args.ref, args.out)
        print(translate("cli", "Wrote {kind} {ref} to {path}; linked records: {records}, "
                               "audit events: {events}.").format(
            kind=PersonKind(args.kind).label, ref=data["ref"], path=args.out,
            records=sum(len(rows) for rows in data["linked"].values()),
            events=len(data["audit_trail"])))
    elif args.person_verb == "erase":
        done = pseudonymise_person(db, SYSTEM, args.kind, args.ref, args.reason, args.note)
        print(translate("cli", "Pseudonymised {kind} {ref} as \"{name}\"; people: {people}, "
                               "dwellings reindexed: {dwellings}, audit events scrubbed: "
                               "{events}.").format(
            kind=done.kind.label, ref=done.ref, name=done.name, people=done.people,
            dwellings=done.dwellings, events=done.audit_events))
    else:
        due = due_for_erasure(db, SYSTEM)
        for person in due:
            print(f"{person.kind.value:<9}  {person.ref:<14}  {person.last_activity}  "
                  f"{person.name}")
        if not due:
            print(translate("cli", "No one is due for erasure."))
    return 0


VERBS: dict[str, Run] = {"person": _person}
