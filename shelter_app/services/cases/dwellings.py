"""Finding dwellings and reading one dwelling's file.

The list is searched through folded word tokens (see DwellingSearchToken): every word the user
types must be the start of some word of the dwelling's reference, address, household head or
landlord, in any case and with or without Turkish letters ("sanliurfa" finds "Şanlıurfa").
Text shaped like the start of a reference ("GAZ-D-00", "gaz-h-0001") is instead the start of the
dwelling's reference (or, for a household's, of its household's), read through that column's
unique index: as words it would be "gaz", the start of every token of an office.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    delete,
    func,
    insert,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from shelter_app.data.cancel import Cancel, interruptible
from shelter_app.data.collation import turkish
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    BoQ,
    Dwelling,
    DwellingSearchToken,
    Household,
    LabourEntry,
    Landlord,
    LeaseAgreement,
    Photo,
)
from shelter_app.domain.errors import NotFound
from shelter_app.domain.household import nationality_label
from shelter_app.domain.i18n import translate
from shelter_app.domain.stages import ApprovalStatus, Stage
from shelter_app.domain.textfold import tokens
from shelter_app.services.cases.dwelling_row import DwellingRow, SortKey
from shelter_app.services.cases.references import KINDS, typed_reference

TOKEN_LENGTH = 80  # the column's width; longer words are indexed and searched by their start
_TOKEN_END = "\U0010ffff"  # sorts after every character: [term, term+END) is "starts with term"


def search_tokens(dwelling: Dwelling, household: Household | None,
                  landlord: Landlord | None) -> set[str]:
    return tokens(
        dwelling.ref,
        dwelling.province,
        dwelling.district,
        dwelling.neighbourhood,
        dwelling.street,
        household.head_name if household else None,
        household.ref if household else None,
        landlord.name if landlord else None,
    )


def token_rows(dwelling_id: uuid.UUID, ref: str, words: Iterable[str]) -> list[dict[str, object]]:
    return [{"dwelling_id": dwelling_id, "ref": ref, "token": word[:TOKEN_LENGTH]} for word in words]


def reindex(session: Session, dwelling: Dwelling) -> None:
    """Rewrite a dwelling's search tokens; call in the transaction that changed what they show.

    A soft-deleted dwelling keeps no tokens, so searches never find it."""
    household = session.get(Household, dwelling.household_id) if dwelling.household_id else None
    landlord = session.get(Landlord, dwelling.landlord_id) if dwelling.landlord_id else None
    session.flush()
    session.execute(delete(DwellingSearchToken).where(DwellingSearchToken.dwelling_id == dwelling.id))
    if dwelling.deleted_at is not None:
        return
    rows = token_rows(dwelling.id, dwelling.ref, search_tokens(dwelling, household, landlord))
    if rows:
        session.execute(insert(DwellingSearchToken), rows)


def reindex_many(session: Session, dwelling_ids: Iterable[uuid.UUID]) -> None:
    """`reindex` for many dwellings at once (rows taken from sync): read in bulk, one DELETE
    and one INSERT per chunk."""
    ids = list(dwelling_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        session.execute(delete(DwellingSearchToken).where(
            DwellingSearchToken.dwelling_id.in_(chunk)))
        _index(session, Dwelling.id.in_(chunk))


def reindex_all(session: Session) -> None:
    """Every dwelling's search tokens written again (after a first sync, which leaves them)."""
    session.execute(delete(DwellingSearchToken))
    _index(session, Dwelling.deleted_at.is_(None))


# what search_tokens reads: plain rows of these columns, not whole records (a household's
# JSON columns would be parsed for nothing); the ids as the driver gives and takes them (SQLite:
# hex text), as a first sync's 20,000 dwellings with their households and landlords made 90,000
# uuid.UUID only to look them up and bind them again
_SHOWN = (type_coerce(Dwelling.id, String).label("id"), Dwelling.ref, Dwelling.province,
          Dwelling.district, Dwelling.neighbourhood, Dwelling.street,
          type_coerce(Dwelling.household_id, String).label("household_id"),
          type_coerce(Dwelling.landlord_id, String).label("landlord_id"))


def _index(session: Session, which: ColumnElement[bool]) -> None:
    """Insert the tokens of the live dwellings `which` selects (they hold none)."""
    which = and_(which, Dwelling.deleted_at.is_(None))
    households = {h.id: h for h in session.execute(
        select(type_coerce(Household.id, String).label("id"), Household.head_name,
               Household.ref).where(Household.id.in_(select(Dwelling.household_id).where(which))))}
    landlords = {ll.id: ll for ll in session.execute(
        select(type_coerce(Landlord.id, String).label("id"), Landlord.name).where(
            Landlord.id.in_(select(Dwelling.landlord_id).where(which))))}
    # (dwelling id, ref, token): after a first sync some 300,000 rows, inserted by the driver,
    # as SQLAlchemy's per-row parameter work cost more than SQLite's
    rows = [(d.id, d.ref, word[:TOKEN_LENGTH])
            for d in session.execute(select(*_SHOWN).where(which))
            for word in search_tokens(d, households.get(d.household_id),
                                      landlords.get(d.landlord_id))]
    if rows:
        connection = session.connection()
        mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        connection.exec_driver_sql("INSERT INTO dwelling_search_tokens (dwelling_id, ref, token) "
                                   f"VALUES ({mark}, {mark}, {mark})", rows)


