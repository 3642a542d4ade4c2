"""How the sync pages and the sync report name a record: by its reference, number, code or
user name, and a record that has none by where and when it belongs ("at GAZ-D-000012 on
05/12/2026"), for its id tells a person nothing. The command-line report prints these names
too: never a person's name or ID number (a household member is named by their place in the
household's register)."""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Column, Table, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from shelter_app.data.models import (
    Assessment,
    BoQ,
    BoQLine,
    Dwelling,
    Household,
    HouseholdMember,
    LeaseAgreement,
    Timesheet,
)
from shelter_app.data.replication import TABLES, BadValue, decode
from shelter_app.domain.i18n import date_text, translate
from shelter_app.domain.reopen import ReopenKind
from shelter_app.domain.stages import PhotoTag

Values = dict[str, Any]
Names = dict[uuid.UUID, str | None]  # None: the values do not say enough


def record_labels(session: Session, records: list[tuple[str, uuid.UUID, Values]]) -> list[str]:
    """How people name each (table, id, values) record: its reference, number, code or user
    name, or where and when it belongs (`_KINDS`), else its id; a few queries per table. A
    record the server refused and this laptop no longer holds is named by the values its op
    carried, if they say enough; else it is said to be gone."""
    names: dict[tuple[str, uuid.UUID], str] = {}
    for entity in {entity for entity, _, _ in records}:
        table = TABLES.get(entity)
        if table is None:
            continue
        found = [(row_id, values) for name, row_id, values in records if name == entity]
        kind = _KINDS.get(entity)
        named = _placed(session, table, kind, found) if kind else _referenced(session, table, [
            row_id for row_id, _ in found])
        names |= {(entity, row_id): name for row_id, name in named.items()}
    return [names.get((entity, row_id)) or record_name(values) or str(row_id)
            for entity, row_id, values in records]


def record_name(values: Values) -> str | None:
    """How people name a record by its values (its reference, number, code, user name, key or
    label), if it has such a name."""
    found = next((values.get(c) for c in _LABELS if values.get(c)), None)
    return str(found) if found else None


_LABELS = ("ref", "number", "code", "username", "key", "label")


