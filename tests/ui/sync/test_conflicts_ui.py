"""The conflicts screen, for supervisors: three fields of one household changed on two laptops;
the supervisor on laptop B takes ours for one, keeps theirs for another and edits the third
(after a refused edit), then syncs; every machine ends with the decided values."""

import json
import uuid
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from services.sync.machines import office_id
from ui.sync.windows import CLICK, gaz_household, open_page, sync_now

from shelter_app.data.models import Conflict, Household
from shelter_app.services.cases.households import household_view, update_household
from shelter_app.ui.audit.labels import field_label
from shelter_app.ui.sync.conflicts import ConflictsModel, ConflictsPage
from shelter_app.ui.sync.runner import SyncRunner


@pytest.fixture
def conflicts(laptop, engineer):
    """Laptop A and B change phone, nationality and the members of one household from the same
    version; A syncs first; B syncs in the test and gets three conflicts."""
    a, b = laptop("engineer-laptop"), laptop("supervisor-laptop")
    ref = gaz_household(a.db)
    before = household_view(a.db, engineer, ref).as_input()
    first = min(before.members)
    for machine, phone, nationality, more in ((a, "+905321112233", "Iraqi", 1),
                                              (b, "+905449998877", "Afghan", 2)):
        members = dict(before.members) | {first: int(before.members[first]) + more}
        update_household(machine.db, engineer, ref, replace(
            before, phone=phone, nationality=nationality, members=members), confirm=True)
    assert a.sync().clean
    return a, b, ref, before, first


def select_field(qtbot, page: ConflictsPage, label: str) -> None:
    row = next(row for row in range(page.model.rowCount())
               if page.model.index(row, 1).data() == label)
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), CLICK, pos=rect.center())
    assert page.selected() is page.model.row_at(row)


def decide(qtbot, page: ConflictsPage, button, rows_after: int) -> None:
    qtbot.mouseClick(button, CLICK)
    assert not button.isEnabled()  # one decision at a time
    qtbot.waitUntil(lambda: page.model.rowCount() == rows_after and not page.busy,
                    timeout=10_000)


def held(window) -> list[str]:
    """The outcomes the Sync page's list of changes the server did not take shows."""
    model = window.sync.model
    return [model.index(row, 3).data() for row in range(model.rowCount())]


def test_supervisor_decides_three_conflicts_and_every_laptop_follows(
        qtbot, conflicts, hub, engineer, supervisor, window_on, monkeypatch):
    a, b, ref, before, first = conflicts
    window = window_on(b.db, supervisor)
    assert sync_now(qtbot, window).conflicts == 1  # one op, three fields
    assert held(window) == ["In conflict"]
    page = open_page(window, "Sync conflicts")
    assert page is window.conflicts
    assert page.model.rowCount() == 3
    assert {page.model.index(row, 1).data() for row in range(3)} == {
        "phone", "nationality", "members"}

    select_field(qtbot, page, "phone")
    assert page.detail.title() == f"Phone of household {ref}"
    assert page.base.text() == before.phone.replace(" ", "")  # as stored: +90553…
    assert page.ours.text() == "+905449998877" and page.theirs.text() == "+905321112233"
    assert "Mühendis Gaziantep" in page.ours_source.text()
    assert "supervisor-laptop" in page.ours_source.text()
    assert "Mühendis Gaziantep" in page.theirs_source.text()

    monkeypatch.setattr(ConflictsPage, "ask_value", lambda self, conflict: "+90 532 111 22 33 44")
    qtbot.mouseClick(page.edit_button, CLICK)
    qtbot.waitUntil(lambda: "at most 16 characters" in page.message.text(), timeout=10_000)
    assert page.model.rowCount() == 3 and "b00020" in page.message.styleSheet()

    select_field(qtbot, page, "phone")
    decide(qtbot, page, page.ours_button, 2)
    assert page.message.text().startswith(f"Phone of household {ref} is now +905449998877.")
    # the next one is shown, and it is the one the buttons decide (the list's reset had made
    # no row current: the next click decided nothing)
    assert page.selected() is page.model.row_at(0)
    assert page.detail.title().lower().startswith(field_label(page.model.row_at(0).field))
    select_field(qtbot, page, "nationality")
    decide(qtbot, page, page.theirs_button, 1)
    assert held(window) == ["In conflict"]  # its third field waits for a decision
    select_field(qtbot, page, "members")
    assert json.loads(page.ours.text())[first] == int(before.members[first]) + 2
    edited = dict(before.members) | {first: 7}
    monkeypatch.setattr(ConflictsPage, "ask_value",
                        lambda self, conflict: json.dumps(edited))
    decide(qtbot, page, page.edit_button, 0)
    assert page.empty.isVisible() and not page.detail.isVisible()
    assert window.sync_runner.status.open_conflicts == 0
    # decided, the change leaves the held list: the conflicts keep what was decided
    assert held(window) == [] and window.sync.held_box.isHidden()

    assert sync_now(qtbot, window).clean  # the decisions go to the server
    a.sync()
    for db in (hub, a.db, b.db):
        household = household_view(db, engineer, ref)
        assert household.nationality == "Iraqi"
        assert household.members[first] == 7
        with db.read() as session:
            assert session.scalar(select(Household.phone).where(Household.ref == ref)) == \
                "+905449998877"


