"""A BoQ on paper and in a spreadsheet: the document's plain values filled from the database.

The documents layer never sees the database: this module turns a BoQ into a
documents.boq.BoQDocument (with the English descriptions of its catalogue items and, when
asked, the dwelling's newest photos of each kind, before and after) and hands it over.
"""

import uuid
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import BoQLine, Photo, PriceItem
from shelter_app.documents.boq import (
    CATEGORY_TEXT,
    BoQDocLine,
    BoQDocument,
    BoQPhoto,
    BoQPhotoPair,
    render_boq,
)
from shelter_app.domain.boq import Category
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus, PhotoTag
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.boq.boq import boq_view, find_boq
from shelter_app.services.files import PHOTO, read_stored

STATUS_TEXT = {
    ApprovalStatus.DRAFT: ("Taslak", "Draft"),
    ApprovalStatus.SUBMITTED: ("Onaya sunuldu", "Submitted for approval"),
    ApprovalStatus.APPROVED: ("Onaylandı", "Approved"),
    ApprovalStatus.RETURNED: ("İade edildi", "Returned"),
}
# Each kind of photo (the assessment component the user tagged it with, domain.assessment)
# by the heading its photos print under, in this order: the kind of work it illustrates,
# else the component's own name (as the Turkish interface writes it).
PHOTO_KINDS = {
    "walls_insulation": CATEGORY_TEXT[Category.INSULATION], "doors": CATEGORY_TEXT[Category.DOORS],
    "windows": CATEGORY_TEXT[Category.WINDOWS], "damp_mould": CATEGORY_TEXT[Category.PAINTING],
    "roof": CATEGORY_TEXT[Category.ROOF],
    "water_sanitation": ("Su ve sıhhi tesisat", "Water and sanitation"),
    "electricity": ("Elektrik", "Electricity"), "heating": ("Isınma", "Heating"),
}
PHOTO_PX = 900  # long side of a printed photo: 85 mm at about 270 dpi


def boq_document(db: Database, actor: Actor, boq_id: uuid.UUID, *, english: bool = False,
                 photos: bool = False) -> BoQDocument:
    view = boq_view(db, actor, boq_id)
    with db.read() as session:
        english_text = dict(session.execute(
            select(BoQLine.id, PriceItem.description_en)
            .join(PriceItem, PriceItem.id == BoQLine.price_item_id)
            .where(BoQLine.boq_id == view.id)).all()) if english else {}
        pairs = _photo_pairs(db, session, view.dwelling_id) if photos else []
    household = f"{view.household_name} ({view.household_ref})" if view.household_ref else None
    approved = view.status is ApprovalStatus.APPROVED
    return BoQDocument(
        number=view.ref, status=STATUS_TEXT[view.status], dwelling_ref=view.dwelling_ref,
        address=view.address, household=household, catalogue_label=view.catalogue_label,
        contingency_pct=view.contingency_pct,
        lines=[BoQDocLine(line.code, line.category, line.description, line.unit, line.quantity,
                          line.unit_price, line.kdv_rate, english_text.get(line.id))
               for line in view.lines],
        engineer=view.prepared_by, supervisor=view.decided_by if approved else None,
        decided_on=view.decided_at.date() if view.decided_at and approved else None,
        previous_ref=view.previous_ref, english=english, photos=pairs)


def _photo_pairs(db: Database, session: Session, dwelling_id: uuid.UUID) -> list[BoQPhotoPair]:
    """Per kind of photo, the newest "before" and "after" photos tagged with it."""
    rows = session.execute(
        select(Photo.component, Photo.tag, Photo.sha256, Photo.taken_at, Photo.caption)
        .where(Photo.dwelling_id == dwelling_id, Photo.deleted_at.is_(None),
               Photo.tag.in_([PhotoTag.BEFORE, PhotoTag.AFTER]), Photo.component.is_not(None))
        .order_by(Photo.taken_at.desc())).all()
    newest: dict[tuple[str, PhotoTag], BoQPhoto] = {}
    for component, tag, sha, taken_at, caption in rows:
        if (component, tag) in newest:
            continue
        data = _picture(db, sha)
        if data:
            # a photo without a date (its file had no EXIF time) is captioned by its caption
            said = [text for text in (taken_at and taken_at.strftime("%d.%m.%Y"), caption)
                    if text]
            newest[component, tag] = BoQPhoto(data, " — ".join(said) or "—")
    pairs = []
    for component, title in PHOTO_KINDS.items():
        before, after = (newest.get((component, tag)) for tag in (PhotoTag.BEFORE,
                                                                  PhotoTag.AFTER))
        if before or after:
            pairs.append(BoQPhotoPair(title, before, after))
    return pairs


def _picture(db: Database, sha: str) -> bytes | None:
    """A missing or unreadable photo is left out, never fails a print."""
    try:
        with Image.open(BytesIO(read_stored(db, PHOTO, sha)), formats=["JPEG", "PNG"]) as image:
            image.draft("RGB", (PHOTO_PX, PHOTO_PX))
            picture = ImageOps.exif_transpose(image).convert("RGB")
            picture.thumbnail((PHOTO_PX, PHOTO_PX))
            out = BytesIO()
            picture.save(out, "JPEG", quality=80)
            return out.getvalue()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return None


def print_boq(db: Database, actor: Actor, ref: str | uuid.UUID, target: Path, *,
              english: bool = False, photos: bool = False) -> BoQDocument:
    """Write the BoQ named by `ref` (a BoQ's or a dwelling's reference, or an id) as a PDF."""
    require(actor, Action.VIEW_CASES)
    boq_id = ref if isinstance(ref, uuid.UUID) else find_boq(db, actor, ref)
    document = boq_document(db, actor, boq_id, english=english, photos=photos)
    _write(lambda: render_boq(document, target), target)
    return document


def export_boq_xlsx(db: Database, actor: Actor, boq_id: uuid.UUID, target: Path, *,
                    english: bool = True) -> BoQDocument:
    from shelter_app.documents.boq_sheet import save_boq_xlsx

    document = boq_document(db, actor, boq_id, english=english)
    _write(lambda: save_boq_xlsx(document, target), target)
    return document


def _write(write: Callable[[], object], target: Path) -> None:
    """A folder that is missing or not writable is the user's to fix, not a crash."""
    try:
        write()
    except OSError as error:
        raise UserError(translate("boq", "Cannot write {path}: {error}").format(
            path=target, error=error.strerror or error)) from None
