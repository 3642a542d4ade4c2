"""`.ci/screens` grabs a screen once what shows in it has been read and built."""

import time

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget
from sqlalchemy import select

from shelter_app.data.models import Dwelling, Office
from shelter_app.domain.stages import Stage
from shelter_app.ui import grabbing
from shelter_app.ui.dwellings import history_tab
from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog


def test_a_file_tab_is_grabbed_once_its_page_has_read_its_rows(qtbot, demo_db, engineer,
                                                               monkeypatch):
    """A dwelling file's tab is placed, then its page reads its rows in a worker: the grab
    waited for the tab only, and showed the History's or the Monitoring's empty table when
    the read took longer than the pause after it (a busy machine)."""
    history = history_tab.case_history
    monkeypatch.setattr(history_tab, "case_history",
                        lambda *args: (time.sleep(0.5), history(*args))[1])
    monkeypatch.setattr(grabbing, "PAUSE_MS", 0)
    with demo_db.read() as session:
        case = session.scalar(select(Dwelling.id).join(Office, Office.id == Dwelling.office_id)
                              .where(Dwelling.stage == Stage.MONITORED, Office.code == "GAZ")
                              .order_by(Dwelling.ref).limit(1))
    file = DwellingFileDialog(demo_db, engineer, case)
    qtbot.addWidget(file)
    file.show()
    titles = [file.tabs.tabText(index) for index in range(file.tabs.count())]
    file.tabs.setCurrentIndex(titles.index("History"))
    grabbing.settle()
    grabbing.loaded(file.tabs)
    page = file.tabs.currentWidget()
    assert isinstance(page, history_tab.HistoryTab)
    assert page.model.rowCount() > 0


def test_what_arrived_in_the_last_round_of_events_shows_in_the_grab(qtbot):
    """A read that arrives in the last round of events before the grab adds its widgets (a
    Monitoring tab's facts): Qt shows them a round later. Grabbed at once, the facts were
    missing above the visits they came with."""
    page = QWidget()
    layout = QFormLayout(page)
    qtbot.addWidget(page)
    page.show()
    grabbing.settle()
    fact = QLabel("26.11.2026")
    layout.addRow("Next visit due", fact)  # as the read's arrival does
    grabbing.loaded(page)
    assert fact.isVisible()
