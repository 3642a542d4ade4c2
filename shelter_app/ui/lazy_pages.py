"""The main window's pages before they are built: the placeholder in a page's place, the
module and class each page is built from at its first showing (its module imported ahead of
that, in a thread, ui.preload, once the Dwellings page's first rows show), and the window's
part that builds and places them (LazyPages)."""

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.ui.after_paint import after_paint
from shelter_app.ui.style import page_title
from shelter_app.ui.turns import next_turn
from shelter_app.ui.wrapping import wrapped

if TYPE_CHECKING:
    from shelter_app.data.engine import Database
    from shelter_app.services.accounts.auth import Actor


class PendingPage(QWidget):
    """A page's place in the window until it is built (at its first showing, after sign-in):
    its title, and a message only when there is something to say (the database opening)."""

    def __init__(self, title: str, message: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        page_title(heading)
        note = QLabel(message or "")
        wrapped(note)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(1)


# The module of each page built at its first showing, by the window's attribute for it
PAGE_MODULES = {
    "dwellings": "shelter_app.ui.dwellings.page",
    "assessments": "shelter_app.ui.assessments.page",
    "boqs": "shelter_app.ui.boq.page",
    "agreements": "shelter_app.ui.agreements.page",
    "cash_for_work": "shelter_app.ui.labour.page",
    "reports": "shelter_app.ui.reports.page",
    "inbox": "shelter_app.ui.inbox.page",
    "catalogue": "shelter_app.ui.boq.catalogue_page",
    "audit": "shelter_app.ui.audit.page",
    "users": "shelter_app.ui.accounts.users_page",
    "offices": "shelter_app.ui.accounts.offices_page",
    "backups": "shelter_app.ui.backup.page",
    "settings": "shelter_app.ui.accounts.settings_page",
    "sync": "shelter_app.ui.sync.page",
    "conflicts": "shelter_app.ui.sync.conflicts",
}
DWELLING_FILE = "shelter_app.ui.dwellings.file_dialog"  # imported ahead with the pages


# The class each page is built from (by `page`), in its module above
_CLASSES = {
    "dwellings": "DwellingsPage",
    "assessments": "AssessmentsPage",
    "boqs": "BoQPage",
    "agreements": "AgreementsPage",
    "cash_for_work": "CashForWorkPage",
    "reports": "ReportsPage",
    "catalogue": "CataloguePage",
    "audit": "AuditPage",
    "users": "UsersPage",
    "offices": "OfficesPage",
    "settings": "SettingsPage",
}


def page(attribute: str) -> "Callable[[Database, Actor], QWidget]":
    """The factory of the window's page `attribute`: it imports the page's module only when
    the page is first shown."""

    def build(db: "Database", actor: "Actor") -> QWidget:
        module = importlib.import_module(PAGE_MODULES[attribute])
        return getattr(module, _CLASSES[attribute])(db, actor)

    return build


class LazyPages:
    """Mixed into the main window: its pages by attribute name, in `pages` beside their titles
    in `navigation`, each built by its factory at its first showing (or when its attribute is
    first read) and put in its placeholder's place on the turns after."""

    navigation: QListWidget
    pages: QStackedWidget
    db: "Database | None"
    actor: "Actor | None"
    _pending: dict[int, tuple[str, Callable[["Database", "Actor"], QWidget]]]
    _built: list[str]
    _after_placed: list[Callable[[], None]]

    def _add_page(self, title: str, page: QWidget) -> None:
        QListWidgetItem(title, self.navigation)
        self.pages.addWidget(page)
        # at least 190 px, wider when a translated title needs it (no cut-off entries)
        needed = self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 4
        self.navigation.setFixedWidth(max(190, needed))

    def _swap(self, placeholder: QWidget, page: QWidget) -> None:
        """`page` in the stack in `placeholder`'s place, and shown at once if it was: taking
        the shown page out first showed its neighbour for a moment (its show events, its
        layout and a search for mnemonics in the whole window, at every page's first build)."""
        self.pages.insertWidget(self.pages.indexOf(placeholder), page)
        if self.pages.currentWidget() is placeholder:
            self.pages.setCurrentWidget(page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()

    def _lazy_page(self, name: str, title: str,
                   factory: "Callable[[Database, Actor], QWidget] | None" = None, *,
                   new: bool = False) -> None:
        """The page `name`, built at its first showing by `factory` (else the class of its
        module, `page`)."""
        if new:
            self._add_page(title, PendingPage(title))
        self._pending[self.page_titles().index(title)] = (name, factory or page(name))

    def _build_shown_page(self, row: int) -> None:
        """A page shown for the first time is built on the event loop's next turns, its title
        shown meanwhile: built on the turn after its title has painted, put in its place
        (styled and laid out) on the next, painted on the one after. In one turn the window
        froze for all three (Agreements: three tables, over 100 ms); a supervisor's Inbox, the
        page they sign in to, is not built in the turn that paints the signed-in window."""
        if row in self._pending:
            after_paint(self.pages.widget(row), lambda: self._build_later(row))

    def _build_later(self, row: int) -> None:
        pending = self._pending.pop(row, None)
        if pending is None:  # built meanwhile (its attribute was read), or signed out
            return
        page = self._build(*pending)
        next_turn(self, lambda: self._place(row, pending[0], page))

    def _place(self, row: int, name: str, page: QWidget) -> None:
        if self.__dict__.get(name) is not page:  # signed out since it was built
            page.deleteLater()
            return
        self._swap(self.pages.widget(row), page)
        if name == "dwellings":
            waiting, self._after_placed = self._after_placed, []
            for then in waiting:
                self.after_first_rows(then)

    def _build(self, name: str, factory: "Callable[[Database, Actor], QWidget]") -> QWidget:
        assert self.db is not None and self.actor is not None
        page = factory(self.db, self.actor)
        setattr(self, name, page)
        self._built.append(name)
        return page

    def __getattr__(self, name: str) -> object:
        """A lazily built page, built now that someone asks for it."""
        pending = self.__dict__.get("_pending", {})
        for row, (attribute, factory) in list(pending.items()):
            if attribute == name:
                del pending[row]
                page = self._build(attribute, factory)
                self._place(row, attribute, page)
                return page
        raise AttributeError(name)

    def show_page(self, name: str) -> None:
        """Show the lazily built page `name` ("sync", "conflicts"...) if this user has it."""
        for row, (attribute, _) in self._pending.items():
            if attribute == name:
                self.navigation.setCurrentRow(row)
                return
        page = self.__dict__.get(name)
        if isinstance(page, QWidget) and self.pages.indexOf(page) >= 0:  # not being placed
            self.navigation.setCurrentRow(self.pages.indexOf(page))

    def page_titles(self) -> list[str]:
        return [self.navigation.item(row).text() for row in range(self.navigation.count())]

    def after_first_rows(self, then: "Callable[[], None]") -> None:
        """Call `then` once the Dwellings page has drawn its first rows (read in a worker; the
        page itself built and put in its place on the turns after signing in): work that can
        wait does not delay what the user came for, nor hold the interpreter while the table
        draws them (a call into Python for each cell)."""
        page = self.__dict__.get("dwellings")
        if page is None or self.pages.indexOf(page) < 0:  # built or placed on a coming turn
            self._after_placed.append(then)
            return
        model = getattr(page, "model", None)
        if model is not None and model.loading:
            model.loaded.connect(lambda: after_paint(page.table.viewport(), then),
                                 Qt.ConnectionType.SingleShotConnection)
        else:
            then()
