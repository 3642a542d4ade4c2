"""Bills of quantity: the engineer prices a dwelling's works, a supervisor approves them.

Flow: draft -> submitted -> approved, or returned with a reason (and edited, then submitted
again). A submitted or approved BoQ is locked: every edit is refused with a message that says
what to do. Changing an approved BoQ means opening a revision (a supervisor's action, with a
reason, audited): a new draft that copies the lines and their prices and points back to the
approved one, which stays as it was.

Lines copy code, description, unit, unit price and KDV rate from the catalogue item when they
are added, so a later catalogue never changes a BoQ.
"""

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQ,
    BoQLine,
    Dwelling,
    Household,
    PriceCatalogue,
    PriceItem,
    User,
)
from shelter_app.domain import clock
from shelter_app.domain.boq import (
    Category,
    DiffLine,
    LineChange,
    PricedLine,
    Totals,
    absurd_quantity_warning,
    compute_totals,
    described_in,
    diff_lines,
    over_ceiling_warning,
    parse_percent,
    parse_quantity,
)
from shelter_app.domain.errors import (
    NotFound,
    PermissionDenied,
    UserError,
    ValidationError,
)
from shelter_app.domain.i18n import money_text, translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus, Stage
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.boq.catalogue import current_catalogue_id, seed_catalogue
from shelter_app.services.cases.flow import advance_while_allowed
from shelter_app.services.accounts.settings import setting

EDITABLE = (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)


def status_label(status: ApprovalStatus) -> str:
    return {
        ApprovalStatus.DRAFT: lambda: translate("boq", "Draft"),
        ApprovalStatus.SUBMITTED: lambda: translate("boq", "Submitted"),
        ApprovalStatus.APPROVED: lambda: translate("boq", "Approved"),
        ApprovalStatus.RETURNED: lambda: translate("boq", "Returned"),
    }[status]()


@dataclass(frozen=True, slots=True)
class LineView:
    id: uuid.UUID
    position: int
    code: str
    category: Category
    description: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    kdv_rate: Decimal
    withdrawn: bool = False
    # the catalogue item's English and Arabic descriptions (None for a line without an item)
    description_en: str | None = None
    description_ar: str | None = None

    def description_in(self, language: str) -> str:
        return described_in(language, self.description, self.description_en,
                            self.description_ar)

    @property
    def priced(self) -> PricedLine:
        return PricedLine.of(self)

    @property
    def total(self) -> Decimal:
        return self.priced.total

    @property
    def diff_line(self) -> DiffLine:
        return DiffLine(self.code, self.description, self.unit, self.quantity, self.unit_price)


def sort_lines(lines: list[LineView]) -> list[LineView]:
    """The order a BoQ shows and prints its lines in: by category, then as they were added."""
    return sorted(lines, key=lambda line: (line.category.order, line.position))


@dataclass(frozen=True)
class BoQView:
    """One BoQ as the editor and the documents see it; totals and warnings are derived."""

    id: uuid.UUID
    ref: str
    revision: int
    status: ApprovalStatus
    dwelling_id: uuid.UUID
    dwelling_ref: str
    address: str
    household_ref: str | None
    household_name: str | None
    catalogue_id: uuid.UUID
    catalogue_label: str
    contingency_pct: Decimal
    lines: tuple[LineView, ...]
    ceiling: Decimal | None
    absurd_limits: dict[str, float]
    prepared_by: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    return_reason: str | None = None
    previous_ref: str | None = None
    changes: tuple[LineChange, ...] = ()
    is_latest: bool = True
    created_at: datetime | None = None
    submitted_at: datetime | None = None

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def totals(self) -> Totals:
        return compute_totals([line.priced for line in self.lines], self.contingency_pct)

    def warnings(self, totals: Totals | None = None) -> list[str]:
        """What a supervisor should look at before approving; none of it blocks."""
        totals = totals or self.totals
        found = [warning for line in self.lines if (warning := absurd_quantity_warning(
            line.quantity, line.unit, self.absurd_limits, line.code))]
        found += [translate("boq", "{code} has been withdrawn from the catalogue since it was "
                                   "priced; check it is still the right item.").format(
            code=line.code) for line in self.lines if line.withdrawn]
        ceiling = over_ceiling_warning(totals.gross, self.ceiling, money_text(totals.gross),
                                       money_text(self.ceiling or Decimal(0)))
        return found + ([ceiling] if ceiling else [])