def _starts(column: Any, text: str) -> ColumnElement[bool]:
    """Values of `column` that start with `text`, as an index range."""
    return and_(column >= text, column < text + _TOKEN_END)


def _has_word(term: str) -> ColumnElement[bool]:
    """The dwelling has a token that starts with `term`."""
    return (select(DwellingSearchToken.token)
            .where(DwellingSearchToken.dwelling_id == Dwelling.id,
                   _starts(DwellingSearchToken.token, term))
            .exists())


def _has_reference(prefix: str) -> ColumnElement[bool]:
    """The dwelling's reference, or its household's for a household's kind, starts with
    `prefix` (a typed_reference)."""
    if prefix[4:5] == KINDS["household"]:
        return Dwelling.household_id.in_(select(Household.id).where(_starts(Household.ref, prefix)))
    return _starts(Dwelling.ref, prefix)


def _page_by_ref(terms: list[str], descending: bool) -> Select[tuple[object, ...]]:
    """Matches in reference order, read from the token table alone (the common case)."""
    tokens_ = DwellingSearchToken
    page = select(tokens_.dwelling_id.label("id"), tokens_.ref.label("sort_key")).where(
        _starts(tokens_.token, terms[0])
    )
    for term in terms[1:]:  # probed per candidate: a common second word ("d") costs nothing
        other = aliased(DwellingSearchToken)
        page = page.where(
            select(other.token)
            .where(other.dwelling_id == tokens_.dwelling_id, _starts(other.token, term))
            .exists()
        )
    return page.distinct().order_by(tokens_.ref.desc() if descending else tokens_.ref)


# Made once, with the sort keys: an alias builds a proxy of each of its table's columns when
# first used, which cost a keystroke 6-7 ms CPU when each search made its own four.
_SORT_HOUSEHOLD = aliased(Household)
_SORT_LANDLORD = aliased(Landlord)
_HOUSEHOLD = aliased(Household)
_LANDLORD = aliased(Landlord)
_SORT_KEYS: dict[SortKey, Any] = {
    SortKey.REF: Dwelling.ref,
    SortKey.STAGE: case({stage: n for n, stage in enumerate(Stage)}, value=Dwelling.stage),
    SortKey.PROVINCE: turkish(Dwelling.province),
    SortKey.HOUSEHOLD: turkish(_SORT_HOUSEHOLD.head_name),
    SortKey.LANDLORD: turkish(_SORT_LANDLORD.name),
}


def _page_by_scan(matches: list[ColumnElement[bool]], sort: SortKey,
                  descending: bool) -> Select[tuple[object, ...]]:
    """Dwellings in the chosen order, each tested for `matches`. Fast when they are common
    (one-letter words, or a sort other than by reference), as a page fills after a few rows,
    and for a reference's start, whose range of the reference index is read in order."""
    key = _SORT_KEYS[sort]
    page = select(Dwelling.id, key.label("sort_key")).where(Dwelling.deleted_at.is_(None))
    if sort is SortKey.HOUSEHOLD:
        page = page.outerjoin(_SORT_HOUSEHOLD, _SORT_HOUSEHOLD.id == Dwelling.household_id)
    elif sort is SortKey.LANDLORD:
        page = page.outerjoin(_SORT_LANDLORD, _SORT_LANDLORD.id == Dwelling.landlord_id)
    return page.where(*matches).order_by(key.desc() if descending else key.asc(), Dwelling.ref)


def _query(text: str, sort: SortKey, descending: bool, offset: int,
           limit: int | None) -> Select[tuple[object, ...]]:
    """Find one page of ids in the right order, then join names for that page only.

    Measured on 100,000 dwellings: joining names for every match before the LIMIT cost a
    keystroke 30-120 ms; paging first brings it to a few milliseconds.
    """
    reference = typed_reference(text)
    terms = sorted({word[:TOKEN_LENGTH] for word in tokens(text)}, key=len, reverse=True)
    if reference is not None:
        page = _page_by_scan([_has_reference(reference)], sort, descending)
    elif sort is SortKey.REF and terms and len(terms[0]) > 1:
        page = _page_by_ref(terms, descending)
    else:
        page = _page_by_scan([_has_word(term) for term in terms], sort, descending)
    rows = page.offset(offset).limit(limit).subquery()
    household, landlord = _HOUSEHOLD, _LANDLORD
    direction = "desc" if descending else "asc"
    key = rows.c.sort_key if sort in (SortKey.REF, SortKey.STAGE) else turkish(rows.c.sort_key)
    return (
        select(Dwelling.id, Dwelling.ref, Dwelling.stage, Dwelling.province, Dwelling.district,
               household.head_name, landlord.name)
        .join(rows, rows.c.id == Dwelling.id)
        .outerjoin(household, household.id == Dwelling.household_id)
        .outerjoin(landlord, landlord.id == Dwelling.landlord_id)
        .where(Dwelling.deleted_at.is_(None))
        .order_by(getattr(key, direction)(), Dwelling.ref)
    )


