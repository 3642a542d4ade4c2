"""The main window's pages before they are built: the placeholder in a page's place, and the
module and class each page is built from at its first showing (its module imported ahead of
that, in a thread, ui.preload, once the Dwellings page's first rows show)."""

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from shelter_app.ui.style import page_title
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
