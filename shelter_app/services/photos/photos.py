"""A dwelling's photos: import many files at once, list, tag and caption them, remove one.

Import decodes in worker threads and writes from the calling thread, a few photos per
transaction. Threads, not processes, give both cores: Pillow releases the GIL while it decodes,
resizes and encodes (measured: 38 ms per 12 MP photo with two threads, 68 ms with one), while a
spawned worker process costs 24 MB before it decodes anything (two of them would spend most of
the 80 MB an import of 200 photos may grow by) and ~0.3 s to start.

Each photo's stored copy is written under a temporary name, flushed to disk and renamed, its
thumbnail beside it, and only then is its row inserted, in the transaction that checked it is
not already on the dwelling. A failure rolls the transaction back and deletes the files it had
just created: a photo is either fully imported or leaves nothing behind. Photos committed
before a failure or a cancel stay.
"""

import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Assessment, Dwelling, Photo
from shelter_app.domain import clock
from shelter_app.domain.assessment import COMPONENTS
from shelter_app.domain.errors import NotFound, ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import PhotoTag
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.access import in_office, load_dwelling
from shelter_app.services.files import (
    PHOTO,
    THUMB,
    DamagedFile,
    has_stored,
    photo_path,
    read_stored,
    store,
    sync_folder,
    thumbnail_path,
)
from shelter_app.services.photos.pipeline import (
    EXTENSIONS,
    ProcessedPhoto,
    Refusal,
    display_name,
    in_turkiye,
    make_thumbnail,
    process_file,
)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
BATCH = 8  # photos per transaction
BATCH_SECONDS = 0.5  # or fewer, when the batch would take longer than this to fill
MAX_CAPTION = 500
MAX_COMPONENT = 40  # Photo.component's width
_TAG_ORDER = {tag: n for n, tag in enumerate(PhotoTag)}
_REFUSED_EXTENSIONS = {".heic", ".heif", ".gif", ".bmp", ".tif", ".tiff"}


