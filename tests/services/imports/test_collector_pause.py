"""An import's transaction runs with the cycle collector paused (services/collector_pause.py)."""

import gc
import weakref

import pytest
from import_files import household_line, turkish_csv

from shelter_app.services.collector_pause import collector_paused
from shelter_app.services.imports import runner
from shelter_app.services.imports.kinds import kind_named
from shelter_app.services.imports.mapping import auto_mapping
from shelter_app.services.imports.opening import read_source


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


@pytest.fixture
def collector_state():
    """The collector as it was after the test (the GUI's tests turn it off for the process)."""
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


def test_the_save_pauses_the_collector_and_restores_it_when_it_raises(
        demo_db, engineer, tmp_path, monkeypatch, collector_state):
    gc.enable()
    seen: list[bool] = []
    cycles: list[weakref.ref[_Node]] = []

    def failing_apply(*args, **kwargs):
        seen.append(gc.isenabled())
        cycles.append(weakref.ref(_Node()))
        raise RuntimeError("disk full")

    monkeypatch.setattr(runner, "_apply", failing_apply)
    source = read_source(turkish_csv(tmp_path / "hane.csv", [household_line(1)]))
    options = runner.Options("households", auto_mapping(kind_named("households"),
                                                        source.main.headers))
    with pytest.raises(RuntimeError, match="disk full"):
        runner.run_import(demo_db, engineer, source, options)
    assert seen == [False]
    assert gc.isenabled()
    assert cycles[0]() is None  # collected once the transaction ended


def test_a_collector_already_off_stays_off_and_nothing_is_collected_here(collector_state):
    gc.disable()  # as in the app: the GUI thread collects (ui/collector.py)
    with collector_paused():
        node = _Node()
        alive = weakref.ref(node)
        del node
    assert not gc.isenabled()
    assert alive() is not None
    gc.collect()
    assert alive() is None