# -- reading --------------------------------------------------------------------------------

def _check_office(actor: Actor, dwelling: Dwelling) -> None:
    if actor.office_id is not None and dwelling.office_id != actor.office_id:
        raise PermissionDenied(translate("boq", "{ref} belongs to another office; ask that "
                                                "office.").format(ref=dwelling.ref))


def load_boq(session: Session, actor: Actor, boq_id: uuid.UUID) -> tuple[BoQ, Dwelling]:
    """The BoQ and its dwelling; refused when gone or in another office than the actor's."""
    boq = session.get(BoQ, boq_id)
    if boq is None or boq.deleted_at is not None:
        raise NotFound(translate("boq", "That bill of quantities does not exist any more."))
    dwelling = session.get(Dwelling, boq.dwelling_id)
    assert dwelling is not None
    _check_office(actor, dwelling)
    return boq, dwelling


def editable(session: Session, actor: Actor, boq_id: uuid.UUID) -> tuple[BoQ, Dwelling]:
    require(actor, Action.EDIT_CASES)
    boq, dwelling = load_boq(session, actor, boq_id)
    if boq.status is ApprovalStatus.APPROVED:
        raise UserError(translate("boq", "{ref} is approved and locked; ask a supervisor to open "
                                         "a revision to change it.").format(ref=boq.ref))
    if boq.status is ApprovalStatus.SUBMITTED:
        raise UserError(translate("boq", "{ref} is submitted and waiting for approval; it can be "
                                         "changed again if the supervisor returns it.").format(
            ref=boq.ref))
    return boq, dwelling


# What a line shows, read as columns: BoQLine and PriceItem read whole (two ORM objects a line,
# every column converted) cost a 200-line BoQ's read 10 ms CPU in its worker, these 4: Python
# that held the interpreter lock while the editor's window opened beside it.
_SHOWN = (BoQLine.id, BoQLine.position, BoQLine.code, BoQLine.category, BoQLine.description,
          BoQLine.unit, BoQLine.quantity, BoQLine.unit_price, BoQLine.kdv_rate,
          PriceItem.withdrawn, PriceItem.description_en, PriceItem.description_ar)


def _lines(session: Session, boq_id: uuid.UUID) -> list[LineView]:
    rows = session.execute(
        select(*_SHOWN)
        .outerjoin(PriceItem, PriceItem.id == BoQLine.price_item_id)
        .where(BoQLine.boq_id == boq_id, BoQLine.deleted_at.is_(None))
    ).all()
    # a row has the line's attributes and the item's (None without an item)
    return sort_lines([_line_view(row, row) for row in rows])


def _line_view(line: BoQLine | Row[Any], item: PriceItem | Row[Any] | None = None) -> LineView:
    """`line` as shown, with its catalogue `item`'s translations and withdrawal."""
    return LineView(line.id, line.position, line.code, Category(line.category), line.description,
                    line.unit, line.quantity, line.unit_price, line.kdv_rate,
                    bool(item and item.withdrawn), item.description_en if item else None,
                    item.description_ar if item else None)


def _item_of(session: Session, line: BoQLine) -> PriceItem | None:
    return session.get(PriceItem, line.price_item_id) if line.price_item_id else None


def _user_name(session: Session, user_id: uuid.UUID | None) -> str | None:
    return session.scalar(select(User.full_name).where(User.id == user_id)) if user_id else None


def may_edit(view: BoQView, actor: Actor) -> bool:
    """Whether `actor` may change the BoQ `view` shows (its lines, its contingency)."""
    return view.editable and actor.can(Action.EDIT_CASES)


