"""An in-app preview of a printed PDF (QtPdf), with saving a copy and the system viewer.

Any document (BoQ, agreement, timesheet) is shown the same way: the service writes the PDF
in the background, then `PdfPreviewDialog(path)` shows it before it goes to the printer.
"""

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from shelter_app.ui.forms import TALLEST


class PdfPreviewDialog(QDialog):
    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(title)
        self.resize(820, TALLEST)  # a page's width; no taller than a laptop's screen
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # by its own context: PySide's tr() looks a subclass's (ContractPreview) up first and
        # takes a plural's untranslated source found there for a translation
        pages = QLabel(QCoreApplication.translate(
            "PdfPreviewDialog", "%n pages — {path}", "", self.document.pageCount()).format(
            path=path))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        save = buttons.addButton(self.tr("Save a copy…"), QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(self.save_copy)
        system = buttons.addButton(self.tr("Open in the system viewer"),
                                   QDialogButtonBox.ButtonRole.ActionRole)
        system.clicked.connect(self.open_externally)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(pages)
        layout.addWidget(buttons)

    def ask_save_path(self) -> str:
        return QFileDialog.getSaveFileName(self, self.tr("Save the PDF"), self.path.name,
                                           self.tr("PDF files (*.pdf)"))[0]

    def save_copy(self) -> None:
        target = self.ask_save_path()
        if not target:
            return
        try:
            shutil.copyfile(self.path, target)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Not saved"), self.tr("Cannot write {path}: {error}"
                                                                   ).format(path=target,
                                                                            error=error))

    def open_externally(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
