"""The Cash-for-work screen: the daily log, timesheets and payments, one tab each."""

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from shelter_app.data.engine import Database
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.labour.log_tab import DailyLogTab
from shelter_app.ui.labour.payments_tab import PaymentsTab
from shelter_app.ui.labour.timesheets_tab import TimesheetsTab


class CashForWorkPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Cash-for-work"))
        title.setObjectName("pageTitle")
        self.log = DailyLogTab(db, actor)
        self.timesheets = TimesheetsTab(db, actor)
        self.payments = PaymentsTab(db, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.log, self.tr("Daily log"))
        self.tabs.addTab(self.timesheets, self.tr("Timesheets"))
        self.tabs.addTab(self.payments, self.tr("Payments"))
        self.tabs.currentChanged.connect(self._refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def _refresh(self, index: int) -> None:
        """Show what the other tabs changed (a submitted week, an approval)."""
        tab = self.tabs.widget(index)
        if tab is self.timesheets:
            self.timesheets.refresh()
        elif tab is self.payments:
            self.payments.refresh()
        elif tab is self.log:
            self.log.reload()