def boq_view(db: Database, actor: Actor, boq_id: uuid.UUID) -> BoQView:
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        return view_in(session, actor, boq_id)


def view_in(session: Session, actor: Actor, boq_id: uuid.UUID) -> BoQView:
    """`boq_view` in an open session."""
    boq, dwelling = load_boq(session, actor, boq_id)
    household = session.get(Household, dwelling.household_id) if dwelling.household_id else None
    catalogue = session.get(PriceCatalogue, boq.catalogue_id)
    lines = _lines(session, boq.id)
    previous = session.get(BoQ, boq.previous_id) if boq.previous_id else None
    changes = diff_lines([line.diff_line for line in _lines(session, previous.id)],
                         [line.diff_line for line in lines]) if previous else []
    newest = session.scalar(select(func.max(BoQ.revision)).where(
        BoQ.dwelling_id == dwelling.id, BoQ.deleted_at.is_(None)))
    ceiling = setting(session, "boq.budget_ceiling", office_id=dwelling.office_id)
    return BoQView(
        id=boq.id, ref=boq.ref, revision=boq.revision, status=boq.status,
        dwelling_id=dwelling.id, dwelling_ref=dwelling.ref, address=dwelling.address,
        household_ref=household.ref if household else None,
        household_name=household.head_name if household else None,
        catalogue_id=boq.catalogue_id, catalogue_label=catalogue.label if catalogue else "?",
        contingency_pct=boq.contingency_pct, lines=tuple(lines),
        ceiling=Decimal(str(ceiling)) if ceiling else None,
        absurd_limits=setting(session, "boq.absurd_quantity", office_id=dwelling.office_id),
        prepared_by=_user_name(session, boq.created_by),
        decided_by=_user_name(session, boq.decided_by), decided_at=boq.decided_at,
        return_reason=boq.return_reason, previous_ref=previous.ref if previous else None,
        changes=tuple(changes), is_latest=boq.revision == newest, created_at=boq.created_at,
        submitted_at=boq.submitted_at,
    )


def find_boq(db: Database, actor: Actor, ref: str) -> uuid.UUID:
    """A BoQ by its reference, or a dwelling's newest revision by the dwelling's reference."""
    require(actor, Action.VIEW_CASES)
    ref = ref.strip().upper()
    with db.read() as session:
        boq = session.scalar(select(BoQ).where(BoQ.ref == ref, BoQ.deleted_at.is_(None)))
        if boq is None:
            boq = session.scalar(
                select(BoQ).join(Dwelling, Dwelling.id == BoQ.dwelling_id)
                .where(Dwelling.ref == ref, BoQ.deleted_at.is_(None))
                .order_by(BoQ.revision.desc()).limit(1))
        if boq is None:
            raise NotFound(translate("boq", "No bill of quantities {ref} exists; give a BoQ "
                                            "reference (GAZ-D-000123-B1) or a dwelling's.").format(
                ref=ref))
        load_boq(session, actor, boq.id)
        return boq.id


# -- creating and editing -------------------------------------------------------------------