class Status(StrEnum):
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    REFUSED = "refused"
    SKIPPED = "skipped"  # cancelled, or stopped by an error before this file's turn

    @property
    def label(self) -> str:
        return {
            Status.IMPORTED: lambda: translate("photos", "imported"),
            Status.DUPLICATE: lambda: translate("photos", "duplicate"),
            Status.REFUSED: lambda: translate("photos", "refused"),
            Status.SKIPPED: lambda: translate("photos", "not imported"),
        }[self]()


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one file; `message` says why for anything but an import."""

    path: str
    name: str
    status: Status
    message: str = ""
    photo_id: uuid.UUID | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PhotoRow:
    """One photo as the gallery and viewer show it."""

    id: uuid.UUID
    dwelling_id: uuid.UUID
    sha256: str
    tag: PhotoTag
    caption: str
    component: str | None
    assessment_id: uuid.UUID | None
    taken_at: datetime | None
    latitude: Decimal | None
    longitude: Decimal | None
    width: int
    height: int
    original_name: str
    created_at: datetime


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given, and the photos inside any folder (all levels, sorted by path). In a
    folder only photo-like names count: a camera folder also holds videos and index files, and
    hidden files (macOS `._` companions) are skipped. A file named by the user is kept whatever
    its name, so that a wrong one is refused with a reason rather than silently left out."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            found.append(path)
            continue
        inside = []
        for folder, folders, files in os.walk(path):
            folders[:] = [name for name in folders if not name.startswith(".")]
            inside += [Path(folder, name) for name in files
                       if not name.startswith(".") and looks_like_photo(name)]
        found += sorted(inside)
    return found


def looks_like_photo(name: str) -> bool:
    """Photos the pipeline takes, and those it refuses with a reason worth reading."""
    return Path(name).suffix.lower() in EXTENSIONS | _REFUSED_EXTENSIONS


def import_photos(db: Database, actor: Actor, dwelling_ref: str | uuid.UUID,
                  paths: Sequence[str | os.PathLike[str]], *, tag: PhotoTag | str = PhotoTag.BEFORE,
                  progress: Progress | None = None, cancelled: Cancelled | None = None,
                  workers: int = 2) -> list[ImportOutcome]:
    """Import `paths` onto a dwelling's photos; one outcome per path, in the same order.

    `workers` threads decode in parallel; 0 decodes in the calling thread, one file after
    another."""
    require(actor, Action.EDIT_CASES)
    tag = _tag(tag)
    with db.read() as session:
        dwelling = load_dwelling(session, actor, dwelling_ref)
    total = len(paths)
    outcomes: list[ImportOutcome | None] = [None] * total
    stop = cancelled or (lambda: False)
    done = 0
    stopped_by: str | None = None
    with closing(_decoded(paths, workers, stop)) as batches:
        for batch in batches:
            refused = [(i, result) for i, result in batch if isinstance(result, Refusal)]
            for index, refusal in refused:
                outcomes[index] = _outcome(paths[index], refusal.name, Status.REFUSED,
                                           refusal.message)
            photos = [(i, result) for i, result in batch if isinstance(result, ProcessedPhoto)]
            stopped_by = _save(db, actor, dwelling, tag, photos, paths, outcomes)
            done += len(batch)
            if progress is not None:
                progress(done, total)
            if stopped_by is not None or stop():
                break
    skipped = stopped_by or translate("photos", "the import was cancelled before this file.")
    return [outcome or _outcome(paths[i], None, Status.SKIPPED, skipped)
            for i, outcome in enumerate(outcomes)]


def _tag(tag: PhotoTag | str) -> PhotoTag:
    try:
        return PhotoTag(tag)
    except ValueError:
        raise ValidationError(
            translate("photos", "The tag {tag} is unknown; use before, during or after.").format(
                tag=tag), field="tag") from None


def _outcome(path: str | os.PathLike[str], name: str | None, status: Status, message: str = "",
             photo_id: uuid.UUID | None = None, warnings: tuple[str, ...] = ()) -> ImportOutcome:
    return ImportOutcome(os.fspath(path), name or display_name(path), status, message, photo_id,
                         warnings)


Batch = list[tuple[int, ProcessedPhoto | Refusal]]


def _decoded(paths: Sequence[str | os.PathLike[str]], workers: int,
             stop: Cancelled) -> Iterator[Batch]:
    """Decoded files, a batch at a time. The writer stores a batch per transaction: one commit
    and one flush per batch instead of per photo keeps it from holding up the decoders. At
    most BATCH files per worker are queued, so memory stays flat however many files there
    are, and a cancel waits for the running ones only."""
    if workers <= 0 or len(paths) <= 1:
        for index, path in enumerate(paths):
            if stop():
                return
            yield [(index, process_file(path))]
        return
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="photo-import")
    try:
        pending: dict[Future[ProcessedPhoto | Refusal], int] = {}
        queued = iter(enumerate(paths))
        while True:
            while len(pending) < BATCH * workers and not stop():
                item = next(queued, None)
                if item is None:
                    break
                pending[pool.submit(process_file, item[1])] = item[0]
            if not pending:
                return
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            deadline = time.monotonic() + BATCH_SECONDS
            while len(finished) < min(BATCH, len(pending)) and not stop():
                more, _ = wait(pending.keys() - finished, return_when=FIRST_COMPLETED,
                               timeout=max(0.0, deadline - time.monotonic()))
                if not more:
                    break
                finished |= more
            yield sorted((pending.pop(future), future.result()) for future in finished)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _save(db: Database, actor: Actor, dwelling: Dwelling, tag: PhotoTag,
          photos: list[tuple[int, ProcessedPhoto]], paths: Sequence[str | os.PathLike[str]],
          outcomes: list[ImportOutcome | None]) -> str | None:
    """Store one batch in one transaction. Returns None, or the message that stops the import
    (the files could not be written: disk full, folder read-only)."""
    if not photos:
        return None
    created: list[Path] = []
    results: dict[int, ImportOutcome] = {}
    try:
        with db.write(actor) as session:
            existing = _existing(session, dwelling.id, {photo.sha256 for _, photo in photos})
            elsewhere = _elsewhere(session, dwelling.id, {photo.sha256 for _, photo in photos})
            new: list[tuple[int, ProcessedPhoto, Photo]] = []
            for index, photo in photos:
                if photo.sha256 in existing:
                    results[index] = _outcome(
                        paths[index], photo.name, Status.DUPLICATE,
                        translate("photos", "already among this dwelling's photos (as {name}); "
                                            "not imported again.").format(
                            name=existing[photo.sha256]))
                    continue
                existing[photo.sha256] = photo.name
                _store(db, photo, created)
                new.append((index, photo, Photo(
                    dwelling_id=dwelling.id, sha256=photo.sha256, size_bytes=len(photo.stored),
                    width=photo.width, height=photo.height, taken_at=photo.taken_at,
                    latitude=photo.latitude, longitude=photo.longitude, tag=tag,
                    original_name=photo.name)))
            for folder in {path.parent for path in created}:
                sync_folder(folder)
            session.add_all([row for _, _, row in new])
            session.flush()
            for index, photo, row in new:
                results[index] = _outcome(paths[index], photo.name, Status.IMPORTED,
                                          photo_id=row.id,
                                          warnings=_warnings(photo, elsewhere.get(photo.sha256)))
    except OSError as error:
        _remove(created)
        message = translate("photos", "could not be saved in {folder} ({reason}); nothing of "
                                      "it was kept.").format(
            folder=db.files_dir, reason=error.strerror or error)
        for index, photo in photos:
            outcomes[index] = _outcome(paths[index], photo.name, Status.REFUSED, message)
        return translate("photos", "not imported: the import stopped when a photo could not be "
                                   "saved ({reason}).").format(reason=error.strerror or error)
    except BaseException:
        _remove(created)
        raise
    for index, outcome in results.items():
        outcomes[index] = outcome
    return None


def _store(db: Database, photo: ProcessedPhoto, created: list[Path]) -> None:
    """Write the photo's files unless they are there already (same name, same bytes), adding
    each new one to `created` as soon as it exists. A stored copy whose bytes no longer match
    its name is written again. The thumbnail is not flushed to disk: it is made again from the
    stored copy if lost."""
    if not _intact(db, photo.sha256):
        store(db, PHOTO, photo.sha256, photo.stored)
        created.append(photo_path(db, photo.sha256))
    if not has_stored(db, THUMB, photo.sha256):
        store(db, THUMB, photo.sha256, photo.thumbnail)
        created.append(thumbnail_path(db, photo.sha256))


def _intact(db: Database, sha256: str) -> bool:
    try:
        return hashlib.sha256(read_stored(db, PHOTO, sha256)).hexdigest() == sha256
    except (FileNotFoundError, DamagedFile):
        return False


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _existing(session: Session, dwelling_id: uuid.UUID, shas: set[str]) -> dict[str, str]:
    """{sha: original name} of those of `shas` already live on this dwelling."""
    rows = session.execute(select(Photo.sha256, Photo.original_name).where(
        Photo.dwelling_id == dwelling_id, Photo.sha256.in_(shas), Photo.deleted_at.is_(None)))
    return {sha: name or sha[:12] for sha, name in rows}


def _elsewhere(session: Session, dwelling_id: uuid.UUID, shas: set[str]) -> dict[str, str]:
    """{sha: dwelling ref} of those of `shas` attached to another dwelling."""
    rows = session.execute(
        select(Photo.sha256, Dwelling.ref).join(Dwelling, Dwelling.id == Photo.dwelling_id)
        .where(Photo.dwelling_id != dwelling_id, Photo.sha256.in_(shas),
               Photo.deleted_at.is_(None)))
    return {sha: ref for sha, ref in rows}


def _warnings(photo: ProcessedPhoto, other_ref: str | None) -> tuple[str, ...]:
    found = []
    if photo.latitude is not None and photo.longitude is not None and not in_turkiye(
            photo.latitude, photo.longitude):
        found.append(translate("photos", "its GPS position ({latitude}, {longitude}) is outside "
                                         "Türkiye; check the camera's location setting, or "
                                         "that this is the right photo.").format(
            latitude=photo.latitude, longitude=photo.longitude))
    if other_ref is not None:
        found.append(translate("photos", "the same photo is also on dwelling {ref}; check it "
                                         "belongs to both.").format(ref=other_ref))
    return tuple(found)


def list_photos(db: Database, actor: Actor, dwelling_id: uuid.UUID,
                tag: PhotoTag | None = None) -> list[PhotoRow]:
    """A dwelling's live photos: before, during, after; each by the time it was taken."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        load_dwelling(session, actor, dwelling_id)
        query = select(Photo).where(Photo.dwelling_id == dwelling_id, Photo.deleted_at.is_(None))
        if tag is not None:
            query = query.where(Photo.tag == tag)
        rows = [_row(photo) for photo in session.scalars(query)]
    far_future = datetime.max.replace(tzinfo=UTC)
    return sorted(rows, key=lambda row: (_TAG_ORDER[row.tag], row.taken_at or far_future,
                                         row.created_at))


