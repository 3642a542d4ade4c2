"""The main window: navigation between the areas of the case flow, one page each.

The window is shown before the database layer is even imported: opening and checking the
database (and loading SQLAlchemy) happen in the background, then `attach` fills the pages.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.resources import resource
from shelter_app.ui import lazy_pages
from shelter_app.ui.after_paint import after_paint
from shelter_app.ui.preload import SIGN_IN, preload
from shelter_app.ui.style import NAVIGATION, view_sheet

if TYPE_CHECKING:
    from shelter_app.data.engine import Database
    from shelter_app.services.accounts.auth import Actor
    from shelter_app.services.cases.dwelling_row import DwellingRow
    from shelter_app.services.sync.wire import Report
    from shelter_app.ui.sync.indicator import SyncIndicator
    from shelter_app.ui.sync.runner import SyncRunner


class MainWindow(lazy_pages.LazyPages, QMainWindow):
    """`signed_in` is emitted with the actor each time someone signs in (at start and after a
    switch of user), so what the app keeps per user (automatic backups) follows them."""

    signed_in = Signal(object)

    def __init__(self, db: "Database | None" = None, actor: "Actor | None" = None) -> None:
        super().__init__()
        self.db: Database | None = None
        self.actor: Actor | None = None
        self._pending: dict[int, tuple[str, Callable[[Database, Actor], QWidget]]] = {}
        self._built: list[str] = []  # the attributes of lazily built pages
        self._counts = 0  # the status bar's counts of dwellings asked
        self._after_placed: list[Callable[[], None]] = []  # see after_first_rows
        self.sync_runner: SyncRunner | None = None  # one sync at a time, for every page
        self.sync_indicator: SyncIndicator | None = None
        self.setWindowTitle(self.tr("Barınak — shelter programme"))
        self.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
        self.resize(1100, 680)

        self._shortcuts: list[QShortcut] = []  # Ctrl+N, Ctrl+F once signed in
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        view_sheet(self.navigation, NAVIGATION)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFixedWidth(190)
        self.pages = QStackedWidget()
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.currentRowChanged.connect(self._build_shown_page)
        self._placeholders()

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.database_label = QLabel()
        self.statusBar().addPermanentWidget(self.database_label)
        self.user_label = QLabel()
        self.statusBar().addWidget(self.user_label)
        self._shown_once = False
        # False while the sign-in is checked at start (ui/app.py), which starts it afterwards
        self.preload_when_painted = True
        if db is not None and actor is not None:
            self.attach(db, actor)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Shown before anyone signs in (the app's start): what signing in needs is imported in
        a thread while the database opens and the password is typed, from the turn after the
        window's first paint. Started as the window was made, the thread held the interpreter
        in the turn that paints it, the process's first window: its wall time doubled."""
        super().showEvent(event)
        if not self._shown_once and self.actor is None:
            after_paint(self, self._preload_sign_in)
        self._shown_once = True

    def _preload_sign_in(self) -> None:
        if self.preload_when_painted:
            preload(SIGN_IN)

    def _placeholders(self, message: str | None = None) -> None:
        """The pages before anyone has signed in: titles only, no data."""
        self.dwellings: QWidget = lazy_pages.PendingPage(
            self.tr("Dwellings"), message or self.tr("Opening the database…"))
        self._add_page(self.tr("Dwellings"), self.dwellings)
        for title in (
            self.tr("Assessments"),
            self.tr("Bills of quantity"),
            self.tr("Agreements"),
            self.tr("Cash-for-work"),
            self.tr("Reports"),
            self.tr("Settings"),
        ):
            self._add_page(title, lazy_pages.PendingPage(title))
        self.navigation.setCurrentRow(0)

    def attach(self, db: "Database", actor: "Actor") -> None:
        """Show the opened database's data, as far as the signed-in role may see it.

        Only the Dwellings page is built at sign-in; every other page is built the first time
        it is shown (or its attribute is read), so signing in costs one page's queries, not
        ten. In a shown window even the Dwellings page waits: built on the turn after the
        window has painted what signing in changed (the menu, the pages' titles, the status
        bar), put in its place on the next, laid out and painted on the one after. In one
        turn the window froze for all of it (on 100,000 dwellings, 40-60 ms of the GUI
        thread; the first page of a process, 30 ms to build alone)."""
        from shelter_app.domain.permissions import Action
        from shelter_app.ui.changes import hub

        self.db = db
        self.actor = actor
        shown = self.__dict__.pop("dwellings")
        dwellings = self.pages.indexOf(shown)
        if isinstance(shown, lazy_pages.PendingPage):
            self._pending[dwellings] = ("dwellings", lazy_pages.page("dwellings"))
            if not self.isVisible():  # nothing painted yet: built and in place at once
                self._place(dwellings, "dwellings", self._build(*self._pending.pop(dwellings)))
        else:  # showing its first rows already (show_first_rows): completed, not built again
            shown.attach(db, actor)
            self.dwellings = shown
            self._built.append("dwellings")
        if not self._shortcuts:  # once per window (attach runs again at a switch of user)
            hub().changed.connect(self.reload_pages)
            self._shortcuts = [
                QShortcut(QKeySequence.StandardKey.New, self, self.new_case),
                QShortcut(QKeySequence.StandardKey.Find, self, self.find)]
        if actor.can(Action.VIEW_CASES):
            self._lazy_page("assessments", self.tr("Assessments"))
            self._lazy_page("boqs", self.tr("Bills of quantity"))
            self._lazy_page("agreements", self.tr("Agreements"))
            self._lazy_page("cash_for_work", self.tr("Cash-for-work"))
            self._lazy_page("reports", self.tr("Reports"))
        if actor.can(Action.APPROVE) and actor.can(Action.EDIT_CASES):  # a supervisor
            self._lazy_page("inbox", self.tr("Inbox"), self._inbox, new=True)
            self.navigation.setCurrentRow(self.page_titles().index(self.tr("Inbox")))
        if actor.can(Action.EDIT_SETTINGS):
            self._lazy_page("catalogue", self.tr("Price catalogue"), new=True)
        if actor.can(Action.VIEW_AUDIT):
            self._lazy_page("audit", self.tr("Audit trail"), new=True)
        if actor.can(Action.MANAGE_USERS):
            self._lazy_page("users", self.tr("Users"), new=True)
        if actor.can(Action.MANAGE_OFFICES):
            self._lazy_page("offices", self.tr("Offices"), new=True)
        if actor.can(Action.BACKUP):
            self._lazy_page("backups", self.tr("Backups"), self._backups, new=True)
        self._lazy_page("settings", self.tr("Settings"))
        self._attach_sync(db, actor)
        self._file_menu(actor)
        self.pages.setCurrentIndex(self.navigation.currentRow())
        self.user_label.setText(
            self.tr("Signed in as {name} ({role})").format(name=actor.full_name,
                                                          role=actor.role.label))
        self.refresh_status()
        self.centralWidget().show()
        self.signed_in.emit(actor)
        if self.isVisible():
            after_paint(self, lambda: self._build_later(dwellings))
        self.after_first_rows(self._preload_pages)

    def show_first_rows(self, rows: "list[DwellingRow]") -> None:
        """The Dwellings list's first rows, read at start before the database layer had loaded
        (services/accounts/at_start.py), shown at once in the page that `attach` completes."""
        from shelter_app.ui.dwellings.page import DwellingsPage

        placeholder = self.dwellings
        self.dwellings = DwellingsPage(None, None, rows=rows)
        self._swap(placeholder, self.dwellings)
        # the File menu's title too, off until then: added by `attach`, the menu bar moved the
        # rows down by its height under the reader's eyes
        self.menuBar().addMenu(self.tr("&File")).setEnabled(False)

    def _preload_pages(self) -> None:
        if isValid(self):
            pending = [name for _, (name, _) in sorted(self._pending.items())]
            preload([lazy_pages.DWELLING_FILE,
                     *(lazy_pages.PAGE_MODULES[name] for name in pending)], paced=True)

    def _file_menu(self, actor: "Actor") -> None:
        from shelter_app.domain.permissions import Action

        self.menuBar().clear()  # the title shown with the first rows (show_first_rows)
        menu = self.menuBar().addMenu(self.tr("&File"))
        if actor.can(Action.EDIT_CASES):
            self.import_action = menu.addAction(self.tr("Import from Excel, CSV or Kobo…"))
            self.import_action.triggered.connect(self.open_import)
            menu.addSeparator()
        self.change_password_action = menu.addAction(self.tr("Change my password…"))
        self.change_password_action.triggered.connect(self.change_password)
        self.sign_out_action = menu.addAction(self.tr("Sign out / switch user…"))
        self.sign_out_action.triggered.connect(lambda: self.switch_user())

    def sign_out(self) -> None:
        """Forget the signed-in user: every page, table model, dialog and menu built for them
        goes (deleted when control returns to the event loop), the placeholders come back.

        Work still running in the background finishes first and reports to the pages that
        started it, so no result arrives at a page that is gone."""
        if self.sync_runner is not None:
            self.sync_runner.cancel()  # a sync in flight stops at its next step
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            QThreadPool.globalInstance().waitForDone()
            QCoreApplication.sendPostedEvents()
        finally:
            QApplication.restoreOverrideCursor()
        for dialog in self.findChildren(QDialog):
            dialog.close()
            dialog.deleteLater()
        self.navigation.blockSignals(True)
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeWidget(page)
            page.deleteLater()
        self.navigation.clear()
        self.navigation.blockSignals(False)
        for name in [*self._built, "import_action", "change_password_action",
                     "sign_out_action"]:
            self.__dict__.pop(name, None)
        self._built.clear()
        self._pending.clear()
        self._after_placed.clear()
        self.menuBar().clear()
        for menu in self.menuBar().findChildren(QMenu):
            menu.deleteLater()
        self.actor = None
        self.user_label.clear()
        self._placeholders(self.tr("Signed out."))

    def switch_user(self, ask: "Callable[[QDialog], int] | None" = None) -> bool:
        """Sign out and ask who is at the keyboard now; their pages are built for their role
        and office. Giving up closes the window (every change is already saved)."""
        from shelter_app.ui.auth.dialogs import identify

        assert self.db is not None
        self.centralWidget().hide()
        self.sign_out()
        actor = identify(self.db, self, run=ask or QDialog.exec)
        if actor is None:
            self.close()
            return False
        self.attach(self.db, actor)
        return True

    def change_password(self) -> QDialog:
        """Any user changes their own password (the File menu)."""
        from shelter_app.ui.auth.dialogs import ChangePasswordDialog

        assert self.db is not None and self.actor is not None
        dialog = ChangePasswordDialog(self.db, self.actor, self, forced=False)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(
            self.tr("Your password was changed."), 10_000))
        dialog.open()
        return dialog

    def _attach_sync(self, db: "Database", actor: "Actor") -> None:
        """The Sync page for everyone, the conflicts screen for those who approve, and the
        status bar's sync indicator; one SyncRunner per database serves all three."""
        from shelter_app.domain.permissions import Action
        from shelter_app.ui.sync.indicator import SyncIndicator
        from shelter_app.ui.sync.runner import SyncRunner

        if self.sync_runner is None or self.sync_runner.db is not db:
            if self.sync_indicator is not None:
                self.statusBar().removeWidget(self.sync_indicator)
                self.sync_indicator.deleteLater()
            self.sync_runner = SyncRunner(db, self, read_now=False,  # read in a worker
                                          office_id=actor.office_id)
            self.sync_runner.finished.connect(self._synced)
            self.sync_runner.wiped.connect(self._wiped)
            self.sync_indicator = SyncIndicator(self.sync_runner)
            self.sync_indicator.open_requested.connect(lambda: self.show_page("sync"))
            self.statusBar().addPermanentWidget(self.sync_indicator)
        self.sync_runner.count_office(actor.office_id)
        self._lazy_page("sync", self.tr("Sync"), self._sync_page, new=True)
        if actor.can(Action.APPROVE):
            self._lazy_page("conflicts", self.tr("Sync conflicts"), self._conflicts_page,
                            new=True)

    def _sync_page(self, db: "Database", actor: "Actor") -> QWidget:
        from shelter_app.ui.sync.page import SyncPage

        assert self.sync_runner is not None
        page = SyncPage(db, actor, self.sync_runner)
        page.conflicts_requested.connect(lambda: self.show_page("conflicts"))
        return page

    def _conflicts_page(self, db: "Database", actor: "Actor") -> QWidget:
        from shelter_app.ui.sync.conflicts import ConflictsPage

        assert self.sync_runner is not None
        return ConflictsPage(db, actor, self.sync_runner)

    def _inbox(self, db: "Database", actor: "Actor") -> QWidget:
        from shelter_app.ui.inbox.page import InboxPage

        assert self.sync_runner is not None
        return InboxPage(db, actor, self.sync_runner)

    def _wiped(self, message: str) -> None:
        """The server revoked this laptop and its copy was erased: say so, then close."""
        from PySide6.QtWidgets import QMessageBox

        self.centralWidget().hide()
        QCoreApplication.instance().quit()  # the message box below is the last thing shown
        QMessageBox.critical(self, self.tr("This laptop was revoked"), message)

    def _synced(self, report: "Report", _manual: bool) -> None:
        """Records that came from the server show on every list built."""
        if report.pulled or report.refused or report.conflicts:
            self.reload_pages()

    def new_case(self) -> None:
        """Ctrl+N: the New case form, from any page."""
        page = self.dwellings
        if getattr(page, "new_button", None) is not None and not page.new_button.isHidden():
            if self.pages.indexOf(page) >= 0:  # placed (it is, a turn after signing in)
                self.navigation.setCurrentRow(self.pages.indexOf(page))
            page.new_case()

    def find(self) -> None:
        """Ctrl+F: to the search field of the page shown."""
        edit = getattr(self.pages.currentWidget(), "filter_edit", None)
        if isinstance(edit, QLineEdit):
            edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            edit.selectAll()

    def _backups(self, db: "Database", actor: "Actor") -> QWidget:
        from shelter_app.ui.backup.page import BackupPage

        page = BackupPage(db, actor)
        page.restart_needed.connect(self.close)
        return page

    def lock(self, ask: "Callable[[QDialog], int] | None" = None) -> bool:
        """Hide everything until the signed-in user types their password again, or someone
        else signs in instead ("Switch user"); closing the lock dialog closes the window
        (every change is already saved)."""
        from shelter_app.ui.auth.dialogs import SignInDialog

        if self.actor is None:  # signed out, the sign-in dialog is up: nothing to hide
            return True
        assert self.db is not None
        self.centralWidget().hide()
        dialog = SignInDialog(self.db, self, locked_user=self.actor.username)
        answer = (ask or QDialog.exec)(dialog)
        if dialog.switch_requested:
            return self.switch_user(ask)
        if answer and dialog.actor == self.actor:
            self.centralWidget().show()
            return True
        self.close()
        return False

    def refresh_status(self) -> None:
        """The status bar names the database and its dwellings, counted in a worker (a count
        of the whole table, tens of milliseconds on 100,000: at sign-in and after each
        import or sync); the latest count asked is the one shown."""
        from shelter_app.services.cases.dwellings import count_dwellings
        from shelter_app.ui.worker import run_in_background, to_crash_handler

        if self.db is None:
            return
        self._counts += 1
        db, asked = self.db, self._counts
        run_in_background(lambda: count_dwellings(db),
                          lambda count: self._show_count(asked, db, count), to_crash_handler)

    def _show_count(self, asked: int, db: "Database", count: int) -> None:
        if not isValid(self) or asked != self._counts or db is not self.db:
            return  # the window closed, or a newer count (or another database) was asked
        self.database_label.setText(
            self.tr("Database: {name} — %n dwellings", "", count).format(name=db.display_name))

    def open_import(self) -> QDialog:
        """The import dialog; the lists already built reload once it has saved records."""
        from shelter_app.ui.imports.dialog import ImportDialog

        assert self.db is not None and self.actor is not None
        dialog = ImportDialog(self.db, self.actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _result: self.reload_pages())
        dialog.open()
        return dialog

    def reload_pages(self) -> None:
        """Show records saved behind the pages' back (an import) on every list built."""
        from shelter_app.ui.paged_model import PagedTableModel

        for row in range(self.pages.count()):
            model = getattr(self.pages.widget(row), "model", None)
            if isinstance(model, PagedTableModel):
                model.refresh()  # a list that searches in a worker reads there (100k rows)
        self.refresh_status()
