"""Table columns wide enough for their titles in every language.

Widths chosen for Turkish cut the Arabic "ضريبة KDV %" or the English "Household there": a
column is widened to its header's own size hint (title, padding and sort arrow), never
narrowed.
"""

from PySide6.QtWidgets import QTableView


def fit_titles(table: QTableView) -> None:
    header = table.horizontalHeader()
    for column in range(header.count()):
        needed = header.sectionSizeFromContents(column).width()
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)