def _row(photo: Photo) -> PhotoRow:
    return PhotoRow(
        id=photo.id, dwelling_id=photo.dwelling_id, sha256=photo.sha256, tag=photo.tag,
        caption=photo.caption or "", component=photo.component,
        assessment_id=photo.assessment_id, taken_at=photo.taken_at, latitude=photo.latitude,
        longitude=photo.longitude, width=photo.width, height=photo.height,
        original_name=photo.original_name or "", created_at=photo.created_at)


def _load_photo(session: Session, actor: Actor, photo_id: uuid.UUID) -> Photo:
    photo = session.get(Photo, photo_id)
    if photo is None or photo.deleted_at is not None:
        raise NotFound(translate("photos", "This photo no longer exists; it may have been "
                                           "removed. Reopen the dwelling's photos."))
    dwelling = session.get(Dwelling, photo.dwelling_id)
    assert dwelling is not None  # a foreign key
    in_office(actor, dwelling.office_id, dwelling.ref)
    return photo


def update_photo(db: Database, actor: Actor, photo_id: uuid.UUID, *, tag: PhotoTag | str,
                 caption: str = "", component: str | None = None,
                 assessment_id: uuid.UUID | None = None) -> PhotoRow:
    """Change a photo's tag, caption, and the assessment component it shows."""
    require(actor, Action.EDIT_CASES)
    tag = _tag(tag)
    caption = " ".join(caption.split())
    if len(caption) > MAX_CAPTION:
        raise ValidationError(
            translate("photos", "The caption has %n characters; shorten it to {max}.", "",
                      len(caption)).format(max=MAX_CAPTION), field="caption")
    component = (component or "").strip() or None
    if component is not None and component not in COMPONENTS:
        raise ValidationError(
            translate("photos", "{component} is not an assessment component; choose one from "
                                "the list.").format(component=component[:MAX_COMPONENT]),
            field="component")
    with db.write(actor) as session:
        photo = _load_photo(session, actor, photo_id)
        if assessment_id is not None:
            assessment = session.get(Assessment, assessment_id)
            if (assessment is None or assessment.deleted_at is not None
                    or assessment.dwelling_id != photo.dwelling_id):
                raise ValidationError(
                    translate("photos", "That assessment is not one of this dwelling's; choose "
                                        "one from the list."), field="assessment")
        photo.tag, photo.caption = tag, caption or None
        photo.component, photo.assessment_id = component, assessment_id
        session.flush()
        return _row(photo)


