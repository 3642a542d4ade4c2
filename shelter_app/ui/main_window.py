"""The main window: navigation between the areas of the case flow, one page each.

The window is shown before the database layer is even imported: opening and checking the
database (and loading SQLAlchemy) happen in the background, then `attach` fills the pages.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
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
    from shelter_app.services.auth import Actor


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
    def __init__(self, db: "Database | None" = None, actor: "Actor | None" = None) -> None:
        super().__init__()
        self.db: Database | None = None
        self.actor: Actor | None = None
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
        self.user_label = QLabel()
        self.statusBar().addWidget(self.user_label)
        if db is not None and actor is not None:
            self.attach(db, actor)

    def _add_page(self, title: str, page: QWidget) -> None:
        QListWidgetItem(title, self.navigation)
        self.pages.addWidget(page)
        # at least 190 px, wider when a translated title needs it (no cut-off entries)
        needed = self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 4
        self.navigation.setFixedWidth(max(190, needed))

    def _replace_page(self, title: str, page: QWidget) -> None:
        """Put `page` where the navigation entry `title` is (replacing its placeholder)."""
        row = self.page_titles().index(title)
        placeholder = self.pages.widget(row)
        self.pages.insertWidget(row, page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()

    def attach(self, db: "Database", actor: "Actor") -> None:
        """Show the opened database's data, as far as the signed-in role may see it."""
        from shelter_app.domain.permissions import Action
        from shelter_app.ui.dwellings.page import DwellingsPage

        self.db = db
        self.actor = actor
        placeholder = self.dwellings
        self.dwellings = DwellingsPage(db, actor)
        index = self.pages.indexOf(placeholder)
        self.pages.insertWidget(index, self.dwellings)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        if actor.can(Action.VIEW_CASES):
            from shelter_app.ui.assessments.page import AssessmentsPage

            self.assessments = AssessmentsPage(db, actor)
            self._replace_page(self.tr("Assessments"), self.assessments)
        if actor.can(Action.VIEW_CASES):
            from shelter_app.ui.boq.page import BoQPage

            self.boqs = BoQPage(db, actor)
            self._replace_page(self.tr("Bills of quantity"), self.boqs)
        if actor.can(Action.VIEW_CASES):
            from shelter_app.ui.agreements.page import AgreementsPage

            self.agreements = AgreementsPage(db, actor)
            self._replace_page(self.tr("Agreements"), self.agreements)
        if actor.can(Action.VIEW_CASES):
            from shelter_app.ui.labour.page import CashForWorkPage

            self.cash_for_work = CashForWorkPage(db, actor)
            self._replace_page(self.tr("Cash-for-work"), self.cash_for_work)
        if actor.can(Action.EDIT_SETTINGS):
            from shelter_app.ui.boq.catalogue_page import CataloguePage

            self.catalogue = CataloguePage(db, actor)
            self._add_page(self.tr("Price catalogue"), self.catalogue)
        if actor.can(Action.VIEW_AUDIT):
            from shelter_app.ui.audit.page import AuditPage

            self.audit = AuditPage(db, actor)
            self._add_page(self.tr("Audit trail"), self.audit)
        if actor.can(Action.MANAGE_USERS):
            from shelter_app.ui.users_page import UsersPage

            self.users = UsersPage(db, actor)
            self._add_page(self.tr("Users"), self.users)
        if actor.can(Action.BACKUP):
            from shelter_app.ui.backup_page import BackupPage

            self.backups = BackupPage(db, actor)
            self.backups.restart_needed.connect(self.close)
            self._add_page(self.tr("Backups"), self.backups)
        from shelter_app.ui.settings_page import SettingsPage

        self.settings = SettingsPage(db, actor)
        self._replace_page(self.tr("Settings"), self.settings)
        self.pages.setCurrentIndex(self.navigation.currentRow())
        self.user_label.setText(
            self.tr("Signed in as {name} ({role})").format(name=actor.full_name,
                                                          role=actor.role.label))
        self.refresh_status()

    def page_titles(self) -> list[str]:
        return [self.navigation.item(row).text() for row in range(self.navigation.count())]

    def lock(self, ask: "Callable[[QDialog], int] | None" = None) -> bool:
        """Hide everything until the signed-in user types their password again; closing the
        lock dialog closes the window (every change is already saved)."""
        from shelter_app.ui.auth.dialogs import SignInDialog

        assert self.db is not None and self.actor is not None
        self.centralWidget().hide()
        dialog = SignInDialog(self.db, self, locked_user=self.actor.username)
        if (ask or QDialog.exec)(dialog) and dialog.actor == self.actor:
            self.centralWidget().show()
            return True
        self.close()
        return False

    def refresh_status(self) -> None:
        from shelter_app.services.dwellings import count_dwellings

        if self.db is None:
            return
        self.database_label.setText(
            self.tr("Database: {name} — {count} dwellings").format(
                name=self.db.display_name, count=count_dwellings(self.db)
            )
        )
