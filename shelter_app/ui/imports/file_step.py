"""Step 1 of an import: the file, what its rows are, and how a CSV's text is read.

The file is read by the dialog (off the GUI thread); this step only says what to read and
shows what came out: a summary, the reader's notices (a guessed encoding, a renamed CSV) or
the reason the file cannot be read. A CSV's encoding and separator are detected; choosing
another one reads the file again.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.services.imports.kinds import KINDS
from shelter_app.services.imports.sources import ENCODINGS, SEPARATORS, Source
from shelter_app.ui.formats import bidi_safe
from shelter_app.ui.forms import ERROR_STYLE, WARNING_STYLE
from shelter_app.ui.wrapping import wrapped


def _message_label() -> QLabel:
    label = QLabel()
    wrapped(label)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class FileStep(QWidget):
    # the file, its encoding or its separator changed: read it (again)
    read_requested = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: Source | None = None
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("An .xlsx or .csv file, e.g. a KoboToolbox export"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.kind = QComboBox()
        for name, kind in KINDS.items():
            self.kind.addItem(kind().label(), name)
        self.encoding = QComboBox()
        self.encoding.addItem(self.tr("Detect automatically"), None)
        for codec, label in ENCODINGS.items():
            self.encoding.addItem(label(), codec)
        self.separator = QComboBox()
        self.separator.addItem(self.tr("Detect automatically"), None)
        for separator, label in SEPARATORS.items():
            self.separator.addItem(label(), separator)
        self.sheet = QComboBox()  # a workbook's sheet to import, when it has several
        self.summary = _message_label()
        self.notices = _message_label()
        self.notices.setStyleSheet(WARNING_STYLE)
        self.error = _message_label()
        self.error.setStyleSheet(ERROR_STYLE)

        self.browse_button.clicked.connect(self.browse)
        self.path.editingFinished.connect(self._path_edited)
        self.encoding.activated.connect(self.read_requested)
        self.separator.activated.connect(self.read_requested)
        self.kind.currentIndexChanged.connect(self.changed)
        self.sheet.activated.connect(self._sheet_chosen)

        chooser = QHBoxLayout()
        chooser.addWidget(self.path, 1)
        chooser.addWidget(self.browse_button)
        form = self.form = QFormLayout()
        form.addRow(self.tr("File:"), chooser)
        form.addRow(self.tr("Sheet:"), self.sheet)
        form.addRow(self.tr("The rows are:"), self.kind)
        form.addRow(self.tr("Text encoding (CSV):"), self.encoding)
        form.addRow(self.tr("Separator (CSV):"), self.separator)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.notices)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._enable_csv_choices(False)
        self.show_source(None)

    def browse(self) -> None:
        start = str(Path(self.path.text()).parent) if self.path.text() else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the file to import"), start,
            self.tr("Excel or CSV files (*.xlsx *.csv);;All files (*)"))
        if chosen:
            self.path.setText(chosen)
            self._path_edited(force=True)

    def _path_edited(self, force: bool = False) -> None:
        """A new file: detect its encoding and separator afresh."""
        path = self.file()
        if path is None or (not force and self.source is not None and self.source.path == path):
            return
        self.encoding.setCurrentIndex(0)
        self.separator.setCurrentIndex(0)
        self.read_requested.emit()

    def file(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text) if text else None

    def kind_name(self) -> str:
        return self.kind.currentData()

    def chosen_encoding(self) -> str | None:
        return self.encoding.currentData()

    def chosen_separator(self) -> str | None:
        return self.separator.currentData()

    def show_source(self, source: Source | None, error: str = "") -> None:
        """What was read (or why nothing could be)."""
        self.source = source
        self._list_sheets(source)
        self.error.setText(error)
        self.error.setVisible(bool(error))
        self.notices.setText("\n".join(source.notices) if source else "")
        self.notices.setVisible(bool(source and source.notices))
        # a file that could not be read may just need another encoding or separator
        self._enable_csv_choices(source.format == "csv" if source else self.file() is not None)
        if source is not None and source.format == "csv":
            self._name_detected(self.encoding, ENCODINGS.get(source.encoding or ""),
                                source.encoding)
            self._name_detected(self.separator, SEPARATORS.get(source.separator or ""),
                                source.separator)
        self.summary.setText(self._summary(source) if source else self.tr(
            "Choose the file. A CSV from Turkish Excel (“;” between values, Windows Turkish "
            "letters) and KoboToolbox or ODK exports are read as they are."))
        self.changed.emit()

    def _list_sheets(self, source: Source | None) -> None:
        """Offer the sheets of a workbook that has several (a Kobo export's main sheet is
        always its first: the others are its repeat groups)."""
        names = [sheet.name for sheet in source.sheets] \
            if source is not None and source.format == "xlsx" and not source.is_kobo else []
        self.sheet.clear()
        self.sheet.addItems(names)
        self.form.setRowVisible(self.sheet, len(names) > 1)

    def _sheet_chosen(self, index: int) -> None:
        if self.source is not None and index >= 0:
            self.source = self.source.with_main(self.sheet.itemText(index))
            self.summary.setText(self._summary(self.source))
            self.changed.emit()

    def _name_detected(self, combo: QComboBox, label: Callable[[], str] | None,
                       value: str | None) -> None:
        """The automatic entry says what was detected, e.g. "Detected: Semicolon (;)"."""
        if combo.currentIndex() == 0:
            shown = label() if label is not None else value or ""
            combo.setItemText(0, self.tr("Detected: {choice}").format(choice=bidi_safe(shown)))

    def _enable_csv_choices(self, enabled: bool) -> None:
        for combo in (self.encoding, self.separator):
            combo.setEnabled(enabled)
            if not enabled:
                combo.setItemText(0, self.tr("Detect automatically"))

    def _summary(self, source: Source) -> str:
        sheet = source.main
        text = self.tr("{rows} and {columns} on “{sheet}”; the column titles are on row "
                       "{header}.").format(rows=self.tr("%n rows", "", len(sheet.rows)),
                                           columns=self.tr("%n columns", "", len(sheet.headers)),
                                           sheet=sheet.name, header=sheet.header_row)
        if sheet.empty_rows:
            text += " " + self.tr("%n empty rows are left out.", "", sheet.empty_rows)
        if source.is_kobo:
            text += " " + self.tr("A KoboToolbox/ODK export with %n repeat-group sheets.", "",
                                  len(source.sheets) - 1)
        return text

    def ready(self) -> bool:
        return self.source is not None and bool(self.source.main.rows)
