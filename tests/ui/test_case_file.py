"""The dwelling file as the whole case: each tab shows its step's records and opens the area's
own editors, driven as an engineer and a supervisor would."""

import re
import subprocess
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool
from sqlalchemy import select
from ui.held import Held, busy, heartbeat, ticks

import photo_files

from shelter_app.data.models import Dwelling, Office
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, PhotoTag, Stage
from shelter_app.services.labour import timesheets
from shelter_app.services.photos.photos import import_photos
from shelter_app.ui.agreements.window import AgreementWindow
from shelter_app.ui.boq.editor import BoQEditor
from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog

LEFT = Qt.MouseButton.LeftButton


def _case(db, stage: Stage, office: str = "GAZ") -> str:
    with db.read() as session:
        return session.scalar(
            select(Dwelling.id).join(Office, Office.id == Dwelling.office_id)
            .where(Dwelling.stage == stage, Office.code == office).order_by(Dwelling.ref)
            .limit(1))


def test_a_new_boq_from_the_file_of_an_assessed_case(qtbot, demo_db, engineer):
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.ASSESSED))
    qtbot.addWidget(file)
    file.show()
    file.show_tab("boq_tab")  # the tab showing is refreshed after a change made in it
    tab = file.boq_tab
    assert tab.model.rowCount() == 0 and tab.buttons["new"].isEnabled()
    qtbot.mouseClick(tab.buttons["new"], LEFT)
    qtbot.waitUntil(lambda: tab.message.text() != "")  # drafted in a worker
    qtbot.waitUntil(lambda: not file.refreshing)
    assert tab.model.rowCount() == 1, tab.message.text()
    assert tab.model.row_at(0).dwelling_ref == file.file.ref
    assert not tab.buttons["new"].isEnabled()  # one BoQ per case; revisions come from it
    assert "1" in file.boq_tab.summary.text()
    qtbot.mouseClick(tab.buttons["open"], LEFT)
    assert isinstance(tab.window_, BoQEditor)
    tab.window_.close()


def test_the_file_of_a_monitored_case_shows_every_step(qtbot, demo_db, engineer):
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    qtbot.addWidget(file)
    file.show()
    boqs = [file.boq_tab.model.row_at(n) for n in range(file.boq_tab.model.rowCount())]
    assert ApprovalStatus.APPROVED in {row.status for row in boqs}
    assert all(row.dwelling_ref == file.file.ref for row in boqs)
    agreements = file.agreement_tab.rows()
    assert agreements and {row.dwelling_ref for row in agreements} == {file.file.ref}
    assert file.monitoring_tab.number == agreements[0].number
    qtbot.waitUntil(lambda: not file.monitoring_tab.loading)  # its visits, read in a worker
    assert file.monitoring_tab.visits.rowCount() > 0
    file.show_tab("labour_tab")  # its timesheets come a turn after it shows
    labour = file.labour_tab
    assert labour.log.site == file.file.ref and labour.log.sites.isHidden()
    qtbot.waitUntil(lambda: not labour.loading)  # the timesheets are read in a worker
    sheets = [labour.timesheets.model.row_at(n)
              for n in range(labour.timesheets.model.rowCount())]
    assert sheets and {row.site_ref for row in sheets} == {file.file.ref}
    # days may be halves: a value after the label, never "1 days"
    summary = {label: value for label, value, _ in file._fields(file.file)}
    assert re.fullmatch(r"\d+(\.5)?; paid: ₺[\d,]+\.\d\d", summary["Cash-for-work days"])
    for tab in (file.boq_tab, file.agreement_tab):  # references neither cut nor wrapped
        assert tab.model.rowCount() and all(
            tab.table.columnWidth(column) >= tab.table.sizeHintForColumn(column)
            for column in range(tab.model.columnCount() - 1))  # the last takes the rest
    # Summary links open their tabs
    file.show_tab("agreement_tab")
    assert file.tabs.currentWidget() is file.agreement_tab
    qtbot.keyClick(file.agreement_tab.table, Qt.Key.Key_Return)
    assert isinstance(file.agreement_tab.window_, AgreementWindow)
    file.agreement_tab.window_.close()


