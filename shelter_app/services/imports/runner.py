"""An import from start to end: every row checked, duplicates found, saved in one transaction.

The preview is the import itself, rolled back at the end, so the counts and messages it shows
are exactly what the import will do. Rows already registered (same ID number, IBAN or Kobo
`_uuid`) are skipped or updated as the user chose, never added a second time: importing the
same file twice changes nothing the second time. Cancelling, or one rejected row under "all or
nothing", rolls everything back.

Photos named by a row, or by its repeat-group rows (each room's own photo, captioned with the
room), are imported after the records are committed, through the photo pipeline (its own small
transactions); a photo already on the dwelling is recognised by its content, so running the
import again completes an interrupted photo import without copies. Every photo the export names
is listed in the result: imported, already there, refused, or not in the attachments folder.

Choice columns go through the value mapping (services.imports.choices) before the kind checks
them; in a Kobo or ODK export a value with no app value is refused, never stored as written.
"""

import uuid
from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from shelter_app.data.bulk import roomy_cache
from shelter_app.data.engine import Database
from shelter_app.data.models import ExternalKey, Office
from shelter_app.domain.errors import InvalidInput, NotFound, PermissionDenied, UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import PhotoTag
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.access import in_office
from shelter_app.services.collector_pause import collector_paused
from shelter_app.services.cases.duplicate_ids import SupervisorConfirmation, accept_confirmed
from shelter_app.services.imports.attachments import Attachments
from shelter_app.services.imports.kinds import kind_named
from shelter_app.services.imports.kinds.base import Checked, Key, Kind, Line
from shelter_app.services.imports.mapping import ColumnMap, ValueMap
from shelter_app.services.imports.rowcheck import Cells, Reader, prechecked
from shelter_app.services.imports.sources import Cancelled, Cell, Row, Source, whole

KOBO = "kobo"
_POLL_EVERY = 250  # rows between looks at the cancel flag and progress reports


