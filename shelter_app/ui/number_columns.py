"""Which tables show a column of numbers not end-aligned (issue 20, item 3: numbers end-aligned
everywhere, which Qt mirrors to the left in Arabic, so that digits line up by place). The
lists' tests and `.ci/screens` (every window and dialog) ask it."""

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QWidget

_NUMBER = re.compile(r"^(₺)?-?\d{1,3}([.,\u00a0 ]?\d{3})*([.,]\d+)?( ?(₺|%|m²))?$")
_DAY = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{4}$")


def misaligned(root: QWidget, checked: set[str] | None = None) -> list[str]:
    """The columns of `root`'s tables whose cells are all numbers but not end-aligned (the
    models with such columns are added to `checked`)."""
    found = []
    checked = set() if checked is None else checked
    for view in root.findChildren(QTableView):
        model = view.model()
        if model is None or not view.isVisibleTo(root):
            continue
        rows = range(min(model.rowCount(), 40))
        for column in range(model.columnCount()):
            cells = [model.index(row, column) for row in rows]
            texts = [str(cell.data() or "") for cell in cells]
            numbers = [text for text in texts if text and text != "—"]
            if not numbers or not all(_NUMBER.match(text) and not _DAY.match(text)
                                      for text in numbers):
                continue
            checked.add(type(model).__name__)
            for cell, text in zip(cells, texts, strict=True):
                alignment = cell.data(Qt.ItemDataRole.TextAlignmentRole)
                if text and not int(alignment or 0) & int(Qt.AlignmentFlag.AlignRight
                                                          | Qt.AlignmentFlag.AlignTrailing):
                    title = model.headerData(column, Qt.Orientation.Horizontal)
                    found.append(f"{type(model).__name__} {title!r}: {text!r} not end-aligned")
                    break
    return found