def create_boq(db: Database, actor: Actor, dwelling_ref: str) -> BoQView:
    """The first BoQ of an assessed dwelling, priced from the catalogue in force today."""
    require(actor, Action.EDIT_CASES)
    with db.write(actor) as session:
        dwelling = session.scalar(select(Dwelling).where(
            Dwelling.ref == dwelling_ref.strip().upper(), Dwelling.deleted_at.is_(None)))
        if dwelling is None:
            raise NotFound(translate("boq", "No dwelling {ref} exists; check the reference."
                                     ).format(ref=dwelling_ref.strip()), field="dwelling")
        _check_office(actor, dwelling)
        if dwelling.stage is Stage.REGISTERED:
            raise ValidationError(translate("boq", "{ref} is not assessed yet; record its "
                                                   "assessment before pricing the works.").format(
                ref=dwelling.ref), field="dwelling")
        existing = session.scalar(select(BoQ.ref).where(BoQ.dwelling_id == dwelling.id,
                                                        BoQ.deleted_at.is_(None)).limit(1))
        if existing:
            raise ValidationError(translate("boq", "{ref} already has the bill of quantities "
                                                   "{boq}; open it from the list.").format(
                ref=dwelling.ref, boq=existing), field="dwelling")
        catalogue_id = current_catalogue_id(session) or seed_catalogue(session)
        pct = Decimal(str(setting(session, "boq.contingency_pct", office_id=dwelling.office_id)))
        boq = BoQ(ref=boq_ref(dwelling.ref, 1), dwelling_id=dwelling.id, revision=1,
                  catalogue_id=catalogue_id, status=ApprovalStatus.DRAFT, contingency_pct=pct)
        session.add(boq)
        advance_while_allowed(session, dwelling, Stage.BOQ_DRAFTED)
        session.flush()
        return view_in(session, actor, boq.id)


def boq_ref(dwelling_ref: str, revision: int) -> str:
    return f"{dwelling_ref}-B{revision}"


def add_line(db: Database, actor: Actor, boq_id: uuid.UUID, item_id: uuid.UUID,
             quantity: str | Decimal) -> LineView:
    """A line priced from a catalogue item: its price and KDV rate are copied onto the line."""
    amount = parse_quantity(quantity)
    with db.write(actor) as session:
        boq, _ = editable(session, actor, boq_id)
        item = session.get(PriceItem, item_id)
        if item is None or item.deleted_at is not None:
            raise NotFound(translate("boq", "That catalogue item does not exist any more."))
        if item.withdrawn:
            raise ValidationError(translate("boq", "{code} has been withdrawn from the catalogue; "
                                                   "choose another item.").format(code=item.code),
                                  field="item")
        position = (session.scalar(select(func.max(BoQLine.position))
                                   .where(BoQLine.boq_id == boq.id)) or 0) + 1
        line = BoQLine(boq_id=boq.id, price_item_id=item.id, position=position, code=item.code,
                       category=item.category, description=item.description_tr, unit=item.unit,
                       quantity=amount, unit_price=item.unit_price, kdv_rate=item.kdv_rate)
        session.add(line)
        session.flush()
        return _line_view(line, item)


def _line(session: Session, actor: Actor, line_id: uuid.UUID) -> BoQLine:
    line = session.get(BoQLine, line_id)
    if line is None or line.deleted_at is not None:
        raise NotFound(translate("boq", "That line does not exist any more; reopen the BoQ."))
    editable(session, actor, line.boq_id)
    return line


def set_quantity(db: Database, actor: Actor, line_id: uuid.UUID,
                 quantity: str | Decimal) -> LineView:
    amount = parse_quantity(quantity)
    with db.write(actor) as session:
        line = _line(session, actor, line_id)
        line.quantity = amount
        return replace(_line_view(line, _item_of(session, line)), quantity=amount)


def remove_line(db: Database, actor: Actor, line_id: uuid.UUID) -> None:
    with db.write(actor) as session:
        _line(session, actor, line_id).deleted_at = clock.now()


def restore_line(db: Database, actor: Actor, line_id: uuid.UUID) -> LineView:
    """Bring a removed line back as it was (the editor's undo of a removal, redo of an
    addition): same place, quantity and price, while the BoQ is still editable."""
    with db.write(actor) as session:
        line = session.get(BoQLine, line_id)
        if line is None:
            raise NotFound(translate("boq", "That line does not exist any more; reopen the BoQ."))
        editable(session, actor, line.boq_id)
        line.deleted_at = None
        return _line_view(line, _item_of(session, line))


def set_contingency(db: Database, actor: Actor, boq_id: uuid.UUID,
                    pct: str | Decimal) -> Decimal:
    value = parse_percent(pct)
    with db.write(actor) as session:
        boq, _ = editable(session, actor, boq_id)
        boq.contingency_pct = value
        return value


# -- approval -------------------------------------------------------------------------------
