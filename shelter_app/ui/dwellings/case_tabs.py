"""The dwelling file's tabs of the later steps: BoQ, agreement, labour, monitoring and photos
(the history's is ui/dwellings/history_tab.py). Each shows the existing page's model for this one dwelling and opens the existing
editors and dialogs, so an action taken here is the same action as on the area's page."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.domain.lease import status_label
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, PhotoTag, Stage
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.agreements.agreements import AgreementInput
from shelter_app.services.agreements.lookup import AgreementRow, AgreementView, agreement_view
from shelter_app.services.boq.boq import BoQView, create_boq
from shelter_app.services.boq.lookup import BoQRow
from shelter_app.services.cases.dwellings import DwellingFile
from shelter_app.ui.agreements.models import AgreementTableModel, VisitsModel
from shelter_app.ui.boq.page import BoQTableModel
from shelter_app.ui.columns import fit_titles
from shelter_app.ui.formats import date_text, isolated, money, read_from_right, typed_number
from shelter_app.ui.labour.base import ListTab
from shelter_app.ui.lazy_tabs import LazyTabs
from shelter_app.ui.labour.log_tab import DailyLogTab
from shelter_app.ui.labour.payments_tab import PaymentsTab
from shelter_app.ui.labour.timesheets_tab import TimesheetsTab
from shelter_app.ui.photos.model import PhotoListModel, Photos, tag_labels
from shelter_app.ui.photos.panel import GalleryView, PhotosPanel
from shelter_app.ui.worker import run_in_background, to_crash_handler
from shelter_app.ui.wrapping import wrapped

# agreements whose term is (or was) being monitored, newest first in the list
_MONITORED = (AgreementStatus.ACTIVE, AgreementStatus.SIGNED, AgreementStatus.ENDED,
              AgreementStatus.BREACHED, AgreementStatus.TERMINATED)


class CaseListTab(ListTab):
    """One dwelling's records of an area (its BoQs, its agreements), opened by double-click or
    Enter; the file reloads after anything saved from the record's window."""

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, file: DwellingFile, model: Any, name: str,
                 open_record: Callable[[Any], QDialog], new: tuple[str, Callable[[], None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(db, actor, model, name, parent)
        model.setParent(self)
        self.file = file
        self._open_record = open_record
        self.summary = QLabel()
        self.summary.setObjectName(f"{name}Summary")
        wrapped(self.summary)
        fit_titles(self.table)
        model.modelReset.connect(self._fit_columns)
        self.table.activated.connect(lambda _: self.open_selected())
        self.add_button("open", self.tr("Open…"), True, self.open_selected)
        self.add_button("new", new[0], actor.can(Action.EDIT_CASES), new[1])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row)

    def _fit_columns(self) -> None:
        """Each column as wide as its values (one case's few records): a reference is never
        cut ("ADA-2026-00…") nor wrapped ("GAZ-" over "D-000001-B1"); the last takes the rest."""
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)

    def enable(self) -> None:
        self.buttons["open"].setEnabled(self.actionable() is not None)

    def refresh(self, reload: bool = True) -> None:
        if reload:
            self.model.reload()
        else:  # read by the model's constructor, before the table was told
            self._fit_columns()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.select_row(0)
        self.enable()

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.window_ = self._open_record(row)
            self.window_.finished.connect(lambda _: self.changed.emit())
            self.window_.open()

    def act(self, work: Callable[[Database, Actor], Any], said: Callable[[Any], str]) -> None:
        """Write in a worker, the buttons off until its answer (ListTab.in_background); its
        refusal, or what `said` makes of its result, goes to the message line, and the file is
        read again."""
        self.in_background(work, lambda result: self._acted(said(result)))

    def _acted(self, said: str) -> None:
        self.written(said)
        self.changed.emit()


def boq_summary(file: DwellingFile) -> str:
    """The case's BoQs in a line: how many revisions, which is approved and its total."""
    approved = file.approved_boq
    return QCoreApplication.translate("BoQTab", "%n revisions. Approved: {approved}.", "",
                                      file.boq_count).format(
        approved=QCoreApplication.translate("BoQTab", "{ref}, {total}").format(
            ref=isolated(approved[0]), total=isolated(money(approved[1]))) if approved
        else QCoreApplication.translate("BoQTab", "none yet"))


