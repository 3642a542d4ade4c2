"""The Inbox's kinds (BoQs, timesheets, reopen requests, sync conflicts, each with its count):
a column beside what they list, or a strip over it across the page where both do not fit
side by side (a column there was a box of four lines over the list, the rest of its width
empty). The arrow keys go from kind to kind in both."""

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QWidget

KINDS_WIDTH = 220  # the column's
_SPACING = 6  # between the kinds in a strip, which else touch
_ANY_WIDTH = 16_777_215  # Qt's QWIDGETSIZE_MAX, which PySide6 does not export
_MOVE = QAbstractItemView.CursorAction
_STEPS = {_MOVE.MoveDown: 1, _MOVE.MoveRight: 1, _MOVE.MoveUp: -1, _MOVE.MoveLeft: -1}


class KindsList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # as tall as its lines (over the list); beside it, as tall as the page
        self.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # a strip wraps anew as resized
        self.shape(beside=True)

    def shape(self, beside: bool) -> None:
        self.setFlow(QListView.Flow.TopToBottom if beside else QListView.Flow.LeftToRight)
        self.setWrapping(not beside)
        self.setSpacing(0 if beside else _SPACING)
        self.setMinimumWidth(KINDS_WIDTH if beside else 0)
        self.setMaximumWidth(KINDS_WIDTH if beside else _ANY_WIDTH)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if beside
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def viewportSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """A strip's lines as laid out at its width: Qt gives no measure of a wrapping list's."""
        if self.isWrapping():
            return self.contentsSize()
        return super().viewportSizeHint()

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802 - Qt's name
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """The arrows walk the kinds in their order whatever their shape: Up and Down would
        look for a kind on a strip's line above or below, Left and Right for one beside the
        column's. Left is onward for a right-to-left reader."""
        step = _STEPS.get(action)
        if step is None:
            return super().moveCursor(action, modifiers)
        if self.isRightToLeft() and action in (_MOVE.MoveLeft, _MOVE.MoveRight):
            step = -step
        return self.model().index(min(max(self.currentRow() + step, 0), self.count() - 1), 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """A strip no higher than its lines (a scroll area's least is some 70 px)."""
        least = super().minimumSizeHint()
        if self.isWrapping():
            least.setHeight(self.sizeHint().height())
        return least
