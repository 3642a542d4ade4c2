"""The week grid's rows: as tall as ResizeToContents made them, measured once per week read,
so that showing the grid again (its page, after another) asks only for the cells it paints."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtWidgets import QHeaderView, QStackedWidget, QTableView, QVBoxLayout, QWidget

from shelter_app.domain.stages import Stage
from shelter_app.services.labour.grid import GridCell, GridWorker, WeekGrid
from shelter_app.ui.labour.grid import WeekGridModel, WeekGridView

MONDAY = date(2026, 11, 9)
WORKERS = 40


def _grid() -> WeekGrid:
    days = tuple(MONDAY + timedelta(days=n) for n in range(7))
    workers = tuple(GridWorker(uuid.uuid4(), f"W-{n:03d}", f"Worker Number {n}", n % 3 != 0)
                    for n in range(WORKERS))
    cells = {(worker.id, day): GridCell(Decimal("1.0") if n % 2 else Decimal("0.5"))
             for n, worker in enumerate(workers) for day in days[:5]}
    return WeekGrid(uuid.uuid4(), "GAZ-D-000001", "Address", Stage.WORKS_IN_PROGRESS, None,
                    days, workers, cells)


class _Counted(WeekGridModel):
    """Records the rows whose cells were asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[int] = set()

    def data(self, index, role=0):  # type: ignore[no-untyped-def]
        self.asked.add(index.row())
        return super().data(index, role)


def test_a_grid_shown_again_asks_only_for_the_rows_it_paints(qtbot) -> None:
    """Its page shown after another: the header measured every row's cells again (40
    workers: all forty rows asked, most of the turn), though nothing had changed."""
    pages = QStackedWidget()
    qtbot.addWidget(pages)
    other, page = QWidget(), QWidget()
    model = _Counted()
    view = WeekGridView()
    view.setModel(model)
    QVBoxLayout(page).addWidget(view)
    pages.addWidget(other)
    pages.addWidget(page)
    pages.resize(1000, 400)  # a few rows in sight
    pages.setCurrentWidget(page)
    pages.show()
    qtbot.waitExposed(pages)
    model.set_grid(_grid(), MONDAY + timedelta(days=3))
    pages.setCurrentWidget(other)
    qtbot.wait(20)
    model.asked.clear()
    pages.setCurrentWidget(page)
    view.viewport().repaint()
    painted = view.rowAt(view.viewport().height() - 1)
    assert 0 < painted < WORKERS - 1
    assert model.asked and max(model.asked) <= painted


def test_the_rows_are_as_tall_as_the_headers_own_measure_makes_them(qtbot) -> None:
    """The same heights as a header sized to its contents (names on two lines)."""
    grid = _grid()
    model, measured = WeekGridModel(), WeekGridModel()
    view, plain = WeekGridView(), QTableView()
    for table, rows in ((view, model), (plain, measured)):
        qtbot.addWidget(table)
        table.setModel(rows)
        table.resize(900, 500)
        table.show()
    plain.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    model.set_grid(grid, MONDAY)
    measured.set_grid(grid, MONDAY)
    qtbot.waitExposed(plain)
    header = view.verticalHeader()
    sizes = [header.sectionSize(row) for row in range(WORKERS)]
    assert sizes == [plain.verticalHeader().sectionSize(row) for row in range(WORKERS)]
    assert min(sizes) >= 2 * header.fontMetrics().lineSpacing()
