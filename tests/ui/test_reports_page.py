"""The Reports page driven as a programme manager would: the charts come in the background,
the office and period filters change them, a click on a bar lists its cases, a case opens in
its dwelling file, and the page saves the same figures as XLSX and PDF."""

import threading
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from openpyxl import load_workbook
from PySide6.QtCharts import QAbstractBarSeries, QChartView
from PySide6.QtCore import QDate, QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsTextItem, QScrollArea, QWidget

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.domain.stages import Stage
from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog
from shelter_app.ui.reports.cases import BarCasesDialog
from shelter_app.ui.reports.page import CHART_HEIGHT, ReportsPage, chart_view


def _open(qtbot, db: Database, actor) -> ReportsPage:  # type: ignore[no-untyped-def]
    page = ReportsPage(db, actor)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    return page


def _click_bar(qtbot, view: QChartView, set_index: int, category: int) -> None:  # type: ignore[no-untyped-def]
    """A left click in the middle of one bar of `view`, as the mouse would."""
    qtbot.waitUntil(lambda: view.isVisible() and view.chart().plotArea().width() > 300)
    QApplication.processEvents()  # the layout of a freshly built chart settles
    chart = view.chart()
    series = chart.series()[0]
    assert isinstance(series, QAbstractBarSeries)
    bar_sets = series.barSets()
    below = sum(bar_sets[n].at(category) for n in range(set_index)) \
        if series.type() == QAbstractBarSeries.SeriesType.SeriesTypeStackedBar else 0
    value = bar_sets[set_index].at(category)
    point = chart.mapToPosition(QPointF(category, below + value / 2), series)
    if series.type() != QAbstractBarSeries.SeriesType.SeriesTypeStackedBar:
        width = series.barWidth() / len(bar_sets)
        offset = (set_index - (len(bar_sets) - 1) / 2) * width
        point = chart.mapToPosition(QPointF(category + offset, value / 2), series)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(chart.mapToScene(point)))


def _dialog() -> BarCasesDialog:
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, BarCasesDialog) and w.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_charts_filters_and_the_cases_behind_a_bar(qtbot, demo_db: Database, admin) -> None:
    page = _open(qtbot, demo_db, admin)
    report = page.report
    assert report is not None and report.cases == 120
    assert len(page.views) == 8  # stages, money, days, pay, agreements, sex and age,
    # nationality, disability
    assert page.status.text().endswith(" — 120 cases.")

    # office: Mersin only
    page.office_box.setCurrentIndex(page.office_box.findData("MER"))
    qtbot.waitUntil(lambda: page.report is not None and page.report.scope.office_code == "MER",
                    timeout=10_000)
    assert [m.code for m in page.report.money] == ["MER"]
    stages = page.report.stages["MER"]

    # click the "monitored" part of Mersin's stacked bar: its cases, all monitored, all MER
    monitored = list(Stage).index(Stage.MONITORED)
    _click_bar(qtbot, page.views[0], monitored, 0)
    dialog = _dialog()
    refs = [dialog.model.row_at(n) for n in range(dialog.model.rowCount())]
    assert len(refs) == stages[Stage.MONITORED]
    assert all(r.stage is Stage.MONITORED and r.ref.startswith("MER-") for r in refs)
    # Enter on the first case opens its dwelling file (read in a worker), above the list
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in dialog.findChildren(DwellingFileDialog)))
    files = [w for w in dialog.findChildren(DwellingFileDialog) if w.isVisible()]
    assert len(files) == 1
    assert dialog.isVisible()  # the Enter went to the case, not to the list's Close button
    files[0].close()
    dialog.close()

    # period: the demo's cases were all registered today; a past period shows none of them,
    # but its labour months
    page.period_box.setChecked(True)
    page.from_edit.setDate(QDate(2026, 10, 1))
    page.to_edit.setDate(QDate(2026, 10, 31))
    qtbot.waitUntil(lambda: page.report is not None
                    and page.report.scope.last == date(2026, 10, 31), timeout=10_000)
    assert page.report.cases == 0
    assert [m.month for m in page.report.labour] == [date(2026, 10, 1)]