def test_a_decision_in_the_inbox_goes_at_once_and_every_count_follows(
        qtbot, phone_conflict, supervisor, window_on):
    """The Inbox's conflicts did not follow the sync runner as the Sync conflicts page does: a
    decision taken there waited for the timed sync (five minutes), the status bar still counted
    the conflict and the Sync conflicts page still listed it. Now a decision taken in either
    starts a sync, and every count and list follows."""
    _, b, _ = phone_conflict()
    window = window_on(b.db, supervisor)
    assert sync_now(qtbot, window).conflicts == 1
    listed = open_page(window, "Sync conflicts")
    assert listed.model.rowCount() == 1
    inbox = open_page(window, "Inbox")
    assert inbox is window.inbox and inbox.kinds.item(3).text() == "Sync conflicts (1)"
    inbox.kinds.setCurrentRow(3)
    page = inbox.conflicts
    assert page.isVisible() and page.model.rowCount() == 1
    assert "conflicts: 1" in window.sync_indicator.text()
    with qtbot.waitSignal(window.sync_runner.finished, timeout=30_000) as synced:
        qtbot.mouseClick(page.theirs_button, CLICK)
    report, manual = synced.args
    assert report.pushed >= 1 and report.clean and not manual  # the decision went
    assert window.sync_runner.status.pending == 0
    assert page.model.rowCount() == 0 and listed.model.rowCount() == 0
    assert inbox.kinds.item(3).text() == "Sync conflicts (0)"
    assert "conflicts" not in window.sync_indicator.text()


def test_conflicts_model_passes_the_model_tester(qtmodeltester, conflicts, supervisor):
    _, b, _, _, _ = conflicts
    b.sync()
    model = ConflictsModel(b.db, supervisor)
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    assert model.index(0, 0).data().startswith("Household GAZ-")
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None


def test_a_turkish_conflict_title_starts_with_a_capital(
        qtbot, phone_conflict, supervisor, window_on, in_language):
    """The record's kind runs mid-sentence in lower case ("hane"), so a Turkish title that
    starts with it started "hane GAZ-H-000001 — telefon"."""
    in_language("tr")
    _, b, ref = phone_conflict()
    assert b.sync().conflicts == 1
    window = window_on(b.db, supervisor)
    page = open_page(window, "Eşitleme çakışmaları")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.index(0, 0).data() == f"Hane {ref}"
    assert page.detail.title() == f"Hane {ref} — telefon"
    with qtbot.waitSignal(window.sync_runner.finished, timeout=30_000):
        qtbot.mouseClick(page.theirs_button, CLICK)
    assert page.message.text().startswith(f"Hane {ref} — telefon artık ")


def test_the_status_bar_counts_the_conflicts_the_page_lists(
        qtbot, phone_conflict, supervisor, window_on):
    """The status bar counted every office's open conflicts while the conflicts pages list the
    supervisor's office's only: a conflict of another office in the database (the server's,
    or a laptop's after an administrator's change) made them disagree."""
    _, b, _ = phone_conflict()
    assert b.sync().conflicts == 1
    _add_another_offices_conflict(b.db)
    window = window_on(b.db, supervisor)
    page = open_page(window, "Sync conflicts")
    assert page.model.rowCount() == 1
    assert window.sync_runner.status.open_conflicts == 1
    assert "conflicts: 1" in window.sync_indicator.text()


def test_someone_of_no_office_signing_in_counts_every_offices_conflicts(
        qtbot, phone_conflict, supervisor):
    """A switch of user on the same database keeps the window's runner: it counts the new
    user's office (every office's for an administrator, as their conflicts page lists)."""
    _, b, _ = phone_conflict()
    assert b.sync().conflicts == 1
    _add_another_offices_conflict(b.db)
    runner = SyncRunner(b.db, office_id=supervisor.office_id)
    assert runner.status.open_conflicts == 1
    with qtbot.waitSignal(runner.status_changed) as read:
        runner.count_office(None)
    assert read.args[0].open_conflicts == 2 == runner.status.open_conflicts


def _add_another_offices_conflict(db) -> None:
    """A conflict of Ankara's, in a Gaziantep laptop's database."""
    with db.write() as session:
        ours = session.scalars(select(Conflict)).one()
        session.add(Conflict(entity=ours.entity, row_id=uuid.uuid4(), field=ours.field,
                             office_id=office_id(db, "ANK"), base="0", ours="1", theirs="2",
                             resolution=None, op_id=uuid.uuid4()))
