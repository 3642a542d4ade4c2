"""The main window: navigation between the areas of the case flow, one page each.

The window is shown before the database layer is even imported: opening and checking the
database (and loading SQLAlchemy) happen in the background, then `attach` fills the pages.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.resources import resource

if TYPE_CHECKING:
    from shelter_app.data.engine import Database


class PendingPage(QWidget):
    """An area whose screens are not in this version yet; says so instead of showing nothing."""

    def __init__(self, title: str, message: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        note = QLabel(message or self.tr("This area is not available in this version yet."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    def __init__(self, db: "Database | None" = None) -> None:
        super().__init__()
        self.db: Database | None = None
        self.setWindowTitle(self.tr("Barınak — shelter programme"))
        self.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
        self.resize(1100, 680)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFixedWidth(190)
        self.pages = QStackedWidget()
        self.dwellings: QWidget = PendingPage(self.tr("Dwellings"),
                                              self.tr("Opening the database…"))
        self._add_page(self.tr("Dwellings"), self.dwellings)
        for title in (
            self.tr("Assessments"),
            self.tr("Bills of quantity"),
            self.tr("Agreements"),
            self.tr("Cash-for-work"),
            self.tr("Reports"),
            self.tr("Settings"),
        ):
            self._add_page(title, PendingPage(title))
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.database_label = QLabel()
        self.statusBar().addPermanentWidget(self.database_label)
        if db is not None:
            self.attach(db)

    def _add_page(self, title: str, page: QWidget) -> None:
        QListWidgetItem(title, self.navigation)
        self.pages.addWidget(page)

    def attach(self, db: "Database") -> None:
        """Show the opened database's data in the pages."""
        from shelter_app.ui.dwellings.page import DwellingsPage

        self.db = db
        placeholder = self.dwellings
        self.dwellings = DwellingsPage(db)
        index = self.pages.indexOf(placeholder)
        self.pages.insertWidget(index, self.dwellings)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages.setCurrentIndex(self.navigation.currentRow())
        self.refresh_status()

    def refresh_status(self) -> None:
        from shelter_app.services.dwellings import count_dwellings

        if self.db is None:
            return
        self.database_label.setText(
            self.tr("Database: {name} — {count} dwellings").format(
                name=self.db.display_name, count=count_dwellings(self.db)
            )
        )
