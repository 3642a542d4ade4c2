"""case_file: a full dwelling file opens (target <= 150 ms) on the programme database
(100,000 dwellings, a million labour days; benchmarks.fixtures.programme_database): from the
click to the dialog built with every tab filled (BoQs, agreements, visits, the site's week and
timesheets, photos, the case's history, the money paid) and painted offscreen.

The case chosen is the heaviest: the monitored dwelling with the most labour days. Beside it,
the baseline of the same run: `dwelling_file`, the one read the file made before its tabs were
real (the Summary's counts).
"""

import os
import statistics
import time

RUNS = 7


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def case_file() -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from benchmarks.fixtures import heaviest_case, programme_database
    from shelter_app.data.engine import Database, target_url
    from shelter_app.data.models import Dwelling, User
    from shelter_app.services.accounts.auth import Actor
    from shelter_app.services.cases.dwellings import dwelling_file
    from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog

    app = QApplication.instance() or QApplication([])
    db = Database(target_url(str(programme_database())))
    with db.read() as session:
        dwelling_id, days = heaviest_case(session)
        office = session.scalar(select(Dwelling.office_id).where(Dwelling.id == dwelling_id))
        user = session.scalar(select(User).where(User.office_id == office,
                                                 User.username.startswith("supervisor.")))
        actor = Actor(user.id, user.username, user.full_name, user.role, user.office_id)
    baselines, opened = [], []
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        dwelling_file(db, dwelling_id)
        baselines.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        dialog = DwellingFileDialog(db, actor, dwelling_id)
        dialog.show()
        dialog.grab()  # lays out and paints the first tab
        opened.append((time.perf_counter() - started) * 1000)
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
    db.dispose()
    value, baseline = _median(opened[1:]), _median(baselines[1:])
    return {"name": "case_file", "value": value, "unit": "ms", "baseline": baseline,
            "ratio": round(value / baseline, 2) if baseline else None, "target": "<= 150 ms",
            "labour_days_of_the_case": days, "first_open_ms": round(opened[0], 1),
            "baseline_is": "dwelling_file (the Summary's one read, before the tabs)"}


def run() -> list[dict[str, object]]:
    return [case_file()]
