"""The programme report on A4: per section its title, what it counts, its bar charts (ReportLab
graphics) and its table, on the shared page furniture (documents.styles).

Arabic prints shaped and right to left: paragraphs through documents.text, chart labels drawn
as their visual form in the Arabic font, and table columns read from the right.
"""

from decimal import Decimal
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from shelter_app.documents.fonts import ARABIC, ARABIC_BOLD, SANS, SANS_BOLD
from shelter_app.documents.programme_report import (
    COUNT,
    DAYS,
    MONEY,
    Chart,
    ReportDocument,
    Section,
)
from shelter_app.documents.styles import (
    FRAME_WIDTH,
    GRID,
    INK,
    SHADE,
    DocumentMeta,
    amount,
    build_pdf,
    quantity,
    styles,
)
from shelter_app.documents.text import has_arabic, paragraph, visual

PALETTE = [colors.HexColor(value) for value in (
    "#3b6ea5", "#e08e2b", "#4f9d69", "#c0504d", "#8064a2", "#4bacc6", "#9c8b3f", "#7f7f7f")]
CHART_HEIGHT = 62 * mm


def _text(value: str, rtl: bool) -> tuple[str, str]:
    """A label as drawn on a chart, and its font."""
    if has_arabic(value):
        return visual(value), ARABIC
    return value, ARABIC if rtl else SANS


def _number(value: object, kind: str) -> str:
    if value is None:
        return "—"
    if kind == MONEY:
        return amount(Decimal(str(value)))
    if kind == DAYS:
        return quantity(Decimal(str(value)))
    if kind == COUNT:
        return f"{int(value):,}".replace(",", ".")  # type: ignore[call-overload]
    return str(value)


def _chart(chart: Chart, width: float, rtl: bool) -> Drawing:
    legend_width = 48 * mm if len(chart.series) > 1 else 0
    drawing = Drawing(width, CHART_HEIGHT)
    title, font = _text(chart.title, rtl)
    drawing.add(String(width / 2, CHART_HEIGHT - 9, title, fontName=font, fontSize=8.5,
                       textAnchor="middle", fillColor=INK))
    bars = VerticalBarChart()
    bars.x, bars.y = 38, 30
    bars.width = width - legend_width - bars.x - 6
    bars.height = CHART_HEIGHT - 48
    bars.data = [[float(value) for value in series.values] or [0.0] for series in chart.series]
    bars.categoryAxis.categoryNames = [_text(name, rtl)[0] for name in chart.categories] or [""]
    arabic = rtl or any(has_arabic(name) for name in chart.categories)
    bars.categoryAxis.labels.fontName = ARABIC if arabic else SANS
    bars.categoryAxis.labels.fontSize = 6.5
    slanted = len(chart.categories) > 3 and max(map(len, chart.categories)) > 5
    bars.categoryAxis.labels.angle = 30 if slanted else 0
    bars.categoryAxis.labels.boxAnchor = "ne" if slanted else "n"
    bars.valueAxis.labels.fontName = SANS
    bars.valueAxis.labels.fontSize = 6.5
    bars.valueAxis.valueMin = 0
    bars.valueAxis.labelTextFormat = (lambda value: amount(Decimal(value)).split(",")[0]) \
        if chart.money else (lambda value: f"{value:,.0f}".replace(",", "."))
    if chart.empty:
        bars.valueAxis.valueMax = 1
    if chart.stacked:
        bars.categoryAxis.style = "stacked"
    bars.barSpacing = 0.5
    bars.groupSpacing = 6
    for number in range(len(chart.series)):
        bars.bars[number].fillColor = PALETTE[number % len(PALETTE)]
        bars.bars[number].strokeColor = None
    drawing.add(bars)
    if legend_width:
        legend = Legend()
        legend.x, legend.y = width - legend_width + 4, CHART_HEIGHT - 20
        legend.fontName = ARABIC if rtl or any(has_arabic(series.name)
                                              for series in chart.series) else SANS
        legend.columnMaximum = len(chart.series)
        legend.fontSize = 6.5
        legend.dx = legend.dy = 6
        legend.deltay = 8.5
        legend.alignment = "right"
        legend.colorNamePairs = [(PALETTE[n % len(PALETTE)], _text(series.name, rtl)[0])
                                 for n, series in enumerate(chart.series)]
        drawing.add(legend)
    return drawing


def _table(section: Section, rtl: bool) -> Table:
    style = styles()["small"]
    cell_style = ParagraphStyle("report-cell", style, alignment=TA_RIGHT) if rtl else style
    bold = ParagraphStyle("report-head", cell_style, fontName=ARABIC_BOLD if rtl else SANS_BOLD)
    rows = [[paragraph(header, bold) for header in section.headers]]
    body = [*section.rows, *([section.total] if section.total else [])]
    for row in body:
        rows.append([paragraph(value, cell_style) if kind == "text" else _number(value, kind)
                     for value, kind in zip(row, section.kinds, strict=True)])
    first = 42 * mm if len(section.headers) <= 5 else 16 * mm
    other = (FRAME_WIDTH - first) / max(1, len(section.headers) - 1)
    widths = [first, *[other] * (len(section.headers) - 1)]
    if rtl:
        rows = [list(reversed(row)) for row in rows]
        widths.reverse()
    table = Table(rows, colWidths=widths, repeatRows=1)
    text_column = len(section.headers) - 1 if rtl else 0
    commands = [
        ("FONT", (0, 0), (-1, -1), SANS, 7.5),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (text_column, 1), (text_column, -1), "RIGHT" if rtl else "LEFT"),
    ]
    if section.total:
        commands += [("FONT", (0, -1), (-1, -1), SANS_BOLD, 7.5),
                     ("BACKGROUND", (0, -1), (-1, -1), SHADE)]
    table.setStyle(TableStyle(commands))
    return table


def _section(section: Section, rtl: bool) -> list[Flowable]:
    heading = styles()["heading"]
    body = styles()["body"]
    if rtl:
        heading = ParagraphStyle("report-heading-rtl", heading, alignment=TA_RIGHT)
        body = ParagraphStyle("report-body-rtl", body, alignment=TA_RIGHT)
    rows = []
    for start in range(0, len(section.charts), 2):  # two abreast
        pair = section.charts[start:start + 2]
        width = FRAME_WIDTH / len(pair)
        charts = [_chart(chart, width, rtl) for chart in pair]
        if rtl:
            charts.reverse()
        row = Table([charts], colWidths=[width] * len(charts))
        row.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        rows.append(row)
    return [KeepTogether([paragraph(section.title, heading), paragraph(section.note, body),
                          Spacer(1, 2 * mm), rows[0]]), *rows[1:],
            Spacer(1, 2 * mm), _table(section, rtl), Spacer(1, 7 * mm)]


def build_report_pdf(document: ReportDocument, target: Path | None = None) -> bytes:
    """The report's PDF bytes (also written to `target` when given)."""
    heading = styles()["heading"]
    body = styles()["body"]
    if document.rtl:
        heading = ParagraphStyle("report-title-rtl", heading, alignment=TA_RIGHT)
        body = ParagraphStyle("report-scope-rtl", body, alignment=TA_RIGHT)
    story: list[Flowable] = [paragraph(document.title, heading),
                             paragraph(document.scope, body),
                             paragraph(document.generated, body), Spacer(1, 5 * mm)]
    for section in document.sections:
        story += _section(section, document.rtl)
    meta = DocumentMeta(title="Program Raporu", title_en="Programme report",
                        number=document.number)
    return build_pdf(story, meta, target)