def test_no_visit_is_offered_before_an_agreement(qtbot, demo_db, engineer):
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.BOQ_APPROVED))
    qtbot.addWidget(file)
    assert file.monitoring_tab.number is None
    assert not file.monitoring_tab.visit_button.isVisibleTo(file)
    statuses = {row.status for row in file.agreement_tab.rows()}
    assert file.agreement_tab.buttons["new"].isEnabled() == (
        not statuses & {AgreementStatus.DRAFT, AgreementStatus.PRINTED})


def test_no_placeholder_is_left_in_the_app():
    root = Path(__file__).parents[2] / "shelter_app"
    found = subprocess.run(
        ["grep", "-rn", "-e", "later version", "-e", "not available in this version",
         str(root), "--include=*.py"],
        capture_output=True, text=True).stdout
    assert found == ""


def test_the_labour_tab_builds_the_payments_when_first_shown(qtbot, demo_db, engineer,
                                                           monkeypatch):
    """Opening the Labour tab reads the site's days and timesheets, not the office's payment
    batches and pending days: those are read when the Payments tab is first shown."""
    from shelter_app.ui.labour import payments_tab

    asked: list[str] = []
    original = payments_tab.payments.pending_days
    monkeypatch.setattr(payments_tab.payments, "pending_days",
                        lambda *args: asked.append(args[-1]) or original(*args))
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.WORKS_IN_PROGRESS))
    qtbot.addWidget(file)
    file.show()
    file.show_tab("labour_tab")
    labour = file.labour_tab
    qtbot.waitUntil(lambda: not labour.loading)
    assert asked == [] and not labour.findChildren(payments_tab.PaymentsTab)
    labour.lower.setCurrentIndex(1)  # the user opens Payments
    assert labour.lower.currentWidget() is labour.payments
    assert isinstance(labour.payments, payments_tab.PaymentsTab) and asked
    assert labour.payments.pending.text()  # the month's pending days are shown


def test_the_summary_shows_values_as_typed_and_only_links_as_rich_text(qtbot, demo_db, engineer):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from shelter_app.data.models import Dwelling

    dwelling = _case(demo_db, Stage.ASSESSED)
    with demo_db.write(engineer) as session:
        session.get(Dwelling, dwelling).street = "Kat <b>2</b> & Daire 5"
    file = DwellingFileDialog(demo_db, engineer, dwelling)
    qtbot.addWidget(file)
    labels = [file.summary.itemAt(row, file.summary.ItemRole.FieldRole).widget()
              for row in range(file.summary.rowCount())]
    values = [label for label in labels if isinstance(label, QLabel)]
    assert any("Kat <b>2</b> & Daire 5" in label.text() for label in values
               if label.textFormat() == Qt.TextFormat.PlainText)
    assert all("<a href=" in label.text() for label in values
               if label.textFormat() == Qt.TextFormat.RichText)


@pytest.fixture
def held_timesheets(monkeypatch):
    """The site's timesheets held in their worker until the test releases them."""
    found = Held(timesheets.list_timesheets)
    monkeypatch.setattr(timesheets, "list_timesheets", found)
    yield found
    found.release.set()
    QThreadPool.globalInstance().waitForDone()


def test_the_labour_tab_reads_the_sites_timesheets_off_the_gui_thread(
        qtbot, demo_db, engineer, held_timesheets):
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    qtbot.addWidget(file)
    file.show()
    file.show_tab("labour_tab")  # returns with the read still held
    labour = file.labour_tab
    assert labour.loading and labour.timesheets.model.rowCount() == 0
    assert ticks(qtbot, file) >= 10  # the window answers meanwhile
    with qtbot.waitSignal(labour.timesheets.model.loaded, timeout=5000):
        held_timesheets.release.set()
    assert labour.timesheets.model.rowCount() > 0 and not labour.loading
    assert held_timesheets.on_gui_thread == [False]


def test_timesheets_arriving_after_the_file_is_gone_are_dropped(
        qtbot, demo_db, engineer, held_timesheets):
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    file.show_tab("labour_tab")
    model = file.labour_tab.timesheets.model
    file.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(model)
    held_timesheets.release.set()
    assert held_timesheets.ended.wait(5)
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()  # the late rows reach no model, and nothing breaks
    assert held_timesheets.on_gui_thread == [False]


