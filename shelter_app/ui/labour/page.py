"""The Cash-for-work screen: the daily log, timesheets and payments, one tab each; the
timesheets and payments are built when first shown (each reads the office's lists)."""

from typing import cast

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from shelter_app.data.engine import Database
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.labour.log_tab import DailyLogTab
from shelter_app.ui.labour.payments_tab import PaymentsTab
from shelter_app.ui.labour.timesheets_tab import TimesheetsTab
from shelter_app.ui.lazy_tabs import LazyTabs
from shelter_app.ui.style import page_title


class CashForWorkPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Cash-for-work"))
        page_title(title)
        self.log = DailyLogTab(db, actor)
        self.tabs = LazyTabs()
        self.tabs.addTab(self.log, self.tr("Daily log"))
        self._timesheets = self.tabs.add_lazy(lambda: TimesheetsTab(db, actor),
                                              self.tr("Timesheets"))
        self._payments = self.tabs.add_lazy(lambda: PaymentsTab(db, actor), self.tr("Payments"))
        self.tabs.currentChanged.connect(self._refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    @property
    def timesheets(self) -> TimesheetsTab:
        """The timesheets tab, built at the first asking."""
        return cast(TimesheetsTab, self.tabs.page(self._timesheets))

    @property
    def payments(self) -> PaymentsTab:
        """The payment batches tab, built at the first asking."""
        return cast(PaymentsTab, self.tabs.page(self._payments))

    def _refresh(self, index: int) -> None:
        """Show what the other tabs changed (a submitted week, an approval); a tab shown for
        the first time is built now, and reads as it is built."""
        if not self.tabs.is_built(index):
            self.tabs.page(index)
        elif index == self._timesheets:
            self.timesheets.refresh()
        elif index == self._payments:
            self.payments.refresh()
        else:
            self.log.reload()
