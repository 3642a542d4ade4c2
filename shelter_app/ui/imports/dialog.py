"""The import dialog: file, columns, values, options, preview, then the import itself.

Reading the file, the preview and the import run off the GUI thread behind a cancellable
progress dialog (ui/worker.py); progress comes back through a signal, so widgets are touched on
the GUI thread only. The preview is the import rolled back, so "Import" does what it showed;
cancelling either leaves the database as it was (services.imports.runner).
"""

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.imports.kinds import KINDS
from shelter_app.services.imports.mapping import auto_matches
from shelter_app.services.imports.runner import (
    ImportResult,
    Options,
    Status,
    run_import,
)
from shelter_app.services.imports.sources import Cancelled, Source
from shelter_app.services.imports.opening import read_source
from shelter_app.services.cases.duplicate_ids import SupervisorConfirmation
from shelter_app.ui.forms import ERROR_STYLE, SupervisorDialog
from shelter_app.ui.imports.file_step import FileStep
from shelter_app.ui.imports.mapping_step import MappingStep
from shelter_app.ui.imports.options_step import OptionsStep
from shelter_app.ui.imports.preview_step import PreviewStep
from shelter_app.ui.imports.values_step import ValuesStep
from shelter_app.ui.style import page_title
from shelter_app.ui.worker import cancellable_progress, run_in_background
from shelter_app.ui.wrapping import wrapped

_THOUSANDTHS = 1000  # reading reports bytes, which overflow a Qt int: shown in thousandths