def test_a_tab_the_user_opens_is_built_a_turn_later_and_the_timesheets_one_more(
        qtbot, demo_db, engineer):
    """Each is its own block of the GUI thread: the switch (the tab's empty place shows), the
    Labour tab's week, then its timesheets; a tab named by code is built at once."""
    from PySide6.QtWidgets import QSplitter

    from shelter_app.ui.dwellings.labour_tab import LabourTab
    from shelter_app.ui.labour.timesheets_tab import TimesheetsTab

    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.WORKS_IN_PROGRESS))
    qtbot.addWidget(file)
    file.show()
    index = [file.tabs.tabText(tab) for tab in range(file.tabs.count())].index("Labour")
    assert not file.built("labour_tab")
    file.tabs.setCurrentIndex(index)  # the user opens it
    assert not file.built("labour_tab") and file.tabs.currentIndex() == index
    while not file.built("labour_tab"):
        QCoreApplication.processEvents()  # one turn at a time
    labour = file.tabs.currentWidget()
    assert isinstance(labour, LabourTab) and file.tabs.currentIndex() == index
    assert not labour.findChildren(TimesheetsTab) and labour.loading
    qtbot.waitUntil(lambda: bool(labour.findChildren(TimesheetsTab)))
    qtbot.waitUntil(lambda: not labour.loading)
    assert labour.lower.currentWidget() is labour.timesheets
    assert labour.timesheets.model.rowCount() > 0
    week, sheets = labour.findChild(QSplitter).sizes()  # split again once they are built:
    assert sheets > 0.35 * (week + sheets), (week, sheets)  # their empty place had ~30 %
    history = file.history_tab  # named: built now, the Labour tab stays current
    assert file.built("history_tab") and file.tabs.currentWidget() is labour
    qtbot.waitUntil(lambda: not history.loading)  # its rows, read in a worker
    assert history.model.rowCount() > 0


def test_the_timesheets_are_built_on_one_turn_and_placed_on_a_later_one(qtbot, demo_db,
                                                                        engineer, monkeypatch):
    """Building the site's timesheets and styling, laying out and painting them as they show
    are two blocks of the GUI thread, not one: a timer due meanwhile runs between them."""


    from shelter_app.ui.dwellings.labour_tab import LabourTab
    from shelter_app.ui.labour.timesheets_tab import TimesheetsTab

    build = LabourTab._build_timesheets

    def slow(self: LabourTab) -> TimesheetsTab:  # as on a busy programme: ~12 ms
        busy(0.012)
        return build(self)

    monkeypatch.setattr(LabourTab, "_build_timesheets", slow)
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.WORKS_IN_PROGRESS))
    qtbot.addWidget(file)
    file.show()
    seen: list[tuple[bool, bool]] = []  # (timesheets built, placed) at each tick of 4 ms

    def tick() -> None:
        labour = file.tabs.currentWidget()
        if isinstance(labour, LabourTab):
            seen.append((bool(labour.findChildren(TimesheetsTab)),
                         labour.lower.is_built(0)))

    beat = heartbeat(file, tick)
    file.show_tab("labour_tab")
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (True, True))
    beat.stop()
    assert (True, False) in seen  # built, not yet in its place: a tick came between


def test_a_long_history_is_worded_in_a_worker_and_shown_over_several_turns(
        qtbot, demo_db, engineer, monkeypatch):
    """A case with a long trail (500 changes: ~50 ms to word, ~50 ms to put in and measure)
    never freezes the window: the changes are worded off the GUI thread and the rows put in
    a hundred a turn, each as high as its wrapped text."""
    import threading

    from shelter_app.ui.dwellings import history_tab

    worded: set[threading.Thread] = set()
    history, describe = history_tab.case_history, history_tab.describe_changes
    monkeypatch.setattr(history_tab, "case_history", lambda *args: history(*args) * 25)
    monkeypatch.setattr(history_tab, "describe_changes", lambda *args: (
        worded.add(threading.current_thread()), describe(*args))[1])
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    qtbot.addWidget(file)
    file.show()
    tab = file.history_tab
    counts: list[int] = []  # the rows shown at each tick of a 4 ms timer
    beat = heartbeat(tab, lambda: counts.append(tab.model.rowCount()))
    qtbot.waitUntil(lambda: not tab.loading, timeout=10_000)
    beat.stop()
    total = tab.model.rowCount()
    assert total > history_tab.HistoryTab.ROWS_A_TURN
    assert worded and threading.main_thread() not in worded
    assert any(0 < count < total for count in counts)  # a tick between two turns' rows
    for row in (0, total - 1):  # every row as high as its text, the last ones too
        assert tab.table.rowHeight(row) >= tab.table.sizeHintForRow(row) > 0


