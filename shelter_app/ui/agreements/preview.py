"""The contract's preview (ui.pdf_preview) with a Print button: the pages go to a printer
chosen in the system's print dialog, each rendered by QtPdf at the printer's resolution."""

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from shelter_app.ui.pdf_preview import PdfPreviewDialog

DPI = 300


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of `document` on `printer`, fitted to the page; the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            area = painter.viewport()
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRect(area.topLeft(), QSize(int(points.width() * scale),
                                                 int(points.height() * scale)))
            # 300 dpi is sharp on paper; a 1200 dpi printer would need 500 MB a page
            size = QSize(int(points.width() * DPI / 72), int(points.height() * DPI / 72))
            image = QImage(size, QImage.Format.Format_RGB32)
            image.fill(QColor("white"))  # QPdfDocument renders on a transparent ground
            page_painter = QPainter(image)
            page_painter.drawImage(0, 0, document.render(page, size))
            page_painter.end()
            painter.drawImage(target, image)
    finally:
        painter.end()
    return document.pageCount()


class ContractPreview(PdfPreviewDialog):
    """Emits `printed` once the pages went to the printer (the agreement is then "printed")."""

    printed = Signal()

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(path, title, parent)
        buttons = self.findChild(QDialogButtonBox)
        self.print_button = buttons.addButton(self.tr("Print…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_document)

    def ask_printer(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the agreement"))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.path.stem)
        printer.setFullPage(False)
        if not self.ask_printer(printer):
            return
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_pdf(self.document, printer)
        finally:
            self.unsetCursor()
        if pages:
            self.printed.emit()
        else:  # the printer refused to start: say so, the status stays
            QMessageBox.warning(self, self.tr("Not printed"), self.tr(
                "The printer {printer} could not start printing; nothing was printed. Check "
                "that it is on and connected, or choose another printer.").format(
                printer=printer.printerName() or printer.outputFileName()))
