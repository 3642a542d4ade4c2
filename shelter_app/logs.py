"""Logging to a rotating file in the user log directory, shared by the GUI and the CLI."""

import logging
import logging.handlers
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send records to `log_dir/shelter_app.log` (1 MB x 5 files); return the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "shelter_app.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.setLevel(level)
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        root.addHandler(handler)
    return path