def search_dwellings(
    db: Database,
    text: str = "",
    *,
    sort: SortKey = SortKey.REF,
    descending: bool = False,
    offset: int = 0,
    limit: int | None = 200,
    cancel: Cancel | None = None,
) -> list[DwellingRow]:
    """One page of dwellings matching every word of `text`, sorted. `cancel` stops the query
    from another thread (it raises Cancelled): the list's search, replaced by a keystroke."""
    with db.read() as session, interruptible(session, cancel):
        rows = session.execute(_query(text, sort, descending, offset, limit))
        return [DwellingRow(*row) for row in rows]


def count_dwellings(db: Database) -> int:
    with db.read() as session:
        return session.scalar(
            select(func.count()).select_from(Dwelling).where(Dwelling.deleted_at.is_(None))
        ) or 0


@dataclass(frozen=True)
class PersonSummary:
    ref: str
    name: str
    detail: str


@dataclass(frozen=True)
class DwellingFile:
    """Everything about one case, for the read-only dwelling file."""

    id: uuid.UUID
    ref: str
    stage: Stage
    address: str
    dwelling_type: str
    floor_area_m2: Decimal | None
    rooms: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    household: PersonSummary | None
    landlord: PersonSummary | None
    assessments: list[tuple[date, bool | None]]
    photo_count: int
    boq_count: int
    approved_boq: tuple[str, Decimal | None] | None  # the newest approved revision, its total
    agreements: list[tuple[str, str]]
    labour_days: Decimal


def dwelling_file(db: Database, ref_or_id: str | uuid.UUID) -> DwellingFile:
    with db.read() as session:
        column = Dwelling.id if isinstance(ref_or_id, uuid.UUID) else Dwelling.ref
        dwelling = session.scalar(select(Dwelling).where(column == ref_or_id))
        if dwelling is None:
            raise NotFound(
                translate("dwellings", "No dwelling {ref} exists; check the reference.").format(
                    ref=ref_or_id
                )
            )
        household = session.get(Household, dwelling.household_id) if dwelling.household_id else None
        landlord = session.get(Landlord, dwelling.landlord_id) if dwelling.landlord_id else None
        assessments = session.execute(
            select(Assessment.assessed_on, Assessment.eligible)
            .where(Assessment.dwelling_id == dwelling.id)
            .order_by(Assessment.assessed_on)
        ).all()
        agreements = session.execute(
            select(LeaseAgreement.number, LeaseAgreement.status)
            .where(LeaseAgreement.dwelling_id == dwelling.id)
            .order_by(LeaseAgreement.start_date)
        ).all()

        def count(model: type[Photo] | type[BoQ]) -> int:
            return session.scalar(
                select(func.count()).select_from(model)
                .where(model.dwelling_id == dwelling.id, model.deleted_at.is_(None))
            ) or 0

        labour = session.scalar(
            select(func.sum(LabourEntry.portion)).where(LabourEntry.dwelling_id == dwelling.id)
        )
        approved = session.execute(
            select(BoQ.ref, BoQ.gross_total)
            .where(BoQ.dwelling_id == dwelling.id, BoQ.status == ApprovalStatus.APPROVED,
                   BoQ.deleted_at.is_(None))
            .order_by(BoQ.revision.desc()).limit(1)).first()
        return DwellingFile(
            id=dwelling.id,
            ref=dwelling.ref,
            stage=dwelling.stage,
            address=dwelling.address,
            dwelling_type=dwelling.dwelling_type,
            floor_area_m2=dwelling.floor_area_m2,
            rooms=dwelling.rooms,
            latitude=dwelling.latitude,
            longitude=dwelling.longitude,
            household=_household_summary(household),
            landlord=_landlord_summary(landlord),
            assessments=[(row[0], row[1]) for row in assessments],
            photo_count=count(Photo),
            boq_count=count(BoQ),
            approved_boq=(approved[0], approved[1]) if approved else None,
            agreements=[(row[0], str(row[1])) for row in agreements],
            labour_days=Decimal(labour or 0),
        )


def _household_summary(household: Household | None) -> PersonSummary | None:
    if household is None:
        return None
    detail = translate("dwellings", "%n people, {nationality}", "", household.size).format(
        nationality=nationality_label(household.nationality))
    return PersonSummary(household.ref, household.head_name, detail)


def _landlord_summary(landlord: Landlord | None) -> PersonSummary | None:
    if landlord is None:
        return None
    return PersonSummary(landlord.ref, landlord.name, landlord.phone or "")