class BoQTab(CaseListTab):
    """The dwelling's BoQ revisions with status and total; a new one for an assessed case."""

    def __init__(self, db: Database, actor: Actor, file: DwellingFile,
                 rows: list[BoQRow] | None = None, parent: QWidget | None = None) -> None:
        """`rows`: the dwelling's BoQs read beforehand (in a worker); else read now."""
        from shelter_app.ui.boq.editor import BoQEditor

        self._drafted = False  # a BoQ drafted here that the file shown does not count yet
        super().__init__(db, actor, file,
                         BoQTableModel(db, actor, dwelling_id=file.id, rows=rows), "fileBoqs",
                         lambda row: BoQEditor(db, actor, row.id, self),
                         (self.tr("New BoQ"), self.new_boq), parent)
        self.add_button("ask", self.tr("Ask to reopen…"),
                        actor.can(Action.SUBMIT_FOR_APPROVAL)
                        and not actor.can(Action.REOPEN_APPROVED), self.ask_reopen)

    def enable(self) -> None:
        super().enable()
        row = self.actionable()
        if "ask" in self.buttons:
            self.buttons["ask"].setEnabled(row is not None
                                           and row.status is ApprovalStatus.APPROVED)
        # one BoQ per case (revisions come from it)
        self.buttons["new"].setEnabled(not self.waiting and not self._drafted
                                       and self.file.stage is not Stage.REGISTERED
                                       and not self.file.boq_count)

    def ask_reopen(self) -> None:
        from shelter_app.domain.reopen import ReopenKind
        from shelter_app.ui.inbox.asking import ask_to_reopen

        ask_to_reopen(self, ReopenKind.BOQ)

    def show_file(self, file: DwellingFile, *, reload: bool = True) -> None:
        """Show `file`; `reload=False`: the list was just read (by the model's constructor)."""
        self.file = file
        self._drafted = False
        self.refresh(reload)
        self.summary.setText(boq_summary(file))

    def new_boq(self) -> None:
        ref = self.file.ref
        self.act(lambda db, actor: create_boq(db, actor, ref), self._drafted_boq)

    def _drafted_boq(self, view: BoQView) -> str:
        self._drafted = True  # until the file, read again, lists it
        return self.tr("{ref} is drafted; open it to add the lines.").format(ref=view.ref)


class AgreementTab(CaseListTab):
    """The dwelling's agreements with their terms and status; each opens the agreement window
    (print, signature, signed scan, activation, end); a new one once the BoQ is approved."""

    def __init__(self, db: Database, actor: Actor, file: DwellingFile,
                 rows: list[AgreementRow] | None = None, parent: QWidget | None = None) -> None:
        """`rows`: the dwelling's agreements read beforehand (in a worker); else read now."""
        from shelter_app.ui.agreements.window import AgreementWindow

        super().__init__(db, actor, file,
                         AgreementTableModel(db, actor, dwelling_id=file.id, rows=rows),
                         "fileAgreements", lambda row: AgreementWindow(db, actor, row.number, self),
                         (self.tr("New agreement…"), self.new_agreement), parent)

    def rows(self) -> list[AgreementRow]:
        return [self.model.row_at(n) for n in range(self.model.rowCount())]

    def show_file(self, file: DwellingFile, *, reload: bool = True) -> None:
        """Show `file`; `reload=False`: the list was just read (by the model's constructor)."""
        self.file = file
        self.refresh(reload)
        rows = self.rows()
        self.summary.setText(read_from_right("\n".join(
            self.tr("{number}: {status}, {start} – {end}, {rent} a month").format(
                number=isolated(row.number), status=status_label(row.status),
                start=isolated(date_text(row.start_date)),
                end=isolated(date_text(row.end_date)), rent=isolated(money(row.monthly_rent)))
            for row in rows)) or self.tr("No agreement yet."))
        open_ = any(row.status in (AgreementStatus.DRAFT, AgreementStatus.PRINTED,
                                   AgreementStatus.SIGNED, AgreementStatus.ACTIVE)
                    for row in rows)
        self.buttons["new"].setEnabled(file.stage is Stage.BOQ_APPROVED and not open_)

    def new_agreement(self) -> None:
        from shelter_app.ui.agreements.forms import AgreementDialog

        values = AgreementInput(term_months=12, start_date=None, monthly_rent="",
                                landlord_ref=self.file.landlord.ref if self.file.landlord
                                else "", payment_day=5)
        self.window_ = AgreementDialog(self.db, self.actor, mode="new", dwelling_ref=self.file.ref,
                                       values=values, parent=self)
        self.window_.accepted.connect(self.changed.emit)
        self.window_.open()


