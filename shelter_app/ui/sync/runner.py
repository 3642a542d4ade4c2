"""One sync at a time for the whole window, off the GUI thread.

The Sync page ("Sync now"), the background timer and the status-bar indicator all go through
the window's one SyncRunner: it starts services.sync.client.sync in the worker pool with a
cancel flag, relays its progress by signal (delivered on the GUI thread), and says how it
ended. A sync asked for while one runs joins it (a "Sync now" during a background sync makes
that one the user's: its progress is shown and its error explained), and the joined sync runs
once more when it ends: the running one read the outbox before the change that asked for it (a
conflict decided, say), which would otherwise wait for the next background sync.

The client, and the encryption, backup and file services it needs, are imported by the first
sync, in the worker: the window builds its runner at sign-in, before the first rows show.
"""

import threading
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.services.sync.connection import http_client
from shelter_app.services.sync.status import SyncStatus, sync_status
from shelter_app.ui.worker import run_in_background

if TYPE_CHECKING:
    from shelter_app.services.sync.wire import Report

REFRESH_MS = 30_000  # the counts follow the work done on this laptop between syncs
# the status of a runner whose first read has not come back: nothing to show yet
UNREAD = SyncStatus(enrolled=False, server_url=None, device_name=None, last_sync_at=None,
                    last_error=None, pending=0, held=[], open_conflicts=0)


def _sync(db: Database, cancel: threading.Event, progress: Any) -> "Report":
    from shelter_app.services.sync import client  # see the module's docstring

    url = client.server_url(db)
    assert url is not None  # enrolling stores it
    with http_client(url) as http:
        return client.sync(db, http, progress=progress, cancelled=cancel.is_set)


def _enrol(db: Database, url: str, code: str) -> str:
    from shelter_app.services.sync import client

    with http_client(url) as http:
        return client.enrol(db, http, url.strip(), code.strip())


class SyncRunner(QObject):
    # a sync began; True when the user asked for it
    started = Signal(bool)
    # step ("push" | "pull"), done, total (0: unknown); emitted by the worker thread, so only
    # connect slots of QObjects living on the GUI thread (Qt queues the call to them)
    progressed = Signal(str, int, int)
    # the Report of a sync that ended (also a cancelled one), and whether the user asked for it
    finished = Signal(object, bool)
    # the message of a sync that failed, and whether the user asked for it
    failed = Signal(str, bool)
    # the sync status read after every change (and on `refresh`)
    status_changed = Signal(object)
    # why the status read in a worker failed (the database closed, say): the last one stays
    status_failed = Signal(str)
    # enrolment: the device's name, or the refusal
    enrolled = Signal(str)
    enrol_failed = Signal(object)
    # the server revoked this laptop and its data was erased: the message; the app closes
    wiped = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None, *,
                 read_now: bool = True, office_id: uuid.UUID | None = None) -> None:
        """`read_now=False` (the main window at sign-in): the status is read in a worker and
        told by `status_changed`; until then it is UNREAD (not enrolled: nothing is shown).
        `office_id`: the user's office, whose open conflicts are counted (sync_status)."""
        super().__init__(parent)
        self.db = db
        self.office_id = office_id
        self.busy = False
        self.manual = False
        self.again = False  # a sync was asked for while this one ran: run once more
        self.cancel_event = threading.Event()
        self._reads = 0  # the status reads begun: only the latest one's answer is shown
        self.reading = False  # the latest read runs in a worker
        self.status: SyncStatus = sync_status(db, office_id) if read_now else UNREAD
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh_in_background)
        self.timer.start()
        if not read_now:
            self.refresh_in_background()

    def refresh(self) -> SyncStatus:
        """Read the status again and tell everyone showing it."""
        self._reads += 1  # a status still read in a worker is older than this one
        self.reading = False
        self.status = sync_status(self.db, self.office_id)
        self.status_changed.emit(self.status)
        return self.status

    def refresh_in_background(self) -> None:
        """`refresh` read off the GUI thread (held changes are looked up): the periodic
        refresh, and the Sync page's when it is shown; `status_changed` tells the result."""
        if not self.busy:
            self._reads += 1
            self.reading = True
            db, office_id, read = self.db, self.office_id, self._reads
            run_in_background(lambda: sync_status(db, office_id),
                              lambda status: self._took_status(read, status),
                              lambda error: self._status_failed(read, error))

    def count_office(self, office_id: uuid.UUID | None) -> None:
        """Count another user's office (a switch of user on the same database)."""
        if office_id != self.office_id:
            self.office_id = office_id
            self.refresh_in_background()

    def _took_status(self, read: int, status: SyncStatus) -> None:
        if not isValid(self) or read != self._reads:  # its window closed while the status
            return  # was read, or a newer read began
        self.reading = False
        self.status = status
        self.status_changed.emit(status)

    def _status_failed(self, read: int, error: BaseException) -> None:
        """A read that failed: the last status stays shown. Only the latest read ends the
        reading (a newer one may still run) and says why (`status_failed`)."""
        latest = isValid(self) and read == self._reads
        if latest:
            self.reading = False
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash dialog
        if latest:
            self.status_failed.emit(error.message)

    def sync(self, *, manual: bool) -> bool:
        """Start a sync (or join the running one); False when this database is not enrolled,
        or was enrolled by USB stick and knows no server address (it syncs by packages)."""
        if self.status is UNREAD:
            self.refresh()  # asked before the first read came back
        if not self.status.enrolled or not self.status.server_url:
            return False
        if self.busy:
            self.again = True
            if manual and not self.manual:
                self.manual = True
                self.started.emit(True)
            return True
        self.busy, self.manual, self.again = True, manual, False
        self.cancel_event = threading.Event()
        self.started.emit(manual)
        self.status_changed.emit(self.status)
        self._run(None)
        return True

    def _run(self, earlier: "Report | None") -> None:
        """One run of the sync; its report told as one with `earlier`'s, the run it follows."""
        db, cancel = self.db, self.cancel_event
        run_in_background(lambda: _sync(db, cancel, self.progressed.emit),
                          lambda report: self._done(
                              report if earlier is None else earlier.then(report)),
                          self._failed)

    def cancel(self) -> None:
        self.cancel_event.set()

    def enrol(self, url: str, code: str) -> None:
        """Enrol this database with the server at `url`; `enrolled` or `enrol_failed` tells."""
        db = self.db
        self.busy = True
        run_in_background(lambda: _enrol(db, url, code), self._enrol_done, self._enrol_failed)

    def _done(self, report: "Report") -> None:
        if self.again and not self.cancel_event.is_set():
            self.again = False
            self._run(report)
            return
        self.busy = False
        self.refresh()
        self.finished.emit(report, self.manual)

    def _failed(self, error: BaseException) -> None:
        from shelter_app.services.sync.client import LaptopWiped  # imported by the sync

        self.busy = self.again = False
        if isinstance(error, LaptopWiped):  # nothing left to read the status from
            self.timer.stop()
            self.wiped.emit(error.message)
            return
        if not isinstance(error, UserError):
            self.refresh()
            raise error  # a bug: to the crash dialog
        self.refresh()
        self.failed.emit(error.message, self.manual)

    def _enrol_done(self, name: str) -> None:
        self.busy = False
        self.refresh()
        self.enrolled.emit(name)

    def _enrol_failed(self, error: BaseException) -> None:
        self.busy = False
        if not isinstance(error, UserError):
            raise error
        self.enrol_failed.emit(error)