class Status(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {
            Status.NEW: lambda: translate("imports", "new"),
            Status.UPDATED: lambda: translate("imports", "updated"),
            Status.UNCHANGED: lambda: translate("imports", "unchanged"),
            Status.SKIPPED: lambda: translate("imports", "skipped"),
            Status.REJECTED: lambda: translate("imports", "rejected"),
        }[self]()


@dataclass(frozen=True)
class Options:
    """What the user chose. Duplicates are skipped unless `update_duplicates`; rows with
    warnings the form would ask to confirm are rejected unless `accept_warnings`; rows whose ID
    number is on other people are rejected unless a supervisor confirmed (`supervisor`)."""

    kind: str
    mapping: ColumnMap
    update_duplicates: bool = False
    all_or_nothing: bool = False
    accept_warnings: bool = False
    attachments: Path | None = None
    office_code: str | None = None  # the command line's office, for an actor without one
    values: ValueMap = field(default_factory=dict)  # the value mapping of the choice fields
    supervisor: SupervisorConfirmation | None = None


@dataclass
class RowOutcome:
    number: int
    status: Status
    message: str = ""
    ref: str = ""
    cells: Mapping[str, Cell] = field(default_factory=dict)
    missing_photos: list[str] = field(default_factory=list)
    needs_supervisor: bool = False  # rejected for an ID number on other people


@dataclass(frozen=True)
class PhotoNote:
    """One photo the export names: the row, its file name, and what became of it."""

    row: int
    name: str
    status: str  # a services.photos Status value, or "missing"
    message: str = ""


MISSING = "missing"
_SAVED = (Status.NEW, Status.UPDATED)


def photo_status(status: str) -> str:
    """A PhotoNote's status as the summary and the report name it."""
    if status == MISSING:
        return translate("imports", "not in the attachments folder")
    from shelter_app.services.photos.photos import Status as PhotoStatus
    return PhotoStatus(status).label


@dataclass
class ImportResult:
    kind: str
    outcomes: list[RowOutcome]
    committed: bool
    empty_rows: int = 0
    photos_imported: int = 0
    photos_missing: int = 0
    note: str = ""  # why nothing was saved, when it was not
    photos: list[PhotoNote] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(outcome.status is status for outcome in self.outcomes)

    @property
    def counts(self) -> dict[str, int]:
        return {status.value: self.count(status) for status in Status}


Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PhotoJob:
    """A record's photos: the dwelling they go to, the stage they show, each file's caption
    (a room's name), the assessment they belong to, and the row that named them."""

    dwelling_id: uuid.UUID
    paths: list[Path]
    tag: PhotoTag
    captions: Mapping[Path, str]
    assessment_id: uuid.UUID | None
    row: int


class _RollBack(Exception):
    """Leaves the write block without committing (a preview, or all-or-nothing refused)."""


def run_import(db: Database, actor: Actor, source: Source, options: Options, *,
               dry_run: bool = False, progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Check every row of `source` and save the valid ones in one transaction (none when
    `dry_run`, or when `options.all_or_nothing` and a row was rejected)."""
    require(actor, Action.EDIT_CASES)
    kind = kind_named(options.kind)
    reason = translate("imports", "import of {file}").format(file=source.path.name)
    attachments = Attachments(options.attachments)
    result = ImportResult(kind.name, [], committed=False, empty_rows=source.main.empty_rows)
    photo_jobs: list[PhotoJob] = []
    try:
        with collector_paused(), db.write(actor, reason=reason) as session:
            plan = _plan(session, actor, source, options, kind, attachments, progress, cancelled)
            result.outcomes = [outcome for outcome, _, _ in plan]
            if options.supervisor is not None and any(
                    checked is not None and checked.duplicates and outcome.status in _SAVED
                    for outcome, checked, _ in plan):
                accept_confirmed(session, options.supervisor)
            with roomy_cache(session.connection()):
                photo_jobs = _apply(session, kind, plan)
            rejected = result.count(Status.REJECTED)
            if options.all_or_nothing and rejected:
                result.note = translate(
                    "imports", "Nothing was imported: %n rows were rejected and you chose all "
                               "or nothing. Correct them (see the report) and import again.", "",
                    rejected)
                raise _RollBack
            if dry_run:
                raise _RollBack
    except _RollBack:
        result.photos_missing = attachments.missing
        result.photos = _missing_photos(result)
        return result
    result.committed = True
    result.photos_missing = attachments.missing
    result.photos = _missing_photos(result) + _import_photos(db, actor, photo_jobs,
                                                             attachments.names, cancelled)
    result.photos.sort(key=lambda note: note.row)
    result.photos_imported = sum(note.status == "imported" for note in result.photos)
    return result


def _missing_photos(result: ImportResult) -> list[PhotoNote]:
    return [PhotoNote(outcome.number, name, MISSING) for outcome in result.outcomes
            for name in outcome.missing_photos]


def _plan(session: Session, actor: Actor, source: Source, options: Options, kind: Kind,
          attachments: Attachments, progress: Progress | None,
          cancelled: Callable[[], bool] | None
          ) -> list[tuple[RowOutcome, Checked | None, uuid.UUID | None]]:
    existing = kind.prepare(session, actor, _office(session, options.office_code))
    if source.is_kobo:
        existing.update({(KOBO, key): record_id for key, record_id in session.execute(
            select(ExternalKey.key, ExternalKey.entity_id).where(
                ExternalKey.system == KOBO, ExternalKey.entity == kind.entity,
                ExternalKey.deleted_at.is_(None)))})
    groups = {sheet.name: source.children(sheet) for sheet in source.sheets[1:]} \
        if source.is_kobo else {}
    seen: dict[Key, int] = {}
    plan = []
    rows = source.main.rows
    reader = Reader(kind, options.mapping, options.values, source.is_kobo)
    lines = [(row.cells, _children(row, groups)) for row in rows]
    with closing(prechecked(kind, options.mapping, options.values, source, lines,
                            cancelled)) as checks:
        for done, (row, line, checked) in enumerate(zip(rows, lines, checks, strict=True)):
            if done % _POLL_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled
                if progress is not None:
                    progress(done, len(rows))
            plan.append(_row(session, actor, row, line, checked, kind, options, existing, seen,
                             attachments, reader))
    if cancelled is not None and cancelled():
        raise Cancelled
    if progress is not None:
        progress(len(rows), len(rows))
    return plan


def _children(row: Row, groups: Mapping[str, Mapping[int, list[Row]]]
              ) -> dict[str, list[dict[str, Cell]]]:
    """The row's repeat-group rows' cells, by sheet."""
    index = whole(row.cells.get("_index")) if groups else None
    return {name: [child.cells for child in rows.get(index, [])] for name, rows in groups.items()}


def _row(session: Session, actor: Actor, row: Row, line: Cells, checked: Checked | None,
         kind: Kind, options: Options, existing: dict[Key, uuid.UUID], seen: dict[Key, int],
         attachments: Attachments, reader: Reader
         ) -> tuple[RowOutcome, Checked | None, uuid.UUID | None]:
    """The row's outcome; `checked` is its check done by a worker, None to check it here."""
    outcome = RowOutcome(row.number, Status.REJECTED, row.problem, cells=row.cells)
    if row.problem:
        return outcome, None, None
    cells, children = line
    try:
        if checked is None:
            checked = kind.check(Line(reader.values(cells), children))
    except UserError as error:
        outcome.message = _at_column(kind, options.mapping, error)
        return outcome, None, None
    submission = row.cells.get("_uuid")
    if submission:
        checked.keys.append((KOBO, str(submission)))
    for key in checked.keys:
        if key in seen:
            outcome.message = translate("imports", "The same {what} as row {row}; a person or "
                                                   "record is imported once.").format(
                what=_key_label(kind, key), row=seen[key])
            return outcome, None, None
    for key in checked.keys:
        seen[key] = row.number
    checked.photos, missing = attachments.find(row.cells, submission)
    for rows in children.values() if kind.repeat_photos else ():
        for cells in rows:
            found, lost = attachments.find(cells, submission)
            checked.photos += found
            missing += lost
            checked.captions.update(dict.fromkeys(found, kind.caption(cells)))
    outcome.missing_photos = missing
    notes = [translate("imports", "photo {name} is not in the attachments folder").format(
        name=name) for name in missing] + checked.notes
    try:
        match = _match(session, kind, checked, existing)
    except UserError as error:
        outcome.message = error.message
        return outcome, None, None
    if match is not None and not options.update_duplicates:  # nothing changes: no warnings
        outcome.status = Status.SKIPPED
        outcome.message = "; ".join([translate("imports", "already registered as {ref}").format(
            ref=kind.describe(session, match)), *notes])
        return outcome, checked, match
    office_id = kind.office_of(session, match) if match is not None else None
    try:  # as the forms: another office's record is theirs to change
        if office_id is not None:
            in_office(actor, office_id, kind.describe(session, match))
    except PermissionDenied as error:
        outcome.message = error.message
        return outcome, None, None
    if checked.duplicates and options.supervisor is None:
        outcome.message = translate("imports", "Needs a supervisor: {reasons}").format(
            reasons=" ".join(checked.duplicates))
        outcome.needs_supervisor = True
        return outcome, None, None
    if checked.warnings and not options.accept_warnings:
        outcome.message = translate("imports", "Needs confirmation: {warnings}").format(
            warnings=" ".join(checked.warnings))
        return outcome, None, None
    outcome.status = Status.NEW if match is None else Status.UPDATED
    outcome.message = "; ".join(notes + checked.warnings + [
        translate("imports", "confirmed by supervisor {name}: {message}").format(
            name=options.supervisor.supervisor.username, message=message)
        for message in checked.duplicates if options.supervisor is not None])
    return outcome, checked, match


def _match(session: Session, kind: Kind, checked: Checked,
           existing: dict[Key, uuid.UUID]) -> uuid.UUID | None:
    """The registered record the row is, if any; a UserError when its keys point at several
    records, or only an IBAN matches someone else's."""
    matches = {existing[key]: key for key in reversed(checked.keys) if key in existing}
    if len(matches) > 1 or (matches and not _identifies(next(iter(matches.values())), checked)):
        raise UserError(translate(
            "imports", "{keys} belong to other registered records ({refs}); check the row "
                       "against them.").format(
            keys=", ".join(_key_label(kind, key) for key in matches.values()),
            refs=", ".join(kind.describe(session, record_id) for record_id in matches)))
    return next(iter(matches), None)


def _apply(session: Session, kind: Kind,
           plan: list[tuple[RowOutcome, Checked | None, uuid.UUID | None]]
           ) -> list[PhotoJob]:
    """Insert the new rows, update the matched ones; returns the photos to attach."""
    new = [(outcome, checked) for outcome, checked, match in plan
           if outcome.status is Status.NEW and checked is not None]
    created = kind.create(session, [checked for _, checked in new])
    keys = []
    photos: list[tuple[uuid.UUID, Checked, int]] = []
    for (outcome, checked), (record_id, ref) in zip(new, created, strict=True):
        outcome.ref = ref
        for system, key in checked.keys:
            if system == KOBO:
                keys.append({"system": KOBO, "entity": kind.entity, "key": key,
                             "entity_id": record_id})
        if checked.photos:
            photos.append((record_id, checked, outcome.number))
    if keys:
        session.execute(insert(ExternalKey), [{"id": uuid.uuid4(), **key} for key in keys])
    for outcome, checked, match in plan:
        if outcome.status is Status.UPDATED and checked is not None and match is not None:
            outcome.ref = kind.describe(session, match)
            if not kind.update(session, match, checked):
                outcome.status = Status.UNCHANGED
            photos.append((match, checked, outcome.number))
        elif outcome.status is Status.SKIPPED and checked is not None and match is not None:
            photos.append((match, checked, outcome.number))
    session.flush()
    return [PhotoJob(target, checked.photos, checked.photo_tag, checked.captions,
                     kind.photo_assessment(record_id), row)
            for record_id, checked, row in photos
            if checked.photos and (target := kind.photo_target(session, record_id)) is not None]


def _import_photos(db: Database, actor: Actor, jobs: list[PhotoJob], names: Mapping[Path, str],
                   cancelled: Callable[[], bool] | None) -> list[PhotoNote]:
    """Each job's files through the photo pipeline; a new photo of a room gets the room as its
    caption and, from an assessment, that assessment."""
    from shelter_app.services.photos.photos import Status as PhotoStatus
    from shelter_app.services.photos.photos import import_photos, update_photo

    notes = []
    for job in jobs:
        if cancelled is not None and cancelled():
            break
        outcomes = import_photos(db, actor, job.dwelling_id, job.paths, tag=job.tag,
                                 cancelled=cancelled)
        for path, outcome in zip(job.paths, outcomes, strict=True):
            notes.append(PhotoNote(job.row, names.get(path, path.name), outcome.status.value,
                                   outcome.message))
            caption = job.captions.get(path, "")
            if outcome.photo_id is not None and outcome.status is PhotoStatus.IMPORTED and (
                    caption or job.assessment_id):
                update_photo(db, actor, outcome.photo_id, tag=job.tag, caption=caption,
                             assessment_id=job.assessment_id)
    return notes


def _office(session: Session, code: str | None) -> Office | None:
    if not code:
        return None
    office = session.scalar(select(Office).where(Office.code == code.strip().upper()))
    if office is None:
        raise NotFound(translate("imports", "No office {code} exists; use one of {codes}.").format(
            code=code, codes=", ".join(session.scalars(select(Office.code).order_by(Office.code)))),
            field="office")
    return office


def _at_column(kind: Kind, mapping: ColumnMap, error: UserError) -> str:
    """The message after the column it came from, as the file names it (or the field's label
    when no column gave it: a required field left out, a value from a repeat group)."""
    if isinstance(error, InvalidInput):  # each problem after its own column
        return "; ".join(_at_column(kind, mapping, UserError(message, field=name))
                         for name, message in error.problems)
    name = error.field or ""
    field = kind.field(name) or kind.field(name.split(".")[0])
    where = mapping.get(name) or (mapping.get(field.key) or field.label() if field else "")
    return f"{where}: {error.message}" if where and where not in error.message \
        else error.message


def _identifies(key: Key, checked: Checked) -> bool:
    """Whether a match by `key` is the same record: the first key (the ID number) or the Kobo
    submission. An IBAN alone that matches someone else is a conflict, not the same person."""
    return key == checked.keys[0] or key[0] == KOBO


def _key_label(kind: Kind, key: Key) -> str:
    return f"Kobo _uuid {key[1]}" if key[0] == KOBO else kind.key_label(key)