class LabourTab(QWidget):
    """The site's week of cash-for-work days (the daily log on this site) above its
    timesheets (submit, approve, return, reopen, print) and the office's payment batches
    (build, export, print, mark paid), opened on the month of the site's first approved
    timesheet not paid yet. The timesheets are built one event-loop turn after the week (each
    is a block of its own), the payments when first shown (or named: `tab.payments`): they
    count the office's pending days, which opening the file need not."""

    def __init__(self, db: Database, actor: Actor, ref: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.ref = db, actor, ref
        self.log = DailyLogTab(db, actor, site=ref)
        self._payments: PaymentsTab | None = None
        self.lower = LazyTabs()
        self._timesheets_index = self.lower.add_lazy(self._build_timesheets,
                                                     self.tr("Timesheets"))
        self._payments_index = self.lower.add_lazy(self._build_payments, self.tr("Payments"))
        self.lower.currentChanged.connect(self._shown)
        self.lower.placed.connect(self._placed)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.log)
        split.addWidget(self.lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._split: QSplitter | None = split  # till the timesheets are in place

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """The timesheets are built a turn after the week first shows and placed on the
        next (each a block of its own)."""
        super().showEvent(event)
        if self._split is not None:
            self.lower.page_soon(self._timesheets_index)

    def _placed(self, index: int) -> None:
        """The timesheets in place: the tab split in halves (their empty place had no height
        of its own to share it by)."""
        if index == self._timesheets_index and self._split is not None:
            self._split.setSizes([1, 1])
            self._split = None

    @property
    def loading(self) -> bool:
        """The site's week or its timesheets are still being built or read (in workers)."""
        return (self.log.loading or not self.lower.is_built(self._timesheets_index)
                or self.timesheets.model.loading)

    @property
    def timesheets(self) -> TimesheetsTab:
        """The site's timesheets, built (in the waiting tab's place) at the first asking."""
        page = self.lower.page(self._timesheets_index)
        assert isinstance(page, TimesheetsTab)
        return page

    @property
    def payments(self) -> PaymentsTab:
        """The payment batches, built (in the waiting tab's place) at the first asking."""
        page = self.lower.page(self._payments_index)
        assert isinstance(page, PaymentsTab)
        return page

    def _build_timesheets(self) -> TimesheetsTab:
        # read in a worker: the tab shows at once, the site's timesheets a moment later
        timesheets = TimesheetsTab(self.db, self.actor, site=self.ref, background=True)
        timesheets.model.loaded.connect(self._unpaid_month)
        return timesheets

    def _build_payments(self) -> PaymentsTab:
        self._payments = PaymentsTab(self.db, self.actor)
        self._unpaid_month()
        return self._payments

    def _shown(self, index: int) -> None:
        self.lower.page(index)  # built now that it shows
        self.refresh()

    def _unpaid_month(self) -> None:
        """The payments open on the month of the site's first approved timesheet that no
        batch holds yet: the batch that pays it is built there."""
        if self._payments is None:
            return
        model = self.timesheets.model
        waiting = [row.period_start for row in map(model.row_at, range(model.rowCount()))
                   if row.status is ApprovalStatus.APPROVED and row.batch_ref is None]
        if waiting:
            self._payments.period.setText(f"{min(waiting):%Y-%m}")
            self._payments.show_pending()

    def refresh(self) -> None:
        self.log.reload()
        if self.lower.is_built(self._timesheets_index):  # (else read as it is built)
            self.timesheets.refresh()
        self._unpaid_month()
        if self._payments is not None:
            self._payments.refresh()


class MonitoringTab(QWidget):
    """The tenancy checks of the agreement in force: visits made and due, the next one, the
    rent paid against the rent agreed; a visit is recorded here while the agreement is active."""

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.number: str | None = None
        self._asked: object = None  # the read of the agreement in force, awaited
        self.facts = QFormLayout()
        self.visits = VisitsModel(self)
        self.table = QTableView()
        self.table.setObjectName("fileVisits")
        self.table.setModel(self.visits)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        fit_titles(self.table)
        self.visit_button = QPushButton(self.tr("Record a visit…"))
        self.visit_button.setObjectName("fileVisitButton")
        self.visit_button.clicked.connect(self.record_visit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.visit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.facts)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    @property
    def loading(self) -> bool:
        return self._asked is not None

    def show_agreements(self, rows: list[AgreementRow]) -> None:
        """Show the agreement in force among `rows`, its visits read in a worker."""
        monitored = [row for row in rows if row.status in _MONITORED]
        self.number = monitored[0].number if monitored else None
        self._asked = None
        if self.number is None:
            self._clear_facts()
            self.visits.set_rows([])
            self.facts.addRow(QLabel(self.tr(
                "Monitoring starts when the landlord agreement is signed and active; none is "
                "yet.")))
            self.visit_button.hide()
            return
        db, actor, number = self.db, self.actor, self.number
        self._asked = asked = object()
        run_in_background(lambda: agreement_view(db, actor, number),
                          lambda view: self._show(asked, view), to_crash_handler)

    def _clear_facts(self) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)

    def _show(self, asked: object, view: AgreementView) -> None:
        if not isValid(self) or asked is not self._asked:
            return  # the tab is gone, or the file was reloaded since
        self._asked = None
        self._clear_facts()
        self.view = view
        visits = list(view.visits)
        self.visits.set_rows(visits)
        due = [visit.due_on for visit in visits if visit.visited_on is None]
        made = [visit for visit in visits if visit.visited_on is not None]
        paid = made[-1].rent_paid if made else None
        # each value an island and the line read from the right: in Arabic the values stood
        # at the left, the start date and the rent agreed last
        term = f"{isolated(date_text(view.values.start_date))} – {isolated(date_text(view.end_date))}"
        rent = isolated(money(view.values.monthly_rent))
        last = isolated(money(paid)) if paid is not None else "—"
        for label, text in (
                (self.tr("Agreement"), self.tr("{number} ({status})").format(
                    number=view.number, status=status_label(view.status))),
                (self.tr("Term"), term),
                (self.tr("Visits made"), self.tr("{made} of {all}").format(
                    made=len(made), all=len(visits))),
                (self.tr("Next visit due"), date_text(min(due)) if due else self.tr("none")),
                (self.tr("Rent agreed / last paid"), f"{rent} / {last}"),
        ):
            value = QLabel(read_from_right(text))
            value.setObjectName("monitoringFact")
            self.facts.addRow(label, value)
        self.visit_button.setVisible(self.actor.can(Action.EDIT_CASES)
                                     and view.status is AgreementStatus.ACTIVE)

    def record_visit(self) -> None:
        from shelter_app.ui.agreements.forms import VisitDialog

        assert self.number is not None
        self.dialog = VisitDialog(self.db, self.actor, self.number,
                                  typed_number(self.view.values.monthly_rent, 2), self)
        self.dialog.accepted.connect(self.changed.emit)
        self.dialog.open()