def remove_photo(db: Database, actor: Actor, photo_id: uuid.UUID) -> None:
    """Take a photo off its dwelling (a soft delete, audited). Its file stays: other rows and
    backups may share it, and the audit trail can bring the row back."""
    require(actor, Action.EDIT_CASES)
    with db.write(actor) as session:
        _load_photo(session, actor, photo_id).deleted_at = clock.now()


def assessment_dates(db: Database, actor: Actor, dwelling_id: uuid.UUID
                     ) -> list[tuple[uuid.UUID, date]]:
    """The dwelling's assessments a photo can be linked to, oldest first."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        load_dwelling(session, actor, dwelling_id)
        return [(row.id, row.assessed_on) for row in session.execute(
            select(Assessment.id, Assessment.assessed_on)
            .where(Assessment.dwelling_id == dwelling_id, Assessment.deleted_at.is_(None))
            .order_by(Assessment.assessed_on))]


def thumbnail_bytes(db: Database, sha256: str) -> bytes | None:
    """The thumbnail's JPEG, made again from the stored copy when it is missing (a restored
    backup holds stored copies only); None when the stored copy is missing or damaged too
    (`shelter-app check` reports those)."""
    try:
        return read_stored(db, THUMB, sha256)
    except FileNotFoundError:
        pass
    except DamagedFile:
        return None
    try:
        thumbnail = make_thumbnail(read_stored(db, PHOTO, sha256))
        store(db, THUMB, sha256, thumbnail)
    except (OSError, SyntaxError, ValueError):
        return None
    return thumbnail
