"""The Reports page: the programme at a glance, in bar charts (QtCharts), for an office and a
period. The figures are read off the GUI thread (services.reports, one ProgrammeReport) and
laid out by the same sections as the XLSX and PDF report; clicking a bar lists its cases, and a
case opens in its dwelling file. The page can save the same report as XLSX or PDF."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QGuiApplication, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.documents.programme_report import Chart
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.reports.cases import Bar
from shelter_app.services.reports.figures import ProgrammeReport, programme_report
from shelter_app.services.reports.output import save_report, scope_text, sections
from shelter_app.services.reports.scope import report_offices
from shelter_app.ui.forms import date_edit
from shelter_app.ui.reports.cases import BarCasesDialog
from shelter_app.ui.running import current_language, format_locale
from shelter_app.ui.style import page_title
from shelter_app.ui.turns import next_turn
from shelter_app.ui.worker import run_in_background
from shelter_app.ui.wrapping import paragraph, wrapped

COLOURS = ("#3b6ea5", "#e08e2b", "#4f9d69", "#c0504d", "#8064a2", "#4bacc6", "#9c8b3f",
           "#7f7f7f")
CHART_HEIGHT = 340


def chart_view(chart: Chart, on_click: Any) -> QChartView:
    """A QChartView of `chart`; a click on a bar calls `on_click(key)` with the bar's key.

    In a right-to-left language the chart is mirrored, as the page around it and the tables
    are: the categories (offices, months: time runs from the right) start at the right, the
    value axis stands at the right, a group's first bar and the legend's first key are at the
    right. QtCharts mirrors nothing itself (a category axis cannot be reversed for bars), so
    the categories, each set's values and bar keys are given from the last, and the sets of a
    group too (their keys with them); a stack keeps its order from the bottom, its keys
    reversed."""
    rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    order = slice(None, None, -1 if rtl else 1)
    series = QStackedBarSeries() if chart.stacked else QBarSeries()
    sets = list(enumerate(chart.series))
    for number, data in sets[::-1] if rtl and not chart.stacked else sets:
        bar_set = QBarSet(data.name)
        bar_set.append([float(value) for value in data.values[order]])
        bar_set.setColor(QColor(COLOURS[number % len(COLOURS)]))
        keys = data.keys[order]
        if keys:
            bar_set.clicked.connect(lambda index, keys=keys: keys[index] and on_click(keys[index]))
        series.append(bar_set)
    view_chart = QChart()
    view_chart.addSeries(series)
    view_chart.setTitle(chart.title)
    view_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    view_chart.setMargins(QMargins(4, 4, 4, 4))
    categories = QBarCategoryAxis()
    categories.append(list(chart.categories[order]))
    values = QValueAxis()
    values.setLabelFormat("%.0f")
    values.setMin(0)
    if chart.empty:
        values.setMax(1)
    view_chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    view_chart.addAxis(values, Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)
    values.applyNiceNumbers()  # round ticks: 0, 500.000, 1.000.000…
    categories.setTruncateLabels(False)  # "Girls 0–17" whole, never "Girls 0…"
    view_chart.setLocalizeNumbers(True)  # 1.250.000 in Turkish and Arabic, 1,250,000 in English
    view_chart.setLocale(format_locale())
    view_chart.legend().setVisible(len(chart.series) > 1)
    view_chart.legend().setShowToolTips(True)
    view_chart.legend().setReverseMarkers(rtl and chart.stacked)
    view = ChartView(view_chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setFixedHeight(CHART_HEIGHT)
    view.setToolTip(view.tr("Click a bar to list its cases."))
    return view


class ChartView(QChartView):
    """A chart whose legend stands below it while its labels fit in one row, else at its
    side, one label a line: QtCharts never wraps a legend, it cuts the longest labels
    ("Agreement sig…" in English at a laptop's width)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        legend = self.chart().legend()
        metrics = QFontMetricsF(legend.font())
        # a marker: its label, the coloured square and the spaces around both
        needed = sum(metrics.horizontalAdvance(marker.label()) + 3 * metrics.height()
                     for marker in legend.markers())
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom if needed <= event.size().width()
                            else Qt.AlignmentFlag.AlignRight)
        super().resizeEvent(event)


