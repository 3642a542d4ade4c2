"""The week grid: workers x days of one site, typed into with the keyboard.

F (or 1) logs a full day, H a half day, A (or 0, Delete) marks absent, Space cycles
full -> half -> absent; the cursor then moves to the next day, so a week is "F F F F H".
Arrow keys move as usual. The view only asks: `portion_requested` goes to the page, which
shows the day at once (`set_cells`), saves it in a worker and puts the days as saved in place.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import ABSENT, FULL, HALF, NEXT_PORTION
from shelter_app.services.labour.grid import GridCell, GridWorker, WeekGrid
from shelter_app.ui.formats import END_ALIGNED, date_text, day_month_text, days_shown

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
FULL_COLOUR = QColor("#b7e1b0")
HALF_COLOUR = QColor("#e3f2d6")
LOCKED_COLOUR = QColor("#e4e7eb")
FUTURE_COLOUR = QColor("#f4f5f7")
_FULL, _HALF, _LOCKED, _FUTURE = (QBrush(colour) for colour in (
    FULL_COLOUR, HALF_COLOUR, LOCKED_COLOUR, FUTURE_COLOUR))
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_ALIGNMENTS = [_CENTRE] * 7 + [END_ALIGNED]  # a week of marks; its total a number
# the roles as plain numbers: a view asks each cell seven roles at every paint, and naming
# Qt.ItemDataRole.DisplayRole there costs an enum lookup a call
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
KEYS = {Qt.Key.Key_F: FULL, Qt.Key.Key_1: FULL, Qt.Key.Key_H: HALF, Qt.Key.Key_A: ABSENT,
        Qt.Key.Key_0: ABSENT, Qt.Key.Key_Delete: ABSENT, Qt.Key.Key_Backspace: ABSENT}


class WeekGridModel(QAbstractTableModel):
    """Rows: workers; columns: the seven days, then the worker's days in the week.

    What a cell shows (text, colour, alignment) and the headers' titles are worked out once
    when the rows change, not at every paint: a view asks `data` seven roles per cell and
    repaint, and the header its titles for each section it draws or measures."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: WeekGrid | None = None
        self.today = clock.today()
        self._texts: list[list[str]] = []  # per row, per column
        self._backgrounds: list[list[QBrush | None]] = []
        self._shown: dict[int, list[list[Any]]] = {}  # role -> rows of the role's values
        self._titles: dict[Qt.Orientation, list[str]] = {}  # orientation -> sections' titles
        self._rows: dict[Any, int] = {}  # a worker's row by id

    def set_grid(self, grid: WeekGrid | None, today: date | None = None) -> None:
        self.beginResetModel()
        self.grid = grid
        self.today = today or clock.today()
        workers = grid.workers if grid else ()
        self._rows = {worker.id: row for row, worker in enumerate(workers)}
        rows = [self._row_shown(worker) for worker in workers]
        self._texts = [texts for texts, _ in rows]
        self._backgrounds = [backgrounds for _, backgrounds in rows]
        self._shown = {DISPLAY: self._texts, BACKGROUND: self._backgrounds,
                       ALIGNMENT: [_ALIGNMENTS] * len(rows)}
        self._titles = {Qt.Orientation.Vertical: [self._name(worker) for worker in workers],
                        Qt.Orientation.Horizontal: self._days_titles() if grid else []}
        self.endResetModel()

    def set_cells(self, worker_id: Any, cells: dict[date, GridCell]) -> None:
        """The worker's `cells` (days of this week) as typed or as saved, in place: only
        their row is drawn again, and the cursor stays where it is."""
        row = self._rows.get(worker_id)
        if self.grid is None or row is None:
            return
        changed = dict(self.grid.cells)
        for day, cell in cells.items():
            changed[worker_id, day] = cell
        self.grid = replace(self.grid, cells=changed)
        self._texts[row], self._backgrounds[row] = self._row_shown(self.grid.workers[row])
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.total_column))

    def row_of(self, worker_id: Any) -> int | None:
        return self._rows.get(worker_id)

    def _row_shown(self, worker: GridWorker) -> tuple[list[str], list[QBrush | None]]:
        """The texts and the backgrounds of `worker`'s row."""
        assert self.grid is not None
        portions = [self.grid.cell(worker.id, day).portion for day in self.grid.days]
        names = {FULL: self.tr("Full"), HALF: self.tr("Half")}
        texts = [*(names.get(portion, "") for portion in portions),
                 days_shown(sum(portions, Decimal(0)))]
        return texts, [*map(self._background, portions, self.grid.days), None]

    @property
    def total_column(self) -> int:
        return 7

    def worker(self, row: int) -> GridWorker:
        assert self.grid is not None
        return self.grid.workers[row]

    def day(self, column: int) -> date:
        assert self.grid is not None
        return self.grid.days[column]

    def cell(self, index: Index) -> GridCell | None:
        if self.grid is None or not index.isValid() or index.column() >= 7:
            return None
        return self.grid.cell(self.worker(index.row()).id, self.day(index.column()))

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._texts)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.grid is None else 8

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        shown = self._shown.get(role)
        if shown is not None:
            row = index.row()
            return shown[row][index.column()] if row >= 0 else None
        if role != TOOLTIP and role != ACCESSIBLE or index.column() == self.total_column:
            return None
        cell = self.cell(index)
        if cell is None:
            return None
        day = self.day(index.column())
        if role == TOOLTIP:
            return self._tooltip(cell, day)
        return f"{self.worker(index.row()).name}, {date_text(day)}: " \
               f"{self.data(index) or self.tr('Absent')}"

    def _background(self, portion: Decimal, day: date) -> QBrush | None:
        assert self.grid is not None
        if portion == FULL:
            return _FULL
        if portion == HALF:
            return _HALF
        if day in self.grid.locks:
            return _LOCKED
        if day > self.today:
            return _FUTURE
        return None

    def _tooltip(self, cell: GridCell, day: date) -> str:
        assert self.grid is not None
        lines = []
        if cell.task:
            lines.append(self.tr("Task: {task}").format(task=cell.task))
        if cell.recorded_by:
            lines.append(self.tr("Logged by {name}").format(name=cell.recorded_by))
        if cell.override_reason:
            lines.append(self.tr("Reason: {reason}").format(reason=cell.override_reason))
        if day in self.grid.locks:
            lines.append(self.grid.locks[day])
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = DISPLAY) -> Any:
        if self.grid is None or role != DISPLAY:
            return None  # what Qt's own gives for the other roles, without a call to it
        return self._titles[orientation][section]

    @staticmethod
    def _name(worker: GridWorker) -> str:
        marker = "" if worker.own_household else " *"
        return f"{worker.name}{marker}\n{worker.ref}"

    def _days_titles(self) -> list[str]:
        assert self.grid is not None
        names = [self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                 self.tr("Fri"), self.tr("Sat"), self.tr("Sun")]
        return [*(f"{names[day.weekday()]}\n{day_month_text(day)}" for day in self.grid.days),
                self.tr("Days")]


