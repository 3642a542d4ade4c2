"""The BoQ editor's output: the PDF printed in a worker and previewed, the spreadsheet
exported in a worker to where the user chose. Mixed into BoQEditor, whose buttons it enables
again when the work is done (unless the editor was closed, and so deleted, meanwhile).

Its words keep the editor's translation context ("BoQEditor"), as ui/boq/status_totals.py
explains.
"""

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFileDialog, QPushButton
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.boq import boq as service
from shelter_app.ui.saving import OrderedSaves
from shelter_app.ui.worker import run_in_background

translate = QCoreApplication.translate


class PrintAndExport:
    """Print PDF and Export XLSX… of the editor (`print_pdf`, `export_xlsx`)."""

    db: Database
    actor: Actor
    view: "service.BoQView"
    saves: OrderedSaves
    english: QCheckBox
    photos: QCheckBox
    buttons: dict[str, QPushButton]

    def print_pdf(self) -> None:
        from shelter_app.services.boq.output import print_boq

        self.saves.drain()
        target = Path(tempfile.gettempdir()) / f"{self.view.ref}.pdf"
        english, photos = self.english.isChecked(), self.photos.isChecked()
        self.buttons["print"].setEnabled(False)
        boq_id = self.view.id

        def done(_: object) -> None:
            if isValid(self):
                self.buttons["print"].setEnabled(True)
                self.show_pdf(target)

        run_in_background(lambda: print_boq(self.db, self.actor, boq_id, target,
                                            english=english, photos=photos),
                          done, self._failed)

    def show_pdf(self, path: Path) -> None:
        from shelter_app.ui.pdf_preview import PdfPreviewDialog

        self.preview = PdfPreviewDialog(path, self.view.ref, self)
        self.preview.open()

    def export_xlsx(self) -> None:
        from shelter_app.services.boq.output import export_boq_xlsx

        path = self.ask_save_path(f"{self.view.ref}.xlsx")
        if not path:
            return
        self.saves.drain()
        boq_id = self.view.id
        self.buttons["export"].setEnabled(False)

        def done(_: object) -> None:
            if isValid(self):
                self.buttons["export"].setEnabled(True)
                self.show_note(translate("BoQEditor", "Saved {path}.").format(path=path))

        run_in_background(lambda: export_boq_xlsx(self.db, self.actor, boq_id, Path(path)),
                          done, self._failed)

    def _failed(self, error: BaseException) -> None:
        if isValid(self):  # else closed meanwhile: a refusal has nowhere to show
            self.buttons["print"].setEnabled(True)
            self.buttons["export"].setEnabled(True)
            if isinstance(error, UserError):
                self.show_error(error.message)
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash handler

    def ask_save_path(self, name: str) -> str:
        return QFileDialog.getSaveFileName(self, translate("BoQEditor", "Export the BoQ"), name,
                                           translate("BoQEditor", "Spreadsheets (*.xlsx)"))[0]