def test_engineer_sees_their_office_and_a_labour_bar_lists_its_sites(qtbot, demo_db: Database,
                                                                     engineer) -> None:
    page = _open(qtbot, demo_db, engineer)
    assert not page.office_box.isEnabled() and page.office_box.currentData() == "GAZ"
    assert page.report is not None and [m.code for m in page.report.money] == ["GAZ"]
    days_view = page.views[2]
    _click_bar(qtbot, days_view, 0, 0)
    dialog = _dialog()
    assert dialog.model.rowCount() > 0
    assert all(dialog.model.row_at(n).ref.startswith("GAZ-")
               for n in range(dialog.model.rowCount()))
    dialog.close()


def test_the_page_saves_the_report_as_xlsx_and_pdf(qtbot, demo_db: Database, admin,
                                                   tmp_path: Path) -> None:
    page = _open(qtbot, demo_db, admin)
    page.save("xlsx", str(tmp_path / "rapor"))
    qtbot.waitUntil(lambda: "Saved" in page.status.text(), timeout=20_000)
    workbook = load_workbook(tmp_path / "rapor.xlsx")
    assert len(workbook.sheetnames) == 5
    stages = workbook[workbook.sheetnames[0]]
    total_row = next(row for row in stages.iter_rows(values_only=True) if row[0] == "Total")
    assert total_row[-1] == 120
    page.save("pdf", str(tmp_path / "rapor.pdf"))
    qtbot.waitUntil(lambda: (tmp_path / "rapor.pdf").exists() and "Saved" in page.status.text()
                    and "rapor.pdf" in page.status.text(), timeout=20_000)
    assert (tmp_path / "rapor.pdf").read_bytes().startswith(b"%PDF")


def test_charts_are_laid_out_one_per_turn_and_a_newer_report_stops_the_older(
        qtbot, demo_db: Database, admin) -> None:
    """Building a chart holds the GUI thread: the event loop turns between two charts, and a
    filter changed while the charts are laid out leaves the newer report's charts alone."""
    page = _open(qtbot, demo_db, admin)
    seen: list[int] = []
    timer = QTimer(page, interval=0)
    timer.timeout.connect(lambda: seen.append(len(page.views)))
    timer.start()

    def change_office_at_the_third_chart() -> None:
        if len(page.views) == 3 and page.office_box.currentData() is None:
            page.office_box.setCurrentIndex(page.office_box.findData("MER"))

    timer.timeout.connect(change_office_at_the_third_chart)
    with qtbot.waitSignal(page.loaded, timeout=10_000) as laid_out:
        page.reload()
    timer.stop()
    assert laid_out.args[0].scope.office_code == "MER"  # the older report never finished
    assert page.report is laid_out.args[0] and len(page.views) == 8
    assert {1, 2, 3} <= set(seen)  # the loop turned between charts
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(page.findChildren(QChartView)) == 8  # the older report's charts are gone


class _Paints(QObject):
    """The number of charts laid out at each paint of a widget within `page`'s charts."""

    def __init__(self, page: ReportsPage) -> None:
        super().__init__(page)
        self.page = page
        self.seen: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) \
                and self.page.charts.isAncestorOf(watched):
            self.seen.append(len(self.page.views))
        return False


def test_the_charts_area_is_painted_once_the_last_chart_is_in_place(
        qtbot, demo_db: Database, admin) -> None:
    """Painted after each chart, the area was painted ten times over for one report (most
    of the page's time on a loaded machine); the charts of before stay until the new ones
    are all in place."""
    page = _open(qtbot, demo_db, admin)
    paints = _Paints(page)
    QApplication.instance().installEventFilter(paints)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    qtbot.waitUntil(lambda: bool(paints.seen))
    QApplication.instance().removeEventFilter(paints)
    assert set(paints.seen) == {8}


