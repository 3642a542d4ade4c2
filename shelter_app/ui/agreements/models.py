"""Table models of the agreement screens: the office's agreements (paged from the service), the
start-of-day lists, an agreement's monitoring visits, the landlords."""

import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shelter_app.data.cancel import Cancel
from shelter_app.data.engine import Database
from shelter_app.domain.lease import status_label
from shelter_app.domain.stages import AgreementStatus
from shelter_app.services.agreements.lookup import (
    AgreementRow,
    VisitRow,
    list_agreements,
)
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.agreements.landlords import LandlordRow, list_landlords
from shelter_app.services.agreements.monitoring import EndingRow, OverdueRow
from shelter_app.ui.formats import date_text, money
from shelter_app.ui.paged_model import Column, PagedTableModel

Row = TypeVar("Row")


def _day(value: date | None) -> str:
    return date_text(value) if value else ""


def _money(value: Decimal | None) -> str:
    return money(value) if value is not None else ""


class AgreementTableModel(PagedTableModel[AgreementRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("AgreementTableModel", "Agreement"), lambda r: r.number),
        Column(QT_TRANSLATE_NOOP("AgreementTableModel", "Status"),
               lambda r: status_label(r.status)),
        Column(QT_TRANSLATE_NOOP("AgreementTableModel", "Dwelling"), lambda r: r.dwelling_ref),
        Column(QT_TRANSLATE_NOOP("AgreementTableModel", "Tenant"), lambda r: r.household),
        Column(QT_TRANSLATE_NOOP("AgreementTableModel", "Landlord"), lambda r: r.landlord),
        Column(QT_TRANSLATE_NOOP("AgreementTableModel", "Start"), lambda r: _day(r.start_date)),
        Column(QT_TRANSLATE_NOOP("AgreementTableModel", "End"), lambda r: _day(r.end_date)),
        Column(QT_TRANSLATE_NOOP("AgreementTableModel", "Monthly rent"),
               lambda r: _money(r.monthly_rent), numeric=True),
    ]

    def __init__(self, db: Database, actor: Actor, parent: Any = None, text: str = "", *,
                 background: bool = False, dwelling_id: uuid.UUID | None = None,
                 rows: list[AgreementRow] | None = None) -> None:
        """`background`: read the first page in a worker, as the Agreements page does (a third
        of a second on 100,000 dwellings); `dwelling_id`: that dwelling's agreements only (its
        file), read at once by the dwelling's index; `rows`: the first page, read beforehand
        (in a worker)."""
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.text = text
        self.dwelling_id = dwelling_id
        self.status: AgreementStatus | None = None
        if rows is not None:
            self._show(rows)
        elif background:
            self.reload_in_background()
        else:
            self.reload()

    def set_filter(self, text: str, status: AgreementStatus | None) -> None:
        """Filter in the background: the rows arrive with `loaded`."""
        self.text, self.status = text, status
        self.reload_in_background()

    def fetch(self, offset: int, limit: int) -> list[AgreementRow]:
        return self.fetcher()(offset, limit, None)

    def fetcher(self) -> Callable[[int, int, Cancel | None], list[AgreementRow]]:
        db, actor, text, status = self._db, self._actor, self.text, self.status
        dwelling_id = self.dwelling_id
        return lambda offset, limit, cancel: list_agreements(
            db, actor, text, status, offset=offset, limit=limit, cancel=cancel,
            dwelling_id=dwelling_id)


class RowsModel(PagedTableModel[Row], Generic[Row]):
    """A short list held whole (the start-of-day lists, one agreement's visits)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.rows = rows
        self.reload()

    def fetch(self, offset: int, limit: int) -> list[Row]:
        return self.rows[offset:offset + limit]


class EndingModel(RowsModel[EndingRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("EndingModel", "Agreement"), lambda r: r.number),
        Column(QT_TRANSLATE_NOOP("EndingModel", "Dwelling"), lambda r: r.dwelling_ref),
        Column(QT_TRANSLATE_NOOP("EndingModel", "Ends"), lambda r: _day(r.end_date)),
        Column(QT_TRANSLATE_NOOP("EndingModel", "Days left"), lambda r: str(r.days_left),
               numeric=True),
        Column(QT_TRANSLATE_NOOP("EndingModel", "Renewal"), lambda r: r.renewal or ""),
        # last: the name takes what room is left, and scrolls, rather than push the days out
        Column(QT_TRANSLATE_NOOP("EndingModel", "Tenant"), lambda r: r.household),
    ]


class OverdueModel(RowsModel[OverdueRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("OverdueModel", "Agreement"), lambda r: r.number),
        Column(QT_TRANSLATE_NOOP("OverdueModel", "Dwelling"), lambda r: r.dwelling_ref),
        Column(QT_TRANSLATE_NOOP("OverdueModel", "Due since"), lambda r: _day(r.due_on)),
        Column(QT_TRANSLATE_NOOP("OverdueModel", "Days late"), lambda r: str(r.days_late),
               numeric=True),
        Column(QT_TRANSLATE_NOOP("OverdueModel", "Visits missed"), lambda r: str(r.missed),
               numeric=True),
        Column(QT_TRANSLATE_NOOP("OverdueModel", "Tenant"), lambda r: r.household),  # last
    ]


def _present(row: VisitRow) -> str:
    if row.household_present is None:
        return ""
    return (QCoreApplication.translate("VisitsModel", "Yes") if row.household_present
            else QCoreApplication.translate("VisitsModel", "NO"))


class VisitsModel(RowsModel[VisitRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("VisitsModel", "Due"), lambda r: _day(r.due_on)),
        Column(QT_TRANSLATE_NOOP("VisitsModel", "Visited"), lambda r: _day(r.visited_on)),
        Column(QT_TRANSLATE_NOOP("VisitsModel", "Rent paid"), lambda r: _money(r.rent_paid),
               numeric=True),
        Column(QT_TRANSLATE_NOOP("VisitsModel", "Household there"), _present),
        Column(QT_TRANSLATE_NOOP("VisitsModel", "Notes"), lambda r: r.notes),
    ]


class LandlordTableModel(PagedTableModel[LandlordRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("LandlordTableModel", "Landlord"), lambda r: r.ref),
        Column(QT_TRANSLATE_NOOP("LandlordTableModel", "Name"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("LandlordTableModel", "ID or tax number"),
               lambda r: r.id_number, numeric=True),
        Column(QT_TRANSLATE_NOOP("LandlordTableModel", "IBAN"), lambda r: r.iban),
        Column(QT_TRANSLATE_NOOP("LandlordTableModel", "Phone"), lambda r: r.phone),
        Column(QT_TRANSLATE_NOOP("LandlordTableModel", "Dwellings"), lambda r: str(r.dwellings),
               numeric=True),
    ]

    def __init__(self, db: Database, actor: Actor, parent: Any = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.text = ""
        self.reload()

    def set_filter(self, text: str) -> None:
        self.text = text
        self.reload()

    def fetch(self, offset: int, limit: int) -> list[LandlordRow]:
        return list_landlords(self._db, self._actor, self.text, offset=offset, limit=limit)
