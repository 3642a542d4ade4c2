"""Process start to main window shown, against a bare PySide6 QMainWindow in the same run.

Also reports `startup_ready` (target: at most 3x a bare Qt window showing a table of a page of
rows, measured beside it): process start until the dwellings list shows its first rows (the
database is opened and checked in the background after the window appears; the sign-in at
start is answered at once with the demo engineer's name and password, as an encrypted
database's unlocking gives them, so its argon2 check is included: at start, beside the loading
of the database layer, with the list's first page, services/accounts/at_start.py; an encrypted
database's key is unwrapped with it too, see benchmarks/encryption.py).

Every child runs with its byte-code cached, as an installed app does (pip compiles a wheel's
modules, the frozen build ships them compiled): a shell that sets PYTHONDONTWRITEBYTECODE made
each start of the app compile all of its own modules again (a third of a second of CPU), while
the bare windows' modules, all installed packages, came compiled. The cache is kept under
benchmarks/.cache, not beside the sources, and filled by a first, unmeasured run of each child.
"""

import os
import statistics
import subprocess
import sys
import time

from benchmarks.fixtures import PYCACHE, demo_database
from shelter_app.demo.programme import DEMO_PASSWORD

#: The children print "shown" once their first QMainWindow is shown and the event loop has run,
#: each moment with the process's own CPU time so far (what the machine's load does not inflate).
_REPORT_WHEN_SHOWN = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
def report(moment):
    print(moment, time.process_time() * 1000, flush=True)
_show = QMainWindow.show
def show(self):
    _show(self)
    QTimer.singleShot(0, lambda: report("shown"))
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
PASSWORD = sys.argv[2]  # the demo's, given by the parent: importing the demo is not start-up work
def ready():
    if not getattr(ready, "said", False):  # once: the rows shown at start, then attached
        ready.said = True
        report("ready")
        QApplication.quit()
_show_first_rows = MainWindow.show_first_rows
def show_first_rows(self, rows):  # ready once the rows read at start are shown
    _show_first_rows(self, rows)
    QTimer.singleShot(0, ready)
MainWindow.show_first_rows = show_first_rows
_attach = MainWindow.attach
def attach(self, db, actor):  # else once the dwellings list shows its first rows
    from shelter_app.ui.backup import automatic  # preloaded by now: not start-up work
    automatic.AutoBackup.run_if_due = lambda self: None  # measured by the backup benchmark
    _attach(self, db, actor)
    model = self.dwellings.model
    if model.loading:  # the first page is read in a worker: ready when its rows are shown
        model.loaded.connect(lambda: QTimer.singleShot(0, ready))
    else:
        QTimer.singleShot(0, ready)
MainWindow.attach = attach
from shelter_app.ui import app as app_module
CREDENTIALS = ("engineer.gaz", PASSWORD)
def unlock(target, parent):  # the sign-in at start: the key unwrapped with the password
    from shelter_app.data.database_file import is_locked
    if is_locked(target):
        from shelter_app.services import unlocking  # the key file alone: no database layer
        key, proof = unlocking.unlock_proving(target, *CREDENTIALS)
        return key, CREDENTIALS, proof  # its Argon2 proves the password: not computed again
    return None, CREDENTIALS, None  # a plain demo database is measured as it is, not converted
app_module.unlock = unlock
from shelter_app.cli.main import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def _time(code: str, *args: str) -> dict[str, float]:
    """Wall time (ms) from process start to each reported moment, and the child's own CPU time
    at it (`<moment>_cpu`)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPYCACHEPREFIX=str(PYCACHE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                               env=env, text=True)
    assert process.stdout is not None
    moments = {}
    for line in process.stdout:
        moment, cpu = line.split()
        moments[moment] = (time.perf_counter() - started) * 1000
        moments[f"{moment}_cpu"] = float(cpu)
    process.wait(timeout=60)
    if "shown" not in moments:
        raise RuntimeError(f"child did not show a window (exit {process.returncode})")
    return moments


def time_app(db: str) -> dict[str, float]:
    """`_time` of the app opening `db` and signing in as the demo's engineer."""
    return _time(_APP, db, DEMO_PASSWORD)


def run(repeat: int = 7) -> list[dict[str, object]]:
    db = str(demo_database(20_000))
    for warm in (_BARE, _BARE_TABLE):  # the file cache and byte-code, once each
        _time(warm)
    time_app(db)
    bares, tables, runs = [], [], []
    for _ in range(repeat):  # alternated, so a burst of load on the machine hits all three
        bares.append(_time(_BARE))
        tables.append(_time(_BARE_TABLE))
        runs.append(time_app(db))

    def median(times: list[dict[str, float]], moment: str) -> float:
        return round(statistics.median(each[moment] for each in times), 1)

    bare, table = median(bares, "shown"), median(tables, "shown")
    shown, ready = median(runs, "shown"), median(runs, "ready")
    bare_cpu, table_cpu = median(bares, "shown_cpu"), median(tables, "shown_cpu")
    shown_cpu, ready_cpu = median(runs, "shown_cpu"), median(runs, "ready_cpu")
    return [
        {"name": "startup", "value": shown, "unit": "ms", "baseline": bare,
         "ratio": round(shown / bare, 2), "target": "ratio <= 4", "cpu_ms": shown_cpu,
         "baseline_cpu_ms": bare_cpu, "cpu_ratio": round(shown_cpu / bare_cpu, 2)},
        {"name": "startup_ready", "value": ready, "unit": "ms", "baseline": table,
         "ratio": round(ready / table, 2), "target": "ratio <= 3",
         "baseline_is": "a bare Qt window showing a 200-row table", "bare_window_ms": bare,
         "cpu_ms": ready_cpu, "baseline_cpu_ms": table_cpu,
         "cpu_ratio": round(ready_cpu / table_cpu, 2)},
    ]
