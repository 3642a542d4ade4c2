"""Table columns wide enough for their titles in every language, and columns kept whole.

Widths chosen for Turkish cut the Arabic "ضريبة KDV %" or the English "Household there": a
column is widened to its header's own size hint (title, padding and sort arrow), never
narrowed.
"""

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)


def fit_titles(table: QTableView) -> None:
    header = table.horizontalHeader()
    for column in range(header.count()):
        needed = header.sectionSizeFromContents(column).width()
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)


class _Wrapping(QStyledItemDelegate):
    """A column whose text wraps at the column's width (its width hint stays the text's on
    one line: what the column gives way from)."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt's name
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def extra_height(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> int:
        """How much higher than one line the text is, wrapped at `width` pixels."""
        line = self.sizeHint(option, index)
        if width >= line.width():
            return 0
        at_width = QStyleOptionViewItem(option)
        at_width.rect = QRect(0, 0, width, 1)  # a valid rect: the style wraps at its width
        return self.sizeHint(at_width, index).height() - line.height()


class WholeColumns(QObject):
    """Columns kept as wide as their titles and cells, on one line, as the rows change and the
    table is resized; the last column stretches over the rest and elides (its tooltip carries
    it whole). Where the table is too narrow, the `yielding` column gives way first, down to
    its title, so that the last keeps `least` pixels, and wraps its text over as many lines
    as it takes: at 900 px the Sync page's held list cut its Fields while its Reason took
    half the row, and then, in Turkish, still cut them by 24 px."""

    def __init__(self, table: QTableView, whole: Sequence[int], yielding: int | None = None,
                 least: int = 0) -> None:
        super().__init__(table)
        self._table, self._whole, self._yielding, self._least = table, whole, yielding, least
        table.setWordWrap(False)
        header = table.horizontalHeader()
        # stretched, the last column shrinks no narrower than it was when it began to stretch
        header.setStretchLastSection(False)
        header.resizeSection(header.count() - 1, max(least, header.minimumSectionSize()))
        header.setStretchLastSection(True)
        self._wrapped = -1  # the yielding column's width the rows were last measured at
        if yielding is not None:
            table.setItemDelegateForColumn(yielding, _Wrapping(self))
            table.model().rowsInserted.connect(self._measure_rows)
        table.model().modelReset.connect(self._reset)
        table.viewport().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _reset(self) -> None:
        self._wrapped = -1  # new rows: measured again whatever the width
        self.fit()

    def fit(self) -> None:
        table, header = self._table, self._table.horizontalHeader()
        for column in self._whole:
            table.resizeColumnToContents(column)
        if self._yielding is None:
            return
        others = sum(header.sectionSize(column) for column in range(header.count() - 1)
                     if column != self._yielding)
        room = table.viewport().width() - others - self._least
        title = header.sectionSizeFromContents(self._yielding).width()
        if header.sectionSize(self._yielding) > room:
            header.resizeSection(self._yielding, max(title, room))
        if header.sectionSize(self._yielding) != self._wrapped:
            self._measure_rows()

    def _measure_rows(self) -> None:
        """Rows as high as the yielding column's text wraps (the usual height where it is
        whole); measured when that width or the rows change, not at every resize."""
        table, column = self._table, self._yielding
        assert column is not None
        delegate = table.itemDelegateForColumn(column)
        assert isinstance(delegate, _Wrapping)
        self._wrapped = width = table.columnWidth(column)
        option = QStyleOptionViewItem()
        table.initViewItemOption(option)
        usual, model = table.verticalHeader().defaultSectionSize(), table.model()
        for row in range(model.rowCount()):
            over = delegate.extra_height(option, model.index(row, column), width - table.showGrid())
            table.setRowHeight(row, usual + over)