def _referenced(session: Session, table: Table, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    column = next((c for c in _LABELS if c in table.c), None)
    if column is None:
        return {}
    return {row_id: str(value) for row_id, value in _pairs(session, table.c.id, table.c[column],
                                                           ids).items() if value}


@dataclass(frozen=True)
class _Kind:
    """A record with no name of its own: the columns that say where and when it belongs, and
    how they name it (None: they do not say enough)."""

    columns: tuple[str, ...]
    name: Callable[[Session, dict[uuid.UUID, Values]], Names]


def _placed(session: Session, table: Table, kind: _Kind, records: list[tuple[uuid.UUID, Values]]
            ) -> dict[uuid.UUID, str]:
    columns = [table.c[name] for name in kind.columns]
    ids = [row_id for row_id, _ in records]
    rows = {row_id: dict(zip(kind.columns, rest, strict=True))
            for start in range(0, len(ids), 500)
            for row_id, *rest in session.execute(select(table.c.id, *columns).where(
                table.c.id.in_(ids[start:start + 500])))}
    for row_id, values in records:
        carried = _carried(columns, values)
        if row_id not in rows and carried is not None:
            rows[row_id] = carried
    gone = translate("sync", "(no longer on this laptop)")
    return {row_id: name or gone for row_id, name in (
        dict.fromkeys(ids) | kind.name(session, rows)).items()}


def _carried(columns: list[Column[Any]], values: Values) -> Values | None:
    """The op's values of `columns` (the record's making, a move), if it carried them all."""
    try:
        return {c.name: decode(c, values[c.name]) for c in columns}
    except (KeyError, BadValue):
        return None


def _pairs(session: Session, key: InstrumentedAttribute[Any] | Column[Any],
           value: InstrumentedAttribute[Any] | Column[Any], ids: Iterable[uuid.UUID | None]
           ) -> dict[uuid.UUID, Any]:
    wanted = sorted({i for i in ids if i is not None})
    return {k: v for start in range(0, len(wanted), 500)
            for k, v in session.execute(select(key, value).where(
                key.in_(wanted[start:start + 500])))}


def _sites(session: Session, rows: dict[uuid.UUID, Values], column: str = "dwelling_id"
           ) -> dict[uuid.UUID, str | None]:
    """Each row's dwelling reference (None: a dwelling this laptop does not hold)."""
    refs = _pairs(session, Dwelling.id, Dwelling.ref, (v[column] for v in rows.values()))
    return {row_id: refs.get(values[column]) for row_id, values in rows.items()}


def _at(site: str | None, day: date) -> str:
    if site is None:  # a site this laptop does not hold either: its id would tell nothing
        return translate("sync", "on {day}").format(day=date_text(day))
    return translate("sync", "at {site} on {day}").format(site=site, day=date_text(day))


def _days(column: str) -> Callable[[Session, dict[uuid.UUID, Values]], Names]:
    """Records of a site and a day (a labour day, an assessment): "at GAZ-D-000012 on …"."""
    def name(session: Session, rows: dict[uuid.UUID, Values]) -> Names:
        sites = _sites(session, rows)
        return {row_id: _at(sites[row_id], values[column]) for row_id, values in rows.items()}
    return name


def _visits(session: Session, rows: dict[uuid.UUID, Values]) -> Names:
    """A monitoring visit by its agreement's dwelling and the day it is due (the day it was
    made changes, and is often not yet known)."""
    dwellings = _pairs(session, LeaseAgreement.id, LeaseAgreement.dwelling_id,
                       (v["agreement_id"] for v in rows.values()))
    sites = _sites(session, {row_id: {"dwelling_id": dwellings.get(v["agreement_id"])}
                             for row_id, v in rows.items()})
    return {row_id: _at(sites[row_id], v["due_on"]) for row_id, v in rows.items()}


def _photos(session: Session, rows: dict[uuid.UUID, Values]) -> Names:
    sites = _sites(session, rows)
    return {row_id: (translate("sync", "“{tag}” at {site}").format(
        tag=PhotoTag(v["tag"]).label, site=sites[row_id]) if sites[row_id] else
        translate("sync", "“{tag}”").format(tag=PhotoTag(v["tag"]).label))
        for row_id, v in rows.items()}


def _works_checks(session: Session, rows: dict[uuid.UUID, Values]) -> Names:
    """A works check by its dwelling and the BoQ line it checks (one per line)."""
    dwellings = _pairs(session, Assessment.id, Assessment.dwelling_id,
                       (v["assessment_id"] for v in rows.values()))
    lines = _pairs(session, BoQLine.id, BoQLine.position,
                   (v["boq_line_id"] for v in rows.values()))
    sites = _sites(session, {row_id: {"dwelling_id": dwellings.get(v["assessment_id"])}
                             for row_id, v in rows.items()})
    return {row_id: translate("sync", "at {site}, BoQ line {line}").format(
        site=sites[row_id], line=lines[v["boq_line_id"]])
        if sites[row_id] and v["boq_line_id"] in lines else None for row_id, v in rows.items()}


def _reopen_requests(session: Session, rows: dict[uuid.UUID, Values]) -> Names:
    """A request to reopen by what it would reopen: "for BoQ GAZ-B-000012"."""
    refs = _pairs(session, BoQ.id, BoQ.ref, (v["boq_id"] for v in rows.values())) | _pairs(
        session, Timesheet.id, Timesheet.ref, (v["timesheet_id"] for v in rows.values()))
    named = {}
    for row_id, v in rows.items():
        ref = refs.get(v["boq_id"] or v["timesheet_id"])
        named[row_id] = translate("sync", "for {kind} {ref}").format(
            kind=ReopenKind(v["kind"]).label, ref=ref) if ref else None
    return named


def _members(session: Session, rows: dict[uuid.UUID, Values]) -> Names:
    """A household member by their place in the household's register (the head first, then
    the eldest to the youngest), never by their name: the sync report is printed and logged."""
    households = {v["household_id"] for v in rows.values()}
    refs = _pairs(session, Household.id, Household.ref, households)
    places: dict[uuid.UUID, int] = {}
    for start in range(0, len(households), 500):
        register = session.execute(select(HouseholdMember.id, HouseholdMember.household_id).where(
            HouseholdMember.household_id.in_(sorted(households)[start:start + 500]),
            HouseholdMember.deleted_at.is_(None)).order_by(
            HouseholdMember.household_id, HouseholdMember.relation != "head",
            HouseholdMember.birth_date, HouseholdMember.id))
        counts: dict[uuid.UUID, int] = {}
        for member_id, household_id in register:
            counts[household_id] = places[member_id] = counts.get(household_id, 0) + 1
    named: dict[uuid.UUID, str | None] = {}
    for row_id, v in rows.items():
        household = refs.get(v["household_id"])
        if household is None:
            named[row_id] = None
        elif row_id in places:
            named[row_id] = translate("sync", "no. {place} of {ref}").format(
                place=places[row_id], ref=household)
        else:  # left the register (deleted), or known only by its op
            named[row_id] = translate("sync", "of {ref}").format(ref=household)
    return named


_KINDS = {
    "labour_entries": _Kind(("dwelling_id", "work_date"), _days("work_date")),
    "assessments": _Kind(("dwelling_id", "assessed_on"), _days("assessed_on")),
    "monitoring_visits": _Kind(("agreement_id", "due_on"), _visits),
    "photos": _Kind(("dwelling_id", "tag"), _photos),
    "works_checks": _Kind(("assessment_id", "boq_line_id"), _works_checks),
    "reopen_requests": _Kind(("kind", "boq_id", "timesheet_id"), _reopen_requests),
    "household_members": _Kind(("household_id",), _members),
}
