"""Style sheets belong to the widgets that have one (page titles, the navigation), not to the
application: an application-wide sheet put every widget under a style-sheet style, and each
page put into the window had its whole tree styled again."""

import os
import subprocess
import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.ui.app import create_application
from shelter_app.ui.main_window import MainWindow
from shelter_app.ui.style import keep_accents, page_title


class StyleChanges(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.StyleChange:
            self.seen.append(type(watched).__name__)
        return False


def test_a_page_put_into_the_shown_window_is_not_styled_again(qtbot):
    create_application()
    window = QStackedWidget()
    qtbot.addWidget(window)
    window.addWidget(QLabel("placeholder"))
    window.show()
    qtbot.waitExposed(window)
    page = QWidget()
    tabs = keep_accents(QTabWidget())
    tabs.addTab(QTableView(), "Table")
    layout = QVBoxLayout(page)
    layout.addWidget(page_title(QLabel("Title")))
    layout.addWidget(tabs)
    page.ensurePolished()
    changes = StyleChanges()
    for widget in (page, *page.findChildren(QWidget)):
        widget.installEventFilter(changes)
    window.addWidget(page)
    window.setCurrentWidget(page)
    qtbot.waitUntil(page.isVisible)
    assert changes.seen == []  # with the application's sheet: every widget of the page


def test_titles_and_the_navigation_keep_their_look(qtbot):
    create_application()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    title = window.pages.currentWidget().findChild(QLabel, "pageTitle")
    assert (title.font().pixelSize(), title.font().weight()) == (18, 600)
    inside = title.contentsRect()
    assert (inside.top(), title.height() - inside.height()) == (4, 4 + 8)
    navigation = window.navigation
    assert navigation.font().pixelSize() == 14
    assert navigation.sizeHintForRow(0) >= navigation.fontMetrics().height() + 2 * 8


def test_the_first_window_of_a_process_makes_no_class_it_does_not_use():
    """Handed the navigation's scroll bar container, a class private to Qt, the Python style
    made PySide make every QWidget class it had not made yet (QWizard among them) to look for
    it: 8-15 ms of the first window's turn. With the platform's style under the navigation's
    sheet, Python is not asked. In a process of its own: PySide makes a class once."""
    shown = ("from shelter_app.ui.app import create_application\n"
             "from shelter_app.ui.main_window import MainWindow\n"
             "app = create_application()\n"
             "window = MainWindow()\n"
             "window.show()\n"
             "app.processEvents()\n"
             "from PySide6 import QtWidgets\n"
             "print('QWizard' in vars(QtWidgets))\n")
    result = subprocess.run([sys.executable, "-c", shown], capture_output=True, text=True,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=120,
                            check=True)
    assert result.stdout.split() == ["False"]


def test_tab_goes_through_a_dialogs_buttons_in_the_order_they_stand(qtbot):
    """The application's sheet laid every button box out again once it was in its dialog;
    without it the box keeps that order (and a dialog naming no default takes the first)."""
    from shelter_app.ui.crash import CrashDialog

    create_application()
    dialog = CrashDialog("Traceback", "/tmp/shelter_app.log")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert dialog.copy_button.isDefault() and not close.isDefault()
    assert dialog.copy_button.nextInFocusChain() is close
