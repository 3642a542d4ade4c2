"""`.ci/screens` grabs a screen once what shows in it has been read and built."""

import time

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
