"""Where the app keeps its files, and which database it opens.

The database defaults to a SQLite file in the user data directory; `--db` or the
SHELTER_APP_DB environment variable point elsewhere (another file or a PostgreSQL URL).
"""

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "shelter_app"
APP_AUTHOR = "Barinak"
DB_ENV = "SHELTER_APP_DB"
HOME_ENV = "SHELTER_APP_HOME"


@dataclass(frozen=True)
class Paths:
    """Folders for data and logs; SHELTER_APP_HOME puts both in one place. Photos and backups
    live beside their database file (Database.files_dir, services.backup.default_folder)."""

    data: Path
    logs: Path

    @property
    def default_db(self) -> Path:
        return self.data / "shelter.db"


def paths() -> Paths:
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home)
        return Paths(data=root / "data", logs=root / "logs")
    return Paths(
        data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


def database_target(cli_value: str | None) -> str:
    """The database the user asked for: --db, then the environment, then the default file."""
    return cli_value or os.environ.get(DB_ENV) or str(paths().default_db)
