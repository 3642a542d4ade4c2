"""Bugs reach the log and a dialog the user can copy from, from any thread."""

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from shelter_app.ui.formats import path_text
from shelter_app.ui.wrapping import wrapped

log = logging.getLogger("shelter_app.crash")


class CrashDialog(QDialog):
    """Shows what went wrong with a Copy button, so a field engineer can send it to support."""

    def __init__(self, details: str, log_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.resize(640, 420)
        intro = QLabel(
            self.tr(
                "An unexpected error happened. Your saved work is safe. Please copy the details "
                "below and send them to support. The log file is {path}."
            ).format(path=path_text(log_path))
        )
        wrapped(intro)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(self.tr("Copy details"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


class _Bridge(QObject):
    """Carries an error from any thread to the GUI thread (widgets live only there)."""

    crashed = Signal(str)


class CrashHandler:
    def __init__(self, log_path: str) -> None:
        self.log_path = log_path
        self.bridge = _Bridge()
        self.bridge.crashed.connect(self._show)
        self.shown = 0

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        qInstallMessageHandler(_qt_message_to_log)

    def handle(self, kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.critical("unhandled exception", exc_info=(kind, value, tb))
        self.bridge.crashed.emit("".join(traceback.format_exception(kind, value, tb)))

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        self.handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def _show(self, details: str) -> None:
        self.shown += 1
        if self.shown > 3:  # a crash in a loop must not bury the user in dialogs
            return
        CrashDialog(details, self.log_path, QApplication.activeWindow()).exec()


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message_to_log(kind: QtMsgType, context: object, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), message)