def test_a_tab_opened_after_the_household_link_changed_shows_the_household_linked_now(
        qtbot, demo_db, engineer):
    """A tab's read is of the file as it is when the tab is opened: a refresh that finds
    another household linked (an edit, a sync) makes the Household tab read that one, not
    the one linked when the file opened."""
    from shelter_app.data.models import Household

    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    qtbot.addWidget(file)
    file.show()
    assert file.file.household is not None
    with demo_db.write() as session:
        dwelling = session.get(Dwelling, file.file.id)
        other = session.scalars(select(Household).where(
            Household.office_id == dwelling.office_id,
            Household.id != dwelling.household_id)).first()
        dwelling.household_id, linked = other.id, other.ref
    file.refresh()
    qtbot.waitUntil(lambda: not file.refreshing)
    assert file.file.household.ref == linked
    file.show_tab("household_tab")
    qtbot.waitUntil(lambda: file.built("household_tab"))
    shown = file.household_tab.form.itemAt(0, file.household_tab.form.ItemRole.FieldRole)
    assert shown.widget().text() == linked


def test_a_refresh_of_the_monitoring_builds_no_agreement_tab(qtbot, demo_db, engineer):
    """The Monitoring tab is built from its own read: a change made from the file refreshes it
    without building the Agreement tab (its read and widgets) just for its rows."""
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    qtbot.addWidget(file)
    file.show()
    file.show_tab("monitoring_tab")
    qtbot.waitUntil(lambda: file.built("monitoring_tab"))
    qtbot.waitUntil(lambda: not file.monitoring_tab.loading)
    number = file.monitoring_tab.number
    file.refresh()
    qtbot.waitUntil(lambda: not file.refreshing)
    assert not file.built("agreement_tab")
    qtbot.waitUntil(lambda: not file.monitoring_tab.loading)
    assert number and file.monitoring_tab.number == number


def test_a_refresh_reads_in_a_worker_and_the_tabs_not_showing_when_shown_again(
        qtbot, demo_db, engineer, monkeypatch):
    """After a change made from the file the window does not wait for the reads (60-115 ms
    of a busy case): the Summary's are made in a worker, the tab showing is refreshed, and
    the other tabs built so far are read again only when they show again."""
    from shelter_app.ui.dwellings import file_dialog

    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    qtbot.addWidget(file)
    file.show()
    for name in ("boq_tab", "assessments_tab"):
        file.show_tab(name)
        qtbot.waitUntil(lambda name=name: file.built(name))
    with demo_db.write() as session:
        session.get(Dwelling, file.file.id).street = "Gül Sokak"
    read = Held(file_dialog.dwelling_file, hold=lambda *args: False)
    monkeypatch.setattr(file_dialog, "dwelling_file", read)
    file.refresh()
    qtbot.waitUntil(lambda: not file.refreshing)
    assert read.on_gui_thread == [False]
    address = file.summary.itemAt(2, file.summary.ItemRole.FieldRole).widget().text()
    assert "Gül Sokak No:" in address
    assert file.built("assessments_tab") and not file.built("boq_tab")
    file.show_tab("boq_tab")
    qtbot.waitUntil(lambda: file.built("boq_tab"))
    assert file.boq_tab.model.rowCount() >= 1


def test_a_file_closed_before_its_refresh_arrives_ignores_it(qtbot, demo_db, engineer,
                                                            monkeypatch):
    from shelter_app.ui.dwellings import file_dialog

    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    file.show()
    read = Held(file_dialog.dwelling_file)
    monkeypatch.setattr(file_dialog, "dwelling_file", read)
    file.refresh()
    file.close()
    shiboken6.delete(file)
    read.release.set()
    assert read.ended.wait(10)
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()  # the late answer: dropped, no error


