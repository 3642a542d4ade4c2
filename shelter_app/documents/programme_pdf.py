"""The programme report on A4: per section its title, what it counts, its bar charts (ReportLab
graphics) and its table, on the shared page furniture (documents.page_furniture).

Arabic prints shaped and right to left: paragraphs through documents.text, chart labels drawn
as their visual form in the Arabic font, and table columns read from the right; a chart reads
from the right as the Reports page draws it (categories, a group's bars and the keys from the
right, the values' axis at the right).
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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from shelter_app.documents.clauses import clause_book
from shelter_app.documents.fonts import ARABIC, ARABIC_BOLD, SANS, SANS_BOLD
from shelter_app.documents.programme_report import (
    COUNT,
    DAYS,
    MONEY,
    Chart,
    ReportDocument,
    Section,
)
from shelter_app.documents.page_furniture import build_pdf
from shelter_app.documents.styles import (
    FRAME_WIDTH,
    GRID,
    INK,
    SHADE,
    DocumentMeta,
    amount,
    styles,
)
from shelter_app.documents.text import has_arabic, paragraph, visual
from shelter_app.domain.numbers import separators, written
from shelter_app.domain.units import days_text

PALETTE = [colors.HexColor(value) for value in (
    "#3b6ea5", "#e08e2b", "#4f9d69", "#c0504d", "#8064a2", "#4bacc6", "#9c8b3f", "#7f7f7f")]
CHART_HEIGHT = 62 * mm
LABEL_SIZE = 6.5  # axis labels and legends
HEAD_PADDING = 3  # points each side of a column title: ten columns' titles fit in whole words


def _text(value: str, rtl: bool) -> tuple[str, str]:
    """A label as drawn on a chart, and its font."""
    if has_arabic(value):
        return visual(value), ARABIC
    return value, ARABIC if rtl else SANS


def _number(value: object, kind: str, language: str) -> str:
    if value is None:
        return "—"
    signs = separators(language)
    if kind == MONEY:
        return amount(Decimal(str(value)), *signs)
    if kind == DAYS:
        return days_text(Decimal(str(value)), *signs)
    if kind == COUNT:
        return written(int(value), 0, *signs)  # type: ignore[call-overload]
    return str(value)


def _lines(name: str, rtl: bool, font: str, room: float) -> str:
    """A category's label broken at spaces into lines no wider than `room` (each line shaped
    on its own, so Arabic reads from its first word)."""
    lines: list[str] = []
    for word in name.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(_text(joined, rtl)[0], font, LABEL_SIZE) <= room:
            lines[-1] = joined
        else:
            lines.append(word)
    return "\n".join(_text(line, rtl)[0] for line in lines)


def _chart(chart: Chart, width: float, rtl: bool, language: str) -> Drawing:
    legend = len(chart.series) > 1  # in a row under the title, never over the bars
    drawing = Drawing(width, CHART_HEIGHT)
    title, font = _text(chart.title, rtl)
    drawing.add(String(width / 2, CHART_HEIGHT - 9, title, fontName=font, fontSize=8.5,
                       textAnchor="middle", fillColor=INK))
    bars = VerticalBarChart()
    bars.x, bars.y = (6, 30) if rtl else (38, 30)  # room for the value axis's labels
    bars.width = width - 44
    key_font = ARABIC if rtl or any(has_arabic(series.name) for series in chart.series) else SANS
    key_names = [_text(series.name, rtl)[0] for series in chart.series]
    key_step = max(stringWidth(name, key_font, LABEL_SIZE) for name in key_names) + 16
    key_gap = 6 if rtl else 0  # a name ends at its swatch: room before the next swatch
    key_rows = 2 if legend and (key_step + key_gap) * len(key_names) - key_gap > bars.width + 6 \
        else 1  # else cut
    bars.height = CHART_HEIGHT - 48 - (12 * key_rows if legend else 0)
    # a group's bars from the right in Arabic (a stack keeps its order from the bottom)
    drawn = list(enumerate(chart.series))[::-1 if rtl and not chart.stacked else 1]
    bars.data = [[float(value) for value in series.values] or [0.0] for _, series in drawn]
    arabic = rtl or any(has_arabic(name) for name in chart.categories)
    label_font = ARABIC if arabic else SANS
    slanted = len(chart.categories) > 3 and max(map(len, chart.categories)) > 5
    room = bars.width / max(len(chart.categories), 1) - 4
    names = [_text(name, rtl)[0] if slanted else _lines(name, rtl, label_font, room)
             for name in chart.categories]
    if not slanted and any(name.count("\n") > 1 for name in names):
        bars.y += 8  # a third line of label
        bars.height -= 8
    bars.categoryAxis.categoryNames = names or [""]
    bars.categoryAxis.labels.fontName = label_font
    bars.categoryAxis.labels.fontSize = LABEL_SIZE
    bars.categoryAxis.labels.leading = LABEL_SIZE + 1.5
    bars.categoryAxis.labels.angle = 30 if slanted else 0
    bars.categoryAxis.labels.boxAnchor = "ne" if slanted else "n"
    bars.valueAxis.labels.fontName = SANS
    bars.valueAxis.labels.fontSize = 6.5
    bars.valueAxis.valueMin = 0
    signs = separators(language)
    bars.valueAxis.labelTextFormat = lambda value: written(Decimal(value), 0, *signs)
    if chart.empty:
        bars.valueAxis.valueMax = 1
    if chart.stacked:
        bars.categoryAxis.style = "stacked"
    if rtl:  # read from the right, as the Reports page draws it: the values' axis at the right
        bars.categoryAxis.reverseDirection = 1
        bars.valueAxis.joinAxis = bars.categoryAxis
        bars.valueAxis.joinAxisMode = "right"
        bars.valueAxis.labels.boxAnchor = "w"
        bars.valueAxis.labels.dx = 5
    bars.barSpacing = 0.5
    bars.groupSpacing = 6
    for place, (number, _) in enumerate(drawn):
        bars.bars[place].fillColor = PALETTE[number % len(PALETTE)]
        bars.bars[place].strokeColor = None
    drawing.add(bars)
    if legend:
        pairs = [(PALETTE[n % len(PALETTE)], name) for n, name in enumerate(key_names)]
        if rtl:  # a column of keys each, the first at the right, the next ones to its left
            for column, first in enumerate(range(0, len(pairs), key_rows)):
                drawing.add(_key(pairs[first:first + key_rows], key_font, key_rows, key_step,
                                 bars.x + bars.width + key_gap
                                 - (key_step + key_gap) * (column + 1), rtl))
        else:
            drawing.add(_key(pairs, key_font, key_rows, key_step, bars.x, rtl))
    return drawing


def _key(pairs: list[tuple[colors.Color, str]], font: str, rows: int, step: float, x: float,
         rtl: bool) -> Legend:
    """A chart's key under its title: one row, or two when one would run off the page."""
    key = Legend()
    key.fontName = font
    key.colorNamePairs = pairs
    key.columnMaximum = rows
    key.alignment = "left" if rtl else "right"  # the swatch before its name as read
    if rtl:  # each name ends at its swatch
        key.subCols[0].align = "right"
    key.fontSize = LABEL_SIZE
    key.dx = key.dy = 6
    key.deltay = 10  # a second row under the first
    key.deltax = step
    key.x, key.y = x, CHART_HEIGHT - 18
    return key


