"""`shelter-app import FILE --kind KIND`: registers from Excel, CSV and Kobo exports.

Prints one line per rejected row and the counts; exits 1 when rows were rejected, 2 on a
user error (an unreadable file, a missing column), like the other verbs.
"""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from shelter_app.cli.database import open_for_verb
from shelter_app.cli.verbs import EXIT_PROBLEMS, Run, Subparsers
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

if TYPE_CHECKING:
    from shelter_app.services.imports.runner import ImportResult

# services.imports.kinds.KINDS, named here so that `--help` does not import SQLAlchemy
KIND_NAMES = ("households", "dwellings", "landlords", "workers", "assessments", "cases")


def add_parsers(verbs: Subparsers, common: argparse.ArgumentParser) -> None:
    parser = verbs.add_parser("import", parents=[common], help=translate(
        "cli", "import households, dwellings, landlords, workers, assessments or whole cases "
               "(a household, its dwelling and landlord per row) from XLSX, CSV or a "
               "KoboToolbox/ODK export"))
    parser.add_argument("file", metavar="FILE", type=Path,
                        help=translate("cli", "the .xlsx or .csv file"))
    parser.add_argument("--kind", required=True, choices=KIND_NAMES,
                        help=translate("cli", "what the rows are"))
    parser.add_argument("--mapping", type=Path, metavar="FILE", help=translate(
        "cli", "a mapping file saved from the import dialog (default: columns matched by "
               "name)"))
    parser.add_argument("--dry-run", action="store_true", help=translate(
        "cli", "check every row and print the counts, but save nothing"))
    parser.add_argument("--report", type=Path, metavar="FILE", help=translate(
        "cli", "write the rows not imported, with the reason, to this .csv or .xlsx file"))
    parser.add_argument("--update", action="store_true", help=translate(
        "cli", "update records already registered (default: skip them)"))
    parser.add_argument("--all-or-nothing", action="store_true", help=translate(
        "cli", "import nothing when any row is rejected"))
    parser.add_argument("--accept-warnings", action="store_true", help=translate(
        "cli", "import rows whose values the form would ask to confirm"))
    parser.add_argument("--supervisor", metavar="USERNAME", help=translate(
        "cli", "a supervisor who confirms the rows whose ID number is on other records "
               "(asked for their password; needs --reason)"))
    parser.add_argument("--reason", default="", help=translate(
        "cli", "why the supervisor confirms those rows (kept in the audit trail)"))
    parser.add_argument("--attachments", type=Path, metavar="DIR", help=translate(
        "cli", "the folder of the export's photos (default: beside the file)"))
    parser.add_argument("--office", metavar="CODE", help=translate(
        "cli", "the office new records belong to, e.g. GAZ (needed with several offices)"))
    parser.add_argument("--scale", choices=("worst-first", "best-first"), help=translate(
        "cli", "the direction of the form's condition scale in numbers: worst-first when its 1 "
               "is the worst state (very poor), best-first when it is the best; needed for a "
               "Kobo/ODK export whose scale is numbers, unless the mapping file maps them"))
    parser.add_argument("--sheet", help=translate(
        "cli", "the workbook's sheet to import (default: the first)"))
    parser.add_argument("--encoding", help=translate(
        "cli", "the CSV's text encoding, e.g. cp1254 or utf-8 (default: detected)"))
    parser.add_argument("--separator", help=translate(
        "cli", "the CSV's separator, e.g. ';' (default: detected)"))