class PhotosTab(QWidget):
    """Before and after side by side, above the whole gallery with its import and tags."""

    def __init__(self, db: Database, actor: Actor, file: DwellingFile, photos: Photos,
                 parent: QWidget | None = None) -> None:
        """`photos`: all the dwelling's photos (`read_photos`, in a worker)."""
        super().__init__(parent)
        self._db = db
        self.panel = PhotosPanel(db, actor, file.id, self, photos)
        labels = tag_labels()
        self.sides: dict[PhotoTag, PhotoListModel] = {}
        side_by_side = QHBoxLayout()
        for tag in (PhotoTag.BEFORE, PhotoTag.AFTER):
            model = PhotoListModel(db, actor, file.id, self)
            model.show(photos.tagged(tag))
            view = GalleryView()
            view.setObjectName(f"photos_{tag.value}")
            view.setModel(model)
            view.setMaximumHeight(190)
            view.activated.connect(lambda index, m=model: self._view(m, index.row()))
            self.sides[tag] = model
            column = QVBoxLayout()
            column.addWidget(QLabel(labels[tag]))
            column.addWidget(view)
            side_by_side.addLayout(column, 1)
        self.panel.changed.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(side_by_side)
        layout.addWidget(self.panel, 1)

    def refresh(self) -> None:
        for tag, model in self.sides.items():
            model.reload(tag)

    def _view(self, model: PhotoListModel, row: int) -> None:
        from shelter_app.ui.photos.viewer import PhotoViewer

        self.viewer = PhotoViewer(self._db, model.rows, row, self)
        self.viewer.open()
