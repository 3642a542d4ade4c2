"""The programme report as plain values: sections, each with its charts and its table.

The Reports page draws these charts with QtCharts, the PDF with ReportLab and the XLSX writes
the tables, so the three show the same figures under the same labels (services.reports.output
fills them once). A bar's key names the cases it counts: (chart, office code or None, key).
"""

from dataclasses import dataclass, field
from decimal import Decimal

BarKey = tuple[str, str | None, str]

# how a table column's numbers are written
COUNT, MONEY, DAYS, TEXT = "count", "money", "days", "text"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Decimal, ...]
    keys: tuple[BarKey | None, ...] = ()  # per category; None: no cases behind the bar


@dataclass(frozen=True)
class Chart:
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    stacked: bool = False
    money: bool = False  # values are TL

    @property
    def empty(self) -> bool:
        return not any(value for series in self.series for value in series.values)


@dataclass(frozen=True)
class Section:
    title: str
    note: str
    charts: tuple[Chart, ...]
    headers: tuple[str, ...]
    kinds: tuple[str, ...]  # COUNT, MONEY, DAYS or TEXT per column
    rows: tuple[tuple[object, ...], ...]
    total: tuple[object, ...] | None = None  # a bold last row


@dataclass(frozen=True)
class ReportDocument:
    title: str
    scope: str  # "All offices, 01.10.2026 – 31.10.2026"
    number: str  # printed on each page and in the QR code
    generated: str
    sections: tuple[Section, ...]
    rtl: bool = False  # Arabic: tables read from the right
    language: str = "tr"  # the language the report is written in: its notation and page words
    labels: dict[str, str] = field(default_factory=dict)  # "page", "scope" in the language

