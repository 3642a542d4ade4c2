"""The status bar's word on sync: when it last synced, what waits to go, what the server
refused, the conflicts waiting for a supervisor, or why the last sync failed. A click opens the
Sync page. It follows the window's SyncRunner and hides on a database that does not sync."""

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QToolButton, QWidget

from shelter_app.services.sync.status import SyncStatus
from shelter_app.ui.formats import datetime_text, number
from shelter_app.ui.forms import ERROR_STYLE, WARNING_STYLE
from shelter_app.ui.sync.runner import SyncRunner


class SyncIndicator(QToolButton):
    open_requested = Signal()

    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._runner = runner
        self._progress = ""
        runner.status_changed.connect(self.show_status)
        runner.started.connect(self._started)
        runner.progressed.connect(self._progressed)
        self.clicked.connect(self.open_requested)
        self.show_status(runner.status)

    @Slot(bool)
    def _started(self, _manual: bool) -> None:
        self._progress = ""
        self.show_status(self._runner.status)

    @Slot(str, int, int)
    def _progressed(self, step: str, done: int, total: int) -> None:
        if step == "push":
            self._progress = self.tr("sending {done} of {total}").format(
                done=number(done, 0), total=number(total, 0))
        else:
            self._progress = self.tr("received {done}").format(done=number(done, 0))
        self.show_status(self._runner.status)

    @Slot(object)
    def show_status(self, status: SyncStatus) -> None:
        self.setVisible(status.enrolled)
        if not status.enrolled:
            return
        details = [self._last_sync(status)]
        if status.pending:
            details.append(self.tr("waiting to be sent: {count}").format(count=status.pending))
        refused = sum(op.status == "refused" for op in status.held)
        if refused:
            details.append(self.tr("refused: {count}").format(count=refused))
        if status.open_conflicts:
            details.append(self.tr("conflicts: {count}").format(count=status.open_conflicts))
        style = WARNING_STYLE if refused or status.open_conflicts else ""
        if self._runner.busy:
            text = self.tr("Syncing…")
            if self._progress:
                text = f"{text} {self._progress}"
            style = ""
        elif status.last_error:
            text = self.tr("Sync failed")
            details.insert(0, status.last_error)
            style = ERROR_STYLE
        else:
            text = " · ".join(details)
        self.setText(text)
        self.setStyleSheet(f"QToolButton {{ {style} }}" if style else "")
        tip = "\n".join([*details, self.tr("Click to open the Sync page.")])
        self.setToolTip(tip)

    def _last_sync(self, status: SyncStatus) -> str:
        if status.last_sync_at is None:
            return self.tr("Not synced yet")
        return self.tr("Synced {when}").format(when=datetime_text(status.last_sync_at))