def _fitted(style: ParagraphStyle, header: str, room: float) -> ParagraphStyle:
    """`style`, smaller when a word of `header` is wider than `room` (the cell less its
    padding): a column title broke inside a word ("Registere|d", "Tamamlan|dı")."""
    size = style.fontSize
    widest = max((word for word in header.split()),
                 key=lambda word: stringWidth(word, style.fontName, size), default="")
    while size > 5.5 and stringWidth(widest, style.fontName, size) > room:
        size -= 0.25
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}-{size}", style, fontSize=size,
                          leading=style.leading * size / style.fontSize)


def _table(section: Section, rtl: bool, language: str) -> Table:
    style = styles()["small"]
    cell_style = ParagraphStyle("report-cell", style, alignment=TA_RIGHT) if rtl else style
    bold = ParagraphStyle("report-head", cell_style, fontName=ARABIC_BOLD if rtl else SANS_BOLD)
    first = 42 * mm if len(section.headers) <= 5 else 16 * mm
    other = (FRAME_WIDTH - first) / max(1, len(section.headers) - 1)
    widths = [first, *[other] * (len(section.headers) - 1)]
    rows = [[paragraph(header, _fitted(bold, header, width - 2 * HEAD_PADDING))
             for header, width in zip(section.headers, widths, strict=True)]]
    body = [*section.rows, *([section.total] if section.total else [])]
    for row in body:
        rows.append([paragraph(value, cell_style) if kind == "text" else _number(value, kind, language)
                     for value, kind in zip(row, section.kinds, strict=True)])
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
        ("LEFTPADDING", (0, 0), (-1, 0), HEAD_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, 0), HEAD_PADDING),
        ("ALIGN", (0, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (text_column, 1), (text_column, -1), "RIGHT" if rtl else "LEFT"),
    ]
    if section.total:
        commands += [("FONT", (0, -1), (-1, -1), SANS_BOLD, 7.5),
                     ("BACKGROUND", (0, -1), (-1, -1), SHADE)]
    table.setStyle(TableStyle(commands))
    return table


def _section(section: Section, rtl: bool, language: str) -> list[Flowable]:
    heading = styles()["heading"]
    body = styles()["body"]
    if rtl:
        heading = ParagraphStyle("report-heading-rtl", heading, alignment=TA_RIGHT)
        body = ParagraphStyle("report-body-rtl", body, alignment=TA_RIGHT)
    rows = []
    for start in range(0, len(section.charts), 2):  # two abreast
        pair = section.charts[start:start + 2]
        width = FRAME_WIDTH / len(pair)
        charts = [_chart(chart, width, rtl, language) for chart in pair]
        if rtl:
            charts.reverse()
        row = Table([charts], colWidths=[width] * len(charts))
        row.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        rows.append(row)
    return [KeepTogether([paragraph(section.title, heading), paragraph(section.note, body),
                          Spacer(1, 2 * mm), rows[0]]), *rows[1:],
            Spacer(1, 2 * mm), _table(section, rtl, language), Spacer(1, 7 * mm)]


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
        story += _section(section, document.rtl, document.language)
    return build_pdf(story, _page_words(document), target)


def _page_words(document: ReportDocument) -> DocumentMeta:
    """The running header and footer in the report's language alone, as the report reads:
    Turkish; English; Arabic read from the right (title and number at the right, the QR code
    at the left), as the report's headings and tables are."""
    if document.language == "tr":
        return DocumentMeta(title="Program Raporu", number=document.number,
                            title_en="Programme report")
    book = clause_book(document.language)
    return DocumentMeta(title=document.title, number=document.number,
                        number_word=book.label("document_no"), page=book.labels["page"],
                        day_format="%d/%m/%Y" if document.language == "en" else "%d.%m.%Y",
                        rtl=document.rtl)
