"""Table columns wide enough for their titles in every language, and columns kept whole.

Widths chosen for Turkish cut the Arabic "ضريبة KDV %" or the English "Household there": a
column is widened to its header's own size hint (title, padding and sort arrow), never
narrowed.
"""

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


def fit_titles(table: QTableView) -> None:
    header = table.horizontalHeader()
    for column in range(header.count()):
        needed = header.sectionSizeFromContents(column).width()
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)


class WholeColumns(QObject):
    """Columns kept as wide as their titles and cells, on one line, as the rows change and the
    table is resized; the last column stretches over the rest and elides (its tooltip carries
    it whole). Where the table is too narrow, the `yielding` column gives way first, down to
    its title, so that the last keeps `least` pixels: at 900 px the Sync page's held list cut
    its Fields while its Reason took half the row."""

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
        table.model().modelReset.connect(self.fit)
        table.viewport().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

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
