"""A dwelling's photos: the gallery, importing files or folders (buttons or drag and drop),
editing a photo's tag, caption and component, the viewer and before/after.

Import runs services.photos.import_photos off the GUI thread behind a cancellable progress
dialog; progress comes back through a signal. The dwelling file embeds `PhotosPanel`.
"""

import threading
import uuid
from html import escape
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSize, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.domain.assessment import COMPONENTS, component_label
from shelter_app.domain.errors import UserError
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import PhotoTag
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.photos.photos import (
    ImportOutcome,
    PhotoRow,
    Status,
    assessment_dates,
    expand_paths,
    import_photos,
    list_photos,
    remove_photo,
    update_photo,
)
from shelter_app.ui.formats import date_text, isolated
from shelter_app.ui.forms import CaseForm
from shelter_app.ui.photos.model import THUMB, PhotoListModel, Photos, read_photos, tag_labels
from shelter_app.ui.photos.viewer import BeforeAfterDialog, PhotoViewer
from shelter_app.ui.worker import cancellable_progress, run_in_background
from shelter_app.ui.wrapping import wrapped

FILE_FILTER = "*.jpg *.jpeg *.jpe *.png *.webp *.JPG *.JPEG *.PNG *.WEBP"


class GalleryView(QListView):
    """Thumbnails in a grid; files and folders dropped on it are offered for import."""

    dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(THUMB)
        self.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 44))
        self.setUniformItemSizes(True)  # the view never asks every item for its size
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(False)
        self.accepts_files = True
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)

    @staticmethod
    def _local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] \
            if mime.hasUrls() else []

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.accepts_files and self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._local_paths(event)
        if self.accepts_files and paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)
        else:
            event.ignore()


