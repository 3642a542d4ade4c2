"""Process start to main window shown, against a bare PySide6 QMainWindow in the same run.

Also reports `startup_ready` (target: at most 3x a bare Qt window showing a table of a page of
rows, measured beside it): process start until the dwellings list shows its first rows (the
database is opened and checked in the background after the window appears; the sign-in is
answered at once with the demo engineer's password, so its argon2 check is included; an
encrypted database's key is unwrapped with it too, see benchmarks/encryption.py).
"""

import os
import statistics
import subprocess
import sys
import time

from benchmarks.fixtures import demo_database

#: The children print "shown" once their first QMainWindow is shown and the event loop has run.
_REPORT_WHEN_SHOWN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
_show = QMainWindow.show
def show(self):
    _show(self)
    QTimer.singleShot(0, lambda: print("shown", flush=True))
QMainWindow.show = show
"""
_BARE = _REPORT_WHEN_SHOWN + """
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""
_BARE_TABLE = _REPORT_WHEN_SHOWN + """
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QTableView
class Rows(QAbstractTableModel):  # a page of the dwellings list: 200 rows, 6 columns
    def rowCount(self, parent=None):
        return 200
    def columnCount(self, parent=None):
        return 6
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"GAZ-D-{index.row():06d} {index.column()}"
app = QApplication(sys.argv[:1])
window = QMainWindow()
table = QTableView()
table.setModel(Rows(table))
window.setCentralWidget(table)
window.resize(1100, 680)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""
_APP = _REPORT_WHEN_SHOWN + """
from shelter_app.ui.main_window import MainWindow
def answer_sign_in():  # patched after "shown": importing these modules is not start-up work
    from shelter_app.services.accounts import auth
    from shelter_app.demo import programme as demo
    from shelter_app.ui.backup import automatic as auto_backup
    from shelter_app.ui.auth import dialogs
    dialogs.identify = lambda db, parent=None, **_: auth.sign_in(db, "engineer.gaz",
                                                                 demo.DEMO_PASSWORD)[0]
    auto_backup.AutoBackup.run_if_due = lambda self: None  # measured by the backup benchmark
_show_main = MainWindow.show
def show_main(self):
    _show_main(self)
    QTimer.singleShot(0, answer_sign_in)
MainWindow.show = show_main
_attach = MainWindow.attach
def attach(self, db, actor):
    _attach(self, db, actor)
    QTimer.singleShot(0, lambda: (print("ready", flush=True), QApplication.quit()))
MainWindow.attach = attach
from shelter_app.ui import app as app_module
def unlock(target, parent):  # the sign-in at start: the key unwrapped with the password
    from shelter_app.demo.programme import DEMO_PASSWORD
    from shelter_app.services import encryption
    if encryption.is_locked(target):
        return encryption.unlock(target, "engineer.gaz", DEMO_PASSWORD), None
    return None, None  # a plain demo database is measured as it is, not converted
app_module.unlock = unlock
from shelter_app.cli.main import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def _time(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                               env=env, text=True)
    assert process.stdout is not None
    moments = {}
    for line in process.stdout:
        moments[line.strip()] = (time.perf_counter() - started) * 1000
    process.wait(timeout=60)
    if "shown" not in moments:
        raise RuntimeError(f"child did not show a window (exit {process.returncode})")
    return moments


def run(repeat: int = 7) -> list[dict[str, object]]:
    db = str(demo_database(20_000))
    _time(_APP, db)  # warm the file cache and byte-code once
    bares, tables, runs = [], [], []
    for _ in range(repeat):  # alternated, so a burst of load on the machine hits all three
        bares.append(_time(_BARE)["shown"])
        tables.append(_time(_BARE_TABLE)["shown"])
        runs.append(_time(_APP, db))
    bare, table = statistics.median(bares), statistics.median(tables)
    shown = statistics.median(run["shown"] for run in runs)
    ready = statistics.median(run["ready"] for run in runs)
    return [
        {"name": "startup", "value": round(shown, 1), "unit": "ms", "baseline": round(bare, 1),
         "ratio": round(shown / bare, 2), "target": "ratio <= 4"},
        {"name": "startup_ready", "value": round(ready, 1), "unit": "ms",
         "baseline": round(table, 1), "ratio": round(ready / table, 2),
         "target": "ratio <= 3", "baseline_is": "a bare Qt window showing a 200-row table",
         "bare_window_ms": round(bare, 1)},
    ]