def test_the_history_and_the_monitoring_are_read_in_a_worker(qtbot, demo_db, engineer,
                                                             monkeypatch):
    """The audit trail and the agreement in force of a busy case take tens of milliseconds
    to read: the tabs show at once, their rows a moment later, read off the GUI thread."""
    import threading

    from shelter_app.ui.dwellings import history_tab, monitoring_tab

    threads: list[tuple[str, threading.Thread]] = []
    for module, name in ((history_tab, "case_history"), (monitoring_tab, "agreement_view")):
        read = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, read=read, name=name: (
            threads.append((name, threading.current_thread())), read(*args))[1])
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    qtbot.addWidget(file)
    file.show()
    history, monitoring = file.history_tab, file.monitoring_tab
    assert history.loading and monitoring.loading and history.model.rowCount() == 0
    qtbot.waitUntil(lambda: not history.loading and not monitoring.loading)
    assert history.model.rowCount() > 0 and monitoring.visits.rowCount() > 0
    assert sorted(name for name, _ in threads) == ["agreement_view", "case_history"]
    assert threading.main_thread() not in {thread for _, thread in threads}


def test_the_tabs_a_user_opens_are_read_in_a_worker(qtbot, demo_db, engineer, monkeypatch,
                                                    tmp_path):
    """A busy case's household, assessments, photos, BoQs and agreements take tens of
    milliseconds to read: a tab the user opens reads them off the GUI thread and shows them
    once they arrive."""
    import threading

    from shelter_app.ui.dwellings import file_dialog

    threads: dict[str, set[threading.Thread]] = {}
    for name in ("read_household", "dwelling_assessments", "read_photos", "list_boqs",
                 "list_agreements"):
        read = getattr(file_dialog, name)
        monkeypatch.setattr(file_dialog, name, lambda *args, read=read, name=name, **named: (
            threads.setdefault(name, set()).add(threading.current_thread()),
            read(*args, **named))[1])
    ref = _case(demo_db, Stage.MONITORED)
    for tag, seed in ((PhotoTag.BEFORE, 1), (PhotoTag.AFTER, 2)):
        import_photos(demo_db, engineer, ref, [photo_files.photo(
            tmp_path / f"{tag}.jpg", seed=seed, tag=tag, size=(320, 240))], tag=tag)
    file = DwellingFileDialog(demo_db, engineer, ref)
    qtbot.addWidget(file)
    file.show()
    for name in ("household_tab", "assessments_tab", "photos_tab", "boq_tab", "agreement_tab",
                 "monitoring_tab"):
        file.show_tab(name)  # as a click on its title or its Summary link
        assert not file.built(name)
        qtbot.waitUntil(lambda name=name: file.built(name))
        assert file.tabs.currentWidget() is getattr(file, name)
    assert set(threads) == {"read_household", "dwelling_assessments", "read_photos",
                            "list_boqs", "list_agreements"}
    assert threading.main_thread() not in set().union(*threads.values())
    assert file.household_tab.members is not None
    assert file.household_tab.form.rowCount() > 1  # the household's facts
    assessments = file.assessments_tab
    assert assessments.model.rowCount() > 0 and assessments.details.toPlainText()
    photos = file.photos_tab
    assert photos.panel.model.rowCount() > 0 and "photos" in photos.panel.status.text()
    assert photos.panel.model.rowCount() == 2
    for tag, side in photos.sides.items():
        assert [row.tag for row in side.rows] == [tag]
    assert file.boq_tab.model.rowCount() > 0 and file.agreement_tab.model.rowCount() > 0
    qtbot.waitUntil(lambda: not file.monitoring_tab.loading)
    assert file.monitoring_tab.visits.rowCount() > 0


@pytest.mark.parametrize("code", ["tr", "ar"])
def test_the_files_agreement_and_boq_lists_show_their_references_whole(qtbot, demo_db,
                                                                        engineer, in_language,
                                                                        code):
    """The Agreement tab cut its number ("ADA-2026-00…") and the BoQ tab wrapped its reference
    ("GAZ-" above "D-000001-B1") in columns of the default width, in Arabic too; the Agreement
    summary's number, dates and rent are each a direction island of the Arabic line."""
    in_language(code)
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    qtbot.addWidget(file)
    file.show()
    for tab in (file.agreement_tab, file.boq_tab):
        table = tab.table
        for column in range(tab.model.columnCount() - 1):  # the last takes the rest
            assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
        ref = tab.model.index(0, 0).data()
        margin = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin)
        assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance(ref) + margin
    row = file.agreement_tab.rows()[0]
    summary = file.agreement_tab.summary.text()
    if code == "ar":
        assert summary.startswith("\u200f") and f"\u2068{row.number}\u2069" in summary
    else:
        assert summary.startswith(f"{row.number}: ")