class PhotosPanel(QWidget):
    """The photos of one dwelling. Engineers and supervisors import and edit; others look."""

    # (files done, files in all), emitted by the import's thread, shown on the GUI thread
    progressed = Signal(int, int)
    # photos were imported, edited or removed
    changed = Signal()

    def __init__(self, db: Database, actor: Actor, dwelling_id: uuid.UUID,
                 parent: QWidget | None = None, photos: Photos | None = None) -> None:
        """`photos`: all the dwelling's photos, read beforehand (in a worker); else read now."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.dwelling_id = dwelling_id
        self._cancel = threading.Event()
        self.progress_dialog: QProgressDialog | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        self.busy = False
        labels = tag_labels()
        editor = actor.can(Action.EDIT_CASES)

        self.import_button = QPushButton(self.tr("Import photos…"))
        self.folder_button = QPushButton(self.tr("Import a folder…"))
        self.import_tag = QComboBox()
        self.show_tag = QComboBox()
        self.show_tag.addItem(self.tr("All photos"), None)
        for tag in PhotoTag:
            self.import_tag.addItem(labels[tag], tag)
            self.show_tag.addItem(labels[tag], tag)
        self.import_tag.setToolTip(self.tr("The tag new photos get"))
        self.compare_button = QPushButton(self.tr("Before / after…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.model = PhotoListModel(db, actor, dwelling_id, self)
        self.gallery = GalleryView()
        self.gallery.setModel(self.model)
        self.gallery.accepts_files = editor
        self.status = QLabel()
        wrapped(self.status)

        for widget in (self.import_button, self.folder_button, self.import_tag,
                       self.edit_button, self.remove_button):
            widget.setVisible(editor)
        self.import_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.show_tag.currentIndexChanged.connect(self.refresh)
        self.compare_button.clicked.connect(self.compare)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.gallery.activated.connect(self.view_photo)
        self.gallery.dropped.connect(self.start_import)
        self.progressed.connect(self._show_progress)

        tools = QHBoxLayout()
        tools.addWidget(self.import_button)
        tools.addWidget(self.folder_button)
        self.import_as = QLabel(self.tr("as"))
        self.import_as.setVisible(editor)
        tools.addWidget(self.import_as)
        tools.addWidget(self.import_tag)
        tools.addStretch(1)
        tools.addWidget(QLabel(self.tr("Show")))
        tools.addWidget(self.show_tag)
        tools.addWidget(self.compare_button)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.gallery, 1)
        layout.addWidget(self.status)
        if photos is None:
            self.refresh()
        else:
            self.show_photos(photos)

    # --- the gallery -------------------------------------------------------------------------

    def refresh(self) -> None:
        self.show_photos(read_photos(self._db, self._actor, self.dwelling_id,
                                     self.show_tag.currentData()))

    def show_photos(self, photos: Photos) -> None:
        self.model.show(photos)
        count = self.model.rowCount()
        if count:
            self.status.setText(self.tr("%n photos. Double-click one to look at it closely.", "",
                                        count))
        elif self._actor.can(Action.EDIT_CASES):
            self.status.setText(self.tr("No photos yet. Import them with the buttons above, or "
                                        "drop photos or a folder here."))
        else:
            self.status.setText(self.tr("No photos yet."))

    def selected_rows(self) -> list[PhotoRow]:
        return [self.model.row_at(index.row())
                for index in sorted(self.gallery.selectionModel().selectedIndexes(),
                                    key=QModelIndex.row)]

    def view_photo(self, index: QModelIndex) -> None:
        self.viewer = PhotoViewer(self._db, self.model.rows, index.row(), self)
        self.viewer.open()

    def compare(self) -> None:
        self.comparison = BeforeAfterDialog(
            self._db, list_photos(self._db, self._actor, self.dwelling_id), self)
        self.comparison.open()

    def edit_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            self.status.setText(self.tr("Select a photo to edit first."))
            return
        self.details = PhotoDetailsDialog(self._db, self._actor, rows[0], self)
        self.details.accepted.connect(self._edited)
        self.details.open()

    def _edited(self) -> None:
        self.refresh()
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            self.status.setText(self.tr("Select the photos to remove first."))
            return
        answer = QMessageBox.question(
            self, self.tr("Remove photos"),
            self.tr("Remove %n photos from this dwelling? The audit trail keeps a record "
                    "of them.", "", len(rows)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            for row in rows:
                remove_photo(self._db, self._actor, row.id)
        except UserError as error:
            self.status.setText(error.message)
        self.refresh()
        self.changed.emit()

    # --- import ------------------------------------------------------------------------------

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import photos"), str(Path.home()),
            self.tr("Photos ({patterns});;All files (*)").format(patterns=FILE_FILTER))
        self.start_import(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of photos"),
                                                  str(Path.home()))
        if folder:
            self.start_import([folder])

    @Slot(list)
    def start_import(self, paths: list[str]) -> None:
        """Import files and folders in the background; the summary follows."""
        if not paths or self.busy or not self._actor.can(Action.EDIT_CASES):
            return
        self._cancel = threading.Event()
        cancel = self._cancel
        db, actor, dwelling_id = self._db, self._actor, self.dwelling_id
        tag = self.import_tag.currentData()
        emit = self.progressed.emit
        self.progress_dialog = cancellable_progress(
            self, self.tr("Photos"), self.tr("Importing photos…"), self.tr("Cancel"), cancel)
        self._set_busy(True)
        self.status.setText(self.tr("Importing photos…"))

        def work() -> list[ImportOutcome]:
            files = expand_paths(paths)
            emit(0, len(files))
            return import_photos(db, actor, dwelling_id, files, tag=tag, progress=emit,
                                 cancelled=cancel.is_set)

        run_in_background(work, self._imported, self._failed)

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        dialog = self.progress_dialog
        if dialog is not None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1) - 1) if total else 0)
            dialog.setLabelText(self.tr("Importing photos: {done} of {total}…").format(
                done=done, total=total))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.import_button, self.folder_button, self.edit_button,
                       self.remove_button):
            widget.setEnabled(not busy)
        self.gallery.accepts_files = not busy and self._actor.can(Action.EDIT_CASES)

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self._set_busy(False)

    def _imported(self, outcomes: list[ImportOutcome]) -> None:
        if not isValid(self):
            return
        self._close_progress()
        self.refresh()
        self.changed.emit()
        counts = {status: sum(o.status is status for o in outcomes) for status in Status}
        text = self.tr("{imported}, {duplicates}, {refused}, {skipped}.").format(
            imported=self.tr("%n photos imported", "", counts[Status.IMPORTED]),
            duplicates=self.tr("%n duplicates", "", counts[Status.DUPLICATE]),
            refused=self.tr("%n photos refused", "", counts[Status.REFUSED]),
            skipped=self.tr("%n not imported", "", counts[Status.SKIPPED]))
        self.status.setText(text)
        if any(o.status in (Status.REFUSED, Status.DUPLICATE) or o.warnings for o in outcomes):
            self.summary_dialog = ImportSummaryDialog(text, outcomes, self)
            self.summary_dialog.open()

    def _failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self._close_progress()
        self.refresh()
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash dialog
        self.status.setText(error.message)
        QMessageBox.warning(self, self.tr("Photos"), error.message)


class ImportSummaryDialog(QDialog):
    """The files refused, duplicated or imported with a warning: one line each, with why.
    Files a cancel left out are only counted (importing the folder again skips the others)."""

    def __init__(self, summary: str, outcomes: list[ImportOutcome],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Photo import"))
        self.resize(780, 380)
        self.lines = [
            (outcome.name, outcome.status.label if outcome.status is not Status.IMPORTED
             else self.tr("imported, with a warning"),
             " ".join([outcome.message, *outcome.warnings]).strip())
            for outcome in outcomes
            if outcome.status in (Status.REFUSED, Status.DUPLICATE) or outcome.warnings
        ]
        headers = (self.tr("File"), self.tr("Result"), self.tr("Why"))
        rtl = self.isRightToLeft()  # Qt's rich text lays table columns out left to right
        side = "right" if rtl else "left"
        rows = "".join(
            "<tr>" + "".join(f"<{cell} align='{side}'>{escape(isolated(text))}</{cell}>"
                             for text in (line[::-1] if rtl else line)) + "</tr>"
            for cell, line in [("th", headers)] + [("td", line) for line in self.lines])
        self.files = QTextBrowser()
        self.files.setHtml(f"<table align='{side}' cellpadding='3'>{rows}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(summary))
        layout.addWidget(self.files, 1)
        layout.addWidget(buttons)


class PhotoDetailsDialog(CaseForm):
    """A photo's tag, caption, the assessment component it shows, and its assessment."""

    def __init__(self, db: Database, actor: Actor, row: PhotoRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Photo details"), parent)
        self._db = db
        self._actor = actor
        self.row = row
        form = QFormLayout()
        self.tag = QComboBox()
        for tag, label in tag_labels().items():
            self.tag.addItem(label, tag)
        self.tag.setCurrentIndex(self.tag.findData(row.tag))
        self.caption = QLineEdit(row.caption)
        self.component = QComboBox()
        self.component.addItem(self.tr("(none)"), None)
        for code in COMPONENTS:
            self.component.addItem(component_label(code), code)
        self.component.setCurrentIndex(max(0, self.component.findData(row.component)))
        self.assessment = QComboBox()
        self.assessment.addItem(self.tr("(none)"), None)
        for assessment_id, day in assessment_dates(db, actor, row.dwelling_id):
            self.assessment.addItem(date_text(day), assessment_id)
        self.assessment.setCurrentIndex(max(0, self.assessment.findData(row.assessment_id)))
        self.add_field("tag", self.tag, form, self.tr("Tag"))
        self.add_field("caption", self.caption, form, self.tr("Caption"))
        self.add_field("component", self.component, form, self.tr("Shows"))
        self.add_field("assessment", self.assessment, form, self.tr("Assessment"))
        self.body.addWidget(QLabel(row.original_name))
        self.body.addLayout(form)

    def collect(self) -> dict[str, object]:
        return {"tag": self.tag.currentData(), "caption": self.caption.text(),
                "component": self.component.currentData(),
                "assessment_id": self.assessment.currentData()}

    def save(self, values: dict[str, object], confirm: bool) -> None:
        update_photo(self._db, self._actor, self.row.id, **values)  # type: ignore[arg-type]
