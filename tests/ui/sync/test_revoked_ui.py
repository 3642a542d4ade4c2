"""A laptop the server revoked: the runner stops and the window says why, then closes."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from shelter_app.services.sync.client import LaptopWiped
from shelter_app.ui.main_window import MainWindow
from shelter_app.ui.sync.runner import SyncRunner


def test_runner_stops_and_the_window_closes_after_a_wipe(qtbot, demo_db, engineer, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.attach(demo_db, engineer)
    runner = window.sync_runner
    assert isinstance(runner, SyncRunner)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(
        lambda parent, title, text: shown.append(f"{title}: {text}")))
    quits: list[bool] = []
    monkeypatch.setattr(QCoreApplication, "quit", staticmethod(lambda: quits.append(True)))
    runner.busy = True
    with qtbot.waitSignal(runner.wiped) as signal:
        runner._failed(LaptopWiped("Revoked. This laptop's copy has been erased."))
    assert signal.args == ["Revoked. This laptop's copy has been erased."]
    assert not runner.busy and not runner.timer.isActive()
    assert shown == ["This laptop was revoked: Revoked. This laptop's copy has been erased."]
    assert quits == [True] and not window.centralWidget().isVisible()
