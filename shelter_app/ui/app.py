"""Start the GUI: Qt application, translations hook, crash handling, database, main window."""

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from shelter_app.config import paths
from shelter_app.domain import i18n
from shelter_app.domain.errors import UserError
from shelter_app.resources import resource
from shelter_app.ui.crash import CrashHandler

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
    """Open `target` and show the main window; a database that cannot be opened is explained."""
    app = create_application()
    handler = CrashHandler(str(paths().logs / "shelter_app.log"))
    handler.install()
    from shelter_app.data.migrate import open_database

    try:
        db = open_database(target)
    except UserError as error:
        QMessageBox.critical(None, app.translate("app", "Cannot open the database"), error.message)
        return 2
    from shelter_app.ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    try:
        return app.exec()
    finally:
        db.dispose()
