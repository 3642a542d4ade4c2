"""The dwelling file's Cash-for-work tab: the site's daily log above its timesheets and the
office's payment batches, the same tabs as the Cash-for-work page's, for this one site."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from shelter_app.data.engine import Database
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.labour.log_tab import DailyLogTab
from shelter_app.ui.labour.payments_tab import PaymentsTab
from shelter_app.ui.labour.timesheets_tab import TimesheetsTab
from shelter_app.ui.lazy_tabs import LazyTabs


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
