"""A list read again after a change made elsewhere (a dwelling file's), the user's place kept.

The rows are read in a worker, as many as were shown, and replace the old ones in one model
reset, which clears the view's current row and selection: the row that was current just
before (found again by its key, wherever it now sorts) is made current and selected again,
and the view scrolled back to where it was, so the list the user came back to looks as left.
"""

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtWidgets import QTableView

from shelter_app.ui.paged_model import PagedTableModel


def reread_keeping_place(view: QTableView, model: PagedTableModel[Any],
                         key: Callable[[Any], Hashable]) -> None:
    """Read `model`'s rows again in a worker; `key` tells a row, e.g. by its id."""

    def keep() -> Callable[[], None]:
        current = view.currentIndex()
        kept = key(model.row_at(current.row())) if current.isValid() else None
        scrolled = view.verticalScrollBar().value(), view.horizontalScrollBar().value()

        def put_back() -> None:
            rows = (row for row in range(model.rowCount()) if key(model.row_at(row)) == kept)
            row = next(rows, None) if kept is not None else None
            if row is not None:
                view.setCurrentIndex(model.index(row, current.column()))
            view.updateGeometries()  # the scroll bars' range for the new rows, now
            view.verticalScrollBar().setValue(scrolled[0])
            view.horizontalScrollBar().setValue(scrolled[1])
        return put_back

    model.reread_in_background(keep)