def test_two_charts_of_a_row_share_it_equally_each_laid_out_at_its_size_once(
        qtbot, demo_db: Database, admin, monkeypatch) -> None:
    """A chart was first laid out at its bare minimum (about 100 by 100 pixels, before it
    showed), the first of a row again across the whole row while its neighbour was to come,
    and that width stayed in its size hint: at a laptop's width the days worked took 580 of
    906 pixels and the pay chart beside it showed one month's label of three."""
    from shelter_app.ui.reports import page as module

    page = _open(qtbot, demo_db, admin)
    page.resize(900, 800)
    heights: list[float] = []

    def watched(chart, on_click):  # type: ignore[no-untyped-def]
        view = chart_view(chart, on_click)
        view.chart().geometryChanged.connect(
            lambda: heights.append(view.chart().size().height()))
        return view

    monkeypatch.setattr(module, "chart_view", watched)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    qtbot.waitUntil(lambda: not page.loading)
    QApplication.processEvents()
    days, pay = page.views[2], page.views[3]
    assert abs(days.width() - pay.width()) <= 1
    assert heights and set(heights) == {CHART_HEIGHT}


def test_a_reload_keeps_the_place_in_the_page(qtbot, demo_db: Database, admin) -> None:
    """The charts of before were taken out at once: the area, empty, went back to its top, and
    a user reading the reach section changed the period to find the stages chart."""
    page = _open(qtbot, demo_db, admin)
    qtbot.waitUntil(lambda: not page.loading)
    bar = page.findChild(QScrollArea).verticalScrollBar()
    bar.setValue(bar.maximum())
    place = bar.value()
    assert place > 0
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    qtbot.waitUntil(lambda: not page.loading)
    QApplication.processEvents()
    assert bar.value() == place


def test_charts_laid_out_while_the_page_was_hidden_show_one_per_turn(
        qtbot, demo_db: Database, admin) -> None:
    """The report came while the user was on another page: when the page shows, its charts
    are sized and drawn one per turn of the event loop (shown with the page, all eight were
    laid out in one turn), each where it stands once all are shown."""
    page = ReportsPage(demo_db, admin)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    qtbot.waitUntil(lambda: page.report is not None, timeout=10_000)
    assert not any(view.isVisibleTo(page) for view in page.views)
    seen: list[int] = []
    timer = QTimer(page, interval=0)
    timer.timeout.connect(lambda: seen.append(sum(view.isVisible() for view in page.views)))
    page.show()
    assert not any(view.isVisible() for view in page.views)  # none laid out with the page
    timer.start()
    qtbot.waitUntil(lambda: not page.loading)
    first = [view.geometry() for view in page.views]
    timer.stop()
    assert {1, 2, 3} <= set(seen)  # the loop turned between charts
    assert all(view.isVisible() and view.height() == CHART_HEIGHT for view in page.views)
    QApplication.processEvents()
    assert [view.geometry() for view in page.views] == first  # their room was kept


def _legend_texts(view: QChartView) -> list[str]:
    """The labels the legend draws (QtCharts cuts a label that has no room to "Agreem...")."""
    def texts(item: QGraphicsItem) -> list[str]:
        found = []
        for child in item.childItems():
            if isinstance(child, QGraphicsTextItem):
                found.append(child.toPlainText())
            found += texts(child)
        return found
    return texts(view.chart().legend())


