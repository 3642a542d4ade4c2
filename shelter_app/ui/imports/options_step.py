"""Step 4 of an import: what to do with records already registered, rejected rows, rows the
form would ask to confirm, and where the export's photos are."""

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.services.imports.mapping import ColumnMap
from shelter_app.services.imports.runner import Options
from shelter_app.ui.wrapping import wrapped


def _choice(title: str, first: QRadioButton, second: QRadioButton) -> QGroupBox:
    box = QGroupBox(title)
    group = QButtonGroup(box)
    layout = QVBoxLayout(box)
    for button in (first, second):
        group.addButton(button)
        layout.addWidget(button)
    first.setChecked(True)
    return box


class OptionsStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.skip_duplicates = QRadioButton(self.tr("Skip them: keep what is registered"))
        self.update_duplicates = QRadioButton(self.tr("Update them with the file's values"))
        self.valid_rows = QRadioButton(self.tr("Import the valid rows; the report lists the "
                                               "others"))
        self.all_or_nothing = QRadioButton(self.tr("All or nothing: import no row until every "
                                                   "row is valid"))
        self.accept_warnings = QCheckBox(self.tr("Also import rows with warnings (values the "
                                                 "form would ask to confirm)"))
        self.attachments = QLineEdit()
        self.attachments.setPlaceholderText(self.tr("No photos"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        photos_note = QLabel(self.tr("Photos named in the file are looked for in this folder "
                                     "and its subfolders (KoboToolbox: the unzipped "
                                     "attachments download)."))
        wrapped(photos_note)

        photos = QGroupBox(self.tr("Photos"))
        folder = QHBoxLayout()
        folder.addWidget(self.attachments, 1)
        folder.addWidget(self.browse_button)
        photos_layout = QVBoxLayout(photos)
        photos_layout.addLayout(folder)
        photos_layout.addWidget(photos_note)
        layout = QVBoxLayout(self)
        layout.addWidget(_choice(self.tr("Records already registered (same ID number, IBAN "
                                         "or Kobo submission)"),
                                 self.skip_duplicates, self.update_duplicates))
        layout.addWidget(_choice(self.tr("Rows with errors"), self.valid_rows,
                                 self.all_or_nothing))
        layout.addWidget(self.accept_warnings)
        layout.addWidget(photos)
        layout.addStretch(1)

    def set_file(self, folder: Path) -> None:
        """A new file: its photos are usually beside it (ODK Central's come inside it)."""
        self.attachments.setText(str(folder))

    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder of the photos"),
                                                  self.attachments.text() or str(Path.home()))
        if chosen:
            self.attachments.setText(chosen)

    def options(self, kind: str, mapping: ColumnMap) -> Options:
        folder = self.attachments.text().strip()
        return Options(kind, mapping, update_duplicates=self.update_duplicates.isChecked(),
                       all_or_nothing=self.all_or_nothing.isChecked(),
                       accept_warnings=self.accept_warnings.isChecked(),
                       attachments=Path(folder) if folder else None)