def test_a_stage_button_clicked_again_before_the_refresh_arrives_moves_nothing(
        qtbot, demo_db, engineer, monkeypatch):
    """The file is read again in a worker after a stage move: until it arrives the buttons
    are of the stage the case has left. Clicked again (a double click), the one just used
    asked the service for the stage the case is already at, and its refusal stayed under
    the new buttons."""
    from shelter_app.services.cases.flow import stage_options
    from shelter_app.ui.dwellings import file_dialog

    with demo_db.read() as session:
        ids = session.scalars(select(Dwelling.id).where(Dwelling.ref.startswith("GAZ-"))
                              .order_by(Dwelling.ref)).all()
    dwelling_id, stage = next((id_, option.stage) for id_ in ids
                              for option in stage_options(demo_db, engineer, id_)
                              if not option.missing)
    file = DwellingFileDialog(demo_db, engineer, dwelling_id)
    qtbot.addWidget(file)
    file.show()
    read = Held(file_dialog.dwelling_file)
    monkeypatch.setattr(file_dialog, "dwelling_file", read)
    button = file.stage_bar.buttons[stage]
    qtbot.mouseClick(button, LEFT)
    assert file.refreshing
    assert not button.isEnabled()  # until the new stage's buttons come
    qtbot.mouseClick(button, LEFT)
    read.release.set()
    qtbot.waitUntil(lambda: not file.refreshing)
    assert file.file.stage is stage
    assert not file.stage_bar.message.isVisibleTo(file), file.stage_bar.message.text()


def test_a_tab_built_but_not_yet_placed_when_a_refresh_arrives_is_built_again(
        qtbot, demo_db, engineer, monkeypatch):
    """A tab is built on one turn and placed on a later one: a change made in between is
    shown, not the page built before it."""
    from shelter_app.services.boq.boq import create_boq
    from shelter_app.ui.lazy_tabs import LazyTabs

    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.ASSESSED))
    qtbot.addWidget(file)
    file.show()
    place = LazyTabs._place
    held: list[object] = []
    monkeypatch.setattr(LazyTabs, "_place", lambda self, waiting: held.append(waiting))
    file.show_tab("boq_tab")
    qtbot.waitUntil(lambda: bool(held))  # built with no BoQ, its placing held
    create_boq(demo_db, engineer, file.file.ref)
    monkeypatch.setattr(LazyTabs, "_place", place)
    file.refresh()
    qtbot.waitUntil(lambda: not file.refreshing and file.built("boq_tab"))
    assert file.boq_tab.model.rowCount() == 1


@pytest.mark.parametrize("code", ["tr", "ar"])
def test_the_newest_assessment_is_selected_with_its_details(qtbot, demo_db, engineer,
                                                           in_language, code):
    """QTableView.selectRow selected nothing right to left once the columns filled the view: in
    Arabic the first assessment's details showed, its row unselected. So after a refresh."""
    in_language(code)
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    qtbot.addWidget(file)
    file.show()
    file.show_tab("assessments_tab")
    qtbot.waitUntil(lambda: file.built("assessments_tab"))
    tab = file.assessments_tab
    qtbot.waitExposed(tab.table)
    assert tab.isRightToLeft() == (code == "ar")
    for _ in range(2):
        assert [index.row() for index in tab.table.selectionModel().selectedRows()] == [0]
        assert tab.table.currentIndex().row() == 0
        assert tab.details.toPlainText() == tab.describe(tab.model.row_at(0))
        tab.refresh()


@pytest.mark.parametrize("code", ["tr", "ar"])
def test_an_assessors_name_stands_on_one_line_in_the_file(qtbot, demo_db, engineer,
                                                         in_language, code):
    """At the file's 1,000 px every column was 100 px wide: "Mühendis Gaziantep" wrapped onto
    two lines while the last column took half the row."""
    in_language(code)
    file = DwellingFileDialog(demo_db, engineer, _case(demo_db, Stage.MONITORED))
    qtbot.addWidget(file)
    file.show()
    assert file.width() == 1000
    file.show_tab("assessments_tab")
    qtbot.waitUntil(lambda: file.built("assessments_tab"))
    table = file.assessments_tab.table
    qtbot.waitExposed(table)
    assert table.model().index(0, 1).data() == "Mühendis Gaziantep"
    assert not table.wordWrap()
    for column in range(6):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
    assert table.horizontalHeader().length() <= table.viewport().width()
