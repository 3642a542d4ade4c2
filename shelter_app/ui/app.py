"""Start the GUI: Qt application, translations hook, crash handling, database, main window."""

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from shelter_app.config import paths
from shelter_app.domain import i18n
from shelter_app.domain.errors import UserError
from shelter_app.resources import resource
from shelter_app.ui.crash import CrashHandler

if TYPE_CHECKING:
    from shelter_app.data.engine import Database

STYLE = """
QLabel#pageTitle { font-size: 18px; font-weight: 600; padding: 4px 0 8px 0; }
QListWidget#navigation { font-size: 14px; }
QListWidget#navigation::item { padding: 8px 6px; }
"""


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("shelter_app")
    app.setApplicationDisplayName("Barınak")
    app.setOrganizationName("Barinak")
    app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    app.setStyleSheet(STYLE)
    i18n.install(QCoreApplication.translate)
    return app


def run_gui(target: str) -> int:
    """Show the main window at once, open `target` in the background, then fill the window.

    A database that cannot be opened is explained in a message box and the app exits with 2.
    """
    app = create_application()
    handler = CrashHandler(str(paths().logs / "shelter_app.log"))
    handler.install()
    from shelter_app.ui.main_window import MainWindow
    from shelter_app.ui.worker import run_in_background

    window = MainWindow()
    window.show()
    opened: list["Database"] = []

    def open_database() -> "Database":
        from shelter_app.data.migrate import open_database

        return open_database(target)

    def attach(db: "Database") -> None:
        from shelter_app.services.auth import idle_lock_minutes
        from shelter_app.ui.auth.dialogs import identify
        from shelter_app.ui.auth.idle import IdleWatcher

        opened.append(db)
        actor = identify(db, window)
        if actor is None:
            app.exit(0)
            return
        window.attach(db, actor)
        watcher = IdleWatcher(idle_lock_minutes(db), window)
        app.installEventFilter(watcher)
        watcher.idle.connect(lambda: window.lock() and watcher.resume())

    def refuse(error: BaseException) -> None:
        if not isinstance(error, UserError):
            handler.handle(type(error), error, error.__traceback__)
            app.exit(1)
            return
        QMessageBox.critical(window, app.translate("app", "Cannot open the database"),
                             error.message)
        app.exit(2)

    run_in_background(open_database, attach, refuse)
    try:
        return app.exec()
    finally:
        for db in opened:
            db.dispose()
