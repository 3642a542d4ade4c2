"""Style sheets belong to the widgets that have one (page titles, the navigation), not to the
application: an application-wide sheet put every widget under a style-sheet style, and each
page put into the window had its whole tree styled again."""

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
