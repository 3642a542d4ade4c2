"""The dwellings table model obeys Qt's model contract and pages through the service."""

from PySide6.QtCore import Qt
from ui.held import answered

from shelter_app.domain.collation import sorted_names
from shelter_app.ui.dwellings.model import ROW_ID_ROLE, DwellingTableModel


def test_model_passes_qt_model_tester(qtmodeltester, demo_db):
    model = DwellingTableModel(demo_db)
    qtmodeltester.check(model)
    model.set_filter("gaziantep")
    qtmodeltester.check(model)


def test_model_pages_and_sorts(qtbot, demo_db, monkeypatch):
    monkeypatch.setattr(DwellingTableModel, "PAGE", 40)
    model = DwellingTableModel(demo_db)
    assert model.rowCount() == 40
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.fetching_more)
    assert model.rowCount() == 120
    model.sort(4, Qt.SortOrder.AscendingOrder)  # read again in a worker
    qtbot.waitUntil(lambda: not model.loading)
    names = [model.row_at(r).household for r in range(model.rowCount())]
    assert names == sorted_names(names)  # in Turkish order: İbrahim after Hüseyin, not at the end
    assert model.data(model.index(0, 0), ROW_ID_ROLE)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Stage"


def test_the_next_page_is_read_in_a_worker(qtbot, demo_db, monkeypatch):
    """A view asks for more rows as soon as its last row could show (a hidden view too): the
    GUI thread does not wait for that page's query (a hundred ms on 100,000 dwellings)."""
    monkeypatch.setattr(DwellingTableModel, "PAGE", 40)
    model = DwellingTableModel(demo_db)
    model.fetchMore()
    assert model.rowCount() == 40 and model.fetching_more and not model.canFetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 80)
    assert not model.fetching_more and model.canFetchMore()
    refs = [model.row_at(row).ref for row in range(80)]
    assert len(set(refs)) == 80


def test_a_page_asked_before_the_rows_were_read_again_is_dropped(qtbot, demo_db, monkeypatch):
    monkeypatch.setattr(DwellingTableModel, "PAGE", 40)
    model = DwellingTableModel(demo_db)
    model.fetchMore()
    model.reload()  # a new search: the page being read belongs to the old rows
    assert not model.fetching_more
    answered(qtbot)  # the worker's answer, if any, is delivered
    assert model.rowCount() == 40


def test_unsortable_column_keeps_order(demo_db):
    model = DwellingTableModel(demo_db)
    before = [model.row_at(r).ref for r in range(model.rowCount())]
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert [model.row_at(r).ref for r in range(model.rowCount())] == before