class ReportsPage(QWidget):
    """`loaded` is emitted on the GUI thread once the charts show a new report."""

    loaded = Signal(object)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._request = 0
        self._counted = 0  # the last request whose report (or refusal) came back
        self.report: ProgrammeReport | None = None  # the report the charts show, once laid out
        self.views: list[QChartView] = []
        self._steps: Iterator[None] | None = None  # the report being laid out, chart by chart
        self._unshown: list[QChartView] = []  # charts laid out while the page was hidden
        self._revealing: object = None  # the showing of the page that shows them
        title = QLabel(self.tr("Reports"))
        page_title(title)
        self.office_box = QComboBox()
        if actor.office_id is None:
            self.office_box.addItem(self.tr("All offices"), None)
        for code, name in report_offices(db, actor):
            self.office_box.addItem(f"{code} — {name}", code)
        if actor.office_id is not None:  # an office's users see their own office only
            self.office_box.setEnabled(False)
        self.period_box = QCheckBox(self.tr("Only the period from"))
        today = clock.today()
        # the forms' date fields: day first and left to right in Arabic too (not 2026.12.05)
        self.from_edit = date_edit(today.replace(month=1, day=1))
        self.to_edit = date_edit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setEnabled(False)
        self.xlsx_button = QPushButton(self.tr("Save as XLSX…"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.status = QLabel()
        wrapped(self.status)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Office")))
        filters.addWidget(self.office_box)
        filters.addSpacing(12)
        filters.addWidget(self.period_box)
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.to_edit)
        filters.addStretch(1)
        # the buttons beside the title: at the filters' end they made the page 940 px wide, the
        # window more than 900
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.xlsx_button)
        heading.addWidget(self.pdf_button)
        self.charts = QWidget()
        self.grid = QGridLayout(self.charts)
        for column in (0, 1):  # two charts share a row equally, whichever was laid out first
            self.grid.setColumnStretch(column, 1)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)

        self.office_box.currentIndexChanged.connect(self.reload)
        self.period_box.toggled.connect(self._period_toggled)
        self.from_edit.dateChanged.connect(self.reload)
        self.to_edit.dateChanged.connect(self.reload)
        self.xlsx_button.clicked.connect(lambda: self.save("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.reload()

    # -- filters ---------------------------------------------------------------------------

    def filters(self) -> tuple[str | None, date | None, date | None]:
        if not self.period_box.isChecked():
            return self.office_box.currentData(), None, None
        return (self.office_box.currentData(), self.from_edit.date().toPython(),
                self.to_edit.date().toPython())

    def _period_toggled(self, on: bool) -> None:
        self.from_edit.setEnabled(on)
        self.to_edit.setEnabled(on)
        self.reload()

    @property
    def loading(self) -> bool:
        """A report is still counted in a worker or laid out chart by chart, or the page shows
        and some of its charts are still to be shown."""
        return (self._counted != self._request or self._steps is not None
                or bool(self._unshown and self.isVisible()))

    def reload(self) -> None:
        """Read the report for the filters in the background; a newer request wins (a report
        still being laid out stops)."""
        self._request += 1
        self._steps = None
        request = self._request
        office, first, last = self.filters()
        self.status.setText(self.tr("Counting…"))
        db, actor = self._db, self._actor
        run_in_background(lambda: programme_report(db, actor, office, first, last),
                          lambda report: self._show(request, report),
                          lambda error: self._failed(request, error))

    def _failed(self, request: int, error: BaseException) -> None:
        if not isValid(self) or request != self._request:
            return  # the page closed, or the filters changed, while it was counted
        self._counted = request
        self.scroll_area.setUpdatesEnabled(True)  # a report being laid out was stopped
        self.charts.setMinimumHeight(0)
        if not isinstance(error, UserError):
            raise error
        self.status.setText(error.message)

    # -- charts ----------------------------------------------------------------------------

    def _show(self, request: int, report: ProgrammeReport) -> None:
        """Lay the report out one chart per turn of the event loop (building a chart holds
        the GUI thread for tens of milliseconds; eight at once, a quarter of a second), the
        charts area painted once, when the last is in place: painted after each, the area
        was painted ten times over."""
        if not isValid(self) or request != self._request:
            return  # the page closed, or the filters changed, while it was counted
        self._counted = request
        if self.isVisible():
            self.scroll_area.setUpdatesEnabled(False)
        # the charts' room kept until the new ones are in: emptied, the area lost its scroll
        # bar and its place in the page (back at the top), and the first charts were laid out
        # again when the bar came back
        self.charts.setMinimumHeight(self.charts.height())
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.views = []
        self._unshown = []
        self._steps = steps = self._lay_out(report)
        next_turn(self, lambda: self._step(steps))

    def _step(self, steps: Iterator[None]) -> None:
        """One chart of the report being laid out, unless a newer report replaced it."""
        if steps is not self._steps:
            return
        try:
            next(steps)
        except StopIteration:
            self._steps = None
        else:
            next_turn(self, lambda: self._step(steps))

    def _lay_out(self, report: ProgrammeReport) -> Iterator[None]:
        row = 0
        for section in sections(report):
            heading = QLabel(section.title)
            heading.setObjectName("sectionTitle")
            heading.setStyleSheet("font-weight: bold; font-size: 13pt;")
            note = paragraph(section.note)
            self.grid.addWidget(heading, row, 0, 1, 2)
            self.grid.addWidget(note, row + 1, 0, 1, 2)
            for number, chart in enumerate(section.charts):  # two abreast; one alone spans both
                yield
                view = chart_view(chart, self.open_bar)
                self.views.append(view)
                if not self.isVisible():
                    self._keep_for_showing(view)
                alone = number == len(section.charts) - 1 and number % 2 == 0
                self.grid.addWidget(view, row + 2 + number // 2, number % 2, 1,
                                    2 if alone else 1)
                if self.isVisible():  # sized now: shown a turn later, it was laid out first
                    view.show()  # at its minimum, then again at its size
            row += 2 + (len(section.charts) + 1) // 2
        self.scroll_area.setUpdatesEnabled(True)
        self.charts.setMinimumHeight(0)
        self.report = report
        self.status.setText(self.tr("{scope} — %n cases.", "", report.cases).format(
            scope=scope_text(report)))
        self.loaded.emit(report)

    def _keep_for_showing(self, view: QChartView) -> None:
        """A chart laid out while the page is hidden is shown one per turn once the page shows,
        its room kept meanwhile: shown with the page, every chart was sized and laid out in
        one turn (eight charts, 50-80 ms)."""
        policy = view.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        view.setSizePolicy(policy)
        view.hide()
        self._unshown.append(view)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scroll_area.setUpdatesEnabled(True)  # charts laid out from now on show one per turn
        if self._unshown:
            self._revealing = showing = object()
            next_turn(self, lambda: self._show_next_chart(showing))

    def _show_next_chart(self, showing: object) -> None:
        """One chart a turn, from the latest showing of the page (shown again meanwhile,
        the page would have two charts a turn shown)."""
        if showing is self._revealing and self._unshown and self.isVisible():
            self._unshown.pop(0).show()
            next_turn(self, lambda: self._show_next_chart(showing))

    def open_bar(self, key: tuple[str, str | None, str]) -> BarCasesDialog:
        """The cases behind one bar, in a list whose rows open the dwelling file."""
        _, first, last = self.filters()
        dialog = BarCasesDialog(self._db, self._actor, Bar(*key),
                                office=self.office_box.currentData(), first=first, last=last,
                                parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- saving ----------------------------------------------------------------------------

    def save(self, kind: str, path: str | None = None) -> None:
        """Save the report for the current filters as XLSX or PDF, in the background."""
        if path is None:
            suggested = str(Path.home() / f"programme-report.{kind}")
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the programme report"), suggested,
                self.tr("Excel workbook (*.xlsx)") if kind == "xlsx" else
                self.tr("PDF document (*.pdf)"))
            if not path:
                return
        target = Path(path)
        if target.suffix.lower() != f".{kind}":
            target = target.with_name(f"{target.name}.{kind}")
        office, first, last = self.filters()
        db, actor, language = self._db, self._actor, current_language()
        self.status.setText(self.tr("Saving {name}…").format(name=target.name))
        run_in_background(
            lambda: save_report(db, actor, target, office=office, first=first, last=last,
                                language=language),
            lambda _report: self.status.setText(self.tr("Saved {path}.").format(path=target)),
            lambda error: self._save_failed(target, error))

    def _save_failed(self, target: Path, error: BaseException) -> None:
        if isinstance(error, UserError | OSError):
            QMessageBox.warning(self, self.tr("Cannot save {name}").format(name=target.name),
                                getattr(error, "message", str(error)))
            self.status.clear()
            return
        raise error