class ImportDialog(QDialog):
    FILE, MAPPING, VALUES, OPTIONS, PREVIEW = range(5)
    # records were saved (the ImportResult); pages showing them should reload
    imported = Signal(object)
    # (done, total) from the worker thread, delivered on the GUI thread
    progressed = Signal(int, int)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._cancel = threading.Event()
        self._progress: QProgressDialog | None = None
        self._mapped: tuple[str, list[str]] | None = None  # (kind, headers) the mapping is for
        self.busy = False
        self.saved = False  # records were imported; only the report and Close remain
        self.last_result: ImportResult | None = None  # the last preview or import
        # a supervisor's confirmation of the rows whose ID number is on other records
        self.supervisor: SupervisorConfirmation | None = None
        self.setWindowTitle(self.tr("Import from Excel, CSV or Kobo"))
        self.heading = QLabel()
        page_title(self.heading)
        self.file_step = FileStep()
        self.mapping_step = MappingStep()
        self.values_step = ValuesStep()
        self.mapping_step.values_provider = self.values_step.values
        self.options_step = OptionsStep()
        self.preview_step = PreviewStep()
        self.stack = QStackedWidget()
        for step in (self.file_step, self.mapping_step, self.values_step, self.options_step,
                     self.preview_step):
            self.stack.addWidget(step)
        self.status = QLabel()
        wrapped(self.status)
        self.status.setStyleSheet(ERROR_STYLE)
        self.back_button = QPushButton(self.tr("Back"))
        self.next_button = QPushButton(self.tr("Next"))
        self.import_button = QPushButton(self.tr("Import"))
        self.close_button = QPushButton(self.tr("Cancel"))

        self.file_step.read_requested.connect(self.read_file)
        self.file_step.changed.connect(self._update_buttons)
        self.mapping_step.changed.connect(self._update_buttons)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self.progressed.connect(self._show_progress)
        self.preview_step.supervisor_requested.connect(self.ask_supervisor)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button,
                       self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(880, 620)
        self.show_step(self.FILE)

    # --- steps ---------------------------------------------------------------------------

    def show_step(self, step: int) -> None:
        titles = (self.tr("Step 1 of 5: the file"), self.tr("Step 2 of 5: the columns"),
                  self.tr("Step 3 of 5: the values"), self.tr("Step 4 of 5: options"),
                  self.tr("Step 5 of 5: check and import"))
        self.heading.setText(titles[step])
        self.stack.setCurrentIndex(step)
        self.status.clear()
        self._update_buttons()

    def step(self) -> int:
        return self.stack.currentIndex()

    def back(self) -> None:
        if self.step() > self.FILE:
            self.show_step(self.step() - 1)

    def next(self) -> None:
        step = self.step()
        if step == self.FILE and self.file_step.ready():
            self._prepare_mapping()
            self.show_step(self.MAPPING)
        elif step == self.MAPPING and self.mapping_step.ready():
            self._prepare_values()
            self.show_step(self.VALUES)
        elif step == self.VALUES:
            self.show_step(self.OPTIONS)
        elif step == self.OPTIONS:
            self.start_preview()

    def _prepare_mapping(self) -> None:
        """Columns matched by name for a new file or kind; the user's choices otherwise."""
        source = self.file_step.source
        assert source is not None
        name = self.file_step.kind_name()
        kind = KINDS[name]()
        headers = source.main.headers
        same = self._mapped == (name, headers)
        matches = auto_matches(kind, headers)
        mapping = self.mapping_step.mapping() if same else {
            key: match.header for key, match in matches.items()}
        self.mapping_step.set_columns(kind, source.main, mapping, source.path.parent,
                                      {key: match.reason for key, match in matches.items()
                                       if mapping.get(key) == match.header})
        self._mapped = (name, headers)

    def _prepare_values(self) -> None:
        """The choice columns' values: the user's choices so far, else the mapping file's,
        else suggested."""
        source = self.file_step.source
        kind = self.mapping_step.kind
        assert source is not None and kind is not None
        saved = {**self.mapping_step.saved_values, **self.values_step.values()}
        self.values_step.set_values(kind, source.main, self.mapping_step.mapping(), saved,
                                    source.is_kobo)

    def _update_buttons(self) -> None:
        step = self.step()
        idle = not self.busy
        ready = (self.file_step.ready(), self.mapping_step.ready(), True, True, False)[step]
        self.back_button.setEnabled(idle and step > self.FILE and not self.saved)
        self.next_button.setVisible(step < self.PREVIEW)
        self.next_button.setEnabled(idle and ready)
        self.next_button.setText(self.tr("Preview") if step == self.OPTIONS else self.tr("Next"))
        self.next_button.setDefault(step < self.PREVIEW)
        self.import_button.setVisible(step == self.PREVIEW)
        self.import_button.setEnabled(idle and self._importable())
        self.import_button.setDefault(step == self.PREVIEW)

    def _importable(self) -> bool:
        result = self.last_result
        return result is not None and not self.saved and not (self._options().all_or_nothing
                                           and result.count(Status.REJECTED))

    def _options(self) -> Options:
        return replace(self.options_step.options(self.file_step.kind_name(),
                                                 self.mapping_step.mapping()),
                       values=self.values_step.values(), supervisor=self.supervisor)

    # --- the work, off the GUI thread ----------------------------------------------------

    def read_file(self) -> None:
        path = self.file_step.file()
        if path is None or self.busy:
            return
        encoding = self.file_step.chosen_encoding()
        separator = self.file_step.chosen_separator()
        cancel = self._new_cancel()

        def progress(done: int, total: int) -> None:
            self.progressed.emit(done * _THOUSANDTHS // max(total, 1), _THOUSANDTHS)

        self._run(self.tr("Reading {file}…").format(file=path.name),
                  lambda: read_source(path, encoding=encoding, separator=separator,
                                      progress=progress, cancelled=cancel.is_set),
                  self._read, self._not_read)

    def _read(self, source: Source) -> None:
        previous = self.file_step.source
        if previous is None or previous.path != source.path:
            self.options_step.set_file(source.attachments or source.path.parent)
            self.supervisor = None  # given for the rows of another file
        self.file_step.show_source(source)

    def _not_read(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.file_step.show_source(None, self.tr("Reading the file was cancelled."))
        elif isinstance(error, UserError):
            self.file_step.show_source(None, error.message)
        else:
            raise error  # a bug: to the crash dialog

    def start_preview(self) -> None:
        self._start(dry_run=True)

    def ask_supervisor(self) -> None:
        """A supervisor confirms the rows refused for an ID number on other records; the
        preview then shows them imported, as "Import" will do."""
        dialog = SupervisorDialog(self._db, self._actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and not self.busy:
            self.supervisor = dialog.confirmation
            self.start_preview()

    def start_import(self) -> None:
        if self._importable():
            self._start(dry_run=False)

    def _start(self, dry_run: bool) -> None:
        source = self.file_step.source
        assert source is not None
        db, actor, options, cancel = self._db, self._actor, self._options(), self._new_cancel()
        label = self.tr("Checking the rows…") if dry_run else self.tr("Importing the rows…")
        self._run(label, lambda: run_import(db, actor, source, options, dry_run=dry_run,
                                            progress=self.progressed.emit,
                                            cancelled=cancel.is_set),
                  self._previewed if dry_run else self._imported, self._failed)

    def _previewed(self, result: ImportResult) -> None:
        self.last_result = result
        rejected = result.count(Status.REJECTED)
        note = self.tr("All or nothing: nothing will be imported while %n rows are "
                       "rejected. Correct them (save the report) or choose to import the valid "
                       "rows.", "", rejected) \
            if self._options().all_or_nothing and rejected else ""
        self._show_result(result, note)
        self.show_step(self.PREVIEW)

    def _imported(self, result: ImportResult) -> None:
        self.last_result = result
        if not result.committed:
            self._show_result(result, result.note)
            self._update_buttons()
            return
        self.imported.emit(result)
        self.saved = True
        if any(outcome.status is Status.REJECTED or outcome.message
               for outcome in result.outcomes):  # stay: the report is what the user needs now
            self._show_result(result, self.tr(
                "Saved. The rows marked below were not imported or have a remark: save the "
                "report, correct them and import the report again."))
            self.close_button.setText(self.tr("Close"))
            self._update_buttons()
            return
        source = self.file_step.source
        assert source is not None
        QMessageBox.information(self, self.tr("Import finished"), self.tr(
            "The import of {file} is finished.").format(file=source.path.name) + "\n\n"
            + self.preview_step.counts_text(result))
        self.accept()

    def _show_result(self, result: ImportResult, note: str) -> None:
        source = self.file_step.source
        assert source is not None
        first = self.mapping_step.kind.fields[0].key if self.mapping_step.kind else ""
        self.preview_step.show_result(source, result, self._options().mapping.get(first, ""),
                                      note)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.status.setText(self.tr("Cancelled; nothing was saved."))
        elif isinstance(error, UserError):
            self.status.setText(error.message)
        else:
            raise error  # a bug: to the crash dialog

    def _new_cancel(self) -> threading.Event:
        self._cancel = threading.Event()
        return self._cancel

    def _run(self, label: str, work: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[BaseException], None]) -> None:
        self._progress = cancellable_progress(self, self.windowTitle(), label,
                                              self.tr("Cancel"), self._cancel)
        self._set_busy(True)
        self.status.clear()
        run_in_background(work, lambda result: self._finish(done, result),
                          lambda error: self._finish(failed, error))

    def _finish(self, then: Callable[[Any], None], value: Any) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        self._set_busy(False)
        then(value)

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if self._progress is not None and total:
            self._progress.setMaximum(total)
            self._progress.setValue(min(done, total - 1))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.stack.setEnabled(not busy)
        self._update_buttons()

    def reject(self) -> None:
        """Closing while work runs cancels the work first (its result would have nowhere to
        go); the dialog stays until it has stopped."""
        if self.busy:
            self._cancel.set()
            return
        super().reject()
