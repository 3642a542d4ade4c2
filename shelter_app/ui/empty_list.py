"""A list's sentence when a search finds nothing, written over its empty table: an empty table
alone looked as if the list had not been read yet. The table keeps its size (the sentence is
in its viewport), and clicks go through to it."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QVBoxLayout

from shelter_app.ui.paged_model import PagedTableModel
from shelter_app.ui.wrapping import wrapped


def say_when_empty(view: QAbstractItemView, model: PagedTableModel[Any],
                   sentence: Callable[[], str]) -> QLabel:
    """Show `sentence()` (empty: nothing) in `view` while its rows, read, are none."""
    note = QLabel()
    note.setObjectName("emptyList")
    note.setAlignment(Qt.AlignmentFlag.AlignCenter)
    wrapped(note)
    note.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    note.hide()
    QVBoxLayout(view.viewport()).addWidget(note)

    def follow() -> None:
        text = "" if model.loading or model.rowCount() else sentence()
        note.setText(text)
        note.setVisible(bool(text))

    for signal in (model.modelReset, model.loaded, model.rowsInserted, model.rowsRemoved):
        signal.connect(follow)
    return note
