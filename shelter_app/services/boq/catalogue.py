"""The price catalogue: dated versions of unit prices that BoQ lines are priced from.

A version is edited while it is a draft and frozen once published; a new price list is a new
version (copied from the last one, or imported from a spreadsheet). BoQ lines copy the price
they were priced with, so no catalogue change ever alters an existing BoQ. Withdrawing an item
only stops it being added to new lines.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import PriceCatalogue, PriceItem
from shelter_app.domain import clock
from shelter_app.domain.boq import Category
from shelter_app.domain.errors import NotFound, UserError, ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.money import KURUS, parse_decimal
from shelter_app.domain.permissions import Action
from shelter_app.domain.textfold import fold, tokens
from shelter_app.resources import find
from shelter_app.services.accounts.auth import Actor, require

LANGUAGES = ("tr", "en", "ar")
# The spreadsheet's columns, in order; import reads them by header name.
XLSX_HEADERS = ("code", "category", "description_tr", "description_en", "description_ar",
                "unit", "unit_price", "kdv_rate", "withdrawn")


@dataclass(frozen=True)
class CatalogueInfo:
    id: uuid.UUID
    label: str
    valid_from: date
    published: bool
    items: int


@dataclass(frozen=True, slots=True)
class ItemRow:
    id: uuid.UUID
    code: str
    category: Category
    description_tr: str
    description_en: str
    description_ar: str
    unit: str
    unit_price: Decimal
    kdv_rate: Decimal
    withdrawn: bool

    @property
    def search_key(self) -> str:
        return fold(f"{self.code} {self.description_tr} {self.description_en} "
                    f"{self.description_ar}")


def _item_row(item: PriceItem) -> ItemRow:
    return ItemRow(item.id, item.code, Category(item.category), item.description_tr,
                   item.description_en, item.description_ar, item.unit, item.unit_price,
                   item.kdv_rate, item.withdrawn)


# -- reading --------------------------------------------------------------------------------

def reference_catalogue() -> dict[str, Any]:
    """The catalogue shipped in db/reference/price_catalogue.json."""
    return json.loads(find("db", "reference", "price_catalogue.json").read_text(encoding="utf-8"))


def seed_catalogue(session: Session) -> uuid.UUID:
    """Insert the shipped catalogue, published, unless its version is already there; its id.

    Called by demo data and when the first BoQ of a database is created."""
    data = reference_catalogue()
    found = session.scalar(select(PriceCatalogue.id).where(PriceCatalogue.label == data["label"]))
    if found is not None:
        return found
    # shipped reference data, inserted like demo data: bulk, outside the audit trail
    catalogue_id = uuid.uuid4()
    session.execute(insert(PriceCatalogue), [{
        "id": catalogue_id, "label": data["label"], "published": True,
        "valid_from": date.fromisoformat(data["valid_from"])}])
    session.execute(insert(PriceItem), [
        {"id": uuid.uuid4(), "catalogue_id": catalogue_id, "code": item["code"],
         "category": Category(item["category"]).value, "description_tr": item["tr"],
         "description_en": item["en"], "description_ar": item["ar"], "unit": item["unit"],
         "unit_price": Decimal(item["unit_price"]), "kdv_rate": Decimal(item["kdv_rate"])}
        for item in data["items"]
    ])
    return catalogue_id


def current_catalogue_id(session: Session, on: date | None = None) -> uuid.UUID | None:
    """The published version in force on `on` (today): the latest that has started."""
    day = on or clock.today()
    published = select(PriceCatalogue.id).where(PriceCatalogue.published.is_(True),
                                                 PriceCatalogue.deleted_at.is_(None))
    return session.scalar(published.where(PriceCatalogue.valid_from <= day)
                          .order_by(PriceCatalogue.valid_from.desc()).limit(1)) or \
        session.scalar(published.order_by(PriceCatalogue.valid_from).limit(1))


def list_catalogues(db: Database) -> list[CatalogueInfo]:
    with db.read() as session:
        counts = (select(PriceItem.catalogue_id, func.count().label("n"))
                  .group_by(PriceItem.catalogue_id).subquery())
        rows = session.execute(
            select(PriceCatalogue, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.catalogue_id == PriceCatalogue.id)
            .where(PriceCatalogue.deleted_at.is_(None))
            .order_by(PriceCatalogue.valid_from.desc(), PriceCatalogue.label.desc())
        ).all()
        return [CatalogueInfo(c.id, c.label, c.valid_from, c.published, n) for c, n in rows]


def catalogue_items(db: Database, catalogue_id: uuid.UUID) -> list[ItemRow]:
    """Every item of a version, in category then code order (a few dozen to a few hundred)."""
    with db.read() as session:
        return items_in(session, catalogue_id)


def items_in(session: Session, catalogue_id: uuid.UUID) -> list[ItemRow]:
    """`catalogue_items` in an open session."""
    items = session.scalars(select(PriceItem).where(PriceItem.catalogue_id == catalogue_id,
                                                    PriceItem.deleted_at.is_(None)))
    return sorted((_item_row(item) for item in items),
                  key=lambda row: (row.category.order, row.code))


LANGUAGES = ("tr", "en", "ar")  # the languages of an item's description


@dataclass(frozen=True, slots=True)
class ItemMatch:
    """A catalogue item found by the search, and where: `language` is the description the
    words were found in, None when they were found in the code."""

    item: ItemRow
    language: str | None
    rank: tuple[int, int]  # lower is better: (how it matched, - words matched whole)


def rank_items(items: list[ItemRow], text: str, language: str) -> list[ItemMatch]:
    """Items whose code or description contains every typed word (case and Turkish letters
    ignored), best first: words in the code, then words starting the words of the
    description in `language` (the user's), then in another language, then anywhere. Within
    a rank, more words typed in full first, then the catalogue's order. "boya ic" finds
    interior paint (BOY-IC) before exterior paint, which only holds "ic" inside "silicone"."""
    words = fold(text).split()
    if not words:
        return [ItemMatch(item, None, (0, 0)) for item in items]
    order = (language, *(other for other in LANGUAGES if other != language))
    found = []
    for item in items:
        match = _match(item, words, order)
        if match is not None:
            found.append(match)
    return sorted(found, key=lambda match: match.rank)


def _match(item: ItemRow, words: list[str], order: tuple[str, ...]) -> ItemMatch | None:
    if all(word in fold(item.code) for word in words):
        return ItemMatch(item, None, (0, 0))
    texts = {language: fold(getattr(item, f"description_{language}")) for language in order}
    for rank, language in enumerate(order, start=1):
        described = tokens(texts[language])
        if all(any(part.startswith(word) for part in described) for word in words):
            whole = sum(word in described for word in words)
            return ItemMatch(item, language, (min(rank, 2), -whole))
    if all(word in item.search_key for word in words):
        return ItemMatch(item, next((language for language in order
                                     if words[0] in texts[language]), None), (3, 0))
    return None


def clear_first(matches: list[ItemMatch]) -> bool:
    """The first match is the one meant: alone, or ranked better than the second."""
    return len(matches) == 1 or (len(matches) > 1 and matches[0].rank < matches[1].rank)


# -- editing (administrators) ---------------------------------------------------------------

def _catalogue(session: Session, catalogue_id: uuid.UUID) -> PriceCatalogue:
    catalogue = session.get(PriceCatalogue, catalogue_id)
    if catalogue is None or catalogue.deleted_at is not None:
        raise NotFound(translate("catalogue", "That price catalogue does not exist any more."))
    return catalogue


def _draft(session: Session, catalogue_id: uuid.UUID) -> PriceCatalogue:
    catalogue = _catalogue(session, catalogue_id)
    if catalogue.published:
        raise UserError(translate(
            "catalogue", "Catalogue {label} is published and cannot change; create a new "
                         "version to change prices.").format(label=catalogue.label))
    return catalogue


def _check_label(session: Session, label: str, valid_from: date | None) -> str:
    label = label.strip()
    if not label:
        raise ValidationError(translate("catalogue", "Name the version, e.g. 2026-07."),
                              field="label")
    if valid_from is None:
        raise ValidationError(translate("catalogue", "Enter the date the prices apply from."),
                              field="valid_from")
    if session.scalar(select(PriceCatalogue.id).where(PriceCatalogue.label == label)):
        raise ValidationError(translate("catalogue", "A version named {label} exists; choose "
                                                     "another name.").format(label=label),
                              field="label")
    return label


def new_version(db: Database, actor: Actor, label: str, valid_from: date,
                copy_from: uuid.UUID | None = None) -> CatalogueInfo:
    """A draft version, with the items of `copy_from` when given."""
    require(actor, Action.EDIT_SETTINGS)
    with db.write(actor) as session:
        label = _check_label(session, label, valid_from)
        catalogue = PriceCatalogue(label=label, valid_from=valid_from, published=False)
        session.add(catalogue)
        session.flush()
        count = 0
        if copy_from is not None:
            source = _catalogue(session, copy_from)
            for item in session.scalars(select(PriceItem).where(
                    PriceItem.catalogue_id == source.id, PriceItem.deleted_at.is_(None))):
                session.add(PriceItem(catalogue_id=catalogue.id, code=item.code,
                                      category=item.category, description_tr=item.description_tr,
                                      description_en=item.description_en,
                                      description_ar=item.description_ar, unit=item.unit,
                                      unit_price=item.unit_price, kdv_rate=item.kdv_rate,
                                      withdrawn=item.withdrawn))
                count += 1
        return CatalogueInfo(catalogue.id, label, valid_from, False, count)


def set_unit_price(db: Database, actor: Actor, item_id: uuid.UUID, raw: str) -> ItemRow:
    """Change a draft version's price; a published version is refused."""
    require(actor, Action.EDIT_SETTINGS)
    price = _price(raw)
    with db.write(actor) as session:
        item = session.get(PriceItem, item_id)
        if item is None:
            raise NotFound(translate("catalogue", "That catalogue item does not exist any more."))
        _draft(session, item.catalogue_id)
        item.unit_price = price
        return _item_row(item)


def set_withdrawn(db: Database, actor: Actor, item_id: uuid.UUID, withdrawn: bool) -> ItemRow:
    """Withdraw an item (or bring it back): new BoQ lines cannot use it; existing ones keep it."""
    require(actor, Action.EDIT_SETTINGS)
    with db.write(actor) as session:
        item = session.get(PriceItem, item_id)
        if item is None:
            raise NotFound(translate("catalogue", "That catalogue item does not exist any more."))
        item.withdrawn = withdrawn
        return _item_row(item)


def publish(db: Database, actor: Actor, catalogue_id: uuid.UUID) -> None:
    """Freeze a draft version; new BoQs use it from its date on."""
    require(actor, Action.EDIT_SETTINGS)
    with db.write(actor) as session:
        catalogue = _draft(session, catalogue_id)
        if not session.scalar(select(func.count()).select_from(PriceItem)
                              .where(PriceItem.catalogue_id == catalogue.id)):
            raise UserError(translate("catalogue", "Catalogue {label} has no items; add or "
                                                   "import items first.").format(
                label=catalogue.label))
        catalogue.published = True


def _price(raw: str | Decimal, row: str = "") -> Decimal:
    value = raw if isinstance(raw, Decimal) else parse_decimal(str(raw), field="unit_price",
                                                               places=2)
    if value <= 0:
        raise ValidationError(row + translate("catalogue", "A unit price must be more than "
                                                           "zero."), field="unit_price")
    return value


# -- spreadsheets ---------------------------------------------------------------------------

def export_xlsx(db: Database, catalogue_id: uuid.UUID, path: Path) -> int:
    """Write a version to `path` with numbers as numbers; the number of items written."""
    from shelter_app.documents.spreadsheet import SheetColumn, save_workbook

    with db.read() as session:
        label = _catalogue(session, catalogue_id).label
    items = catalogue_items(db, catalogue_id)
    text = SheetColumn
    columns = [text("code", 16), text("category", 12), text("description_tr", 60),
               text("description_en", 60), text("description_ar", 60), text("unit", 8),
               SheetColumn("unit_price", 14, "#,##0.00"), SheetColumn("kdv_rate", 10, "0.00"),
               SheetColumn("withdrawn", 10)]
    rows = [[i.code, i.category.value, i.description_tr, i.description_en, i.description_ar,
             i.unit, i.unit_price, i.kdv_rate, i.withdrawn] for i in items]
    save_workbook(path, [(label, columns, rows)])
    return len(rows)


def import_xlsx(db: Database, actor: Actor, path: Path, label: str,
                valid_from: date) -> CatalogueInfo:
    """A new draft version from a spreadsheet laid out as `export_xlsx` writes it.

    Every row is checked first; one bad row refuses the whole file, naming its row number."""
    require(actor, Action.EDIT_SETTINGS)
    rows = _read_rows(path)
    with db.write(actor) as session:
        label = _check_label(session, label, valid_from)
        catalogue = PriceCatalogue(label=label, valid_from=valid_from, published=False)
        session.add(catalogue)
        session.flush()
        session.execute(insert(PriceItem), [dict(row, id=uuid.uuid4(),
                                                  catalogue_id=catalogue.id) for row in rows])
        return CatalogueInfo(catalogue.id, label, valid_from, False, len(rows))


def _read_rows(path: Path) -> list[dict[str, Any]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, data_only=True)  # small: read whole, file closed
    except (OSError, InvalidFileException, BadZipFile, KeyError) as error:
        raise UserError(translate("catalogue", "Cannot read {path} as an XLSX spreadsheet: "
                                               "{error}").format(path=path, error=error)) from None
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = [str(cell or "").strip() for cell in next(lines, ())]
        missing = [name for name in XLSX_HEADERS[:-1] if name not in header]
        if missing:
            raise UserError(translate("catalogue", "The first row must name the columns; "
                                                   "missing: {columns}.").format(
                columns=", ".join(missing)))
        rows, seen = [], set()
        for number, values in enumerate(lines, start=2):
            cells = dict(zip(header, values))
            if not any(value not in (None, "") for value in cells.values()):
                continue
            row = _parse_row(cells, translate("catalogue", "Row {row}: ").format(row=number))
            if row["code"] in seen:
                raise ValidationError(translate("catalogue", "Row {row}: code {code} appears "
                                                             "twice.").format(
                    row=number, code=row["code"]), field="code")
            seen.add(row["code"])
            rows.append(row)
    finally:
        workbook.close()
    if not rows:
        raise UserError(translate("catalogue", "The spreadsheet has no items."))
    return rows


def _parse_row(cells: dict[str, Any], where: str) -> dict[str, Any]:
    def text(name: str) -> str:
        value = cells.get(name)
        return "" if value is None else str(value).strip()

    for name in ("code", "description_tr", "unit"):
        if not text(name):
            raise ValidationError(where + translate("catalogue", "{column} is empty.").format(
                column=name), field=name)
    try:
        category = Category(text("category").lower())
    except ValueError:
        raise ValidationError(where + translate(
            "catalogue", "category '{value}' is unknown; use one of {choices}.").format(
            value=text("category"), choices=", ".join(c.value for c in Category)),
            field="category") from None
    kdv = _number(cells.get("kdv_rate"), where, "kdv_rate")
    if not Decimal(0) <= kdv <= Decimal(100):
        raise ValidationError(where + translate("catalogue", "VAT rate {value} is not a "
                                                             "percentage.").format(value=kdv),
                              field="kdv_rate")
    if len(text("code")) > 20 or len(text("unit")) > 12:
        raise ValidationError(where + translate("catalogue", "code (20) or unit (12) is too "
                                                             "long."), field="code")
    return {"code": text("code"), "category": category.value,
            "description_tr": text("description_tr"),
            "description_en": text("description_en") or text("description_tr"),
            "description_ar": text("description_ar"), "unit": text("unit"),
            "unit_price": _price(_number(cells.get("unit_price"), where, "unit_price"), where),
            "kdv_rate": kdv,
            "withdrawn": text("withdrawn").lower() in {"1", "true", "yes", "evet", "x"}}


def _number(value: Any, where: str, column: str) -> Decimal:
    """A spreadsheet number (float from a numeric cell, or typed text such as "1.234,50")."""
    if isinstance(value, bool) or value is None or value == "":
        raise ValidationError(where + translate("catalogue", "{column} is empty.").format(
            column=column), field=column)
    if isinstance(value, int | float):
        number = Decimal(repr(value))
        if not number.is_finite() or number != number.quantize(KURUS):
            raise ValidationError(where + translate(
                "catalogue", "{column} {value} needs at most two decimals.").format(
                column=column, value=value), field=column)
        return number.quantize(KURUS)
    try:
        return parse_decimal(str(value), field=column, places=2)
    except ValidationError as error:
        raise ValidationError(where + error.message, field=column) from None