def test_a_legend_too_long_for_one_row_stands_whole_beside_its_chart(qtbot, demo_db: Database,
                                                                     engineer) -> None:
    """The stages' eight labels did not fit below a chart a laptop's width wide: QtCharts cut
    "Agreement signed" and "Works in progress"; they move to the chart's side, one a line, and
    come back below it when the page is wide enough."""
    page = _open(qtbot, demo_db, engineer)
    page.resize(880, 800)  # as the main window of .ci/screens shows it in English
    stages = page.views[0]
    labels = [marker.label() for marker in stages.chart().legend().markers()]
    assert "Agreement signed" in labels
    qtbot.waitUntil(lambda: _legend_texts(stages) == labels)
    assert stages.chart().legend().alignment() == Qt.AlignmentFlag.AlignRight
    page.resize(2200, 800)
    qtbot.waitUntil(lambda: stages.chart().legend().alignment() == Qt.AlignmentFlag.AlignBottom)
    qtbot.waitUntil(lambda: _legend_texts(stages) == labels)


def test_the_screens_tool_grabs_the_page_laid_out_on_a_busy_machine(qtbot, demo_db: Database,
                                                                    engineer,
                                                                    monkeypatch) -> None:
    """`.ci/screens` waits for the charts, then lets the layout settle before its grab. On a
    busy machine its pause was a single round of events, and the grab showed each section's
    heading drawn over the legend of the chart above (the charts' rows not yet grown)."""
    import time
    from types import SimpleNamespace

    from shelter_app.ui import grabbing

    busy = SimpleNamespace(monotonic=time.monotonic, sleep=lambda _seconds: time.sleep(0.2))
    monkeypatch.setattr(grabbing, "time", busy)  # asked for 10 ms, given 200
    page = ReportsPage(demo_db, engineer)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    grabbing.loaded(page)
    assert page.report is not None
    bottoms: dict[int, int] = {}  # the lowest edge of each row of the charts' grid
    for index in range(page.grid.count()):
        row = page.grid.getItemPosition(index)[0]
        geometry = page.grid.itemAt(index).widget().geometry()
        above = max((bottom for earlier, bottom in bottoms.items() if earlier < row), default=-1)
        assert geometry.top() > above, (row, geometry, above)
        bottoms[row] = max(bottoms.get(row, -1), geometry.bottom())


def test_charts_read_from_the_right_in_arabic(qtbot, in_language) -> None:
    """In Arabic a chart is mirrored as the page and the tables are: the first office (or
    month) at the right, the value axis at the right, a group's first bar and the legend's
    first key at the right, a stack still built from the bottom; a click on a bar lists that
    bar's cases. QtCharts drew every chart from the left in Arabic too."""
    from decimal import Decimal

    from PySide6.QtCharts import QBarCategoryAxis

    from shelter_app.documents.programme_report import Chart, Series
    from shelter_app.ui.reports.page import chart_view

    def series(name: str) -> Series:
        return Series(name, (Decimal(1), Decimal(2)), ((name, "ADA", "k"), (name, "ANK", "k")))

    chart = Chart("Budget", ("ADA", "ANK"), (series("budget"), series("paid")))
    stacked = Chart("Stages", ("ADA", "ANK"), (series("registered"), series("assessed")),
                    stacked=True)
    for code, first, axis_side in (("tr", "ADA", Qt.AlignmentFlag.AlignLeft),
                                   ("ar", "ANK", Qt.AlignmentFlag.AlignRight)):
        in_language(code)
        clicked: list[object] = []
        grouped, piled = chart_view(chart, clicked.append), chart_view(stacked, clicked.append)
        qtbot.addWidget(grouped)
        qtbot.addWidget(piled)
        for view in (grouped, piled):
            axes = view.chart().axes()
            categories = next(a for a in axes if isinstance(a, QBarCategoryAxis))
            values = next(a for a in axes if a is not categories)
            assert categories.categories()[0] == first  # the leftmost
            assert values.alignment() == axis_side
        sets = [s.label() for s in grouped.chart().series()[0].barSets()]
        assert sets == (["budget", "paid"] if code == "tr" else ["paid", "budget"])
        piled_sets = piled.chart().series()[0].barSets()
        assert [s.label() for s in piled_sets] == ["registered", "assessed"]  # from the bottom
        assert piled.chart().legend().reverseMarkers() == (code == "ar")
        assert not grouped.chart().legend().reverseMarkers()
        piled_sets[0].clicked.emit(0)  # the leftmost bar of the first set
        assert clicked == [("registered", first, "k")]