def _import(args: argparse.Namespace, target: str) -> int:
    from dataclasses import replace

    from shelter_app.domain.stages import Role
    from shelter_app.services.accounts.auth import SYSTEM, office_codes
    from shelter_app.services.imports.choices import suggested_values, with_direction
    from shelter_app.services.imports.kinds import kind_named
    from shelter_app.services.imports.mapping import (
        auto_matches,
        load_mapping,
        load_values,
        missing_fields,
        shared_columns,
    )
    from shelter_app.services.imports.report import write_report
    from shelter_app.services.imports.runner import (
        Options,
        Status,
        photo_status,
        run_import,
    )
    from shelter_app.services.imports.opening import read_source

    source = read_source(args.file, encoding=args.encoding, separator=args.separator)
    if args.sheet:
        source = source.with_main(args.sheet)
    for notice in source.notices:
        print(notice, file=sys.stderr)
    kind = kind_named(args.kind)
    headers = source.main.headers
    matches = auto_matches(kind, headers)
    mapping = (load_mapping(args.mapping, kind, headers) if args.mapping
               else {key: match.header for key, match in matches.items()})
    values = suggested_values(kind, source.main, mapping,
                              load_values(args.mapping, kind) if args.mapping else None)
    if args.scale:
        values = with_direction(kind, source.main, mapping, values, args.scale)
    if args.dry_run:  # what fills what, and why
        for field in kind.fields:
            if field.key in mapping:
                match = matches.get(field.key)
                why = match.reason if match and match.header == mapping[field.key] else \
                    translate("cli", "from the mapping file")
                print(translate("cli", "{column} -> {field} ({why})").format(
                    column=mapping[field.key], field=field.label(), why=why), file=sys.stderr)
    for line in shared_columns(kind, mapping):
        print(line, file=sys.stderr)
    missing = missing_fields(kind, mapping)
    if missing:
        raise UserError(translate("cli", "No column of {file} gives {fields}; rename the columns "
                                         "or pass --mapping.").format(
            file=args.file.name, fields=", ".join(missing)))
    db = open_for_verb(target)
    office = args.office or _only_office(office_codes(db))
    actor = replace(SYSTEM, role=Role.ENGINEER)
    supervisor = None
    if args.supervisor:
        from getpass import getpass

        from shelter_app.services.cases.duplicate_ids import supervisor_confirmation
        supervisor = supervisor_confirmation(
            db, actor, args.reason, username=args.supervisor,
            password=getpass(translate("cli", "{user}'s password: ").format(
                user=args.supervisor)))
    options = Options(args.kind, mapping, update_duplicates=args.update,
                      all_or_nothing=args.all_or_nothing, accept_warnings=args.accept_warnings,
                      attachments=args.attachments or source.attachments or args.file.parent,
                      office_code=office, values=values, supervisor=supervisor)
    result = run_import(db, actor, source, options,
                        dry_run=args.dry_run)
    for outcome in result.outcomes:
        if outcome.status is Status.REJECTED:
            print(translate("cli", "row {row}: {message}").format(row=outcome.number,
                                                                  message=outcome.message))
    for photo in result.photos:
        if photo.status != "imported":
            print(translate("cli", "row {row}: photo {name}: {status}").format(
                row=photo.row, name=photo.name, status=photo_status(photo.status)))
    if args.report:
        written = write_report(args.report, source, result)
        print(translate("cli", "Wrote %n rows to {path}.", "", written).format(
            path=args.report), file=sys.stderr)
    line = outcome_text(result)
    if not result.committed:
        line += " " + (result.note or translate("cli", "Dry run: nothing was saved."))
    print(line)
    return EXIT_PROBLEMS if result.counts["rejected"] else 0


def outcome_text(result: "ImportResult") -> str:
    """The import's tally, each count in its own plural form (Arabic has six)."""
    counts = result.counts
    line = translate("cli", "{new}, {updated}, {skipped} ({unchanged}), {rejected}; "
                            "{empty}.").format(
        new=translate("cli", "%n rows imported", "", counts["new"]),
        updated=translate("cli", "%n updated", "", counts["updated"]),
        skipped=translate("cli", "%n skipped", "",
                          counts["skipped"] + counts["unchanged"]),
        unchanged=translate("cli", "%n unchanged", "", counts["unchanged"]),
        rejected=translate("cli", "%n rejected", "", counts["rejected"]),
        empty=translate("cli", "%n empty rows ignored", "", result.empty_rows))
    if result.photos_imported or result.photos_missing:
        line += " " + translate("cli", "{imported}, {missing}.").format(
            imported=translate("cli", "%n photos imported", "", result.photos_imported),
            missing=translate("cli", "%n photos not found", "", result.photos_missing))
    return line


def _only_office(codes: list[str]) -> str:
    """The office of new records when the database has one; otherwise the user must say."""
    if len(codes) == 1:
        return codes[0]
    raise UserError(translate("cli", "Say which office the records belong to: --office with one "
                                     "of {codes}.").format(codes=", ".join(codes) or "-"),
                    field="office")


VERBS: dict[str, Run] = {"import": _import}