class WeekGridView(QTableView):
    """The grid, with the keys of the module docstring."""

    portion_requested = Signal(int, int, object)  # row, column, Decimal

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekGrid")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # _fit_rows
        self.verticalHeader().setMinimumWidth(180)

    def setModel(self, model: Any) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self._fit)
            model.headerDataChanged.connect(self._fit)
            self._fit()

    def _fit(self) -> None:
        self._fit_rows()
        self._fit_days()

    def _fit_rows(self) -> None:
        """Each row as tall as its name (two lines) or its cells, as the header's
        ResizeToContents makes it, but measured once per reading of the week: that mode
        measured every row's cells again each time the grid was shown (a page shown again:
        3,000 calls of `data` for 50 workers, most of the turn), and the cells of a row all
        hold one line of the same font, so one row's tell them all."""
        header = self.verticalHeader()
        cells = self.sizeHintForRow(0) if header.count() else 0
        for row in range(header.count()):
            header.resizeSection(row, max(cells, header.sectionSizeHint(row)))

    def _fit_days(self) -> None:
        """Columns never narrower than their day's name (Arabic writes الخميس in full): the
        grid scrolls sideways rather than cut a header. Measured as the header draws each
        title (today's in bold, with its margins), not in the header's plain font."""
        header = self.horizontalHeader()
        header.setMinimumSectionSize(max(
            (header.sectionSizeFromContents(section).width()
             for section in range(self.model().columnCount())), default=0))
        # wide enough for the names, the seven days and the total: the panel beside the grid
        # gives way first (the week's total was scrolled out of sight)
        names = max(self.verticalHeader().minimumWidth(), self.verticalHeader().sizeHint().width())
        self.setMinimumWidth(names + header.minimumSectionSize() * self.model().columnCount()
                             + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        index = self.currentIndex()
        model = self.model()
        key = Qt.Key(event.key())
        if index.isValid() and isinstance(model, WeekGridModel) and index.column() < 7 and (
                key in KEYS or key == Qt.Key.Key_Space) and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                     | Qt.KeyboardModifier.AltModifier)):
            cell = model.cell(index)
            assert cell is not None
            portion = NEXT_PORTION.get(cell.portion, ABSENT) if key == Qt.Key.Key_Space \
                else KEYS[key]
            self.portion_requested.emit(index.row(), index.column(), portion)
            return
        super().keyPressEvent(event)
