"""The Sync page, the status-bar indicator and background sync, driven as a user would."""

import threading
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QVBoxLayout, QWidget
from sync_server import free_port
from ui.shown import shown
from ui.sync.windows import CLICK, gaz_household, open_page, sync_now

from shelter_app.data.engine import Database
from shelter_app.data.outbox import set_state
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.cases.households import household_view, update_household
from shelter_app.services.sync import devices
from shelter_app.services.sync.state_keys import SERVER_KEY
from shelter_app.ui.sync import runner as runner_module
from shelter_app.ui.sync.background import BackgroundSync
from shelter_app.ui.sync.page import SyncPage
from shelter_app.ui.sync.runner import SyncRunner


@pytest.fixture
def page_on(qtbot):
    """`page_on(db, actor)`: a Sync page in a window, with its own runner."""
    windows = []  # kept until the test ends

    def make(db, actor) -> SyncPage:
        window = QWidget()
        qtbot.addWidget(window)
        windows.append(window)
        runner = SyncRunner(db, window)
        page = SyncPage(db, actor, runner, window)
        QVBoxLayout(window).addWidget(page)
        window.resize(900, 640)
        window.show()
        qtbot.waitExposed(window)
        return page

    yield make


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """The messages of the message boxes that would have popped up."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: shown.append(f"{title}: {text}"))
    return shown


def unreachable(db: Database) -> str:
    """Point the laptop at a port where nothing listens, as when the server is down."""
    url = f"http://127.0.0.1:{free_port()}"
    with db.write() as session:
        set_state(session, SERVER_KEY, url)
    return url


def test_a_database_not_enrolled_explains_how_to_enrol(qtbot, demo_db, engineer, window_on):
    window = window_on(demo_db, engineer)
    page = open_page(window, "Sync")
    assert page.enrol_form.isVisible() and not page.status_box.isVisible()
    assert not page.sync_button.isVisible()
    assert "shelter-app device add NAME --office CODE" in page.enrol_form.explanation.text()
    assert not window.sync_indicator.isVisible()  # a database that does not sync says nothing
    assert "Sync conflicts" not in window.page_titles()  # engineers do not decide conflicts


def test_enrol_with_the_code_then_the_first_sync_brings_the_records(
        qtbot, hub, hub_url, empty_laptop, engineer, page_on, warnings):
    _, code = devices.add_device(hub, SYSTEM, "gaziantep-laptop-3", "GAZ")
    page = page_on(empty_laptop, engineer)
    form = page.enrol_form
    qtbot.keyClicks(form.server_url, "sync.example.org")
    qtbot.keyClicks(form.code, "whatever")
    qtbot.mouseClick(form.enrol_button, CLICK)
    qtbot.waitUntil(lambda: "not a server address" in form.message.text())
    assert form.isVisible()

    form.server_url.clear()
    qtbot.keyClicks(form.server_url, hub_url)
    qtbot.mouseClick(form.enrol_button, CLICK)  # a wrong code: the server refuses it
    qtbot.waitUntil(lambda: form.enrol_button.isEnabled() and "Enrolling" not in
                    form.message.text(), timeout=10_000)
    assert form.message.text() and form.isVisible() and not page.status_box.isVisible()

    form.code.clear()
    qtbot.keyClicks(form.code, code)
    with qtbot.waitSignal(page.runner.finished, timeout=30_000) as finished:
        qtbot.keyClick(form.code, Qt.Key.Key_Return)
    assert finished.args[0].pulled > 100  # the office's records arrived
    assert not form.isVisible() and page.status_box.isVisible()
    assert page.device.text() == "gaziantep-laptop-3" and page.server.text() == hub_url
    assert page.result.text().startswith("Sent 0 changes") and warnings == []


def test_sync_now_against_a_server_that_is_down_says_so_clearly(
        qtbot, laptop, engineer, window_on, warnings):
    a = laptop("a")
    unreachable(a.db)
    window = window_on(a.db, engineer)
    page = open_page(window, "Sync")
    with qtbot.waitSignal(window.sync_runner.failed, timeout=30_000):
        qtbot.mouseClick(page.sync_button, CLICK)
    assert len(warnings) == 1 and "cannot be reached" in warnings[0]
    assert page.error.isVisible() and "cannot be reached" in page.error.text()
    assert window.sync_indicator.text() == "Sync failed"
    assert "cannot be reached" in window.sync_indicator.toolTip()
    assert page.sync_button.isEnabled()


def test_background_sync_updates_the_indicator_and_never_opens_a_dialog(
        qtbot, laptop, engineer, window_on, warnings):
    a = laptop("a")
    window = window_on(a.db, engineer)
    background = BackgroundSync(window.sync_runner, window, first_after_ms=0)
    with qtbot.waitSignal(window.sync_runner.finished, timeout=30_000) as finished:
        pass
    assert finished.args == [finished.args[0], False]  # not the user's
    assert window.sync_indicator.text().startswith("Synced ")

    unreachable(a.db)
    with qtbot.waitSignal(window.sync_runner.failed, timeout=30_000):
        assert background.run()
    assert warnings == []  # no dialog for a sync nobody asked for
    assert window.sync_indicator.text() == "Sync failed"
    page = open_page(window, "Sync")
    assert "cannot be reached" in page.error.text()  # and the page says why
    background.stop()


def test_the_indicator_opens_the_sync_page(qtbot, laptop, engineer, window_on):
    window = window_on(laptop("a").db, engineer)
    assert window.sync_indicator.isVisible()
    qtbot.mouseClick(window.sync_indicator, CLICK)
    assert shown(window) is window.sync


def test_cancel_stops_the_sync_and_says_what_went(qtbot, laptop, engineer, window_on,
                                                  monkeypatch, warnings):
    real = runner_module._sync
    started = threading.Event()

    def slow(db, cancel, progress):  # holds until the user cancels
        started.set()
        while not cancel.is_set():
            threading.Event().wait(0.01)
        return real(db, cancel, progress)

    monkeypatch.setattr(runner_module, "_sync", slow)
    window = window_on(laptop("a").db, engineer)
    page = open_page(window, "Sync")
    qtbot.mouseClick(page.sync_button, CLICK)
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(lambda: page._dialog is not None and page._dialog.isVisible(),
                    timeout=3000)
    with qtbot.waitSignal(window.sync_runner.finished, timeout=10_000):
        qtbot.mouseClick(page._dialog.findChild(QPushButton), CLICK)  # the dialog's Cancel
    assert page.result.text().startswith("Sync cancelled")
    assert page._dialog is None and page.sync_button.isEnabled() and warnings == []


def test_a_change_made_while_a_sync_runs_goes_in_a_second_run_of_it(
        qtbot, laptop, engineer, hub, window_on, monkeypatch):
    """A conflict decided while a background sync runs asks for a sync: it joins the running
    one, which pushed before the decision was saved, so that one runs once more."""
    real, runs, gate = runner_module._sync, [], threading.Event()

    def held(db, cancel, progress):  # the first run has pushed when the change is made
        runs.append(real(db, cancel, progress))
        if len(runs) == 1:
            gate.wait(10)
        return runs[-1]

    monkeypatch.setattr(runner_module, "_sync", held)
    a = laptop("a")
    ref = gaz_household(a.db)
    before = household_view(a.db, engineer, ref).as_input()
    window = window_on(a.db, engineer)
    runner = window.sync_runner
    with qtbot.waitSignal(runner.finished, timeout=30_000) as finished:
        assert runner.sync(manual=False)
        qtbot.waitUntil(lambda: len(runs) == 1)
        update_household(a.db, engineer, ref, replace(before, phone="+905321112233"),
                         confirm=True)
        assert runner.sync(manual=False) and runner.busy  # joins the running sync
        gate.set()
    assert len(runs) == 2 and runs[1].pushed == 1
    report = finished.args[0]
    assert (report.pushed, report.pulled) == (runs[0].pushed + 1, runs[0].pulled + runs[1].pulled)
    assert household_view(hub, engineer, ref).phone == "+90 532 111 22 33"
    assert runner.status.pending == 0 and not runner.busy


def test_a_conflicting_change_is_listed_with_its_reason_until_removed(
        qtbot, phone_conflict, supervisor, window_on):
    _, b, _ = phone_conflict()
    window = window_on(b.db, supervisor)
    report = sync_now(qtbot, window)
    assert report.conflicts == 1
    page = window.sync
    assert "1 in conflict" in page.result.text()
    assert page.held_box.isVisible() and page.model.rowCount() == 1
    assert "phone" in page.model.index(0, 2).data().split(", ")
    assert page.model.index(0, 3).data() == "In conflict"
    assert "phone" in page.model.index(0, 4).data()
    assert "conflicts: 1" in window.sync_indicator.text()
    assert page.conflicts_button.isVisible()
    qtbot.mouseClick(page.conflicts_button, CLICK)
    assert shown(window) is window.conflicts

    page = open_page(window, "Sync")
    assert not page.forget_button.isEnabled()
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), CLICK, pos=rect.center())
    qtbot.mouseClick(page.forget_button, CLICK)
    assert page.model.rowCount() == 0 and not page.held_box.isVisible()
    assert window.sync_runner.status.held == []


def test_held_changes_model_passes_the_model_tester(qtmodeltester, phone_conflict, supervisor):
    _, b, _ = phone_conflict()
    b.sync()
    runner = SyncRunner(b.db)
    from shelter_app.ui.sync.page import HeldOpsModel

    model = HeldOpsModel(runner)
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_after_a_switch_of_user_the_sync_pages_are_the_new_users_and_sync_goes_on(
        qtbot, laptop, engineer, window_on):
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialogButtonBox

    from shelter_app.demo.programme import DEMO_PASSWORD

    window = window_on(laptop("a").db, engineer)
    old_page = open_page(window, "Sync")
    indicator = window.sync_indicator

    def supervisor_signs_in(dialog) -> int:
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.fields["username"], "supervisor.gaz")
        qtbot.keyClicks(dialog.fields["password"], DEMO_PASSWORD)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), CLICK)
        qtbot.waitUntil(lambda: not dialog.working)  # the password is checked in a worker
        return dialog.result()

    assert window.switch_user(ask=supervisor_signs_in)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert "Sync conflicts" in window.page_titles()  # the supervisor's role decides them
    assert window.sync_indicator is indicator and indicator.isVisible()
    window.sync_runner.refresh()  # reaches no page of the engineer's (deleted)
    page = open_page(window, "Sync")
    assert page is not old_page
    assert sync_now(qtbot, window).clean


def test_the_periodic_refresh_reads_the_status_off_the_gui_thread(qtbot, laptop, engineer,
                                                                   monkeypatch):
    from dataclasses import replace

    from ui.sync.windows import gaz_household

    from shelter_app.services.cases.households import household_view, update_household

    a = laptop("a")
    runner = SyncRunner(a.db)
    assert runner.status.pending == 0
    ref = gaz_household(a.db)
    before = household_view(a.db, engineer, ref).as_input()
    update_household(a.db, engineer, ref, replace(before, phone="+905321112233"), confirm=True)
    readers: list[threading.Thread] = []
    original = runner_module.sync_status
    monkeypatch.setattr(runner_module, "sync_status", lambda db, office_id: (
        readers.append(threading.current_thread()), original(db, office_id))[1])
    with qtbot.waitSignal(runner.status_changed, timeout=10_000) as seen:
        runner.timer.timeout.emit()
    assert seen.args[0].pending >= 1 and runner.status.pending == seen.args[0].pending
    assert readers and readers[0] is not threading.main_thread()


def test_the_page_reads_its_status_in_a_worker_when_shown_and_the_newest_read_wins(
        qtbot, demo_db, engineer, page_on, monkeypatch):
    """Showing the page shows the runner's last status at once and reads it again in a worker
    while the window keeps answering; a read begun before a newer one is dropped."""
    from ui.held import Held, answered, ticks

    page = page_on(demo_db, engineer)
    qtbot.waitUntil(lambda: not page.loading)  # the read of the first showing ended
    held = Held(runner_module.sync_status)
    monkeypatch.setattr(runner_module, "sync_status", held)
    page.hide()
    page.show()  # the status is read, held in its worker
    qtbot.waitUntil(lambda: held.on_gui_thread == [False], timeout=5000)
    assert page.loading and ticks(qtbot, page) >= 10
    with demo_db.write() as session:
        set_state(session, SERVER_KEY, "https://hub.example.org")
    newer = page.runner.refresh  # a read begun after the held one (a sync ending)
    monkeypatch.setattr(runner_module, "sync_status", runner_module.sync_status.function)
    assert newer().server_url == "https://hub.example.org" and not page.loading
    with demo_db.write() as session:
        set_state(session, SERVER_KEY, "https://older.example.org")
    shown = []
    page.runner.status_changed.connect(lambda status: shown.append(status))
    held.release.set()
    answered(qtbot)
    assert shown == []  # the held read's answer came after a newer one: dropped
    assert page.runner.status.server_url == "https://hub.example.org"


def test_a_status_read_that_fails_leaves_a_newer_one_reading_and_the_latest_says_why(
        qtbot, demo_db, engineer, page_on, monkeypatch, in_language):
    """A read that failed while a newer one ran ended the page's reading (its `loading`) as if
    the newer had come back, and no failure was ever said. Now a superseded read's failure
    changes nothing, and the latest read's is said on the page, in the user's language."""
    from PySide6.QtCore import QCoreApplication

    from shelter_app.domain.errors import UserError

    in_language("tr")
    page = page_on(demo_db, engineer)
    qtbot.waitUntil(lambda: not page.loading)  # the read of the first showing ended
    page.runner.timer.stop()  # no timed read among the two below
    gates = [threading.Event(), threading.Event()]
    began: list[int] = []

    def refused(_db, _office_id):
        read = len(began)  # the reads begin one after the other (below)
        began.append(read)
        assert gates[read].wait(10)
        raise UserError(f"read {read} refused")

    ended: list[int] = []
    failed = SyncRunner._status_failed
    monkeypatch.setattr(SyncRunner, "_status_failed", lambda self, *args: (
        ended.append(len(ended)), failed(self, *args)))
    monkeypatch.setattr(runner_module, "sync_status", refused)
    page.runner.refresh_in_background()
    qtbot.waitUntil(lambda: began == [0], timeout=5000)
    page.runner.refresh_in_background()  # a newer read: the older one's answer is stale
    qtbot.waitUntil(lambda: began == [0, 1], timeout=5000)
    gates[0].set()
    qtbot.waitUntil(lambda: ended == [0], timeout=5000)
    assert page.loading and page.error.isHidden()  # the newer read still runs
    gates[1].set()
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)
    said = QCoreApplication.translate("SyncPage",
                                      "The sync status could not be read again: {reason}")
    assert said.startswith("Eşitleme durumu")
    assert page.error.isVisible() and page.error.text() == said.format(reason="read 1 refused")


def test_a_reason_the_server_gave_in_turkish_is_listed_in_arabic(
        qtbot, qapp, phone_conflict, supervisor, window_on, tmp_path):
    from PySide6.QtCore import QCoreApplication, QLocale

    from shelter_app.ui.language import install_language

    locale = QLocale()
    source = "Changed on another machine too: {fields}; a supervisor decides."
    _, b, _ = phone_conflict()
    try:
        install_language(qapp, "tr")  # the server writes the reason in Turkish
        assert not b.sync().clean
        install_language(qapp, "ar")  # the laptop's user reads Arabic
        window = window_on(b.db, supervisor)
        page = open_page(window, QCoreApplication.translate("MainWindow", "Sync"))
        assert page is window.sync
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
        phone = QCoreApplication.translate("audit", "phone")  # the column by its Arabic name
        arabic = QCoreApplication.translate("sync", source).format(fields=phone)
        assert arabic != source.format(fields="phone") and "phone" not in arabic
        assert page.model.index(0, 4).data() == arabic
        window.grab().save("/tmp/sc/sync_ar.png")
    finally:
        install_language(qapp, "en")
        QLocale.setDefault(locale)


def test_signing_in_reads_the_sync_status_in_a_worker(qtbot, demo_db, engineer, monkeypatch):
    """The window shows at sign-in without reading the sync status on the GUI thread: the
    indicator says nothing until the status is read, a sync asked before that reads it first."""
    from ui.held import Held, answered

    from shelter_app.ui.main_window import MainWindow
    from shelter_app.ui.sync.runner import UNREAD

    with demo_db.write() as session:
        set_state(session, SERVER_KEY, "https://hub.example.org")
    held = Held(runner_module.sync_status,  # the worker's read waits; the GUI thread's not
                hold=lambda *_: threading.current_thread() is not threading.main_thread())
    monkeypatch.setattr(runner_module, "sync_status", held)
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: held.on_gui_thread == [False], timeout=5000)
    runner = window.sync_runner
    assert runner.reading and runner.status is UNREAD and not window.sync_indicator.isVisible()
    assert not runner.sync(manual=False)  # read at once, on the GUI thread: not enrolled
    assert held.on_gui_thread == [False, True] and runner.status.server_url is not None
    shown = []
    runner.status_changed.connect(lambda status: shown.append(status))
    held.release.set()
    answered(qtbot)
    assert shown == []  # the worker's read began before the one sync made: dropped


def test_a_refusal_with_a_day_and_a_field_made_in_turkish_reads_in_the_readers_language(
        qapp, laptop, engineer):
    from PySide6.QtCore import QCoreApplication, QLocale

    from shelter_app.services.sync.status import sync_status
    from shelter_app.ui import formats
    from shelter_app.ui.language import install_language

    a = laptop("engineer-laptop")
    ref, _, early, signed = _day_moved_before_the_works(a.db, engineer)
    locale = QLocale()
    source = ("{day} is before the agreement of {site} was signed on {signed}; no labour "
              "before the works start.")

    def expected() -> str:
        return QCoreApplication.translate("sync", "{field}: {reason}").format(
            field=QCoreApplication.translate("audit", "work date"),
            reason=QCoreApplication.translate("cash_for_work", source).format(
                day=formats.date_text(early), site=ref, signed=formats.date_text(signed)))
    try:
        install_language(qapp, "tr")  # the server writes the refusal in Turkish
        report = a.sync()
        assert report.refused == 1
        turkish = expected()
        assert turkish.startswith("çalışma günü: ")
        install_language(qapp, "ar")  # the laptop's user reads Arabic
        arabic = expected()
        assert sync_status(a.db).held[0].reason == arabic != turkish
        assert "work_date" not in arabic and early.strftime("%d.%m.%Y") in arabic
        install_language(qapp, "en")  # a day in the reader's notation: 05/10/2025
        assert sync_status(a.db).held[0].reason == expected()
        assert early.strftime("%d/%m/%Y") in expected()
    finally:
        install_language(qapp, "en")
        QLocale.setDefault(locale)


def test_a_change_only_an_administrator_makes_is_refused_naming_the_kind_and_the_record(
        qapp, laptop, engineer):
    """The server (in Turkish) refuses an engineer's change of a catalogue item; the laptop's
    user reads, in Arabic, which kind of record it was in their words (not the table's name),
    which record, and what to do."""
    from decimal import Decimal

    from PySide6.QtCore import QCoreApplication, QLocale
    from sqlalchemy import select

    from shelter_app.data.models import PriceItem
    from shelter_app.services.sync.status import sync_status
    from shelter_app.ui.language import install_language

    a = laptop("engineer-laptop")
    with a.db.write(engineer) as session:  # as an older laptop's rules would have let it
        item = session.scalars(select(PriceItem).order_by(PriceItem.code).limit(1)).one()
        item.unit_price += Decimal("1.00")
        code = item.code
    locale = QLocale()
    source = ("Only an administrator may change {table} records, so this change of {record} "
              "was not applied; if it is needed, ask an administrator to make it.")
    try:
        install_language(qapp, "tr")  # the server writes the refusal in Turkish
        assert a.sync().refused == 1
        install_language(qapp, "ar")  # the laptop's user reads Arabic
        arabic = QCoreApplication.translate("sync", source).format(
            table=QCoreApplication.translate("audit", "catalogue item"), record=code)
        [held] = sync_status(a.db).held
        assert held.reason == arabic != source.format(table="catalogue item", record=code)
        assert "price_items" not in arabic and code in arabic
    finally:
        install_language(qapp, "en")
        QLocale.setDefault(locale)


def test_the_arabic_summary_reads_right_when_nothing_was_sent(in_language):
    """"أُرسل لا تعديلات" (sent no changes) is no Arabic sentence: the counts stand after
    labels, as in the command line's summary."""
    from PySide6.QtCore import QCoreApplication

    from shelter_app.domain.i18n import translate

    in_language("ar")
    source = "Sent {pushed} ({applied}, {conflicts}, {refused}); received {pulled}."
    said = QCoreApplication.translate("SyncPage", source)
    assert said.startswith("المُرسَل: ") and said == translate("cli", source)


def test_a_held_labour_day_is_named_by_its_site_and_day(
        qtbot, laptop, engineer, window_on, in_language):
    """A labour day has no reference: the held list named it by its id
    ("iş günü 94c6cbc6-5029-…"), which told the user nothing to find it by."""
    from shelter_app.ui import formats

    in_language("tr")
    a = laptop("engineer-laptop")
    ref, day, _, _ = _day_moved_before_the_works(a.db, engineer)
    window = window_on(a.db, engineer)
    page = open_page(window, "Eşitleme")
    with qtbot.waitSignal(window.sync_runner.finished, timeout=30_000):
        qtbot.mouseClick(page.sync_button, CLICK)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    # the day as the laptop holds it again: the server's
    assert page.model.index(0, 1).data() == f"İş günü ({ref}, {formats.date_text(day)})"


def _day_moved_before_the_works(db: Database, engineer) -> tuple[str, date, date, date]:
    """A labour day of a signed site, in no approved timesheet, moved to a year before the
    agreement was signed, as an older laptop's rules would have let it (the server refuses
    it): its site, its day, the day it was moved to and the day of the signing."""
    from sqlalchemy import or_, select

    from shelter_app.data.models import Dwelling, LabourEntry, LeaseAgreement, Timesheet
    from shelter_app.domain.stages import ApprovalStatus

    with db.read() as session:
        entry_id, ref, day, signed = session.execute(
            select(LabourEntry.id, Dwelling.ref, LabourEntry.work_date, LeaseAgreement.signed_on)
            .join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
            .join(LeaseAgreement, LeaseAgreement.dwelling_id == Dwelling.id)
            .outerjoin(Timesheet, Timesheet.id == LabourEntry.timesheet_id)
            .where(LeaseAgreement.signed_on.is_not(None),
                   or_(Timesheet.id.is_(None), Timesheet.status != ApprovalStatus.APPROVED))
            .order_by(Dwelling.ref, LabourEntry.work_date, LabourEntry.id)  # the same day on
            .limit(1)).one()  # SQLite and PostgreSQL, whatever order their plans read rows in
    early = date(signed.year - 1, signed.month, min(signed.day, 28))
    with db.write(engineer) as session:
        session.get(LabourEntry, entry_id).work_date = early
    return ref, day, early, signed


def _day_given_to_ankara(hub, admin, *, approved: bool = False):
    """An administrator on the server gives a Gaziantep labour day to an Ankara worker (the day
    leaves the Gaziantep laptops at their next sync): its id, its site and its day. `approved`:
    a day of an approved timesheet, which the server refuses an engineer's change of (the
    demo's ids are new at each test session: any day would be a different one each time)."""
    from sqlalchemy import select
    from services.sync.machines import office_id

    from shelter_app.data.models import Dwelling, Household, LabourEntry, Timesheet, Worker
    from shelter_app.domain.stages import ApprovalStatus

    with hub.write(admin) as session:
        worker = session.scalar(select(Worker.id).join(Household).where(
            Household.office_id == office_id(hub, "ANK")).order_by(Worker.ref).limit(1))
        days = select(LabourEntry).join(
            Dwelling, LabourEntry.dwelling_id == Dwelling.id).where(
            Dwelling.office_id == office_id(hub, "GAZ"))
        if approved:
            days = days.join(Timesheet, Timesheet.id == LabourEntry.timesheet_id).where(
                Timesheet.status == ApprovalStatus.APPROVED)
        day = session.scalars(days.order_by(LabourEntry.id).limit(1)).one()
        day.worker_id = worker
        return day.id, session.get(Dwelling, day.dwelling_id).ref, day.work_date


def test_a_labour_day_that_left_the_laptop_is_named_by_its_site_and_day(
        qtbot, laptop, hub, engineer, admin, window_on, in_language):
    """The day leaves the Gaziantep laptop, and the page said so by the day's id, in lower
    case ("iş günü 94c6cbc6-…")."""
    from shelter_app.ui import formats

    a = laptop("engineer-laptop")
    _, ref, when = _day_given_to_ankara(hub, admin)
    in_language("tr")
    window = window_on(a.db, engineer)
    page = open_page(window, "Eşitleme")
    with qtbot.waitSignal(window.sync_runner.finished, timeout=30_000):
        qtbot.mouseClick(page.sync_button, CLICK)
    assert page.result.text().endswith(f"\n\nİş günü ({ref}, {formats.date_text(when)})")


def test_a_held_change_of_a_day_that_left_the_laptop_says_so_not_its_id(
        qtbot, laptop, hub, engineer, admin, window_on, in_language):
    """The engineer changed the task only of a day of an approved timesheet, while the server
    gave the day to Ankara: the server refuses the change, the day leaves the laptop, and
    nothing left here says where and when it was; the held list named it by its id ("İş günü
    018ce626-7bb0-…")."""
    from shelter_app.data.models import LabourEntry

    a = laptop("engineer-laptop")
    day_id, _, _ = _day_given_to_ankara(hub, admin, approved=True)
    with a.db.write(engineer) as session:
        session.get(LabourEntry, day_id).task = "Sıva"
    in_language("tr")
    window = window_on(a.db, engineer)
    page = open_page(window, "Eşitleme")
    with qtbot.waitSignal(window.sync_runner.finished, timeout=30_000):
        qtbot.mouseClick(page.sync_button, CLICK)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 1).data() == "İş günü (artık bu bilgisayarda değil)"
    assert page.model.index(0, 2).data() == "görev"


def test_a_day_that_left_the_laptop_with_its_site_is_named_by_its_day(laptop):
    """The day's change says where and when, but the site has left the laptop too: its id
    would tell the user nothing."""
    import uuid

    from shelter_app.domain.i18n import date_text
    from shelter_app.services.sync.record_names import record_labels

    a = laptop("engineer-laptop")
    values = {"dwelling_id": str(uuid.uuid4()), "work_date": "2026-10-05"}
    with a.db.read() as session:
        assert record_labels(session, [("labour_entries", uuid.uuid4(), values)]) == [
            f"on {date_text(date(2026, 10, 5))}"]
