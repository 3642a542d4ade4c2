"""Logging to a rotating file in the user log directory, shared by the GUI and the CLI."""

import logging
import logging.handlers
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_handler: logging.handlers.RotatingFileHandler | None = None


def configure_logging(log_dir: Path, *, level: int = logging.INFO) -> Path:
    """Send records to `log_dir/shelter_app.log` (1 MB x 5 files); return the file's path.

    Calling it again with another folder moves the log there and closes the old file."""
    global _handler
    path = log_dir / "shelter_app.log"
    root = logging.getLogger()
    root.setLevel(level)
    if _handler is not None:
        if _handler.baseFilename == str(path.resolve()):
            return path
        root.removeHandler(_handler)
        _handler.close()
    log_dir.mkdir(parents=True, exist_ok=True)
    _handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    _handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(_handler)
    return path