def test_a_case_behind_a_bar_opens_its_file_read_in_a_worker(qtbot, demo_db: Database, engineer,
                                                             monkeypatch) -> None:
    """The file's first reads (tens of milliseconds on a busy case) leave the window free;
    asked twice meanwhile it opens once, on the row asked last; a list closed before they
    arrive opens none."""
    import threading

    from PySide6.QtCore import QThreadPool
    from shiboken6 import delete
    from ui.held import answered

    from shelter_app.services.reports.cases import Bar
    from shelter_app.ui.dwellings import file_dialog

    threads: list[threading.Thread] = []
    read = file_dialog.read_opening
    monkeypatch.setattr(file_dialog, "read_opening", lambda *args: (
        threads.append(threading.current_thread()), read(*args))[1])

    def cases() -> BarCasesDialog:
        dialog = BarCasesDialog(demo_db, engineer, Bar("stages", "GAZ", "registered"),
                                office=None, first=None, last=None)
        dialog.show()
        return dialog

    dialog = cases()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() >= 2
    dialog.open_file(dialog.model.index(0, 0))
    dialog.open_file(dialog.model.index(1, 0))
    assert dialog.findChildren(DwellingFileDialog) == []  # nothing read on this thread
    qtbot.waitUntil(lambda: any(w.isVisible() for w in dialog.findChildren(DwellingFileDialog)))
    QThreadPool.globalInstance().waitForDone()
    QApplication.processEvents()  # the first answer, had it come later, opens nothing either
    assert [w.file.ref for w in dialog.findChildren(DwellingFileDialog)] == [
        dialog.model.row_at(1).ref]
    assert threads and threading.main_thread() not in threads

    def shown() -> int:
        return sum(isinstance(w, DwellingFileDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())

    before = shown()
    closed = cases()
    closed.open_file(closed.model.index(0, 0))
    delete(closed)
    answered(qtbot)  # its answer: dropped, no error
    assert shown() == before


def test_a_report_counted_after_its_page_closed_is_dropped(qtbot, demo_db: Database, admin,
                                                           monkeypatch) -> None:
    """A report (or its failure) that arrives from the worker after its window was closed
    touches nothing: it used to raise "Internal C++ object (ReportsPage) already deleted"."""
    from shelter_app.ui import worker
    from shelter_app.ui.reports import page as page_module

    page = _open(qtbot, demo_db, admin)
    counting = threading.Event()
    for outcome in (page.report, UserError("No report")):
        def count(*_: object, outcome: object = outcome) -> object:
            counting.wait(10)
            if isinstance(outcome, Exception):
                raise outcome
            return outcome

        monkeypatch.setattr(page_module, "programme_report", count)
        doomed = ReportsPage(demo_db, admin)
        doomed.reload()
        shiboken6.delete(doomed)
        counting.set()
        qtbot.waitUntil(lambda: not worker._running, timeout=10_000)
        counting.clear()
    assert page.report is not None  # the open page kept its report



@pytest.mark.parametrize("code", ["tr", "ar"])
def test_the_reports_page_fits_a_window_900_px_wide(qtbot, in_language, demo_db, engineer,
                                                    code):
    """Its save buttons stand beside the title: at the filters' end they made the page 940 px
    wide and the window's minimum 1151."""
    from shelter_app.ui.main_window import MainWindow
    from ui.shown import show_title

    in_language(code)
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    page = show_title(window, {"tr": "Raporlar", "ar": "التقارير"}[code])
    assert isinstance(page, ReportsPage)
    window.layout().activate()
    assert window.minimumSizeHint().width() <= 900
